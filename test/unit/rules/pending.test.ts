// Runs in plain Node (tests): pendingOf (the deadlines still owed, the next instant the verdict can
// change) asks the engine about the end of time with a horizon for daily follow-ups, instead of
// listing a daily deadline for every day to the end of time. Against the old way (the end of time,
// every daily deadline up to the engine's guard) on what its callers read; at the boundaries of a
// daily deadline; and an incident open for two years judged at a real now.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { END_OF_TIME, pendingFrom, pendingOf, type Pending } from '../../../shared/domain/incident-engine.js';
import { evaluateIncident, MAX_DAILY_DAYS } from '../../../shared/domain/rules/evaluate-incident.js';
import type { Incident } from '../../../shared/domain/rules/incident.js';
import { RULE_PACKS } from '../../../shared/domain/rules/packs/index.js';
import type { RuleSetV2 } from '../../../shared/domain/rules/rule-set.js';
import { withNow } from './arbitraries.js';
import { DAY, HOUR, incident, iso, MINUTE, report, t } from './helpers.js';

const pack = (id: string) => RULE_PACKS.find((p) => p.id === id)!.ruleSet;
const HENAN = pack('cn-henan');
const RULE_SETS: readonly { name: string; ruleSet: RuleSetV2 }[] = [
  ...RULE_PACKS.map((p) => ({ name: p.id, ruleSet: p.ruleSet })),
  { name: 'cn-henan in New York', ruleSet: { ...HENAN, timeZone: 'America/New_York' } },
];

/** pendingOf as it was: the end of time with every daily deadline listed (up to the guard). */
const reference = (inc: Incident, ruleSet: RuleSetV2, now: number) => pendingFrom(evaluateIncident(inc, ruleSet, END_OF_TIME), now);

/** The deadlines still owed up to the first one at or after now (all of them if none is). */
const upToNext = (pending: readonly Pending[], now: number) => {
  const next = pending.find((p) => p.deadline >= now);
  return next ? pending.filter((p) => p.deadline <= next.deadline) : [...pending];
};

/** Every field the callers read, compared with the old way. */
function assertAsBefore(inc: Incident, ruleSet: RuleSetV2, now: number): void {
  const got = pendingOf(inc, ruleSet, now);
  const want = reference(inc, ruleSet, now);
  assert.equal(got.nextCheck, want.nextCheck, 'nextCheck');
  assert.deepEqual(upToNext(got.pending, now), upToNext(want.pending, now), 'pending up to the next deadline');
  // The earliest deadline owed (the incident row's next deadline) and LATE_FINAL (final_pending).
  assert.deepEqual(got.pending[0], want.pending[0]);
  assert.deepEqual(
    got.far.flags.filter((f) => f.code === 'LATE_FINAL'),
    want.far.flags.filter((f) => f.code === 'LATE_FINAL'),
  );
  // far lists what the old way did, daily follow-ups only up to where it stopped.
  const followups = got.far.flags.filter((f) => f.code === 'LATE_FOLLOWUP');
  const last = followups.length ? followups[followups.length - 1]!.deadline! : -Infinity;
  assert.deepEqual(
    got.far.flags,
    want.far.flags.filter((f) => f.code !== 'LATE_FOLLOWUP' || f.deadline! <= last),
  );
  // Where it stopped early, it was at a deadline still owed at or after now.
  if (want.far.flags.some((f) => f.code === 'LATE_FOLLOWUP' && f.deadline! > last)) {
    const stop = followups[followups.length - 1]!;
    assert.ok(stop.status === 'overdue' && stop.deadline! >= now, `stopped at ${iso(stop.deadline!)}`);
  }
  // Everything but far's daily tail is the same evaluation, so its levels are too.
  assert.equal(got.far.currentLevel, want.far.currentLevel);
}

describe('pendingOf with a horizon for daily follow-ups', () => {
  test('property: random incidents under every pack and a New York variant, as the old way on what callers read', () => {
    fc.assert(
      fc.property(withNow(), fc.constantFrom(...RULE_SETS), ([inc, now], { ruleSet }) => assertAsBefore(inc, ruleSet, now)),
      { numRuns: 400 },
    );
  });

  test('property: the same for incidents open months before now, where many daily deadlines are missed', () => {
    fc.assert(
      fc.property(withNow(), fc.constantFrom(...RULE_SETS), fc.integer({ min: 0, max: 400 * DAY }), ([inc, now], { ruleSet }, later) =>
        assertAsBefore({ ...inc, closedAt: null }, ruleSet, now + later),
      ),
      { numRuns: 200 },
    );
  });

  // A road accident at level III (3 dead) under cn-henan: 08:00 and 17:00 daily from the day after
  // its only report (2026-11-24 10:00 +08:00); nothing has come since.
  const road = incident({ reports: [report({ receivedAt: t('10:00'), deaths: 3 })] });
  const D = t('2026-11-26T08:00:00+08:00');
  const daily = (p: readonly Pending[]) => p.filter((x) => x.code === 'LATE_FOLLOWUP').map((x) => iso(x.deadline));

  test('now exactly at a daily deadline: it is owed and is the next check', () => {
    const got = pendingOf(road, HENAN, D);
    assert.equal(got.nextCheck, D);
    assert.deepEqual(daily(got.pending), ['2026-11-25T00:00:00.000Z', '2026-11-25T09:00:00.000Z', '2026-11-26T00:00:00.000Z']);
    assertAsBefore(road, HENAN, D);
  });

  test('a minute before it: the same deadline is next', () => {
    const got = pendingOf(road, HENAN, D - MINUTE);
    assert.equal(got.nextCheck, D);
    assert.deepEqual(daily(got.pending), ['2026-11-25T00:00:00.000Z', '2026-11-25T09:00:00.000Z', '2026-11-26T00:00:00.000Z']);
    assertAsBefore(road, HENAN, D - MINUTE);
  });

  test('a minute after it: 17:00 is next, and listed', () => {
    const got = pendingOf(road, HENAN, D + MINUTE);
    assert.equal(got.nextCheck, t('2026-11-26T17:00:00+08:00'));
    assert.deepEqual(daily(got.pending), ['2026-11-25T00:00:00.000Z', '2026-11-25T09:00:00.000Z', '2026-11-26T00:00:00.000Z', '2026-11-26T09:00:00.000Z']);
    assertAsBefore(road, HENAN, D + MINUTE);
  });

  test('a report in the future window still leaves the next deadline owed after it (intake preview)', () => {
    // A follow-up received at 17:30 (entered ahead of now): every deadline up to 17:00 is then late
    // by it, 08:00 the next day met by it, and 17:00 the next day the only one owed.
    const ahead = { ...road, reports: [...road.reports, report({ kind: 'followup', receivedAt: t('2026-11-26T17:30:00+08:00') })] };
    const got = pendingOf(ahead, HENAN, D + MINUTE);
    assert.equal(got.nextCheck, t('2026-11-26T17:00:00+08:00'));
    assert.deepEqual(daily(got.pending), ['2026-11-27T09:00:00.000Z']);
    assertAsBefore(ahead, HENAN, D + MINUTE);
  });

  test('in New York across the spring-forward night: 08:00 EDT is the next check', () => {
    const ny: RuleSetV2 = { ...HENAN, timeZone: 'America/New_York' };
    // First report at 10:00 EST on 6 March 2026; clocks go forward on 8 March.
    const inc = incident({ reports: [report({ receivedAt: t('2026-03-06T10:00:00-05:00'), deaths: 3 })], occurredAt: t('2026-03-06T09:00:00-05:00') });
    for (const now of [t('2026-03-08T08:00:00-04:00'), t('2026-03-08T07:59:00-04:00'), t('2026-03-08T08:01:00-04:00')]) assertAsBefore(inc, ny, now);
    assert.equal(pendingOf(inc, ny, t('2026-03-08T07:59:00-04:00')).nextCheck, t('2026-03-08T08:00:00-04:00'));
    assert.equal(pendingOf(inc, ny, t('2026-03-08T08:01:00-04:00')).nextCheck, t('2026-03-08T17:00:00-04:00'));
  });

  test('an incident open for two years under cn-henan: pendingOf lists no more than it needs', () => {
    const now = t('2028-11-24T09:00:00+08:00');
    const got = pendingOf(road, HENAN, now);
    const owed = daily(got.pending);
    assert.equal(owed.length, 2 * 730 + 2, 'every missed 08:00 and 17:00 (1,461), then 17:00 today');
    assert.equal(owed[owed.length - 1], '2028-11-24T09:00:00.000Z');
    assert.equal(got.nextCheck, t('2028-11-24T17:00:00+08:00'));
  });
});

describe('evaluation at a real now lists every missed daily deadline', () => {
  test('two years open under cn-henan: one overdue flag for each of the 1,461 deadlines missed', () => {
    const now = t('2028-11-24T09:00:00+08:00');
    const flags = evaluateIncident(road(), HENAN, now).flags.filter((f) => f.code === 'LATE_FOLLOWUP');
    assert.equal(flags.length, 2 * 730 + 1);
    assert.ok(flags.every((f) => f.status === 'overdue'));
    assert.equal(iso(flags[0]!.deadline!), '2026-11-25T00:00:00.000Z');
    assert.equal(iso(flags[flags.length - 1]!.deadline!), '2028-11-24T00:00:00.000Z');
    assert.equal(flags[flags.length - 1]!.minutesLate, 60);
    // A report after two years is the actual of every one of them.
    const back = report({ kind: 'followup', receivedAt: now - HOUR / 2 });
    const late = evaluateIncident(road({ back }), HENAN, now).flags.filter((f) => f.code === 'LATE_FOLLOWUP');
    assert.equal(late.length, 2 * 730 + 1);
    assert.ok(late.every((f) => f.status === 'late' && f.actual === now - HOUR / 2));
  });

  test('the guard is a century of days, reached only when asking about the end of time without a horizon', () => {
    const far = evaluateIncident(road(), HENAN, END_OF_TIME).flags.filter((f) => f.code === 'LATE_FOLLOWUP');
    assert.equal(far.length, 2 * MAX_DAILY_DAYS);
    assert.ok(MAX_DAILY_DAYS >= 36_500);
  });

  function road(extra?: { back: ReturnType<typeof report> }): Incident {
    return incident({ reports: [report({ receivedAt: t('10:00'), deaths: 3 }), ...(extra ? [extra.back] : [])] });
  }
});
