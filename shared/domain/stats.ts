// Pure domain code: runs anywhere (renderer, main, CLI, tests). The period report (统计分析):
// which dates a month, quarter or year covers, the same range last year, an incident's current
// figures, the change against last year, and the one order of the unit timeliness ranking.
import type { CategoryClass, Category } from './categories.js';
import type { Channel } from './channels.js';
import { byReceiptThenSeq, isOfficialReport } from './rules/predicates.js';
import type { Level } from './levels.js';
import type { NaturalFigureKey, NaturalFigures, NaturalTotals } from './natural-figures.js';
import { NOTICE_KINDS, type NoticeKind, type RelayNoticeState } from './notice.js';

/** A local date, YYYY-MM-DD (a calendar date, or a duty day when the basis is 'duty'). */
export type IsoDate = string;

export const PERIOD_KINDS = ['month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/**
 * How days are cut: 'calendar' days run from local midnight (the usual basis of statistics);
 * 'duty' days run from the duty boundary (08:30 by default), as the bulletin does.
 */
export const DAY_BASES = ['calendar', 'duty'] as const;
export type DayBasis = (typeof DAY_BASES)[number];

export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

function parts(date: IsoDate): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`date must be YYYY-MM-DD, not '${date}'`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True when the text is a real date (2026-02-30 is not). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** The date n days after (n may be negative). Pure calendar arithmetic, no zone involved. */
export function addDays(date: IsoDate, n: number): IsoDate {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Every date from `from` to `to`, both included. */
export function datesOf(range: DateRange): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function dayCount(range: DateRange): number {
  const [y1, m1, d1] = parts(range.from);
  const [y2, m2, d2] = parts(range.to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000) + 1;
}

export function monthRange(year: number, month: number): DateRange {
  return { from: iso(year, month, 1), to: iso(year, month, daysInMonth(year, month)) };
}

export function quarterRange(year: number, quarter: 1 | 2 | 3 | 4): DateRange {
  const first = (quarter - 1) * 3 + 1;
  return { from: iso(year, first, 1), to: iso(year, first + 2, daysInMonth(year, first + 2)) };
}

export function yearRange(year: number): DateRange {
  return { from: iso(year, 1, 1), to: iso(year, 12, 31) };
}

/** The month, quarter or year that contains a date. */
export function periodContaining(kind: Exclude<PeriodKind, 'custom'>, date: IsoDate): DateRange {
  const [y, m] = parts(date);
  if (kind === 'month') return monthRange(y, m);
  if (kind === 'quarter') return quarterRange(y, (Math.floor((m - 1) / 3) + 1) as 1 | 2 | 3 | 4);
  return yearRange(y);
}

/**
 * The same range last year (去年同期). Each date moves back one calendar year; 29 February, which
 * last year lacks, becomes 28 February. A range that ends on the last day of a month ends on the
 * last day of that month last year, so a whole month, quarter or year compares with a whole one
 * (February 2025, 1–28, compares with 1–29 February 2024; February 2024 with 1–28 February 2023).
 */
export function sameRangeLastYear(range: DateRange): DateRange {
  const back = (date: IsoDate): [number, number, number] => {
    const [y, m, d] = parts(date);
    return [y - 1, m, Math.min(d, daysInMonth(y - 1, m))];
  };
  const [fy, fm, fd] = back(range.from);
  const [ty, tm, td] = back(range.to);
  const [y, m, d] = parts(range.to);
  const monthEnd = d === daysInMonth(y, m);
  return { from: iso(fy, fm, fd), to: iso(ty, tm, monthEnd ? daysInMonth(ty, tm) : td) };
}

// --- figures ---

/** What the period's incidents add up to. Direct loss in yuan. */
export interface PeriodCounts {
  incidents: number;
  deaths: number;
  missing: number;
  seriouslyInjured: number;
  injured: number;
  directLossYuan: number;
}

export const COUNT_KEYS = ['incidents', 'deaths', 'missing', 'seriouslyInjured', 'injured', 'directLossYuan'] as const satisfies readonly (keyof PeriodCounts)[];
export type CountKey = (typeof COUNT_KEYS)[number];

export const zeroCounts = (): PeriodCounts => ({ incidents: 0, deaths: 0, missing: 0, seriouslyInjured: 0, injured: 0, directLossYuan: 0 });

export function addCounts(into: PeriodCounts, c: PeriodCounts): PeriodCounts {
  for (const k of COUNT_KEYS) into[k] += c[k];
  return into;
}

/** This period against the same period last year. */
export interface Compared {
  current: PeriodCounts;
  lastYear: PeriodCounts;
}

/** The change of one figure: the difference, and the ratio to last year (null when last year was 0). */
export function changeOf(current: number, lastYear: number): { delta: number; ratio: number | null } {
  return { delta: current - lastYear, ratio: lastYear === 0 ? null : (current - lastYear) / lastYear };
}

/** "双下降": both the number of incidents and the deaths fell against last year. */
export function bothDown(c: Compared): boolean {
  return c.current.incidents < c.lastYear.incidents && c.current.deaths < c.lastYear.deaths;
}

/**
 * One incident's current figures: the period counts without the count of incidents, and the
 * natural-disaster figures (null: no report stated it). `directLossStated` tells a loss nobody
 * stated (0 in the counts) from a stated 0, for the natural-disaster totals.
 */
export type IncidentFigures = Omit<PeriodCounts, 'incidents'> & NaturalFigures & { directLossStated: boolean };

/** One report as far as the figures are concerned. */
export interface FigureReport {
  seq: number;
  channel: Channel;
  fromUnit: string;
  receivedAt: number;
  deaths: number | null;
  missing: number | null;
  seriouslyInjured: number | null;
  injured: number | null;
  directLossYuan: number | null;
  /** Absent where the reader predates the natural-disaster figures (migration 0080): not stated. */
  affected?: number | null;
  evacuated?: number | null;
  housesCollapsed?: number | null;
}

type FigureKey = 'deaths' | 'missing' | 'seriouslyInjured' | 'injured' | 'directLossYuan' | NaturalFigureKey;

/**
 * An incident's current figures: for each figure, the latest official report (the responsible
 * unit's own, by an official channel) that states it, in the order received (ties: the order
 * entered); where no official report states it, the latest report of any channel that does; where
 * none does, 0, and null for the natural-disaster figures. A correction is a later report, so
 * corrected figures win.
 */
export function currentFigures(responsibleUnit: string, reports: readonly FigureReport[]): IncidentFigures {
  const ordered = [...reports].sort(byReceiptThenSeq);
  const latest = (k: FigureKey): number | null => {
    let official: number | null = null;
    let any: number | null = null;
    for (const r of ordered) {
      const v = r[k];
      if (v == null) continue;
      any = v;
      if (isOfficialReport(r, responsibleUnit)) official = v;
    }
    return official ?? any;
  };
  const loss = latest('directLossYuan');
  return {
    deaths: latest('deaths') ?? 0,
    missing: latest('missing') ?? 0,
    seriouslyInjured: latest('seriouslyInjured') ?? 0,
    injured: latest('injured') ?? 0,
    directLossYuan: loss ?? 0,
    directLossStated: loss !== null,
    affected: latest('affected'),
    evacuated: latest('evacuated'),
    housesCollapsed: latest('housesCollapsed'),
  };
}

// --- the report ---

export interface ComparedRow<K extends string = string> extends Compared {
  key: K;
}

export interface DayPoint {
  date: IsoDate;
  incidents: number;
  deaths: number;
}

export interface HourPoint {
  /** Local hour of occurrence, 0–23. */
  hour: number;
  incidents: number;
  deaths: number;
}

/** On-time record of one kind of report: how many fell due and how many came in time. */
export interface OnTime {
  due: number;
  onTime: number;
}

/** Confirmed findings (flags a leader confirmed) by what they say. */
export interface ConfirmedCounts {
  /** 迟报: LATE_FIRST, LATE_WRITTEN, LATE_FOLLOWUP, LATE_FINAL. */
  late: number;
  /** 漏报: OMITTED_UNREPORTED, OMITTED_FIELDS. */
  omitted: number;
  /** 谎报: SUSPECT_FALSE. */
  falsified: number;
  /** 瞒报: SUSPECT_CONCEALED. */
  concealed: number;
}

export interface RankingRow {
  /** 1-based; units equal on every ranking key share a rank (1, 2, 2, 4). Null: nothing fell due. */
  rank: number | null;
  unit: string;
  unitId: number | null;
  incidents: number;
  first: OnTime;
  written: OnTime;
  followup: OnTime;
  /** All three together: sum of onTime / sum of due; null when nothing fell due. */
  rate: number | null;
  confirmed: ConfirmedCounts;
  confirmedTotal: number;
  /** Daily zero reports in special periods (issue 9): missing and late; null when not tracked. */
  zeroMissing: number | null;
  zeroLate: number | null;
}

export interface PeriodReport {
  /** The dates counted: the period asked for, ending today where it is still running. */
  range: DateRange;
  /** The period asked for. */
  requested: DateRange;
  lastYearRange: DateRange;
  basis: DayBasis;
  timeZone: string;
  /** [start, end) instants of the period and of last year's. */
  bounds: { start: number; end: number };
  lastYearBounds: { start: number; end: number };
  generatedAt: number;
  total: Compared;
  byClass: ComparedRow<CategoryClass>[];
  byCategory: ComparedRow<Category>[];
  byLevel: ComparedRow<Level>[];
  byUnit: ComparedRow[];
  trend: { current: DayPoint[]; lastYear: DayPoint[] };
  byHour: HourPoint[];
  ranking: RankingRow[];
  /** False when no zero-report source is wired: the columns read "—". */
  zeroTracked: boolean;
  /**
   * The natural-disaster figures (受灾人口, 紧急转移安置, 倒塌房屋, 直接经济损失) of the natural-class
   * incidents, each the sum of their current figures; null where none stated it.
   */
  natural: { current: NaturalTotals; lastYear: NaturalTotals };
  /** 传达回执: the notices received in the period, judged as of the report. */
  notices: NoticeStats;
}

/** The notices received in a period (传达与回执), judged as of now. */
export interface NoticeStats {
  notices: number;
  byKind: Record<NoticeKind, number>;
  /** Notices relayed to every unit they go to. */
  relayed: number;
  /** The duty room's own relay: of the notices judged (relayed, or past the limit), those within it. */
  relayOnTime: OnTime;
  /** Notice × unit: the units relayed to, all notices together. */
  targets: number;
  /** Per notice × unit: confirmed in time, late, missing at the deadline, still within it. */
  receipts: { onTime: number; late: number; missing: number; pending: number };
  /** Per notice × unit where feedback was asked (落实情况反馈). */
  feedback: { asked: number; onTime: number; late: number; missing: number; pending: number };
}

/** One line of the statistics' 传达回执 table: its label key, and a count or (rate) a share. */
export interface NoticeStatLine {
  key: NoticeStatKey;
  /** A count, or a share from 0 to 1 where `rate`; null: nothing fell due. */
  value: number | null;
  rate?: true;
  /** Under the line before (a part of it). */
  sub?: true;
}
export type NoticeStatKey =
  | 'notices'
  | `kind.${NoticeKind}`
  | 'relayed'
  | 'relayRate'
  | 'targets'
  | 'receiptOnTime'
  | 'receiptLate'
  | 'receiptMissing'
  | 'receiptPending'
  | 'feedbackAsked'
  | 'feedbackOnTime'
  | 'feedbackLate'
  | 'feedbackMissing'
  | 'feedbackPending';

/** The 传达回执 figures as the page, the workbook and the command line list them. */
export function noticeStatLines(s: NoticeStats): NoticeStatLine[] {
  return [
    { key: 'notices', value: s.notices },
    ...NOTICE_KINDS.map((k): NoticeStatLine => ({ key: `kind.${k}`, value: s.byKind[k], sub: true })),
    { key: 'relayed', value: s.relayed },
    { key: 'relayRate', value: rateOf(s.relayOnTime), rate: true },
    { key: 'targets', value: s.targets },
    { key: 'receiptOnTime', value: s.receipts.onTime, sub: true },
    { key: 'receiptLate', value: s.receipts.late, sub: true },
    { key: 'receiptMissing', value: s.receipts.missing, sub: true },
    { key: 'receiptPending', value: s.receipts.pending, sub: true },
    { key: 'feedbackAsked', value: s.feedback.asked },
    { key: 'feedbackOnTime', value: s.feedback.onTime, sub: true },
    { key: 'feedbackLate', value: s.feedback.late, sub: true },
    { key: 'feedbackMissing', value: s.feedback.missing, sub: true },
    { key: 'feedbackPending', value: s.feedback.pending, sub: true },
  ];
}

/** What a set of judged notices adds up to. */
export function noticeStatsOf(states: Iterable<Pick<RelayNoticeState, 'notice' | 'relayStatus' | 'cells'>>): NoticeStats {
  const out: NoticeStats = {
    notices: 0,
    byKind: Object.fromEntries(NOTICE_KINDS.map((k) => [k, 0])) as Record<NoticeKind, number>,
    relayed: 0,
    relayOnTime: { due: 0, onTime: 0 },
    targets: 0,
    receipts: { onTime: 0, late: 0, missing: 0, pending: 0 },
    feedback: { asked: 0, onTime: 0, late: 0, missing: 0, pending: 0 },
  };
  const receipt = { on_time: 'onTime', late: 'late', missing: 'missing', pending: 'pending' } as const;
  for (const s of states) {
    out.notices++;
    out.byKind[s.notice.kind]++;
    if (s.relayStatus === 'on_time' || s.relayStatus === 'late') out.relayed++;
    if (s.relayStatus !== 'pending') out.relayOnTime.due++;
    if (s.relayStatus === 'on_time') out.relayOnTime.onTime++;
    for (const c of s.cells) {
      if (c.relayedAt !== null) out.targets++;
      if (c.receipt !== 'not_relayed') out.receipts[receipt[c.receipt]]++;
      if (c.feedback === 'not_asked') continue;
      out.feedback.asked++;
      out.feedback[receipt[c.feedback]]++;
    }
  }
  return out;
}

export function rateOf(o: OnTime): number | null {
  return o.due === 0 ? null : o.onTime / o.due;
}

/**
 * The ranking order (报送及时率排名), key by key:
 * 1. units where something fell due come before those where nothing did;
 * 2. the overall on-time rate (first, written and follow-up reports together), higher first;
 * 3. confirmed findings, fewer first;
 * 4. reports that fell due, more first (the same rate over more reports weighs more);
 * 5. the unit's name (Chinese collation), only to make the order stable; it does not split a rank.
 */
export function compareRanking(a: RankingRow, b: RankingRow): number {
  return rankKey(a, b) || a.unit.localeCompare(b.unit, 'zh-CN');
}

function rankKey(a: RankingRow, b: RankingRow): number {
  const due = (r: RankingRow) => r.first.due + r.written.due + r.followup.due;
  if ((a.rate === null) !== (b.rate === null)) return a.rate === null ? 1 : -1;
  return (b.rate ?? 0) - (a.rate ?? 0) || a.confirmedTotal - b.confirmedTotal || due(b) - due(a);
}

/** Sorts the rows and numbers them (ties share a rank; rows where nothing fell due get none). */
export function rankUnits(rows: RankingRow[]): RankingRow[] {
  const sorted = [...rows].sort(compareRanking);
  sorted.forEach((r, k) => {
    const prev = sorted[k - 1];
    r.rank = r.rate === null ? null : prev && prev.rate !== null && rankKey(prev, r) === 0 ? prev.rank : k + 1;
  });
  return sorted;
}
