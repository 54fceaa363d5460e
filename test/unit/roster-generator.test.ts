// Unit tests (plain Node): properties of the month generator over random pools, months, patterns,
// holidays, leave and fixed assignments; plus the edges a person relies on.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Role } from '../../shared/domain/person.js';
import type { CalendarEntry } from '../../shared/domain/roster/calendar.js';
import { addDaysTo } from '../../shared/domain/roster/dates.js';
import { generateRoster, type GeneratorInput, type PoolPerson, type Proposal } from '../../shared/domain/roster/generator.js';
import { DAY_NIGHT_PATTERN, DEFAULT_PATTERN, type ShiftPattern } from '../../shared/domain/roster/pattern.js';
import { slotsOfMonth, touches } from '../../shared/domain/roster/slots.js';

const TZ = 'Asia/Shanghai';

function people(leaders: number, officers: number, both = 0): PoolPerson[] {
  const out: PoolPerson[] = [];
  let id = 1;
  for (let i = 0; i < leaders; i++) out.push({ id: id++, name: `L${i}`, roles: ['leader'] });
  for (let i = 0; i < officers; i++) out.push({ id: id++, name: `O${i}`, roles: ['officer'] });
  for (let i = 0; i < both; i++) out.push({ id: id++, name: `B${i}`, roles: ['leader', 'officer'] });
  return out;
}

function entry(kind: CalendarEntry['kind'], from: string, to: string, staff: { leaders?: number; officers?: number } = {}): CalendarEntry {
  return { id: 0, kind, name: kind, from, to, leaders: staff.leaders ?? null, officers: staff.officers ?? null, active: true, createdAt: 0 };
}

function input(month: string, pattern: ShiftPattern, pool: PoolPerson[], calendar: CalendarEntry[] = [], extra: Partial<GeneratorInput> = {}): GeneratorInput {
  return { month, slots: slotsOfMonth(month, pattern, TZ, calendar), people: pool, unavailable: [], fixed: [], context: [], prior: {}, ...extra };
}

/** The hard rules, checked on the proposal itself. */
function assertHardRules(inp: GeneratorInput, p: Proposal) {
  const shortOf = new Set(p.shortages.map((s) => `${s.slotKey}|${s.role}`));
  const byPerson = new Map<number, { start: number; end: number; key: string }[]>();
  const roleOf = new Map(inp.people.map((x) => [x.id, x.roles]));
  for (const sh of p.shifts) {
    const all = [...sh.leaders, ...sh.officers];
    assert.equal(new Set(all).size, all.length, `${sh.slot.key}: someone twice on one shift`);
    for (const [role, ids, need] of [['leader', sh.leaders, sh.slot.staffing.leaders], ['officer', sh.officers, sh.slot.staffing.officers]] as [Role, number[], number][]) {
      // Fixed assignments are kept even beyond the staffing; the generator adds nobody beyond it.
      const fixedHere = ids.filter((id) => inp.fixed.some((f) => f.slotKey === sh.slot.key && f.personId === id && f.role === role)).length;
      if (!shortOf.has(`${sh.slot.key}|${role}`)) assert.equal(ids.length, Math.max(need, fixedHere), `${sh.slot.key} ${role}: staffed ${ids.length} of ${need} without a shortage`);
      else assert.ok(ids.length < need);
      for (const id of ids) {
        const fixed = inp.fixed.some((f) => f.slotKey === sh.slot.key && f.personId === id);
        assert.ok(roleOf.get(id)?.includes(role), `${id} is not a ${role}`);
        if (!fixed) assert.ok(!inp.unavailable.some((u) => u.personId === id && u.from <= sh.slot.day && sh.slot.day <= u.to), `${id} on leave on ${sh.slot.day}`);
      }
    }
    for (const id of all) byPerson.set(id, [...(byPerson.get(id) ?? []), { ...sh.slot }]);
  }
  for (const [id, list] of byPerson) {
    const ctx = inp.context.filter((c) => c.personId === id).map((c) => ({ ...c, key: 'context' }));
    const all = [...list, ...ctx].sort((a, b) => a.start - b.start);
    for (let i = 1; i < all.length; i++) {
      const fixedBoth = [all[i - 1]!, all[i]!].every((s) => inp.fixed.some((f) => f.slotKey === s.key && f.personId === id) || s.key === 'context');
      if (!fixedBoth) assert.ok(!touches(all[i - 1]!, all[i]!), `person ${id} on touching shifts ${all[i - 1]!.key} and ${all[i]!.key}`);
    }
  }
  for (const f of inp.fixed) {
    const sh = p.shifts.find((s) => s.slot.key === f.slotKey);
    if (sh && inp.people.find((x) => x.id === f.personId)?.roles.includes(f.role)) {
      assert.ok((f.role === 'leader' ? sh.leaders : sh.officers).includes(f.personId), `fixed ${f.personId} on ${f.slotKey} not kept`);
    }
  }
}

const arbMonth = fc.tuple(fc.integer({ min: 2025, max: 2028 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);

describe('roster generator', () => {
  test('hard rules hold for random pools, months, patterns, holidays, leave and fixed assignments', () => {
    fc.assert(
      fc.property(
        arbMonth,
        fc.boolean(),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 2 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 6 }), fc.constantFrom<CalendarEntry['kind']>('holiday', 'workday', 'special'), fc.integer({ min: 1, max: 3 })), { maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 5 })), { maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 28 })), { maxLength: 3 }),
        (month, dayNight, nl, no, nb, cal, leave, fixedRaw) => {
          const pool = people(nl, no, nb);
          const calendar = cal.map(([d, len, kind, extra]) => {
            const from = `${month}-${String(d).padStart(2, '0')}`;
            return entry(kind, from, addDaysTo(from, len), kind === 'special' ? { officers: 2 + extra } : {});
          });
          const unavailable = pool.length
            ? leave.map(([who, d, len]) => {
                const from = `${month}-${String(d).padStart(2, '0')}`;
                return { personId: pool[who % pool.length]!.id, from, to: addDaysTo(from, len), reason: '休假' };
              })
            : [];
          const pattern = dayNight ? DAY_NIGHT_PATTERN : DEFAULT_PATTERN;
          const fixed = pool.length
            ? fixedRaw.map(([who, d]) => {
                const p = pool[who % pool.length]!;
                return { slotKey: `${month}-${String(d).padStart(2, '0')}#0`, personId: p.id, role: p.roles[0]! };
              })
            : [];
          const inp = input(month, pattern, pool, calendar, { unavailable, fixed });
          const p = generateRoster(inp);
          assertHardRules(inp, p);
          // Every shortage names the shift, the role and every excluded person with a reason.
          for (const s of p.shortages) {
            assert.ok(s.found < s.needed);
            const pool = inp.people.filter((x) => x.roles.includes(s.role));
            assert.ok(s.excluded.length + s.found >= pool.length, "every pool member is either used or excluded with a reason");
            assert.ok(s.excluded.length <= pool.length);
            for (const e of s.excluded) assert.ok(['unavailable', 'adjacent', 'sameShift'].includes(e.reason));
          }
        },
      ),
      { numRuns: 150, seed: 20261224 },
    );
  });

  test('fair where the pool allows: max − min ≤ 1 for totals, weekends and holidays in each role', () => {
    fc.assert(
      fc.property(
        arbMonth,
        fc.boolean(),
        fc.integer({ min: 3, max: 8 }),
        fc.integer({ min: 5, max: 14 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 0, max: 6 })), { maxLength: 2 }),
        (month, dayNight, nl, no, hol) => {
          const calendar = hol.map(([d, len]) => {
            const from = `${month}-${String(d).padStart(2, '0')}`;
            return entry('holiday', from, addDaysTo(from, len));
          });
          const inp = input(month, dayNight ? DAY_NIGHT_PATTERN : DEFAULT_PATTERN, people(nl, no), calendar);
          const p = generateRoster(inp);
          assertHardRules(inp, p);
          assert.deepEqual(p.shortages, []);
          for (const role of ['leader', 'officer'] as const) {
            for (const k of ['total', 'weekend', 'holiday'] as const) assert.ok(p.spread[role][k] <= 1, `${role} ${k} spread ${p.spread[role][k]} in ${month}`);
          }
        },
      ),
      { numRuns: 120, seed: 7 },
    );
  });

  test('someone in both pools is balanced on all their shifts, not given a share of each', () => {
    const p = generateRoster(input('2026-12', DEFAULT_PATTERN, people(3, 7, 1)));
    const both = p.fairness.filter((f) => f.name === 'B0');
    assert.equal(both.length, 2);
    const totals = new Map(p.fairness.map((f) => [f.personId, f.month.total]));
    const dual = totals.get(both[0]!.personId)!;
    const others = [...totals.entries()].filter(([id]) => id !== both[0]!.personId).map(([, n]) => n);
    assert.ok(dual <= Math.max(...others) + 1 && dual >= Math.min(...others) - 1, `dual ${dual} vs ${others}`);
    assert.ok(p.spread.leader.total <= 1 && p.spread.officer.total <= 1, JSON.stringify(p.spread));
  });

  test('deterministic: the same inputs give the same proposal', () => {
    const inp = input('2026-12', DEFAULT_PATTERN, people(4, 7), [entry('holiday', '2026-12-31', '2026-12-31')]);
    assert.deepEqual(generateRoster(inp), generateRoster(structuredClone(inp)));
  });

  test('the year so far counts: a person behind on shifts gets more this month', () => {
    const pool = people(3, 6);
    const prior = { 'officer:4': { total: 0, weekend: 0, holiday: 0 }, 'officer:5': { total: 12, weekend: 4, holiday: 1 } };
    const p = generateRoster(input('2026-12', DEFAULT_PATTERN, pool, [], { prior }));
    const row = (id: number) => p.fairness.find((f) => f.role === 'officer' && f.personId === id)!;
    assert.ok(row(4).month.total > row(5).month.total, `${row(4).month.total} vs ${row(5).month.total}`);
  });

  test('infeasible: names the day, the role, whom it lacks and why', () => {
    // Two leaders cannot cover 24 h shifts every day without back-to-back shifts… they can (alternate); one cannot.
    const pool = people(1, 4);
    const p = generateRoster(input('2026-12', DEFAULT_PATTERN, pool, [], { unavailable: [{ personId: 2, from: '2026-12-05', to: '2026-12-06', reason: '出差' }] }));
    const s = p.shortages.find((x) => x.role === 'leader');
    assert.ok(s, 'a shortage of leaders is reported');
    assert.equal(s.day, '2026-12-02');
    assert.deepEqual(s.excluded.map((e) => [e.name, e.reason]), [['L0', 'adjacent']]);
    const o = p.shortages.filter((x) => x.role === 'officer');
    assert.ok(o.some((x) => x.excluded.some((e) => e.reason === 'unavailable' && e.detail === '出差')), JSON.stringify(o));
  });

  test('special periods raise the staffing; make-up working days are not weekends', () => {
    const cal = [entry('special', '2026-12-10', '2026-12-12', { leaders: 2, officers: 3 }), entry('workday', '2026-12-05', '2026-12-05')];
    const p = generateRoster(input('2026-12', DEFAULT_PATTERN, people(5, 9), cal));
    const d11 = p.shifts.find((s) => s.slot.day === '2026-12-11')!;
    assert.equal(d11.leaders.length, 2);
    assert.equal(d11.officers.length, 3);
    assert.equal(p.shifts.find((s) => s.slot.day === '2026-12-05')!.slot.kind, 'workday');
    assert.equal(p.shifts.find((s) => s.slot.day === '2026-12-06')!.slot.kind, 'weekend');
  });

  test('shifts are local: 08:30 Asia/Shanghai is 00:30 UTC, and a day/night pattern covers the day', () => {
    const slots = slotsOfMonth('2026-12', DAY_NIGHT_PATTERN, TZ, []);
    assert.equal(new Date(slots[0]!.start).toISOString(), '2026-12-01T00:30:00.000Z');
    assert.equal(new Date(slots[0]!.end).toISOString(), '2026-12-01T12:30:00.000Z');
    assert.equal(new Date(slots[1]!.end).toISOString(), '2026-12-02T00:30:00.000Z');
    assert.equal(slots.length, 62);
  });
});
