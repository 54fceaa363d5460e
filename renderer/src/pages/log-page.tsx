// Runs in the renderer. 事件台账: filters (time range, category, level, unit, status, flag), full-text
// search, and a virtualized table over a server-side window, so 100,000 incidents scroll smoothly:
// only the rows in view are rendered and only their pages are fetched.
import { App, Button, DatePicker, Input, Select, Space, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { TZDate } from '@date-fns/tz';
import { CATEGORIES } from '../../../shared/domain/categories.js';
import { INCIDENT_STATUSES, type IncidentRow, type LogQuery } from '../../../shared/domain/incident.js';
import { LEVELS } from '../../../shared/domain/levels.js';
import { FLAG_CODES } from '../../../shared/domain/rules/flag.js';
import type { Unit } from '../../../shared/domain/unit.js';
import { api } from '../api.js';
import { downloadFile } from '../download.js';
import { IncidentDrawer } from '../components/incident-drawer.js';
import { useFmt } from '../components/incident-bits.js';
import { useApp } from '../i18n.js';
import '../incidents.css';

const PAGE = 100;
const ROW_HEIGHT = 40;
type Filters = Omit<LogQuery, 'offset' | 'limit'>;

function openIdFromHash(): number | null {
  const m = /^#\/log\/(\d+)/.exec(window.location.hash);
  return m ? Number(m[1]) : null;
}

/** One row; memoized so that scrolling re-renders only rows that enter the window. */
const LogRow = memo(function LogRow({ r, start, onOpen }: { r: IncidentRow | undefined; start: number; onOpen(id: number): void }) {
  const { t } = useApp();
  const fmt = useFmt();
  return (
    <div
      className="vlog-row"
      tabIndex={0}
      style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${start}px)` }}
      onClick={() => r && onOpen(r.id)}
      onKeyDown={(e) => e.key === 'Enter' && r && onOpen(r.id)}
      data-testid={r ? `log-row-${r.number}` : undefined}
    >
      {r ? (
        <>
          <span>{r.number}</span>
          <span>{fmt(r.occurredAt)}</span>
          <span>{t(`category.${r.category}`)}</span>
          <span>{r.responsibleUnit}</span>
          <span title={r.summary}>
            {r.place} <span className="vlog-muted">{r.summary}</span>
          </span>
          <span>
            <span className={`vlog-flag vlog-level-${r.currentLevel}`}>{t(`level.${r.currentLevel}`)}</span>
          </span>
          <span>{t(`incident.status.${r.status}`)}</span>
          <span>
            {/* Plain spans styled as tags: a row enters the window on every scroll, antd's Tag costs more. */}
            {r.flagCodes.map((c) => (
              <span key={c} className="vlog-flag">
                {t(`flag.code.${c}`)}
              </span>
            ))}
          </span>
        </>
      ) : (
        <span style={{ opacity: 0.4 }}>…</span>
      )}
    </div>
  );
});

/** The scrolling window: its own component so that scrolling does not re-render the filters. */
function VirtualBody({
  bodyRef,
  total,
  rows,
  needPages,
  onOpen,
}: {
  bodyRef: React.RefObject<HTMLDivElement | null>;
  total: number;
  rows: Map<number, IncidentRow>;
  needPages(pages: number[]): void;
  onOpen(id: number): void;
}) {
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => bodyRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    const pages: number[] = [];
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) pages.push(p);
    needPages(pages);
  }, [first, last, needPages]);
  return (
    <div ref={bodyRef} className="vlog-body" style={{ height: 'calc(100vh - 290px)', minHeight: 300 }}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((v) => (
          <LogRow key={v.key} r={rows.get(v.index)} start={v.start} onOpen={onOpen} />
        ))}
      </div>
    </div>
  );
}

export function LogPage() {
  const { t, settings } = useApp();
  const [filters, setFilters] = useState<Filters>({});
  const [query, setQuery] = useState('');
  const [total, setTotal] = useState(0);
  const [atLeast, setAtLeast] = useState(false);
  const { message } = App.useApp();
  const [exportYear, setExportYear] = useState(() => new Date().getFullYear());
  const [exporting, setExporting] = useState(false);
  // A year's log is written by a worker thread in the main process: the window stays responsive.
  const exportXlsx = async () => {
    setExporting(true);
    try {
      downloadFile(await api.incidents.exportYear({ year: exportYear }));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setExporting(false);
    }
  };
  const [rows, setRows] = useState<Map<number, IncidentRow>>(new Map());
  const [openId, setOpenId] = useState<number | null>(openIdFromHash);
  const [units, setUnits] = useState<Unit[]>([]);
  const generation = useRef(0);
  const loading = useRef(new Set<number>());
  const bodyRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<InputRef>(null);

  useEffect(() => {
    void api.units.list({ includeInactive: true }).then(setUnits, () => undefined);
    const on = () => setOpenId(openIdFromHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);

  const effective = useMemo<Filters>(() => ({ ...filters, query: query.trim() || undefined }), [filters, query]);

  const fetchPage = useCallback(
    async (page: number, gen: number) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      try {
        const r = await api.incidents.list({ ...effective, offset: page * PAGE, limit: PAGE });
        if (gen !== generation.current) return;
        setTotal(r.total);
        setAtLeast(r.atLeast === true);
        setRows((old) => {
          const next = new Map(old);
          r.rows.forEach((row, k) => next.set(page * PAGE + k, row));
          return next;
        });
      } finally {
        loading.current.delete(page);
      }
    },
    [effective],
  );

  // A new filter starts a new generation: old pages are dropped, answers in flight ignored.
  useEffect(() => {
    const id = setTimeout(() => {
      generation.current++;
      loading.current.clear();
      setRows(new Map());
      bodyRef.current?.scrollTo({ top: 0 });
      void fetchPage(0, generation.current);
    }, 200);
    return () => clearTimeout(id);
  }, [fetchPage]);

  const needPages = useCallback(
    (pages: number[]) => {
      for (const p of pages) if (!rows.has(p * PAGE)) void fetchPage(p, generation.current);
    },
    [rows, fetchPage],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && /INPUT|TEXTAREA|SELECT/.test(e.target.tagName);
      if (e.key === '/' && !typing) {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const open = useCallback((id: number) => void (window.location.hash = `#/log/${id}`), []);
  const dayStart = (d: { year(): number; month(): number; date(): number }) => new TZDate(d.year(), d.month(), d.date(), 0, 0, 0, 0, settings.timeZone).getTime();

  // The filters are not re-rendered when a page of rows arrives (only the list is).
  const toolbar = useMemo(
    () => (
          <Space wrap style={{ marginBottom: 12 }}>
            <Input.Search ref={searchRef} allowClear placeholder={t('log.search')} style={{ width: 280 }} value={query} onChange={(e) => setQuery(e.target.value)} data-testid="log-search" title="/" />
            <DatePicker.RangePicker
              placeholder={[t('log.range'), t('log.range')]}
              onChange={(v) =>
                setFilters((f) => ({
                  ...f,
                  from: v?.[0] ? dayStart(v[0]) : undefined,
                  to: v?.[1] ? dayStart(v[1]) + 86_400_000 : undefined,
                }))
              }
            />
            <Select allowClear placeholder={t('log.anyCategory')} style={{ width: 150 }} showSearch={{ optionFilterProp: 'label' }} value={filters.category} onChange={(v) => setFilters((f) => ({ ...f, category: v }))} options={CATEGORIES.map((c) => ({ value: c.code, label: t(`category.${c.code}`) }))} data-testid="log-category" />
            <Select allowClear placeholder={t('log.anyLevel')} style={{ width: 120 }} value={filters.level} onChange={(v) => setFilters((f) => ({ ...f, level: v }))} options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
            <Select allowClear placeholder={t('log.unit')} style={{ width: 160 }} showSearch value={filters.unit} onChange={(v) => setFilters((f) => ({ ...f, unit: v }))} options={units.map((u) => ({ value: u.name, label: u.name }))} data-testid="log-unit" />
            <Select allowClear placeholder={t('log.anyStatus')} style={{ width: 110 }} value={filters.status} onChange={(v) => setFilters((f) => ({ ...f, status: v }))} options={INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`incident.status.${s}`) }))} />
            <Select
              allowClear
              placeholder={t('log.anyFlag')}
              style={{ width: 150 }}
              value={filters.flag}
              onChange={(v) => setFilters((f) => ({ ...f, flag: v }))}
              options={[{ value: 'any', label: t('log.withFlags') }, ...FLAG_CODES.map((c) => ({ value: c, label: t(`flag.code.${c}`) }))]}
              data-testid="log-flag"
            />
            <Button onClick={() => (setFilters({}), setQuery(''))}>{t('log.reset')}</Button>
            <Space.Compact>
              <Select style={{ width: 100 }} value={exportYear} onChange={setExportYear} options={Array.from({ length: 11 }, (_, k) => new Date().getFullYear() - k).map((y) => ({ value: y, label: String(y) }))} data-testid="log-export-year" />
              <Button loading={exporting} onClick={() => void exportXlsx()} data-testid="log-export">
                {t('log.exportYear')}
              </Button>
            </Space.Compact>
          </Space>
    ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, query, filters, units, exportYear, exporting, settings.timeZone],
  );
  return (
    <div data-testid="log-page">
      <div className="page-title">
        <h2>{t('log.title')}</h2>
        <Typography.Text type="secondary" data-testid="log-count">
          {t(atLeast ? 'log.countAtLeast' : 'log.count', { count: total })}
        </Typography.Text>
      </div>
      {toolbar}
      <div className="vlog" data-testid="log-table">
        <div className="vlog-head">
          <span>{t('incident.number')}</span>
          <span>{t('incident.occurredAt')}</span>
          <span>{t('incident.category')}</span>
          <span>{t('incident.responsibleUnit')}</span>
          <span>{t('incident.place')}</span>
          <span>{t('incident.level')}</span>
          <span>{t('incident.status')}</span>
          <span>{t('incident.flags')}</span>
        </div>
        <VirtualBody bodyRef={bodyRef} total={total} rows={rows} needPages={needPages} onOpen={open} />
      </div>
      <IncidentDrawer
        id={openId}
        onClose={() => (window.location.hash = '#/log')}
        onChanged={() => {
          generation.current++;
          setRows(new Map());
          void fetchPage(0, generation.current);
        }}
      />
    </div>
  );
}
