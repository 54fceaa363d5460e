// Pure domain code: runs anywhere. The month generator: a proposal that a person then edits.
// Hard constraints: every shift staffed by role; nobody on two shifts that touch or overlap;
// unavailability respected; fixed assignments kept. Fairness: totals, weekend shifts and holiday
// shifts balanced within each role's pool, counted with the year so far. Deterministic: the same
// inputs give the same proposal (ties are broken by a PRNG seeded by the month, never Math.random).
import type { Role } from '../person.js';
import { seededRng } from '../random.js';
import type { DayKind } from './calendar.js';
import { touches, type ShiftSlot } from './slots.js';

export interface PoolPerson {
  id: number;
  name: string;
  roles: Role[];
}

export interface Unavailability {
  personId: number;
  /** Inclusive YYYY-MM-DD range of duty days. */
  from: string;
  to: string;
  reason: string;
}

export interface FixedAssignment {
  slotKey: string;
  personId: number;
  role: Role;
}

export interface Counts {
  total: number;
  weekend: number;
  holiday: number;
}

export interface GeneratorInput {
  month: string;
  slots: ShiftSlot[];
  /** Active people; a person with both roles is in both pools. */
  people: PoolPerson[];
  unavailable: Unavailability[];
  fixed: FixedAssignment[];
  /** Shifts already worked or rostered just outside the month, so the month's edges do not touch them. */
  context: { personId: number; start: number; end: number }[];
  /** Counts of the year so far, per `${role}:${personId}` (a person's roles are added up). */
  prior: Record<string, Counts>;
}

export type ExclusionReason = 'unavailable' | 'adjacent' | 'sameShift';

export interface Shortage {
  slotKey: string;
  day: string;
  shiftName: string;
  role: Role;
  needed: number;
  found: number;
  /** Everyone of the pool who could not be used, and why. */
  excluded: { personId: number; name: string; reason: ExclusionReason; detail: string }[];
}

export interface FixedConflict {
  slotKey: string;
  day: string;
  personId: number;
  name: string;
  reason: 'unavailable' | 'adjacent' | 'notInPool' | 'noSuchShift';
}

export interface ProposedShift {
  slot: ShiftSlot;
  leaders: number[];
  officers: number[];
}

/** A person's counts: over all their shifts, in either role. */
export interface FairnessRow {
  personId: number;
  name: string;
  role: Role;
  prior: Counts;
  month: Counts;
  year: Counts;
}

export interface Proposal {
  month: string;
  shifts: ProposedShift[];
  shortages: Shortage[];
  fixedConflicts: FixedConflict[];
  fairness: FairnessRow[];
  /** max − min of the year's counts within each role's pool. */
  spread: Record<Role, Counts>;
}

const KINDS: (keyof Counts)[] = ['total', 'weekend', 'holiday'];
const zero = (): Counts => ({ total: 0, weekend: 0, holiday: 0 });
const kindKey = (k: DayKind): keyof Counts | null => (k === 'weekend' ? 'weekend' : k === 'holiday' ? 'holiday' : null);

export function monthSeed(month: string): number {
  let h = 2166136261;
  for (const c of month) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

interface Cell {
  slot: number;
  role: Role;
  person: number;
  fixed: boolean;
}

export function generateRoster(input: GeneratorInput): Proposal {
  const slots = [...input.slots].sort((a, b) => a.start - b.start);
  const slotIndex = new Map(slots.map((s, i) => [s.key, i]));
  const byId = new Map(input.people.map((p) => [p.id, p]));
  const pool: Record<Role, PoolPerson[]> = {
    leader: input.people.filter((p) => p.roles.includes('leader')).sort((a, b) => a.id - b.id),
    officer: input.people.filter((p) => p.roles.includes('officer')).sort((a, b) => a.id - b.id),
  };
  const rng = seededRng(monthSeed(input.month));
  // A fixed random rank per person, so ties do not always favour the lowest id.
  const rank = new Map(input.people.map((p) => [p.id, rng.next()]));

  const cells: Cell[] = [];
  const onSlot = slots.map(() => new Set<number>());
  const intervals = new Map<number, { start: number; end: number; slot: number | null }[]>();
  const addInterval = (person: number, start: number, end: number, slot: number | null) => {
    const list = intervals.get(person) ?? [];
    list.push({ start, end, slot });
    intervals.set(person, list);
  };
  const removeInterval = (person: number, slot: number) => {
    const list = intervals.get(person) ?? [];
    const i = list.findIndex((x) => x.slot === slot);
    if (i >= 0) list.splice(i, 1);
  };
  for (const c of input.context) addInterval(c.personId, c.start, c.end, null);

  // Counts are per person, over both roles: someone who is both a leader and an officer is
  // balanced on all the shifts they work, within each pool they belong to.
  const priorOf = (person: number): Counts => {
    const c = zero();
    for (const role of ['leader', 'officer'] as const) {
      const p = input.prior[`${role}:${person}`];
      if (p) for (const k of KINDS) c[k] += p[k];
    }
    return c;
  };
  const counts = new Map<number, Counts>();
  const countOf = (_role: Role, person: number): Counts => {
    let c = counts.get(person);
    if (!c) counts.set(person, (c = priorOf(person)));
    return c;
  };
  const monthCounts = new Map<number, Counts>();
  const monthCountOf = (_role: Role, person: number): Counts => {
    let c = monthCounts.get(person);
    if (!c) monthCounts.set(person, (c = zero()));
    return c;
  };
  const bump = (role: Role, person: number, slot: ShiftSlot, by: 1 | -1) => {
    for (const c of [countOf(role, person), monthCountOf(role, person)]) {
      c.total += by;
      const k = kindKey(slot.kind);
      if (k) c[k] += by;
    }
  };
  const lastEnd = new Map<number, number>();

  const unavailableOn = (person: number, day: string) => input.unavailable.find((u) => u.personId === person && u.from <= day && day <= u.to);
  const clash = (person: number, s: ShiftSlot, ignoreSlot?: number) =>
    (intervals.get(person) ?? []).find((x) => x.slot !== ignoreSlot && touches(x, s));

  const place = (si: number, role: Role, person: number, fixed: boolean) => {
    const s = slots[si]!;
    cells.push({ slot: si, role, person, fixed });
    onSlot[si]!.add(person);
    addInterval(person, s.start, s.end, si);
    bump(role, person, s, 1);
    lastEnd.set(person, Math.max(lastEnd.get(person) ?? 0, s.end));
  };

  // 1. Fixed assignments first: they are kept even where they break a rule, and the rule broken is said.
  const fixedConflicts: FixedConflict[] = [];
  for (const f of input.fixed) {
    const si = slotIndex.get(f.slotKey);
    const person = byId.get(f.personId);
    const day = f.slotKey.split('#')[0] ?? f.slotKey;
    if (si === undefined) {
      fixedConflicts.push({ slotKey: f.slotKey, day, personId: f.personId, name: person?.name ?? String(f.personId), reason: 'noSuchShift' });
      continue;
    }
    if (!person || !person.roles.includes(f.role)) {
      fixedConflicts.push({ slotKey: f.slotKey, day, personId: f.personId, name: person?.name ?? String(f.personId), reason: 'notInPool' });
      if (!person) continue;
    }
    if (onSlot[si]!.has(f.personId)) continue;
    const s = slots[si]!;
    if (unavailableOn(f.personId, s.day)) fixedConflicts.push({ slotKey: s.key, day: s.day, personId: f.personId, name: person.name, reason: 'unavailable' });
    else if (clash(f.personId, s)) fixedConflicts.push({ slotKey: s.key, day: s.day, personId: f.personId, name: person.name, reason: 'adjacent' });
    place(si, f.role, f.personId, true);
  }

  // 2. Greedy, in time order: the fewest shifts of this kind, then the fewest in all, then the longest rested.
  const shortages: Shortage[] = [];
  slots.forEach((s, si) => {
    for (const role of ['leader', 'officer'] as const) {
      const have = cells.filter((c) => c.slot === si && c.role === role).length;
      const need = s.staffing[role === 'leader' ? 'leaders' : 'officers'] - have;
      if (need <= 0) continue;
      const excluded: Shortage['excluded'] = [];
      const ok: PoolPerson[] = [];
      for (const p of pool[role]) {
        const u = unavailableOn(p.id, s.day);
        const c = clash(p.id, s);
        if (onSlot[si]!.has(p.id)) excluded.push({ personId: p.id, name: p.name, reason: 'sameShift', detail: '' });
        else if (u) excluded.push({ personId: p.id, name: p.name, reason: 'unavailable', detail: u.reason });
        else if (c) excluded.push({ personId: p.id, name: p.name, reason: 'adjacent', detail: String(c.start) });
        else ok.push(p);
      }
      const k = kindKey(s.kind);
      ok.sort((a, b) => {
        const ca = countOf(role, a.id);
        const cb = countOf(role, b.id);
        return (
          (k ? ca[k] - cb[k] : 0) ||
          ca.total - cb.total ||
          (lastEnd.get(a.id) ?? 0) - (lastEnd.get(b.id) ?? 0) ||
          rank.get(a.id)! - rank.get(b.id)! ||
          a.id - b.id
        );
      });
      for (const p of ok.slice(0, need)) place(si, role, p.id, false);
      if (ok.length < need) {
        shortages.push({ slotKey: s.key, day: s.day, shiftName: s.name, role, needed: need + have, found: ok.length + have, excluded });
      }
    }
  });

  // 3. Repair: move or swap single assignments while that makes the year's counts more even
  // (sum of squares, totals weighted most), never touching fixed cells or breaking a hard rule.
  const W: Counts = { total: 4, weekend: 1, holiday: 1 };
  const sq = (n: number) => n * n;
  const eligible = (person: number, si: number, ignoreSlot: number) => {
    const s = slots[si]!;
    if (onSlot[si]!.has(person)) return false;
    if (unavailableOn(person, s.day)) return false;
    return !clash(person, s, ignoreSlot);
  };
  const deltaOf = (role: Role, changes: [number, ShiftSlot, 1 | -1][]) => {
    // Apply to copies, compare the weighted sum of squares of the people touched.
    const touched = new Map<number, Counts>();
    for (const [p] of changes) if (!touched.has(p)) touched.set(p, { ...countOf(role, p) });
    let before = 0;
    for (const c of touched.values()) for (const k of KINDS) before += W[k] * sq(c[k]);
    for (const [p, s, by] of changes) {
      const c = touched.get(p)!;
      c.total += by;
      const k = kindKey(s.kind);
      if (k) c[k] += by;
    }
    let after = 0;
    for (const c of touched.values()) for (const k of KINDS) after += W[k] * sq(c[k]);
    return after - before;
  };
  const reassign = (cell: Cell, to: number) => {
    const s = slots[cell.slot]!;
    onSlot[cell.slot]!.delete(cell.person);
    removeInterval(cell.person, cell.slot);
    bump(cell.role, cell.person, s, -1);
    cell.person = to;
    onSlot[cell.slot]!.add(to);
    addInterval(to, s.start, s.end, cell.slot);
    bump(cell.role, to, s, 1);
  };
  for (let pass = 0; pass < 50; pass++) {
    let improved = false;
    for (const cell of cells) {
      if (cell.fixed) continue;
      const s = slots[cell.slot]!;
      for (const q of pool[cell.role]) {
        if (q.id === cell.person || !eligible(q.id, cell.slot, -1)) continue;
        if (deltaOf(cell.role, [[cell.person, s, -1], [q.id, s, 1]]) < 0) {
          reassign(cell, q.id);
          improved = true;
          break;
        }
      }
    }
    for (let i = 0; i < cells.length; i++) {
      const a = cells[i]!;
      if (a.fixed) continue;
      for (let j = i + 1; j < cells.length; j++) {
        const b = cells[j]!;
        if (b.fixed || b.role !== a.role || b.person === a.person || a.slot === b.slot) continue;
        const sa = slots[a.slot]!;
        const sb = slots[b.slot]!;
        if (sa.kind === sb.kind) continue;
        const pa = a.person;
        const pb = b.person;
        const d = deltaOf(a.role, [[pa, sa, -1], [pa, sb, 1], [pb, sb, -1], [pb, sa, 1]]);
        if (d >= 0) continue;
        // Check both moves with each person's own old shift out of the way.
        if (onSlot[b.slot]!.has(pa) || onSlot[a.slot]!.has(pb)) continue;
        if (unavailableOn(pa, sb.day) || unavailableOn(pb, sa.day)) continue;
        if (clash(pa, sb, a.slot) || clash(pb, sa, b.slot)) continue;
        reassign(a, -1);
        reassign(b, pa);
        reassign(a, pb);
        improved = true;
      }
    }
    if (!improved) break;
  }

  const shifts: ProposedShift[] = slots.map((slot, si) => ({
    slot,
    leaders: cells.filter((c) => c.slot === si && c.role === 'leader').map((c) => c.person),
    officers: cells.filter((c) => c.slot === si && c.role === 'officer').map((c) => c.person),
  }));
  const fairness: FairnessRow[] = [];
  const spread = { leader: zero(), officer: zero() };
  for (const role of ['leader', 'officer'] as const) {
    const rows = pool[role].map((p) => ({
      personId: p.id,
      name: p.name,
      role,
      prior: priorOf(p.id),
      month: { ...monthCountOf(role, p.id) },
      year: { ...countOf(role, p.id) },
    }));
    fairness.push(...rows);
    for (const k of KINDS) {
      const v = rows.map((r) => r.year[k]);
      spread[role][k] = v.length ? Math.max(...v) - Math.min(...v) : 0;
    }
  }
  return { month: input.month, shifts, shortages, fixedConflicts, fairness, spread };
}
