// Runs in the renderer. 统计分析: a month, quarter, year or any range (this month by default);
// figure cards against the same period last year, the daily trend, incidents by category and by
// unit, the 24-hour clock of when they happen, the unit timeliness ranking, the natural-disaster
// figures where any were stated, and the Excel export.
import { ArrowDownOutlined, ArrowUpOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { formatInZone } from '../../../shared/domain/duty-day.js';
import { naturalTotalsText, type NaturalTotals } from '../../../shared/domain/natural-figures.js';
import {
  bothDown,
  changeOf,
  monthRange,
  noticeStatLines,
  periodContaining,
  quarterRange,
  rateOf,
  yearRange,
  type CountKey,
  type DateRange,
  type DayBasis,
  type OnTime,
  type PeriodKind,
  type PeriodReport,
  type RankingRow,
} from '../../../shared/domain/stats.js';
import { api } from '../api.js';
import { BarChart, type BarRow } from '../components/charts/bar-chart.js';
import { ClockChart } from '../components/charts/clock-chart.js';
import { Legend } from '../components/charts/legend.js';
import { TrendChart, trendBuckets } from '../components/charts/trend-chart.js';
import { downloadFile } from '../download.js';
import { useApp, type T } from '../i18n.js';
import '../stats.css';
import { serverNow } from '../clock.js';

/** Bars shown by category and by unit; the workbook lists them all. */
const TOP_N = 10;
const CARD_KEYS: CountKey[] = ['incidents', 'deaths', 'missing', 'seriouslyInjured', 'injured', 'directLossYuan'];

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
const wan = (yuan: number) => (yuan / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/** The change against last year; fewer incidents and casualties is good news (green). */
function Change({ current, lastYear, t }: { current: number; lastYear: number; t: T }) {
  const { delta, ratio } = changeOf(current, lastYear);
  if (delta === 0) return <span className="stat-change flat">{t('stats.flat')}</span>;
  const text = ratio === null ? t('stats.newThisYear') : `${Math.abs(ratio * 100).toFixed(1)}%`;
  return (
    <span className={`stat-change ${delta > 0 ? 'up' : 'down'}`}>
      {delta > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {delta > 0 ? t('stats.up', { value: text }) : t('stats.down', { value: text })}
    </span>
  );
}

function OnTimeCell({ o, t }: { o: OnTime; t: T }) {
  const r = rateOf(o);
  return (
    <span className={r !== null && r < 0.8 ? 'rate-low' : undefined}>
      {pct(r)} <Typography.Text type="secondary">{t('stats.rank.onTimeOf', { onTime: o.onTime, due: o.due })}</Typography.Text>
    </span>
  );
}

export function StatsPage() {
  const { t, settings } = useApp();
  const { message } = App.useApp();
  const today = formatInZone(serverNow(), settings.timeZone, 'yyyy-MM-dd');
  const thisYear = Number(today.slice(0, 4));
  const [kind, setKind] = useState<PeriodKind>('month');
  const [year, setYear] = useState(thisYear);
  const [month, setMonth] = useState(Number(today.slice(5, 7)));
  const [quarter, setQuarter] = useState(Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1);
  const [custom, setCustom] = useState<DateRange>(() => periodContaining('month', today));
  const [basis, setBasis] = useState<DayBasis>('calendar');
  const [report, setReport] = useState<PeriodReport | null>(null);
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState(false);

  const range = useMemo<DateRange>(() => {
    if (kind === 'month') return monthRange(year, month);
    if (kind === 'quarter') return quarterRange(year, quarter as 1 | 2 | 3 | 4);
    if (kind === 'year') return yearRange(year);
    return custom;
  }, [kind, year, month, quarter, custom]);

  /** Runs a call with its busy flag up, telling the officer what went wrong. */
  const busy = useCallback(
    async (setBusy: (b: boolean) => void, call: () => Promise<void>) => {
      setBusy(true);
      try {
        await call();
      } catch (e) {
        message.error((e as Error).message);
      } finally {
        setBusy(false);
      }
    },
    [message],
  );
  useEffect(() => void busy(setLoading, async () => setReport(await api.stats.period({ ...range, basis }))), [busy, range, basis]);
  const exportXlsx = () => busy(setExporting, async () => downloadFile(await api.stats.export({ ...range, basis })));

  const years = Array.from({ length: 11 }, (_, k) => thisYear - k).map((y) => ({ value: y, label: t('stats.yearN', { year: y }) }));
  const categoryRows: BarRow[] = useMemo(
    () =>
      (report?.byCategory ?? [])
        .filter((r) => r.current.incidents > 0 || r.lastYear.incidents > 0)
        .map((r) => ({ key: r.key, label: t(`category.${r.key}`), current: r.current.incidents, lastYear: r.lastYear.incidents }))
        .sort((a, b) => b.current - a.current || b.lastYear - a.lastYear)
        .slice(0, TOP_N),
    [report, t],
  );
  const unitRows: BarRow[] = useMemo(
    () => (report?.byUnit ?? []).slice(0, TOP_N).map((r) => ({ key: r.key, label: r.key, current: r.current.incidents, lastYear: r.lastYear.incidents })),
    [report],
  );
  const classRows: BarRow[] = useMemo(
    () => (report?.byClass ?? []).map((r) => ({ key: r.key, label: t(`stats.class.${r.key}`), current: r.current.incidents, lastYear: r.lastYear.incidents })),
    [report, t],
  );
  const levelRows: BarRow[] = useMemo(
    () => (report?.byLevel ?? []).map((r) => ({ key: r.key, label: `${r.key} ${t(`level.${r.key}`)}`, current: r.current.incidents, lastYear: r.lastYear.incidents })),
    [report, t],
  );
  const buckets = useMemo(() => (report ? trendBuckets(report.trend.current, report.trend.lastYear, (m) => t('stats.monthN', { month: m })) : []), [report, t]);
  const peak = report?.byHour.reduce((a, h) => (h.incidents > a.incidents ? h : a), report.byHour[0]!);
  const barText = (r: BarRow) => t('stats.chart.barValue', { name: r.label, current: r.current, last: r.lastYear });
  const zero = (v: number | null) => (v === null ? <Tooltip title={t('stats.rank.zeroUntracked')}>—</Tooltip> : v);

  return (
    <div data-testid="stats-page" className="stats-page">
      <div className="page-title">
        <h2>{t('stats.title')}</h2>
        <Typography.Text type="secondary">{t('stats.subtitle')}</Typography.Text>
      </div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          data-testid="stats-kind"
          value={kind}
          onChange={(v) => setKind(v as PeriodKind)}
          options={(['month', 'quarter', 'year', 'custom'] as const).map((k) => ({ value: k, label: t(`stats.kind.${k}`) }))}
        />
        {kind !== 'custom' && <Select data-testid="stats-year" aria-label={t('stats.kind.year')} value={year} onChange={setYear} options={years} style={{ width: 110 }} />}
        {(kind === 'month' || kind === 'quarter') && (
          <Select
            data-testid={`stats-${kind}`}
            aria-label={t(`stats.kind.${kind}`)}
            value={kind === 'month' ? month : quarter}
            onChange={kind === 'month' ? setMonth : setQuarter}
            style={{ width: 120 }}
            options={
              kind === 'month'
                ? Array.from({ length: 12 }, (_, k) => ({ value: k + 1, label: t('stats.monthN', { month: k + 1 }) }))
                : [1, 2, 3, 4].map((q) => ({ value: q, label: t('stats.quarterN', { quarter: q }) }))
            }
          />
        )}
        {kind === 'custom' && (
          <DatePicker.RangePicker
            allowClear={false}
            placeholder={[custom.from, custom.to]}
            onChange={(v) => {
              const [a, b] = v ?? [];
              if (a && b) setCustom({ from: a.format('YYYY-MM-DD'), to: b.format('YYYY-MM-DD') });
            }}
          />
        )}
        <Segmented
          data-testid="stats-basis"
          value={basis}
          onChange={(v) => setBasis(v as DayBasis)}
          options={(['calendar', 'duty'] as const).map((b) => ({ value: b, label: t(`stats.basis.${b}`) }))}
        />
        <Button type="primary" icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="stats-export">
          {t('stats.export')}
        </Button>
      </Space>
      <div className="stats-range" data-testid="stats-range-text">
        <strong>{t('stats.range', { ...(report?.range ?? range) })}</strong>
        {report && report.range.to !== report.requested.to && <Tag color="blue">{t('stats.toToday', { date: report.range.to })}</Tag>}
        {report && <Typography.Text type="secondary">{t('stats.lastYearRange', { ...report.lastYearRange })}</Typography.Text>}
        {report && (bothDown(report.total) ? <Tag color="green">{t('stats.bothDown')}</Tag> : <Tag color="orange">{t('stats.notBothDown')}</Tag>)}
      </div>

      <div className="stat-cards" role="group" aria-label={t('stats.cardsLabel')} data-testid="stats-cards">
        {CARD_KEYS.map((k) => {
          const cur = report?.total.current[k] ?? 0;
          const last = report?.total.lastYear[k] ?? 0;
          const show = (v: number) => (k === 'directLossYuan' ? wan(v) : v.toLocaleString('zh-CN'));
          return (
            <Card key={k} size="small" loading={!report} className="stat-card" data-testid={`stats-card-${k}`}>
              <div className="stat-label">{t(`stats.metric.${k}`)}</div>
              <div className="stat-value">{show(cur)}</div>
              <div className="stat-foot">
                <span>
                  {t('stats.lastYear')} {show(last)}
                </span>
                <Change current={cur} lastYear={last} t={t} />
              </div>
            </Card>
          );
        })}
      </div>

      {report && <NaturalFigures natural={report.natural} />}
      {report && <NoticeFigures notices={report.notices} />}

      <Card size="small" title={buckets.length && report && report.trend.current.length > 92 ? t('stats.chart.trendMonthly') : t('stats.chart.trend')} className="stats-card-wide" loading={loading && !report}>
        <TrendChart
          testId="stats-trend"
          buckets={buckets}
          title={t('stats.chart.trend')}
          description={t('stats.chart.trendDesc')}
          legend={{ current: t('stats.current'), lastYear: t('stats.lastYear') }}
          valueText={(b) => t('stats.chart.dayValue', { date: b.currentLabel, current: b.current, last: b.lastYear ?? '—' })}
        />
      </Card>

      <div className="stats-grid">
        <Card size="small" title={t('stats.chart.category', { n: TOP_N })}>
          <BarChart testId="stats-by-category" rows={categoryRows} title={t('stats.chart.category', { n: TOP_N })} valueText={barText} emptyText={t('stats.chart.empty')} />
        </Card>
        <Card size="small" title={t('stats.chart.clock')} extra={peak && peak.incidents > 0 ? <Typography.Text type="secondary">{t('stats.chart.peak', { from: peak.hour, to: peak.hour + 1, count: peak.incidents })}</Typography.Text> : null}>
          {report && (
            <ClockChart
              testId="stats-clock"
              hours={report.byHour}
              title={t('stats.chart.clock')}
              description={peak && peak.incidents > 0 ? `${t('stats.chart.clockDesc')}; ${t('stats.chart.peak', { from: peak.hour, to: peak.hour + 1, count: peak.incidents })}` : t('stats.chart.clockDesc')}
              centerLabel={t('stats.chart.clockCenter')}
              hourText={(h) => t('stats.chart.hourValue', { from: h.hour, to: h.hour + 1, count: h.incidents, deaths: h.deaths })}
            />
          )}
        </Card>
        <Card size="small" title={t('stats.chart.unit', { n: TOP_N })}>
          <BarChart testId="stats-by-unit" rows={unitRows} title={t('stats.chart.unit', { n: TOP_N })} valueText={barText} emptyText={t('stats.chart.empty')} />
        </Card>
        <Card size="small" title={t('stats.chart.classLevel')}>
          <BarChart testId="stats-by-class" rows={classRows} title={t('stats.chart.class')} valueText={barText} emptyText={t('stats.chart.empty')} />
          <BarChart testId="stats-by-level" rows={levelRows} title={t('stats.chart.level')} valueText={barText} emptyText={t('stats.chart.empty')} />
          <Legend current={t('stats.current')} lastYear={t('stats.lastYear')} />
        </Card>
      </div>

      <Card size="small" title={t('stats.rank.title')} extra={<Typography.Text type="secondary">{t('stats.rank.order')}</Typography.Text>} className="stats-card-wide">
        <Table<RankingRow>
          data-testid="stats-ranking"
          rowKey="unit"
          size="small"
          loading={loading}
          pagination={false}
          dataSource={report?.ranking ?? []}
          columns={[
            { title: t('stats.rank.rank'), dataIndex: 'rank', width: 64, align: 'center', render: (r: number | null) => (r === null ? '—' : r <= 3 ? <Tag color="gold">{r}</Tag> : r) },
            { title: t('stats.rank.unit'), dataIndex: 'unit', width: 190, render: (u: string) => <strong>{u}</strong> },
            { title: t('stats.rank.incidents'), dataIndex: 'incidents', width: 80, align: 'right' },
            { title: t('stats.rank.first'), key: 'first', width: 130, render: (_: unknown, r) => <OnTimeCell o={r.first} t={t} /> },
            { title: t('stats.rank.written'), key: 'written', width: 150, render: (_: unknown, r) => <OnTimeCell o={r.written} t={t} /> },
            { title: t('stats.rank.followup'), key: 'followup', width: 130, render: (_: unknown, r) => <OnTimeCell o={r.followup} t={t} /> },
            { title: t('stats.rank.rate'), dataIndex: 'rate', width: 110, align: 'right', render: (r: number | null) => <strong>{pct(r)}</strong> },
            {
              title: t('stats.rank.confirmed'),
              key: 'confirmed',
              width: 170,
              render: (_: unknown, r) =>
                r.confirmedTotal === 0
                  ? '—'
                  : (['late', 'omitted', 'falsified', 'concealed'] as const)
                      .filter((k) => r.confirmed[k] > 0)
                      .map((k) => (
                        <Tag key={k} color={k === 'late' ? 'orange' : 'red'}>
                          {t(`stats.rank.${k}`)} {r.confirmed[k]}
                        </Tag>
                      )),
            },
            { title: t('stats.rank.zeroMissing'), dataIndex: 'zeroMissing', width: 100, align: 'right', render: zero },
            { title: t('stats.rank.zeroLate'), dataIndex: 'zeroLate', width: 100, align: 'right', render: zero },
          ]}
        />
      </Card>
    </div>
  );
}

/**
 * 自然灾害灾情: what the natural-disaster incidents stated (受灾人口, 紧急转移安置, 倒塌房屋, 直接经济损失),
 * this period and last year; only the figures someone stated, and nothing where nobody stated any.
 */
function NaturalFigures({ natural }: { natural: PeriodReport['natural'] }) {
  const { t } = useApp();
  const line = (n: NaturalTotals) => {
    const figures = naturalTotalsText(t, n);
    return figures ? t('stats.natural.line', { n: n.incidents, figures }) : t('stats.natural.none');
  };
  if (!naturalTotalsText(t, natural.current) && !naturalTotalsText(t, natural.lastYear)) return null;
  return (
    <Card size="small" title={t('stats.natural.title')} className="stats-card-wide" data-testid="stats-natural">
      <div data-testid="stats-natural-current">
        <strong>{t('stats.current')}</strong> {line(natural.current)}
      </div>
      <Typography.Text type="secondary" data-testid="stats-natural-last-year">
        {t('stats.lastYear')} {line(natural.lastYear)}
      </Typography.Text>
    </Card>
  );
}

/** 传达回执: the notices received in the period, relayed, confirmed and fed back, judged as of the report. */
function NoticeFigures({ notices }: { notices: PeriodReport['notices'] }) {
  const { t } = useApp();
  return (
    <Card size="small" title={t('stats.notices.title')} className="stats-card-wide" data-testid="stats-notices">
      {notices.notices === 0 ? (
        <Typography.Text type="secondary">{t('stats.notices.none')}</Typography.Text>
      ) : (
        <div className="stats-notice-lines">
          {noticeStatLines(notices).map((l) => (
            <span key={l.key} data-testid={`stats-notices-${l.key}`} style={{ marginRight: 16, whiteSpace: 'nowrap' }}>
              {l.sub ? <Typography.Text type="secondary">{t(`stats.notices.${l.key}`)}</Typography.Text> : <strong>{t(`stats.notices.${l.key}`)}</strong>}{' '}
              {l.rate ? (
                <>
                  {pct(l.value)} <Typography.Text type="secondary">{t('stats.notices.relayRateOf', { ...notices.relayOnTime })}</Typography.Text>
                </>
              ) : (
                l.value
              )}
            </span>
          ))}
        </div>
      )}
    </Card>
  );
}
