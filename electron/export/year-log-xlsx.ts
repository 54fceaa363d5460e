// Runs in a worker thread (the app) and in plain Node (benchmarks, tests). A year's incident log
// (年度事件台账) as one print-ready sheet, streamed row by row through the sheet kit's streaming
// table: one line per report, under its incident's number, so tens of thousands of lines never sit
// in memory. Times are formatted with the zone's offset looked up once per hour, not per cell.
import type { YearLogDbRow } from '../db/repositories/incidents.js';
import { translate, type Locale, type MessageKey } from '../../shared/i18n/index.js';
import type { Column } from './sheet-kit.js';
import { streamTableWorkbook } from './sheet-stream.js';

export interface YearLogOptions {
  locale: Locale;
  timeZone: string;
  bureauName: string;
  year: number;
  asOf: number;
}

const HOUR = 3_600_000;
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * 'yyyy-MM-dd HH:mm' in the zone. The zone's offset is read once per hour of time (zones change
 * offset on the hour) through one reused Intl formatter; the rest is arithmetic.
 */
export function zoneFormatter(timeZone: string): (ms: number | null) => string {
  const offsets = new Map<number, number>();
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
  const offsetAt = (at: number) => {
    const p = Object.fromEntries(parts.formatToParts(new Date(at)).map((x) => [x.type, Number(x.value)]));
    return Math.round((Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!) - Math.floor(at / 60_000) * 60_000) / 60_000);
  };
  return (ms) => {
    if (ms === null) return '';
    const h = Math.floor(ms / HOUR);
    let off = offsets.get(h);
    if (off === undefined) offsets.set(h, (off = offsetAt(h * HOUR)));
    const d = new Date(ms + off * 60_000);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  };
}

/** The columns of the year log, each a plain function of the stored row. */
export function yearLogColumns(opts: Pick<YearLogOptions, 'locale' | 'timeZone'>): Column<YearLogDbRow>[] {
  const cache = new Map<string, string>();
  const t = (key: string) => {
    let v = cache.get(key);
    if (v === undefined) cache.set(key, (v = translate(opts.locale, key as MessageKey)));
    return v;
  };
  const fmt = zoneFormatter(opts.timeZone);
  const flags = (codes: string) => (codes ? codes.split(' ').map((c) => t(`flag.code.${c}`)).join('、') : '');
  return [
    { header: t('incident.number'), width: 11, value: (r) => r.number },
    { header: t('incident.category'), width: 12, value: (r) => t(`category.${r.category}`) },
    { header: t('incident.responsibleUnit'), width: 16, value: (r) => r.responsible_unit },
    { header: t('incident.occurredAt'), width: 16, value: (r) => fmt(r.occurred_at) },
    { header: t('incident.place'), width: 20, value: (r) => r.place },
    { header: t('incident.level'), width: 8, value: (r) => t(`level.${r.current_level}`), align: 'center' },
    { header: t('incident.status'), width: 8, value: (r) => t(`incident.status.${r.status}`), align: 'center' },
    { header: t('incident.flags'), width: 16, value: (r) => flags(r.flag_codes) },
    { header: t('log.report'), width: 9, value: (r) => `${r.seq} ${t(`reportKind.${r.kind}`)}` },
    { header: t('log.channel'), width: 8, value: (r) => t(`channel.${r.channel}`) },
    { header: t('log.fromUnit'), width: 16, value: (r) => r.from_unit },
    { header: t('log.receivedAt'), width: 16, value: (r) => fmt(r.received_at) },
    { header: t('incident.summary'), width: 36, value: (r) => r.summary ?? '' },
    { header: t('log.deaths'), width: 6, value: (r) => r.deaths, align: 'right' },
    { header: t('log.injured'), width: 6, value: (r) => r.injured, align: 'right' },
    { header: t('log.lossYuan'), width: 12, value: (r) => r.direct_loss_yuan, align: 'right' },
  ];
}

/** Streams the year's log to `filename`; returns the number of lines written. */
export function writeYearLog(filename: string, rows: Iterable<YearLogDbRow>, opts: YearLogOptions): Promise<number> {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(opts.locale, key, params);
  return streamTableWorkbook(
    filename,
    {
      name: t('log.exportYearSheet'),
      title: t('log.exportYearTitle', { bureau: opts.bureauName, year: opts.year }),
      subtitle: [t('ledger.asOf', { at: zoneFormatter(opts.timeZone)(opts.asOf) })],
      columns: yearLogColumns(opts),
      rows,
      emptyText: t('common.empty'),
      wrapColumns: [12],
    },
    { creator: opts.bureauName, created: new Date(opts.asOf) },
  );
}
