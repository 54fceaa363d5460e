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
import { LIVE_TABLES, useLiveRefresh } from '../live.js';
import { downloadFile } from '../download.js';
import { IncidentDrawer } from '../components/incident-drawer.js';
import { formatInZone } from '../../../shared/domain/duty-day.js';
import { useApp } from '../i18n.js';
import '../incidents.css';
import { serverNow } from '../clock.js';

const PAGE = 100;
const ROW_HEIGHT = 40;
const OVERSCAN = 3;
/**
 * Pages of rows kept in memory, the most recently arrived: scrolling a decade's log end to end
 * otherwise kept all 100,000 rows (~40 MB) for as long as the page stayed open. A page scrolled
 * back to is fetched again (a few ms).
 */
const PAGES_KEPT = 30;
type Filters = Omit<LogQuery, 'offset' | 'limit'>;

function openIdFromHash(): number | null {
  const m = /^#\/log\/(\d+)/.exec(window.location.hash);
  return m ? Number(m[1]) : null;
}

/** What a row shows, formatted once when its page arrives (not on every render of the window). */
interface RowCells {
  id: number;
  number: string;
  occurred: string;
  category: string;
  unit: string;
  place: string;
  summary: string;
  level: string;
  levelLabel: string;
  status: string;
  flags: string[];
}

/**
 * One row. The window keys its rows by slot, not by incident, and every row has the same eight
 * cells whether its data has arrived or not: a jump across the list then patches text in the nodes
 * already there instead of tearing rows down and building new ones (the measured cost of a jump).
 */
const LogRow = memo(function LogRow({ c, start, onOpen }: { c: RowCells | undefined; start: number; onOpen(id: number): void }) {
  return (
    <div
      className="vlog-row"
      tabIndex={0}
      style={{ transform: `translateY(${start}px)` }}
      onClick={() => c && onOpen(c.id)}
      onKeyDown={(e) => e.key === 'Enter' && c && onOpen(c.id)}
      data-testid={c ? `log-row-${c.number}` : undefined}
    >
      <span className={c ? undefined : 'vlog-muted'}>{c ? c.number : '…'}</span>
      <span>{c?.occurred}</span>
      <span>{c?.category}</span>
      <span>{c?.unit}</span>
      <span title={c?.summary}>
        {c?.place} <span className="vlog-muted">{c?.summary}</span>
      </span>
      <span>{c && <span className={`vlog-flag vlog-level-${c.level}`}>{c.levelLabel}</span>}</span>
      <span>{c?.status}</span>
      <span>
        {/* Plain spans styled as tags: a row enters the window on every scroll, antd's Tag costs more. */}
        {c?.flags.map((f) => (
          <span key={f} className="vlog-flag">
            {f}
          </span>
        ))}
      </span>
    </div>
  );
});

/** The scrolling window: its own component so that scrolling does not re-render the filters. */
function VirtualBody({
  bodyRef,
  total,
  rows,
  version,
  needPages,
  onOpen,
}: {
  bodyRef: React.RefObject<HTMLDivElement | null>;
  total: number;
  rows: Map<number, RowCells>;
  /** Bumped when pages arrive: `rows` is one map filled in place, not copied per page. */
  version: number;
  needPages(pages: number[]): void;
  onOpen(id: number): void;
}) {
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => bodyRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
  });
  const items = virtualizer.getVirtualItems();
  // Slots: index mod the most rows ever in view. An index keeps its key while it stays in view,
  // no two rows in view share one, and after a jump the new rows land on the old rows' nodes.
  const slots = useRef(1);
  slots.current = Math.max(slots.current, items.length);
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    const pages: number[] = [];
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) pages.push(p);
    needPages(pages);
  }, [first, last, needPages, version]);
  return (
    <div ref={bodyRef} className="vlog-body" style={{ height: 'calc(100vh - 290px)', minHeight: 300 }}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((v) => (
          <LogRow key={v.index % slots.current} c={rows.get(v.index)} start={v.start} onOpen={onOpen} />
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
  const [exportYear, setExportYear] = useState(() => Number(formatInZone(serverNow(), settings.timeZone, 'yyyy')));
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
  // Rows by index, filled in place as pages arrive; `version` tells the window to look again.
  const rows = useRef(new Map<number, RowCells>());
  // The pages in `rows`, oldest first.
  const kept = useRef<number[]>([]);
  const [version, setVersion] = useState(0);
  const clearRows = () => {
    rows.current = new Map();
    kept.current = [];
    setVersion((v) => v + 1);
  };
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

  const cellsOf = useCallback(
    (r: IncidentRow): RowCells => ({
      id: r.id,
      number: r.number,
      occurred: formatInZone(r.occurredAt, settings.timeZone, 'yyyy-MM-dd HH:mm'),
      category: t(`category.${r.category}`),
      unit: r.responsibleUnit,
      place: r.place,
      summary: r.summary,
      level: r.currentLevel,
      levelLabel: t(`level.${r.currentLevel}`),
      status: t(`incident.status.${r.status}`),
      flags: r.flagCodes.map((c) => t(`flag.code.${c}`)),
    }),
    [t, settings.timeZone],
  );
  // Typing waits for a pause (200 ms) before it searches; filters and the first page do not wait.
  const [typed, setTyped] = useState('');
  useEffect(() => {
    const id = setTimeout(() => setTyped(query.trim()), 200);
    return () => clearTimeout(id);
  }, [query]);
  const effective = useMemo<Filters>(() => ({ ...filters, query: typed || undefined }), [filters, typed]);

  const fetchPage = useCallback(
    async (page: number, gen: number) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      try {
        const r = await api.incidents.list({ ...effective, offset: page * PAGE, limit: PAGE });
        if (gen !== generation.current) return;
        setTotal(r.total);
        setAtLeast(r.atLeast === true);
        r.rows.forEach((row, k) => rows.current.set(page * PAGE + k, cellsOf(row)));
        kept.current.push(page);
        while (kept.current.length > PAGES_KEPT) {
          const old = kept.current.shift()!;
          for (let k = 0; k < PAGE; k++) rows.current.delete(old * PAGE + k);
        }
        setVersion((v) => v + 1);
      } finally {
        loading.current.delete(page);
      }
    },
    [effective, cellsOf],
  );

  // A new filter starts a new generation: old pages are dropped, answers in flight ignored.
  useEffect(() => {
    generation.current++;
    loading.current.clear();
    clearRows();
    bodyRef.current?.scrollTo({ top: 0 });
    void fetchPage(0, generation.current);
  }, [fetchPage]);

  // A write anywhere in the room (another seat's intake, a review, the rules clock): the pages held
  // are read again in place, the scroll and the open drawer kept.
  useLiveRefresh(LIVE_TABLES.incidents, () => {
    const pages = kept.current.length > 0 ? [...kept.current] : [0];
    kept.current = [];
    for (const p of pages) void fetchPage(p, generation.current);
  });

  const needPages = useCallback(
    (pages: number[]) => {
      // A page read is kept even when it holds no rows (an empty log): it is not asked for again.
      for (const p of pages) if (!kept.current.includes(p) && !rows.current.has(p * PAGE)) void fetchPage(p, generation.current);
    },
    [fetchPage],
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
              <Select style={{ width: 100 }} value={exportYear} onChange={setExportYear} options={Array.from({ length: 11 }, (_, k) => Number(formatInZone(serverNow(), settings.timeZone, 'yyyy')) - k).map((y) => ({ value: y, label: String(y) }))} data-testid="log-export-year" />
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
        <VirtualBody bodyRef={bodyRef} total={total} rows={rows.current} version={version} needPages={needPages} onOpen={open} />
      </div>
      <IncidentDrawer
        id={openId}
        onClose={() => (window.location.hash = '#/log')}
        onChanged={() => {
          generation.current++;
          clearRows();
          void fetchPage(0, generation.current);
        }}
      />
    </div>
  );
}
