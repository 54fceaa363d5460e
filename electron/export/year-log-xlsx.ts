// Runs in a worker thread (the app) and in plain Node (benchmarks, tests). A year's incident log
// (年度事件台账) as one print-ready sheet, streamed row by row through the sheet kit's streaming
// table: one line per report, under its incident's number, so tens of thousands of lines never sit
// in memory. Per cell only arithmetic and table reads: texts are translated once per code, the
// zone's offset is looked up twice per day of time, not per cell.
import type { YearLogDbRow, YearLogIncident } from '../db/repositories/incidents.js';
import { translate, type Locale, type MessageKey } from '../../shared/i18n/index.js';
import type { Column } from './sheet-kit.js';
import { streamTableWorkbook, type StreamTable } from './sheet-stream.js';

export interface YearLogOptions {
  locale: Locale;
  timeZone: string;
  bureauName: string;
  year: number;
  asOf: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
/** 'HH:mm' of every minute of a day, so a time of day is one array read. */
const CLOCK = Array.from({ length: 1440 }, (_, m) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`);

/**
 * 'yyyy-MM-dd HH:mm' in the zone. The zone's offset is read through one reused Intl formatter
 * only twice per day of time (its first and last minute): a day whose two offsets differ (a
 * clock change, at most one a day) is read minute by minute. Each local date's text is made
 * once; the time of day is arithmetic.
 */
export function zoneFormatter(timeZone: string): (ms: number | null) => string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
  const offsetAt = (at: number) => {
    const p = Object.fromEntries(parts.formatToParts(new Date(at)).map((x) => [x.type, Number(x.value)]));
    return Math.round((Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!) - Math.floor(at / MINUTE) * MINUTE) / MINUTE);
  };
  // UTC day → its offset in minutes, or NaN when the offset changes during that day.
  const dayOffsets = new Map<number, number>();
  const minuteOffsets = new Map<number, number>();
  const dates = new Map<number, string>();
  const offsetOf = (ms: number) => {
    const day = Math.floor(ms / DAY);
    let off = dayOffsets.get(day);
    if (off === undefined) {
      const first = offsetAt(day * DAY);
      dayOffsets.set(day, (off = first === offsetAt(day * DAY + DAY - MINUTE) ? first : NaN));
    }
    if (!Number.isNaN(off)) return off;
    const minute = Math.floor(ms / MINUTE);
    let exact = minuteOffsets.get(minute);
    if (exact === undefined) minuteOffsets.set(minute, (exact = offsetAt(minute * MINUTE)));
    return exact;
  };
  return (ms) => {
    if (ms === null) return '';
    const local = ms + offsetOf(ms) * MINUTE;
    const day = Math.floor(local / DAY);
    let date = dates.get(day);
    if (date === undefined) {
      const d = new Date(day * DAY);
      dates.set(day, (date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} `));
    }
    return date + CLOCK[Math.floor((local - day * DAY) / MINUTE)]!;
  };
}

/** The columns of the year log, each a plain function of the stored row; texts looked up once. */
export function yearLogColumns(opts: Pick<YearLogOptions, 'locale' | 'timeZone'>): Column<YearLogDbRow>[] {
  // One table per kind of code (category, level...): a code's text is translated on first use.
  const lookup = (prefix: string) => {
    const texts = new Map<string, string>();
    return (code: string) => {
      let v = texts.get(code);
      if (v === undefined) texts.set(code, (v = translate(opts.locale, `${prefix}${code}` as MessageKey)));
      return v;
    };
  };
  const t = lookup('');
  const category = lookup('category.');
  const level = lookup('level.');
  const status = lookup('incident.status.');
  const channel = lookup('channel.');
  const flag = lookup('flag.code.');
  const kind = lookup('reportKind.');
  const fmt = zoneFormatter(opts.timeZone);
  // An incident's flags come in few combinations: each combination's text is made once.
  const flagTexts = new Map<string, string>();
  const flags = (codes: string) => {
    let v = flagTexts.get(codes);
    if (v === undefined) flagTexts.set(codes, (v = codes ? codes.split(' ').map(flag).join('、') : ''));
    return v;
  };
  // '3 续报': per report kind, the labels by sequence number.
  const labels = new Map<string, string[]>();
  const report = (seq: number, code: string) => {
    let byKind = labels.get(code);
    if (byKind === undefined) labels.set(code, (byKind = []));
    return (byKind[seq] ??= `${seq} ${kind(code)}`);
  };
  // An incident's cells are the same on each of its report lines (which share its object): made
  // once, on its first line, and the very same value given to the rest.
  const perIncident = <V>(cell: (i: YearLogIncident) => V) => {
    let last: YearLogIncident | undefined;
    let value: V;
    return (r: YearLogDbRow) => (r.incident === last ? value : (value = cell((last = r.incident))));
  };
  return [
    { header: t('incident.number'), width: 11, value: perIncident((i) => i.number) },
    { header: t('incident.category'), width: 12, value: perIncident((i) => category(i.category)) },
    { header: t('incident.responsibleUnit'), width: 16, value: perIncident((i) => i.responsible_unit) },
    { header: t('incident.occurredAt'), width: 16, value: perIncident((i) => fmt(i.occurred_at)) },
    { header: t('incident.place'), width: 20, value: perIncident((i) => i.place) },
    { header: t('incident.level'), width: 8, value: perIncident((i) => level(i.current_level)), align: 'center' },
    { header: t('incident.status'), width: 8, value: perIncident((i) => status(i.status)), align: 'center' },
    { header: t('incident.flags'), width: 20, value: perIncident((i) => flags(i.flag_codes)) },
    { header: t('log.report'), width: 9, value: (r) => report(r.seq, r.kind) },
    { header: t('log.channel'), width: 8, value: (r) => channel(r.channel) },
    { header: t('log.fromUnit'), width: 16, value: (r) => r.from_unit },
    { header: t('log.receivedAt'), width: 16, value: (r) => fmt(r.received_at) },
    { header: t('incident.summary'), width: 36, value: (r) => r.summary ?? '' },
    { header: t('log.deaths'), width: 6, value: (r) => r.deaths, align: 'right' },
    { header: t('log.injured'), width: 6, value: (r) => r.injured, align: 'right' },
    { header: t('log.lossYuan'), width: 12, value: (r) => r.direct_loss_yuan, align: 'right' },
    // The natural-disaster figures: blank on every other line (only natural reports state them).
    { header: t('log.affected'), width: 8, value: (r) => r.affected, align: 'right' },
    { header: t('log.evacuated'), width: 8, value: (r) => r.evacuated, align: 'right' },
    { header: t('log.housesCollapsed'), width: 8, value: (r) => r.houses_collapsed, align: 'right' },
  ];
}

/** The year log's table as the streaming table describes it (every row's cells but the rows). */
export function yearLogTable(opts: YearLogOptions): { spec: Omit<StreamTable<YearLogDbRow>, 'rows'>; meta: { creator: string; created: Date } } {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(opts.locale, key, params);
  return {
    spec: {
      name: t('log.exportYearSheet'),
      title: t('log.exportYearTitle', { bureau: opts.bureauName, year: opts.year }),
      subtitle: [t('ledger.asOf', { at: zoneFormatter(opts.timeZone)(opts.asOf) })],
      columns: yearLogColumns(opts),
      emptyText: t('common.empty'),
      // The summary and the flags wrap (an incident late three ways names three flags).
      wrapColumns: [7, 12],
    },
    meta: { creator: opts.bureauName, created: new Date(opts.asOf) },
  };
}

/** Streams the year's log to `filename`; returns the number of lines written. */
export function writeYearLog(filename: string, rows: Iterable<YearLogDbRow>, opts: YearLogOptions): Promise<number> {
  const { spec, meta } = yearLogTable(opts);
  return streamTableWorkbook(filename, { ...spec, rows }, meta);
}
