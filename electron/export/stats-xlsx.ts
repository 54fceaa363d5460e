// Runs in Electron's main process and in plain Node. The period report as a print-ready Excel
// workbook through the one sheet kit: the overview by class, by category, by level and by unit,
// each against the same period last year; the unit timeliness ranking; the daily trend; the
// notices relayed (传达回执) where any came.
import ExcelJS from 'exceljs';
import { categoryClassOf } from '../../shared/domain/categories.js';
import { formatInZone } from '../../shared/domain/duty-day.js';
import { addCounts, changeOf, noticeStatLines, rateOf, zeroCounts, type Compared, type DayPoint, type NoticeStatLine, type PeriodReport, type RankingRow } from '../../shared/domain/stats.js';
import { NATURAL_FIGURE_KEYS } from '../../shared/domain/natural-figures.js';
import { translate, type Locale, type MessageKey } from '../../shared/i18n/index.js';
import { addTableSheet, workbookBuffer, type Column } from './sheet-kit.js';

export interface StatsWorkbookOptions {
  locale: Locale;
  bureauName: string;
}

/** One row of a comparison table: a label, the figures, and whether it is a (sub)total. */
interface Line extends Compared {
  label: string;
  total?: boolean;
}

const PCT = '0.0%';
const WAN = '#,##0.00';

export async function statsWorkbook(report: PeriodReport, opts: StatsWorkbookOptions): Promise<Buffer> {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(opts.locale, key, params);
  const title = t('stats.exportTitleRange', { bureau: opts.bureauName, ...report.range });
  const subtitle = [
    [
      t('stats.range', { ...report.range }),
      t('stats.lastYearRange', { ...report.lastYearRange }),
      ...(report.range.to !== report.requested.to ? [t('stats.toToday', { date: report.range.to })] : []),
    ].join('；'),
    `${t('stats.basisNote', { basis: t(`stats.basis.${report.basis}`), zone: report.timeZone })}；${t('stats.generatedAt', { at: formatInZone(report.generatedAt, report.timeZone) })}`,
  ];
  const none = t('stats.none');
  const wb = new ExcelJS.Workbook();
  wb.creator = opts.bureauName;
  wb.created = new Date(report.generatedAt);

  // The figures of a comparison table: incidents and deaths with their change; the rest side by side.
  const ratio = (cur: number, last: number) => changeOf(cur, last).ratio ?? none;
  const cur = t('stats.current');
  const last = t('stats.lastYear');
  const figureColumns: Column<Line>[] = [
    ...(['incidents', 'deaths'] as const).flatMap((k): Column<Line>[] => [
      { header: `${t(`stats.metric.${k}`)}\n${cur}`, width: 8, value: (r) => r.current[k], align: 'right' },
      { header: `${t(`stats.metric.${k}`)}\n${last}`, width: 8, value: (r) => r.lastYear[k], align: 'right' },
      { header: `${t(`stats.metric.${k}`)}\n${t('stats.delta')}`, width: 8, value: (r) => r.current[k] - r.lastYear[k], align: 'right' },
      { header: `${t(`stats.metric.${k}`)}\n${t('stats.ratio')}`, width: 9, value: (r) => ratio(r.current[k], r.lastYear[k]), align: 'right', numFmt: PCT },
    ]),
    ...(['missing', 'seriouslyInjured', 'injured'] as const).flatMap((k): Column<Line>[] => [
      { header: `${t(`stats.metric.${k}`)}\n${cur}`, width: 8, value: (r) => r.current[k], align: 'right' },
      { header: `${t(`stats.metric.${k}`)}\n${last}`, width: 8, value: (r) => r.lastYear[k], align: 'right' },
    ]),
    { header: `${t('stats.metric.directLossYuan')}\n${cur}`, width: 12, value: (r) => r.current.directLossYuan / 10_000, align: 'right', numFmt: WAN },
    { header: `${t('stats.metric.directLossYuan')}\n${last}`, width: 12, value: (r) => r.lastYear.directLossYuan / 10_000, align: 'right', numFmt: WAN },
  ];
  const comparison = (name: MessageKey, labelHeader: MessageKey, rows: Line[]) =>
    addTableSheet<Line>(wb, {
      name: t(name),
      title,
      subtitle,
      rows,
      emphasis: (r) => r.total === true,
      columns: [{ header: t(labelHeader), width: 20, value: (r) => r.label }, ...figureColumns],
    });
  const totalLine = (): Line => ({ label: t('stats.col.total'), ...report.total, total: true });

  /**
   * 自然灾害灾情: the natural-disaster incidents' 受灾人口, 紧急转移安置人口, 倒塌房屋 and 直接经济损失
   * (each the sum of their current figures) against last year's. Only the figures someone stated,
   * in either period; no sheet where nobody stated any.
   */
  function naturalSheet(): void {
    const { current, lastYear } = report.natural;
    type NaturalLine = { label: string; current: number | string; lastYear: number | string };
    const keys = [...NATURAL_FIGURE_KEYS, 'directLossYuan'] as const;
    const stated = keys.filter((k) => current[k] !== null || lastYear[k] !== null);
    if (stated.length === 0) return;
    const value = (v: number | null, k: (typeof keys)[number]) => (v === null ? t('stats.natural.none') : k === 'directLossYuan' ? Math.round(v / 100) / 100 : v);
    addTableSheet<NaturalLine>(wb, {
      name: t('stats.sheet.natural'),
      title: `${title} ${t('stats.natural.title')}`,
      subtitle,
      orientation: 'portrait',
      rows: [
        { label: t('stats.natural.incidents'), current: current.incidents, lastYear: lastYear.incidents },
        ...stated.map((k) => ({ label: t(`stats.natural.${k}`), current: value(current[k], k), lastYear: value(lastYear[k], k) })),
      ],
      columns: [
        { header: t('stats.natural.figure'), width: 26, value: (r) => r.label },
        { header: cur, width: 16, value: (r) => r.current, align: 'right' },
        { header: last, width: 16, value: (r) => r.lastYear, align: 'right' },
      ],
    });
  }

  /** 传达回执: the notices received in the period, relayed, confirmed and fed back (judged as of the report); none received, no sheet. */
  function noticeSheet(): void {
    if (report.notices.notices === 0) return;
    addTableSheet<NoticeStatLine>(wb, {
      name: t('stats.sheet.notices'),
      title: `${title} ${t('stats.notices.title')}`,
      subtitle,
      orientation: 'portrait',
      rows: noticeStatLines(report.notices),
      emphasis: (r) => r.sub !== true,
      columns: [
        { header: t('stats.notices.figure'), width: 30, value: (r) => `${r.sub ? '　' : ''}${t(`stats.notices.${r.key}`)}` },
        { header: t('stats.notices.value'), width: 12, value: (r) => (r.rate ? null : r.value), align: 'right' },
        { header: t('stats.notices.rate'), width: 12, value: (r) => (r.rate ? (r.value ?? none) : null), align: 'right', numFmt: PCT },
      ],
    });
  }

  comparison('stats.sheet.overview', 'stats.col.class', [
    totalLine(),
    ...report.byClass.map((r) => ({ label: t(`stats.class.${r.key}`), current: r.current, lastYear: r.lastYear })),
  ]);
  comparison('stats.sheet.category', 'stats.col.category', [
    ...report.byClass.flatMap((c) => {
      const own = report.byCategory.filter((r) => categoryClassOf(r.key) === c.key);
      if (own.length === 0) return [];
      return [
        { label: t('stats.col.subtotal', { name: t(`stats.class.${c.key}`) }), current: c.current, lastYear: c.lastYear, total: true },
        ...own.map((r) => ({ label: `　${t(`category.${r.key}`)}`, current: r.current, lastYear: r.lastYear })),
      ];
    }),
    totalLine(),
  ]);
  naturalSheet();
  comparison('stats.sheet.level', 'stats.col.level', [
    ...report.byLevel.map((r) => ({ label: `${r.key} ${t(`level.${r.key}`)}`, current: r.current, lastYear: r.lastYear })),
    totalLine(),
  ]);
  comparison('stats.sheet.unit', 'stats.col.unit', [...report.byUnit.map((r) => ({ label: r.key, current: r.current, lastYear: r.lastYear })), totalLine()]);

  const onTime = (k: 'first' | 'written' | 'followup'): Column<RankingRow>[] => [
    { header: `${t(`stats.rank.${k}`)}\n${t('stats.rank.onTimeDue')}`, width: 12, value: (r) => `${r[k].onTime}/${r[k].due}`, align: 'center' },
    { header: t(`stats.rank.${k}`), width: 10, value: (r) => rateOf(r[k]) ?? none, align: 'right', numFmt: PCT },
  ];
  const zero = (v: number | null) => v ?? none;
  addTableSheet<RankingRow>(wb, {
    name: t('stats.sheet.ranking'),
    title: `${title} ${t('stats.rank.title')}`,
    subtitle: [...subtitle, t('stats.rank.order')],
    rows: report.ranking,
    emptyText: t('stats.chart.empty'),
    columns: [
      { header: t('stats.rank.rank'), width: 6, value: (r) => r.rank ?? none, align: 'center' },
      { header: t('stats.rank.unit'), width: 22, value: (r) => r.unit },
      { header: t('stats.rank.incidents'), width: 7, value: (r) => r.incidents, align: 'right' },
      ...onTime('first'),
      ...onTime('written'),
      ...onTime('followup'),
      { header: t('stats.rank.rate'), width: 10, value: (r) => r.rate ?? none, align: 'right', numFmt: PCT },
      { header: `${t('stats.rank.confirmed')}\n${t('stats.rank.late')}`, width: 8, value: (r) => r.confirmed.late, align: 'right' },
      { header: `${t('stats.rank.confirmed')}\n${t('stats.rank.omitted')}`, width: 8, value: (r) => r.confirmed.omitted, align: 'right' },
      { header: `${t('stats.rank.confirmed')}\n${t('stats.rank.falsified')}`, width: 8, value: (r) => r.confirmed.falsified, align: 'right' },
      { header: `${t('stats.rank.confirmed')}\n${t('stats.rank.concealed')}`, width: 8, value: (r) => r.confirmed.concealed, align: 'right' },
      { header: t('stats.rank.zeroMissing'), width: 9, value: (r) => zero(r.zeroMissing), align: 'right' },
      { header: t('stats.rank.zeroLate'), width: 9, value: (r) => zero(r.zeroLate), align: 'right' },
    ],
  });

  // The daily trend: day k of this period beside day k of last year's (a leap day shifts one side).
  type TrendLine = { current: DayPoint | undefined; lastYear: DayPoint | undefined; total?: boolean };
  const days = Math.max(report.trend.current.length, report.trend.lastYear.length);
  const sum = (points: DayPoint[]) => points.reduce((a, p) => addCounts(a, { ...zeroCounts(), incidents: p.incidents, deaths: p.deaths }), zeroCounts());
  const trendRows: TrendLine[] = Array.from({ length: days }, (_, k) => ({ current: report.trend.current[k], lastYear: report.trend.lastYear[k] }));
  const totalsNow = sum(report.trend.current);
  const totalsBefore = sum(report.trend.lastYear);
  trendRows.push({
    current: { date: t('stats.col.total'), incidents: totalsNow.incidents, deaths: totalsNow.deaths },
    lastYear: { date: t('stats.col.total'), incidents: totalsBefore.incidents, deaths: totalsBefore.deaths },
    total: true,
  });
  addTableSheet<TrendLine>(wb, {
    name: t('stats.sheet.trend'),
    // A portrait page is narrower: the range is in the first subtitle line.
    title: t('stats.exportTitle', { bureau: opts.bureauName }),
    subtitle,
    rows: trendRows,
    orientation: 'portrait',
    emphasis: (r) => r.total === true,
    columns: [
      { header: t('stats.col.date'), width: 14, value: (r) => r.current?.date ?? '', align: 'center' },
      { header: `${t('stats.metric.incidents')}\n${cur}`, width: 10, value: (r) => r.current?.incidents ?? null, align: 'right' },
      { header: `${t('stats.metric.deaths')}\n${cur}`, width: 10, value: (r) => r.current?.deaths ?? null, align: 'right' },
      { header: t('stats.col.lastYearDate'), width: 16, value: (r) => r.lastYear?.date ?? '', align: 'center' },
      { header: `${t('stats.metric.incidents')}\n${last}`, width: 10, value: (r) => r.lastYear?.incidents ?? null, align: 'right' },
      { header: `${t('stats.metric.deaths')}\n${last}`, width: 10, value: (r) => r.lastYear?.deaths ?? null, align: 'right' },
    ],
  });
  noticeSheet();
  return workbookBuffer(wb);
}
