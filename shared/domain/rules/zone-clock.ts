// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// Local calendar days and clock times in an IANA time zone, fast enough for the rule engine's hot
// loop: the zone's UTC offset is asked of Intl once per UTC day and cached, and only a day in which
// the offset changes (a daylight-saving switch) is asked minute by minute.

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export interface ZoneClock {
  readonly timeZone: string;
  /** The local calendar day of an instant, as whole days since 1970-01-01 (local). */
  localDay(instant: number): number;
  /**
   * The instant of local time `minuteOfDay` (0–1439) on local day `day`. A local time skipped by a
   * daylight-saving switch maps to the instant the clock would show it on the old offset (as
   * JavaScript's Date does, so 02:30 on a spring-forward night is 03:30 new time); a local time
   * that happens twice is its first occurrence.
   */
  instantOf(day: number, minuteOfDay: number): number;
  /**
   * The offset (local − UTC, minutes) that holds all through local day `day`, or NaN for a day on
   * which it changes: then ask instantOf for each time. One cached look-up per day, for loops
   * over many days.
   */
  offsetThroughDay(day: number): number;
}

/** Whether the runtime knows the IANA zone name. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name.trim() !== '';
  } catch {
    return false;
  }
}

const clocks = new Map<string, ZoneClock>();

/** One clock per zone name, shared (its cache only ever holds facts about the zone). */
export function zoneClock(timeZone: string): ZoneClock {
  let c = clocks.get(timeZone);
  if (!c) {
    c = makeZoneClock(timeZone);
    clocks.set(timeZone, c);
  }
  return c;
}

function makeZoneClock(timeZone: string): ZoneClock {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  /** Offset in whole minutes (local − UTC) at a whole-minute instant, straight from Intl. */
  const exactOffset = (instant: number): number => {
    const at = Math.floor(instant / MINUTE_MS) * MINUTE_MS;
    let y = 0;
    let mo = 0;
    let d = 0;
    let h = 0;
    let mi = 0;
    for (const p of format.formatToParts(at)) {
      if (p.type === 'year') y = Number(p.value);
      else if (p.type === 'month') mo = Number(p.value);
      else if (p.type === 'day') d = Number(p.value);
      else if (p.type === 'hour') h = Number(p.value);
      else if (p.type === 'minute') mi = Number(p.value);
    }
    return Math.round((Date.UTC(y, mo - 1, d, h, mi) - at) / MINUTE_MS);
  };
  // Per UTC day: the offset that holds the whole day, or NaN for a day in which it changes.
  const byDay = new Map<number, number>();
  const offsetAt = (instant: number): number => {
    const day = Math.floor(instant / DAY_MS);
    let off = byDay.get(day);
    if (off === undefined) {
      const start = exactOffset(day * DAY_MS);
      // Offsets change at most once a day anywhere, so equal ends mean one offset all day.
      off = start === exactOffset(day * DAY_MS + DAY_MS - MINUTE_MS) ? start : NaN;
      if (byDay.size > 100_000) byDay.clear();
      byDay.set(day, off);
    }
    return Number.isNaN(off) ? exactOffset(instant) : off;
  };
  // Per local day: the offset all through it (and a day either side), or NaN.
  const byLocalDay = new Map<number, number>();
  const offsetThroughDay = (day: number): number => {
    let off = byLocalDay.get(day);
    if (off === undefined) {
      const local = day * DAY_MS;
      const before = offsetAt(local - DAY_MS);
      off = before === offsetAt(local + DAY_MS) && before === offsetAt(local + 2 * DAY_MS) ? before : NaN;
      if (byLocalDay.size > 100_000) byLocalDay.clear();
      byLocalDay.set(day, off);
    }
    return off;
  };
  return {
    timeZone,
    offsetThroughDay,
    localDay: (instant) => Math.floor((instant + offsetAt(instant) * MINUTE_MS) / DAY_MS),
    instantOf: (day, minuteOfDay) => {
      const local = day * DAY_MS + minuteOfDay * MINUTE_MS;
      // The offsets a day either side: equal (nearly always) means no switch near this time.
      const before = offsetAt(local - DAY_MS);
      const after = offsetAt(local + DAY_MS);
      const early = local - before * MINUTE_MS;
      if (before === after) return early;
      const late = local - after * MINUTE_MS;
      const earlyHolds = offsetAt(early) === before;
      const lateHolds = offsetAt(late) === after;
      if (earlyHolds && lateHolds) return Math.min(early, late); // happens twice: the first
      if (earlyHolds) return early;
      if (lateHolds) return late;
      return early; // skipped: read on the offset before the switch
    },
  };
}
