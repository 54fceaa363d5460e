// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// The rule engine: a pure function of (incident, rule set, now) that says which flags the rules of
// docs/rules.md raise. Instants are epoch milliseconds throughout; parsing and printing times is
// the caller's business, so the incident log and the CLI share this code unchanged.
import { CATEGORY_CODES, categoryClassOf, type Category, type CategoryClass } from '../categories.js';
import { OFFICIAL_CHANNELS, QUICK_CHANNELS, WRITTEN_CHANNELS, type Channel } from '../channels.js';
import { LEVELS, levelOfRank, levelRank, levelRankOfNumbers, type Level, type LevelThresholds } from '../levels.js';
import { compareFlags, type Flag, type FlagCode, type SuspicionReason } from './flag.js';
import { isStated, type Incident, type Report, type ReportItem } from './incident.js';
import { isOfficialReport, MINUTE_MS, minutesLate, receivedOrderInto } from './predicates.js';
import { toVersion2, type Profile, type RuleSet } from './rule-set.js';
import { zoneClock, type ZoneClock } from './zone-clock.js';

export interface Evaluation {
  id: string;
  /** Level of the first report of any channel; the first-report and written limits use it. */
  initialLevel: Level;
  /** Highest level of the reports received within the supplement window; gap and final limits use it. */
  currentLevel: Level;
  /** Sorted by code, then deadline, then actual (nulls after instants), then the order raised. */
  flags: Flag[];
  /**
   * The first-report and written deadlines run from it: learnedAt where set, else the effective
   * occurrence time; always the effective occurrence time where the profile's clockStart at the
   * initial level is `occurrence`.
   */
  clockStart: number;
  /** occurredAt of the latest report stating one, else the incident's. */
  effectiveOccurredAt: number;
  /** End of the supplement window (补报期), inclusive; Infinity where the profile has no window. */
  supplementWindowEnd: number;
}

const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** One profile in the units the engine works in (ms, ranks); arrays indexed by level rank (IV 0 … I 3). */
interface CompiledProfile {
  decree493: boolean;
  firstMs: readonly number[];
  /** null where the profile has no written deadline at that level. */
  writtenMs: readonly (number | null)[];
  /** Gap follow-ups: the gap; NaN where the level follows up daily. */
  gapMs: readonly number[];
  /** Daily follow-ups: local minutes of the day, ascending; null where the level follows up by gap. */
  dailyMinutes: readonly (Int32Array | null)[];
  finalMs: readonly number[];
  /** 1 where the clock starts at the occurrence even when learnedAt is set. */
  fromOccurrence: readonly boolean[];
  /** null: no supplement window. */
  supplementMs: number | null;
  supplementMsByCategory: ReadonlyMap<Category, number>;
  quickRequired: readonly ReportItem[];
  writtenRequired: readonly ReportItem[];
  upward: readonly UpwardRequirement[];
}

/** The rule set as the engine works with it, computed once per rule set object. */
interface CompiledRuleSet {
  byCategory: ReadonlyMap<Category, CompiledProfile>;
  thresholds: LevelThresholds;
  concealmentMs: number;
  correctionMs: number;
  clock: ZoneClock;
}

interface UpwardRequirement {
  reason: 'upward_first' | 'upward_quick' | 'upward_written';
  /** Indexed by level rank; null where the requirement does not apply at that level. */
  byRank: readonly (number | null)[];
  /** Which upward channels satisfy it. */
  accepts: (channel: Channel) => boolean;
}

/** Levels in rank order (IV 0 … I 3), the engine's index. */
const BY_RANK: readonly Level[] = [...LEVELS].reverse();

function minuteOfDay(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function compileProfile(p: Profile): CompiledProfile {
  const at = <T>(pick: (l: Level) => T): T[] => BY_RANK.map((l) => pick(l));
  const rules = (l: Level) => p.limits[l];
  const upwardReq = (reason: UpwardRequirement['reason'], key: 'firstMin' | 'quickMin' | 'writtenMin', accepts: (ch: Channel) => boolean): UpwardRequirement => ({
    reason,
    byRank: at((l) => {
      const min = rules(l).upward[key];
      return min === null ? null : min * MINUTE_MS;
    }),
    accepts,
  });
  const window = p.supplementWindowDays;
  return {
    decree493: p.levels === 'decree493',
    firstMs: at((l) => rules(l).firstReportMin * MINUTE_MS),
    writtenMs: at((l) => {
      const min = rules(l).writtenReportMin;
      return min === null ? null : min * MINUTE_MS;
    }),
    gapMs: at((l) => {
      const f = rules(l).followup;
      return 'gapHours' in f ? f.gapHours * HOUR_MS : NaN;
    }),
    dailyMinutes: at((l) => {
      const f = rules(l).followup;
      return 'dailyAt' in f ? Int32Array.from(new Set(f.dailyAt.map(minuteOfDay))).sort() : null;
    }),
    finalMs: at((l) => rules(l).finalReportHours * HOUR_MS),
    fromOccurrence: at((l) => rules(l).clockStart === 'occurrence'),
    supplementMs: window === null ? null : window.default * DAY_MS,
    supplementMsByCategory: new Map(
      window === null ? [] : Object.entries(window.byCategory).map(([k, days]) => [k as Category, (days ?? 0) * DAY_MS]),
    ),
    // Sorted once here so OMITTED_FIELDS lists items in order without sorting per report.
    quickRequired: [...new Set(p.requiredItems.quick)].sort(),
    writtenRequired: [...new Set(p.requiredItems.written)].sort(),
    upward: [
      upwardReq('upward_first', 'firstMin', (ch) => OFFICIAL_CHANNELS.has(ch)),
      upwardReq('upward_quick', 'quickMin', (ch) => QUICK_CHANNELS.has(ch)),
      upwardReq('upward_written', 'writtenMin', (ch) => WRITTEN_CHANNELS.has(ch)),
    ],
  };
}

// Rule sets are immutable values, so a compiled form can be cached per object without becoming
// state the result depends on.
const compiledRuleSets = new WeakMap<RuleSet, CompiledRuleSet>();

function compiledOf(ruleSet: RuleSet): CompiledRuleSet {
  let c = compiledRuleSets.get(ruleSet);
  if (c) return c;
  // A version-1 rule set is read as version 2 (rule-profiles.md): one code path judges both.
  const rs = toVersion2(ruleSet);
  const byClass = new Map<CategoryClass, CompiledProfile>();
  for (const [cls, profile] of Object.entries(rs.profiles) as [CategoryClass, Profile][]) byClass.set(cls, compileProfile(profile));
  c = {
    byCategory: new Map(CATEGORY_CODES.map((code) => [code, byClass.get(categoryClassOf(code))!])),
    thresholds: rs.levelThresholds,
    concealmentMs: rs.concealmentWindowHours * HOUR_MS,
    correctionMs: rs.occurrenceCorrectionMin * MINUTE_MS,
    clock: zoneClock(rs.timeZone),
  };
  compiledRuleSets.set(ruleSet, c);
  return c;
}

/**
 * A guard, not a rule: daily follow-up deadlines are listed for at most this many local days
 * after the first official report's (a century). Judging at a real `now` never reaches it; only
 * asking about "the end of time" without a `dailyHorizon` (EvaluateOptions) would, and then it
 * keeps the answer finite.
 */
export const MAX_DAILY_DAYS = 36_525;

export interface EvaluateOptions {
  /**
   * For a look far ahead (pendingOf evaluates at the end of time): the daily follow-up rule lists
   * its deadlines only up to the first one at or after this instant that is still owed at `now`
   * (overdue), and no further, end or not. Every deadline before it is listed as without the
   * option, and so is every deadline of the other rules.
   */
  dailyHorizon?: number;
}

// Scratch buffers reused across incidents so that evaluating 100,000 incidents allocates little
// beyond the results. Safe because evaluation is synchronous and never re-entered.
let sortedBuf: (Report | undefined)[] = [];
let orderBuf = new Int32Array(16);
let rankBuf = new Uint8Array(16);
let officialBuf = new Uint8Array(16);

function ensureCapacity(n: number): void {
  if (orderBuf.length >= n) return;
  const size = Math.max(n, orderBuf.length * 2);
  orderBuf = new Int32Array(size);
  rankBuf = new Uint8Array(size);
  officialBuf = new Uint8Array(size);
}

/** Fills sortedBuf/orderBuf with the reports in order of receivedAt; equal times keep input order. */
function sortByReceivedAt(reports: readonly Report[], n: number): void {
  receivedOrderInto(reports, n, orderBuf);
  if (sortedBuf.length < n) sortedBuf = new Array<Report | undefined>(n);
  for (let k = 0; k < n; k++) sortedBuf[k] = reports[orderBuf[k]!]!;
}

/** A flag always built with the same keys in the same order, so that V8 gives them one shape. */
function flag(
  code: FlagCode,
  status: Flag['status'],
  deadline: number | null,
  actual: number | null,
  late: number | null,
  reportIndex: number | null,
): Flag {
  return { code, status, deadline, actual, minutesLate: late, reportIndex };
}

/** late if report k (sorted) came after the deadline; overdue if there is none (k < 0) and now is past it. */
function pushByDeadline(flags: Flag[], code: FlagCode, deadline: number, k: number, now: number): void {
  if (k >= 0) {
    const t = sortedBuf[k]!.receivedAt;
    if (t > deadline) flags.push(flag(code, 'late', deadline, t, minutesLate(deadline, t), orderBuf[k]!));
  } else if (now > deadline) {
    flags.push(flag(code, 'overdue', deadline, null, minutesLate(deadline, now), null));
  }
}

function suspectFalse(actual: number, reportIndex: number, reason: SuspicionReason): Flag {
  const f = flag('SUSPECT_FALSE', 'suspected', null, actual, null, reportIndex);
  f.reason = reason;
  return f;
}

/**
 * Sorts the flags (compareFlags, stable). The first `lateRaised` were raised in order of code and
 * each code's in order of deadline, which is checked here (a daily time skipped by a daylight-
 * saving switch can fall after the next one): when it holds, only the flags after them are
 * sorted, by a stable insertion sort (they are few and mostly raised in order already).
 */
function sortFlags(flags: Flag[], lateRaised: number): void {
  let from = lateRaised;
  for (let i = 1; i < lateRaised; i++) {
    const a = flags[i - 1]!;
    const b = flags[i]!;
    if (a.code === b.code && a.deadline! >= b.deadline!) {
      from = 0;
      break;
    }
  }
  for (let i = from + 1; i < flags.length; i++) {
    const f = flags[i]!;
    let j = i - 1;
    while (j >= from && compareFlags(flags[j]!, f) > 0) {
      flags[j + 1] = flags[j]!;
      j--;
    }
    flags[j + 1] = f;
  }
}

/**
 * The daily rule (rule-profiles.md): each listed local time on each local calendar day after the
 * first official report's, up to the end (inclusive) or, with no end, up to now. A deadline is met
 * by an official report in its window (previous deadline, deadline]; else it is late by the first
 * official report after it, or overdue once now is past it.
 */
function pushDailyFollowups(
  flags: Flag[],
  clock: ZoneClock,
  minutes: Int32Array,
  firstOfficial: number,
  end: number,
  n: number,
  now: number,
  horizon: number,
): void {
  const sorted = sortedBuf;
  const official = officialBuf;
  const limit = end === Infinity ? now : end;
  let previous = sorted[firstOfficial]!.receivedAt;
  let day = clock.localDay(previous) + 1;
  const lastDay = day + MAX_DAILY_DAYS - 1;
  // k: the first official report received after `previous`, the start of the current window.
  let k = firstOfficial + 1;
  for (; day <= lastDay; day++) {
    const offset = clock.offsetThroughDay(day);
    const midnight = (day * 1440 - offset) * MINUTE_MS; // NaN on a day the offset changes
    for (let q = 0; q < minutes.length; q++) {
      const deadline = !Number.isNaN(offset) ? midnight + minutes[q]! * MINUTE_MS : clock.instantOf(day, minutes[q]!);
      if (deadline > limit) return;
      while (k < n && (official[k] === 0 || sorted[k]!.receivedAt <= previous)) k++;
      if (k < n) {
        const t = sorted[k]!.receivedAt;
        if (t > deadline) flags.push(flag('LATE_FOLLOWUP', 'late', deadline, t, minutesLate(deadline, t), orderBuf[k]!));
      } else if (now > deadline) {
        flags.push(flag('LATE_FOLLOWUP', 'overdue', deadline, null, minutesLate(deadline, now), null));
        // Past the horizon, the first deadline still owed is the last one asked for.
        if (deadline >= horizon) return;
      }
      previous = deadline;
    }
  }
}

/**
 * Each upward requirement starts its clock when the incident first reaches a level where the
 * requirement applies: at the duty room's first official report, or at the later report that
 * lifted the level there (only reports within the supplement window grade the incident). Only an
 * upward report sent at or after that start, on an accepted channel, meets it.
 */
function pushUpwardFlags(
  flags: Flag[],
  incident: Incident,
  p: CompiledProfile,
  n: number,
  supplementWindowEnd: number,
  firstOfficialAt: number,
  now: number,
): void {
  const upward = incident.upward ?? [];
  for (const req of p.upward) {
    let running = -1;
    let start = -1;
    let limit = 0;
    for (let k = 0; k < n; k++) {
      const r = sortedBuf[k]!;
      if (r.receivedAt > supplementWindowEnd) break;
      if (rankBuf[k]! <= running) continue;
      running = rankBuf[k]!;
      const ms = req.byRank[running];
      if (ms != null) {
        start = Math.max(firstOfficialAt, r.receivedAt);
        limit = ms;
        break;
      }
    }
    if (start < 0) continue;
    const deadline = start + limit;
    let sent = Infinity;
    for (const u of upward) if (u.sentAt >= start && u.sentAt < sent && req.accepts(u.channel)) sent = u.sentAt;
    let f: Flag | null = null;
    if (sent !== Infinity) {
      if (sent > deadline) f = flag('UPWARD_LATE', 'late', deadline, sent, minutesLate(deadline, sent), null);
    } else if (now > deadline) {
      f = flag('UPWARD_LATE', 'overdue', deadline, null, minutesLate(deadline, now), null);
    }
    if (f) {
      f.reason = req.reason;
      flags.push(f);
    }
  }
}

export function evaluateIncident(incident: Incident, ruleSet: RuleSet, now: number, options?: EvaluateOptions): Evaluation {
  return evaluate(incident, compiledOf(ruleSet), now, options?.dailyHorizon ?? Infinity);
}

/** Same as evaluateIncident for each, in the same order; the rule set is prepared once. */
export function evaluateIncidents(incidents: readonly Incident[], ruleSet: RuleSet, now: number, options?: EvaluateOptions): Evaluation[] {
  const c = compiledOf(ruleSet);
  const horizon = options?.dailyHorizon ?? Infinity;
  const out = new Array<Evaluation>(incidents.length);
  for (let i = 0; i < incidents.length; i++) out[i] = evaluate(incidents[i]!, c, now, horizon);
  return out;
}

function evaluate(incident: Incident, c: CompiledRuleSet, now: number, dailyHorizon: number): Evaluation {
  const reports = incident.reports;
  const n = reports.length;
  ensureCapacity(n);
  sortByReceivedAt(reports, n);
  const sorted = sortedBuf;
  const order = orderBuf;
  const rank = rankBuf;
  const official = officialBuf;

  // --- Derived values (docs/rules.md "Inputs the rules look at") ---
  let effectiveOccurredAt = incident.occurredAt;
  for (let k = n - 1; k >= 0; k--) {
    const o = sorted[k]!.occurredAt;
    if (o != null) {
      effectiveOccurredAt = o;
      break;
    }
  }
  const firstKnownOccurredAt = (n > 0 ? sorted[0]!.occurredAt : null) ?? incident.occurredAt;
  const p = c.byCategory.get(incident.category)!;
  // No window: every report grades the incident and none is outside it.
  const supplementWindowEnd =
    p.supplementMs === null ? Infinity : effectiveOccurredAt + (p.supplementMsByCategory.get(incident.category) ?? p.supplementMs);
  const closedAt = incident.closedAt ?? null;

  const accident = p.decree493;
  const manualRank = accident ? 0 : incident.level ? levelRank(incident.level) : 0;
  const unit = incident.responsibleUnit;
  let firstOfficial = -1;
  let firstWritten = -1;
  let firstFinal = -1;
  let lastOfficial = -1;
  let currentRank = -1;
  for (let k = 0; k < n; k++) {
    const r = sorted[k]!;
    const rk = accident
      ? levelRankOfNumbers((r.deaths ?? 0) + (r.missing ?? 0), r.seriouslyInjured ?? 0, r.directLossYuan ?? 0, c.thresholds)
      : manualRank;
    rank[k] = rk;
    // Figures reported after the window do not re-grade the incident (Decree 493 Art. 20).
    if (rk > currentRank && r.receivedAt <= supplementWindowEnd) currentRank = rk;
    const isOfficial = isOfficialReport(r, unit);
    official[k] = isOfficial ? 1 : 0;
    if (isOfficial) {
      if (firstOfficial < 0) firstOfficial = k;
      if (firstWritten < 0 && WRITTEN_CHANNELS.has(r.channel)) firstWritten = k;
      if (firstFinal < 0 && r.kind === 'final') firstFinal = k;
      lastOfficial = k;
    }
  }
  const initialRank = n > 0 ? rank[0]! : manualRank;
  if (currentRank < 0) currentRank = initialRank; // no report inside the window
  // The initial level picks where the clock starts (rule-profiles.md).
  const clockStart = p.fromOccurrence[initialRank] ? effectiveOccurredAt : (incident.learnedAt ?? effectiveOccurredAt);

  const flags: Flag[] = [];

  // The LATE_* flags are raised in the order they are listed (FLAG_CODES: final, first,
  // follow-up, written), each code's in order of deadline, so that only the few flags after them
  // need sorting: an open incident can owe hundreds of daily follow-ups.

  // --- LATE_FINAL: after closedAt, at the current level ---
  if (closedAt !== null) pushByDeadline(flags, 'LATE_FINAL', closedAt + p.finalMs[currentRank]!, firstFinal, now);

  // --- LATE_FIRST: from the clock start, at the initial level ---
  const firstDeadline = clockStart + p.firstMs[initialRank]!;
  pushByDeadline(flags, 'LATE_FIRST', firstDeadline, firstOfficial, now);

  // --- LATE_FOLLOWUP: by fixed local times every day, where the level says so ---
  const daily = p.dailyMinutes[currentRank]!;
  if (firstOfficial >= 0 && daily !== null) {
    const end = Math.min(closedAt ?? Infinity, firstFinal >= 0 ? sorted[firstFinal]!.receivedAt : Infinity);
    pushDailyFollowups(flags, c.clock, daily, firstOfficial, end, n, now, dailyHorizon);
  }
  // --- LATE_FOLLOWUP: else each official report obliges the next within the gap, while open ---
  if (firstOfficial >= 0 && daily === null) {
    const gap = p.gapMs[currentRank]!;
    // The obligation ends at the final report or when the response ended, whichever is first.
    const end = Math.min(closedAt ?? Infinity, firstFinal >= 0 ? sorted[firstFinal]!.receivedAt : Infinity);
    const stop = firstFinal >= 0 ? firstFinal : n - 1;
    let previous = sorted[firstOfficial]!.receivedAt;
    for (let k = firstOfficial + 1; k <= stop; k++) {
      if (official[k] === 0) continue;
      const deadline = previous + gap;
      const t = sorted[k]!.receivedAt;
      // A follow-up due only after the incident closed was never owed.
      if (deadline < end && t > deadline) flags.push(flag('LATE_FOLLOWUP', 'late', deadline, t, minutesLate(deadline, t), order[k]!));
      previous = t;
    }
    if (closedAt === null && firstFinal < 0) {
      const deadline = sorted[lastOfficial]!.receivedAt + gap;
      if (now > deadline) flags.push(flag('LATE_FOLLOWUP', 'overdue', deadline, null, minutesLate(deadline, now), null));
    }
  }

  // --- LATE_WRITTEN: from the clock start, at the initial level ---
  const writtenMs = p.writtenMs[initialRank]!;
  if (writtenMs !== null) pushByDeadline(flags, 'LATE_WRITTEN', clockStart + writtenMs, firstWritten, now);
  const lateRaised = flags.length;

  // --- OMITTED_UNREPORTED: heard of elsewhere first, and the unit did not report in time ---
  const firstOfficialAt = firstOfficial >= 0 ? sorted[firstOfficial]!.receivedAt : null;
  const firstOfficialIndex = firstOfficial >= 0 ? order[firstOfficial]! : null;
  let omitted = false;
  if (n > 0 && official[0] === 0 && (firstOfficialAt !== null ? firstOfficialAt > firstDeadline : now > firstDeadline)) {
    omitted = true;
    flags.push(flag('OMITTED_UNREPORTED', 'suspected', firstDeadline, firstOfficialAt, null, firstOfficialIndex));
  }

  // --- One pass in order received: OMITTED_FIELDS, SUSPECT_FALSE, OUTSIDE_SUPPLEMENT_WINDOW ---
  const earliestPlausible = firstKnownOccurredAt - c.correctionMs;
  // NaN means "not stated by any report yet"; every comparison with it is false.
  let officialDeathsMissing = NaN;
  let lastDeaths = NaN;
  let lastMissing = NaN;
  let lastSeriouslyInjured = NaN;
  // Only the first official quick report owes the quick list, and only the first official written
  // report the written list (rule-profiles.md): a 续报 states what changed, not everything again.
  let quickJudged = false;
  let writtenJudged = false;
  for (let k = 0; k < n; k++) {
    const r = sorted[k]!;
    const t = r.receivedAt;
    const index = order[k]!;
    const deaths = r.deaths;
    const missing = r.missing;
    const statesDeathsMissing = deaths != null || missing != null;
    const deathsMissing = (deaths ?? 0) + (missing ?? 0);
    if (official[k] === 1) {
      const written = WRITTEN_CHANNELS.has(r.channel);
      const owes = written ? !writtenJudged : !quickJudged;
      if (written) writtenJudged = true;
      else quickJudged = true;
      const required = owes ? (written ? p.writtenRequired : p.quickRequired) : [];
      let missingItems: ReportItem[] | null = null;
      for (let q = 0; q < required.length; q++) {
        const item = required[q]!;
        if (!isStated(r[item])) (missingItems ??= []).push(item);
      }
      if (missingItems) {
        const f = flag('OMITTED_FIELDS', 'suspected', null, t, null, index);
        f.fields = missingItems;
        flags.push(f);
      }
      if (statesDeathsMissing) {
        if (deathsMissing < officialDeathsMissing && !isStated(r.correctionReason)) flags.push(suspectFalse(t, index, 'figures_fell'));
        officialDeathsMissing = deathsMissing;
      }
    } else if (statesDeathsMissing && deathsMissing > officialDeathsMissing) {
      flags.push(suspectFalse(t, index, 'non_official_higher'));
    }
    if (r.occurredAt != null && r.occurredAt < earliestPlausible) flags.push(suspectFalse(t, index, 'occurrence_earlier'));

    const seriouslyInjured = r.seriouslyInjured;
    if (
      k > 0 &&
      t > supplementWindowEnd &&
      // A figure that no earlier report stated (NaN) cannot "differ".
      ((deaths != null && deaths !== lastDeaths && !Number.isNaN(lastDeaths)) ||
        (missing != null && missing !== lastMissing && !Number.isNaN(lastMissing)) ||
        (seriouslyInjured != null && seriouslyInjured !== lastSeriouslyInjured && !Number.isNaN(lastSeriouslyInjured)))
    )
      flags.push(flag('OUTSIDE_SUPPLEMENT_WINDOW', 'suspected', supplementWindowEnd, t, null, index));
    if (deaths != null) lastDeaths = deaths;
    if (missing != null) lastMissing = missing;
    if (seriouslyInjured != null) lastSeriouslyInjured = seriouslyInjured;
  }

  // --- SUSPECT_CONCEALED: at most one per incident; the level rising early is checked first ---
  if (n > 0) {
    const windowEnd = sorted[0]!.receivedAt + c.concealmentMs;
    let rose = -1;
    for (let k = 1; k < n && sorted[k]!.receivedAt <= windowEnd; k++) {
      if (rank[k]! > initialRank) {
        rose = k;
        break;
      }
    }
    let concealed: Flag | null = null;
    if (rose >= 0) {
      concealed = flag('SUSPECT_CONCEALED', 'suspected', windowEnd, sorted[rose]!.receivedAt, null, order[rose]!);
      concealed.reason = 'level_rose';
    } else if (omitted && (firstOfficialAt !== null ? firstOfficialAt > windowEnd : now > windowEnd)) {
      concealed = flag('SUSPECT_CONCEALED', 'suspected', windowEnd, firstOfficialAt, null, firstOfficialIndex);
      concealed.reason = 'unreported';
    }
    if (concealed) flags.push(concealed);
  }

  // --- UPWARD_LATE: the duty room's own reports upward (上报) ---
  if (firstOfficial >= 0) pushUpwardFlags(flags, incident, p, n, supplementWindowEnd, sorted[firstOfficial]!.receivedAt, now);

  sortFlags(flags, lateRaised);
  sortedBuf.fill(undefined, 0, n); // keep no reference to the caller's reports
  return {
    id: incident.id,
    initialLevel: levelOfRank(initialRank),
    currentLevel: levelOfRank(currentRank),
    flags,
    clockStart,
    effectiveOccurredAt,
    supplementWindowEnd,
  };
}
