// Pure domain code: runs anywhere. A time as a duty officer types it at 3 a.m. ("1705", "17点05",
// "昨天 23:50", "2026-11-24 17:05"), read as wall-clock time in the duty room's zone, never the
// machine's. A date left out is filled in from what the field expects (past or future), so that a
// time typed just after midnight lands on the right day.
import { TZDate, tzOffset } from '@date-fns/tz';

export type TimeExpectation = 'past' | 'future' | 'any';

export interface ReadTimeOptions {
  /** IANA zone the typed wall clock is read in, e.g. Asia/Shanghai. */
  timeZone: string;
  now: number;
  /**
   * 'past': what happened (occurred, received): a bare time is its latest occurrence.
   * 'future': a deadline: a bare time is its next occurrence.
   * 'any': a bare time is on today's date in the zone.
   */
  expect: TimeExpectation;
  /**
   * How far on the wrong side of now a time may fall and still be taken: ahead of now for 'past',
   * behind it for 'future'. A wall clock a minute off must not move a time by a day. Default 5 min.
   */
  futureSlackMs?: number;
}

export type TypedTimeError = 'empty' | 'unreadable' | 'future' | 'past' | 'tooEarly';

/**
 * The earliest instant the desk records (2000-01-01 00:00 in Beijing): nothing it logs happened
 * before, and a time before it is a slip (a year typed as 1926, a clock at 1970), never a fact.
 */
export const EARLIEST_INSTANT = Date.UTC(1999, 11, 31, 16, 0, 0);
/** The latest instant any time field takes at all (deadlines included); "not in the future" is checked against now where it applies. */
export const LATEST_INSTANT = Date.UTC(2100, 0, 1);
export type TypedTimeResult = { ok: true; at: number } | { ok: false; reason: TypedTimeError };

/** Shown in the field's error message: forms an officer can copy. */
export const TYPED_TIME_EXAMPLES_ZH = '17:05、1705、17点05、昨天 23:50、2026-11-24 17:05';

export const DEFAULT_TIME_SLACK_MS = 5 * 60_000;

const DAY_MS = 86_400_000;

interface Clock {
  hour: number;
  minute: number;
  second: number;
}

type DayPart =
  | { kind: 'bare' }
  | { kind: 'relative'; days: number }
  | { kind: 'date'; year: number | null; month: number; day: number };

interface Typed {
  dayPart: DayPart;
  clock: Clock;
}

const RELATIVE_DAYS: Record<string, number> = {
  前天: -2,
  昨天: -1,
  昨日: -1,
  今天: 0,
  今日: 0,
  明天: 1,
  明日: 1,
  后天: 2,
};

// The date, when there is one, and the rest of the text (the time). Separators must agree within a
// date ("2026-11/24" is a slip, not a date); a numeric date needs a space (or ISO's T) before the
// time, since digits run together otherwise.
const DATE_FORMS: readonly [RegExp, (m: RegExpExecArray) => DayPart][] = [
  [/^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})[ T]/, (m) => date(m[1], m[3], m[4])],
  [/^(\d{4})年(\d{1,2})月(\d{1,2})(?:[日号]|(?= ))/, (m) => date(m[1], m[2], m[3])],
  // "11.24 17:05" is a date only because a time follows; "11.24" alone is the time 11:24.
  [/^(\d{1,2})([-/.])(\d{1,2}) /, (m) => date(undefined, m[1], m[3])],
  [/^(\d{1,2})月(\d{1,2})(?:[日号]|(?= ))/, (m) => date(undefined, m[1], m[2])],
  [/^(前天|昨天|昨日|今天|今日|明天|明日|后天)/, (m) => ({ kind: 'relative', days: RELATIVE_DAYS[m[1]!]! })],
];

const TIME_FORMS: readonly [RegExp, (m: RegExpExecArray) => Clock][] = [
  [/^(\d{1,2}):(\d{2})(?::(\d{2}))?$/, (m) => clock(m[1], m[2], m[3])],
  // "905" and "1705": how parseTypedTime always read them.
  [/^(\d{1,2})(\d{2})$/, (m) => clock(m[1], m[2])],
  [/^(\d{1,2})\.(\d{2})$/, (m) => clock(m[1], m[2])],
  // 17点, 17点05, 17点5分, 17时05分, 17点半, 17点整. A one-digit minute needs its 分: "17点5" is unclear.
  [/^(\d{1,2})(?:点钟?|时)(?:(\d{1,2})分|(\d{2})|(半)|整)?$/, (m) => clock(m[1], m[2] ?? m[3] ?? (m[4] ? '30' : '0'))],
];

function date(y: string | undefined, mo: string | undefined, d: string | undefined): DayPart {
  return { kind: 'date', year: y === undefined ? null : Number(y), month: Number(mo), day: Number(d) };
}

function clock(h: string | undefined, mi: string | undefined, s?: string): Clock {
  return { hour: Number(h), minute: Number(mi), second: s === undefined ? 0 : Number(s) };
}

function normalise(text: string): string {
  // NFKC folds full-width digits, colon, dot, slash and the ideographic space into ASCII.
  return text
    .normalize('NFKC')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/ ?([:年月日号天点时分半整钟]) ?/g, '$1');
}

function parse(s: string): Typed | null {
  let dayPart: DayPart = { kind: 'bare' };
  let rest = s;
  for (const [re, make] of DATE_FORMS) {
    const m = re.exec(s);
    if (m) {
      dayPart = make(m);
      rest = s.slice(m[0].length).trimStart();
      break;
    }
  }
  for (const [re, make] of TIME_FORMS) {
    const m = re.exec(rest);
    if (!m) continue;
    const c = make(m);
    if (c.hour > 23 || c.minute > 59 || c.second > 59) return null;
    return { dayPart, clock: c };
  }
  return null;
}

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** The civil date `days` after d; null when d is not a real date (02-30). */
function civil(year: number, month: number, day: number, days = 0): CivilDate | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const probe = new Date(Date.UTC(2000, month - 1, day));
  probe.setUTCFullYear(year);
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  probe.setUTCDate(probe.getUTCDate() + days);
  return { year: probe.getUTCFullYear(), month: probe.getUTCMonth() + 1, day: probe.getUTCDate() };
}

/**
 * Every instant at which the zone's wall clock shows that date and time: none in a spring-forward
 * gap, two in an autumn fold, otherwise one. Ascending.
 */
function wallInstants(d: CivilDate, c: Clock, timeZone: string): number[] {
  const naive = new Date(Date.UTC(2000, d.month - 1, d.day, c.hour, c.minute, c.second));
  naive.setUTCFullYear(d.year);
  const n = naive.getTime();
  // Any offset in force within a day either side is a candidate; keep those that read back.
  const offsets = new Set([-DAY_MS, 0, DAY_MS].map((k) => tzOffset(timeZone, new Date(n + k))));
  const out: number[] = [];
  for (const off of offsets) {
    const at = n - off * 60_000;
    const local = new TZDate(at, timeZone);
    if (
      local.getFullYear() === d.year &&
      local.getMonth() === d.month - 1 &&
      local.getDate() === d.day &&
      local.getHours() === c.hour &&
      local.getMinutes() === c.minute &&
      local.getSeconds() === c.second &&
      !out.includes(at)
    )
      out.push(at);
  }
  return out.sort((a, b) => a - b);
}

/**
 * Reads a typed time. Never throws; an unknown zone reads nothing ('unreadable'), a time before
 * EARLIEST_INSTANT is refused ('tooEarly').
 * 昨天/今天/前天 and written dates keep their day whatever `expect` says; a date without a year takes
 * the year that puts it nearest to now (so "12-31 23:50" typed on 1 January is last year's),
 * except with 'any', where it is this year, as with parseTypedTime.
 */
export function readTypedTime(text: string, opts: ReadTimeOptions): TypedTimeResult {
  const r = readWallTime(text, opts);
  return r.ok && r.at < EARLIEST_INSTANT ? { ok: false, reason: 'tooEarly' } : r;
}

function readWallTime(text: string, opts: ReadTimeOptions): TypedTimeResult {
  const s = normalise(text);
  if (s === '') return { ok: false, reason: 'empty' };
  const typed = parse(s);
  if (!typed) return { ok: false, reason: 'unreadable' };
  const { timeZone, now, expect } = opts;
  const slack = opts.futureSlackMs ?? DEFAULT_TIME_SLACK_MS;
  const local = new TZDate(now, timeZone);
  const [y, mo, d] = [local.getFullYear(), local.getMonth() + 1, local.getDate()];
  if (!Number.isFinite(y)) return { ok: false, reason: 'unreadable' };
  const { dayPart, clock: c } = typed;

  if (dayPart.kind === 'bare') {
    const spread = expect === 'any' ? [0] : [-2, -1, 0, 1, 2];
    const all = spread.flatMap((k) => wallInstants(civil(y, mo, d, k)!, c, timeZone));
    const at =
      expect === 'past'
        ? all.filter((t) => t <= now + slack).at(-1)
        : expect === 'future'
          ? all.find((t) => t >= now - slack)
          : all[0];
    return at === undefined ? { ok: false, reason: 'unreadable' } : { ok: true, at };
  }

  let candidates: number[];
  if (dayPart.kind === 'relative') {
    candidates = wallInstants(civil(y, mo, d, dayPart.days)!, c, timeZone);
  } else if (dayPart.year !== null || expect === 'any') {
    const day = civil(dayPart.year ?? y, dayPart.month, dayPart.day);
    candidates = day ? wallInstants(day, c, timeZone) : [];
  } else {
    const years = [y - 1, y, y + 1].map((yy) => civil(yy, dayPart.month, dayPart.day));
    const each = years.map((day) => (day ? wallInstants(day, c, timeZone) : []));
    const nearest = each
      .filter((ts) => ts.length > 0)
      .sort((a, b) => Math.abs(a[0]! - now) - Math.abs(b[0]! - now))[0];
    candidates = nearest ?? [];
  }
  if (candidates.length === 0) return { ok: false, reason: 'unreadable' };
  if (expect === 'past') {
    const at = candidates.filter((t) => t <= now + slack).at(-1);
    return at === undefined ? { ok: false, reason: 'future' } : { ok: true, at };
  }
  if (expect === 'future') {
    const at = candidates.find((t) => t >= now - slack);
    return at === undefined ? { ok: false, reason: 'past' } : { ok: true, at };
  }
  return { ok: true, at: candidates[0]! };
}
