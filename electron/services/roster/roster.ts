// Runs in Electron's main process and in plain Node. Use cases of the month roster: the view, the
// generator's proposal, saving it, edits, swaps (换班) and substitutes (代班), the duty phone list
// and fixed assignments. A change ends assignments and adds new ones; nothing is deleted, so the
// final roster (assignments not ended) answers who was on duty at any instant.
import { AppError } from '../../../shared/api/app-error.js';
import type { Role } from '../../../shared/domain/person.js';
import { addDaysTo, daysOfMonth } from '../../../shared/domain/roster/dates.js';
import { generateRoster, type Counts, type Proposal } from '../../../shared/domain/roster/generator.js';
import type { ChangeKind, Confirmation, DutyPhoneRow, FixedRow, RosterChange, RosterMonth } from '../../../shared/domain/roster/roster.js';
import { slotsOfDays, slotsOfMonth, type ShiftSlot } from '../../../shared/domain/roster/slots.js';
import { holidaysKnownUntil, holidaysMissingFor } from '../../../shared/domain/roster/calendar.js';
import * as holidays from '../../db/repositories/holidays.js';
import * as people from '../../db/repositories/people.js';
import * as repo from '../../db/repositories/roster.js';
import { actorNamer } from '../actors.js';
import { appendAudit } from '../audit.js';
import { inWriteTransaction, type ServiceContext } from '../context.js';
import { getSettings } from '../settings.js';
import { assertVersion, versionOf, type Stamp } from '../versions.js';
import { calendarBetween, getPattern } from './calendar.js';

type Ctx = Pick<ServiceContext, 'db'>;

const lastDay = (month: string) => daysOfMonth(month).at(-1)!;

export function monthSlots(ctx: Ctx, month: string): ShiftSlot[] {
  const days = daysOfMonth(month);
  return slotsOfMonth(month, getPattern(ctx), getSettings(ctx).timeZone, calendarBetween(ctx, days[0]!, days.at(-1)!));
}

function zero(): Counts {
  return { total: 0, weekend: 0, holiday: 0 };
}

/** The month's version: its newest roster change (who made it and when), null for none. */
export function monthStamp(ctx: Ctx, month: string): Stamp | null {
  return repo.newestChangeOfDays(ctx.db, `${month}-01`, lastDay(month)) ?? null;
}

/** Refuses a change of the month's plan made on an older version of it (another seat changed it meanwhile). */
function assertMonthVersion(ctx: ServiceContext, month: string, baseVersion: number | undefined): void {
  assertVersion(ctx, monthStamp(ctx, month), baseVersion, 'roster.changedMeanwhile', { month });
}

export function getMonth(ctx: Ctx, month: string): RosterMonth {
  const first = `${month}-01`;
  const shifts = repo.withPeople(ctx.db, repo.rosteredShiftsOfDays(ctx.db, first, lastDay(month)));
  const year = repo.countsOfDays(ctx.db, `${month.slice(0, 4)}-01-01`, lastDay(month));
  const inMonth = repo.countsOfDays(ctx.db, first, lastDay(month));
  // Per person over both roles, as the generator balances them.
  const sum = (m: Map<string, Counts>, id: number): Counts => {
    const c = zero();
    for (const r of ['leader', 'officer']) {
      const x = m.get(`${r}:${id}`);
      if (x) (Object.keys(c) as (keyof Counts)[]).forEach((k) => (c[k] += x[k]));
    }
    return c;
  };
  const fairness: RosterMonth['fairness'] = [];
  for (const p of people.listPeople(ctx.db, true)) {
    const y = sum(year, p.id);
    if (!p.active && y.total === 0) continue;
    for (const role of p.roles) fairness.push({ personId: p.id, name: p.name, role, year: y, month: sum(inMonth, p.id) });
  }
  const knownUntil = holidaysKnownUntil(holidays.listEntries(ctx.db));
  return { month, shifts, fairness, holidaysKnownUntil: knownUntil, holidaysMissing: holidaysMissingFor(month, knownUntil), version: versionOf(monthStamp(ctx, month)) };
}

/** A proposal for the month from the people, leave, calendar, fixed assignments and the year so far. Saves nothing. */
/**
 * A proposal for the month. Refused when the month lies past the public holidays entered (it would
 * be planned as if it had none), unless `withoutHolidays` says a person chose that knowingly.
 */
export function generateProposal(ctx: ServiceContext, month: string, opts: { withoutHolidays?: boolean } = {}): Proposal {
  const knownUntil = holidaysKnownUntil(holidays.listEntries(ctx.db));
  if (!opts.withoutHolidays && holidaysMissingFor(month, knownUntil))
    throw new AppError('conflict', knownUntil ? 'roster.holidaysMissing' : 'roster.holidaysNone', { month, knownUntil: knownUntil ?? '', year: month.slice(0, 4) });
  const first = `${month}-01`;
  const last = lastDay(month);
  const slots = monthSlots(ctx, month);
  const pool = people.listPeople(ctx.db).map((p) => ({ id: p.id, name: p.name, roles: p.roles }));
  const unavailable = people
    .listLeave(ctx.db, { from: addDaysTo(first, -1), to: addDaysTo(last, 1) })
    .map((l) => ({ personId: l.personId, from: l.from, to: l.to, reason: l.reason }));
  const fixed = repo.listFixed(ctx.db, month).map((f) => ({ slotKey: f.slotKey, personId: f.personId, role: f.role }));
  // Shifts already begun are history: they stay as they are, and the proposal builds around them.
  const existing = repo.withPeople(ctx.db, repo.rosteredShiftsOfDays(ctx.db, first, last));
  const now = ctx.now();
  for (const s of existing) {
    if (s.start >= now) continue;
    const slot = slots.find((x) => x.start === s.start && x.end === s.end);
    if (!slot) continue;
    for (const p of s.leaders) fixed.push({ slotKey: slot.key, personId: p.id, role: 'leader' });
    for (const p of s.officers) fixed.push({ slotKey: slot.key, personId: p.id, role: 'officer' });
  }
  const edges = repo.withPeople(ctx.db, [
    ...repo.rosteredShiftsOfDays(ctx.db, addDaysTo(first, -1), addDaysTo(first, -1)),
    ...repo.rosteredShiftsOfDays(ctx.db, addDaysTo(last, 1), addDaysTo(last, 1)),
  ]);
  const context = edges.flatMap((s) => [...s.leaders, ...s.officers].map((p) => ({ personId: p.id, start: s.start, end: s.end })));
  const prior = month.endsWith('-01') ? new Map<string, Counts>() : repo.countsOfDays(ctx.db, `${month.slice(0, 4)}-01-01`, addDaysTo(first, -1));
  return generateRoster({ month, slots, people: pool, unavailable, fixed, context, prior: Object.fromEntries(prior) });
}

/** Refuses to put a person on a shift where a hard rule forbids it, saying which rule and how to fix it. */
function assertCanWork(ctx: ServiceContext, personId: number, role: Role, shift: repo.ShiftHead): void {
  const p = people.findPerson(ctx.db, personId);
  if (!p) throw new AppError('not_found', 'person.notFound', { id: personId });
  if (!p.active) throw new AppError('conflict', 'roster.personInactive', { name: p.name });
  if (!p.roles.includes(role)) throw new AppError('conflict', role === 'leader' ? 'roster.notLeader' : 'roster.notOfficer', { name: p.name });
  const leave = people.listLeave(ctx.db, { from: shift.day, to: shift.day }).find((l) => l.personId === personId);
  if (leave) throw new AppError('conflict', 'roster.onLeave', { name: p.name, day: shift.day, reason: leave.reason });
  const other = repo.personShiftsTouching(ctx.db, personId, shift.start, shift.end);
  if (other.some((o) => o.shiftId === shift.id)) throw new AppError('conflict', 'roster.twiceOnShift', { name: p.name, day: shift.day, shift: shift.name });
  const o = other[0];
  if (o) throw new AppError('conflict', 'roster.touching', { name: p.name, day: shift.day, shift: shift.name, otherDay: o.day, otherShift: o.name });
}

function snapshot(ctx: ServiceContext, heads: repo.ShiftHead[]) {
  return repo.withPeople(ctx.db, heads).map((s) => ({ day: s.day, shift: s.name, leaders: s.leaders.map((p) => p.name), officers: s.officers.map((p) => p.name) }));
}

function confirmations(ctx: ServiceContext, ids: number[], parties: number[]): Confirmation[] {
  const list = ids.map((id) => {
    const p = people.findPerson(ctx.db, id);
    if (!p) throw new AppError('not_found', 'person.notFound', { id });
    return p;
  });
  const byLeader = list.some((p) => p.active && p.roles.includes('leader'));
  const byBoth = parties.every((id) => ids.includes(id));
  if (!byLeader && !byBoth) throw new AppError('conflict', 'roster.confirmNeeded');
  return list.map((p) => ({ personId: p.id, name: p.name }));
}

interface ShiftPeople {
  slotKey: string;
  leaders: number[];
  officers: number[];
}

/** Writes a whole month (a saved proposal or an import): shifts already begun are kept as they are. */
export function writeMonth(
  ctx: ServiceContext,
  month: string,
  shifts: ShiftPeople[],
  kind: Extract<ChangeKind, 'generate' | 'import'>,
  reason: string,
  method: string,
  opts: { fillBegun?: boolean; baseVersion?: number | undefined } = {},
): RosterMonth {
  return inWriteTransaction(ctx, () => {
    assertMonthVersion(ctx, month, opts.baseVersion);
    const first = `${month}-01`;
    const last = lastDay(month);
    const now = ctx.now();
    const slots = new Map(monthSlots(ctx, month).map((s) => [s.key, s]));
    const oldHeads = repo.rosteredShiftsOfDays(ctx.db, first, last);
    const before = snapshot(ctx, oldHeads);
    const change = repo.insertChange(ctx.db, { kind, month, reason, confirmedBy: [], confirmedAt: null, actor: ctx.actor, at: now });
    const begun = new Set<number>();
    for (const h of oldHeads) {
      if (h.start < now) {
        begun.add(h.start);
        continue;
      }
      for (const a of repo.activeAssignments(ctx.db, [h.id])) repo.endAssignment(ctx.db, a.id, change);
    }
    const seen = new Set<string>();
    for (const s of shifts) {
      const slot = slots.get(s.slotKey);
      if (!slot) throw new AppError('invalid_input', 'roster.slotNotInMonth', { slot: s.slotKey, month });
      if (seen.has(s.slotKey)) throw new AppError('invalid_input', 'roster.slotTwice', { slot: s.slotKey });
      seen.add(s.slotKey);
      // A rostered shift already begun is history and stays. A proposal fills no shift that has
      // already ended, but does fill the one running now if nobody is rostered on it; an import or
      // the demo may fill ended shifts that nobody was rostered on.
      if (begun.has(slot.start) || (slot.end <= now && kind === 'generate' && !opts.fillBegun)) continue;
      const head = repo.ensureShift(ctx.db, slot, now);
      for (const [role, ids] of [['leader', s.leaders], ['officer', s.officers]] as [Role, number[]][]) {
        ids.forEach((personId, position) => {
          assertCanWork(ctx, personId, role, head);
          repo.insertAssignment(ctx.db, { shiftId: head.id, personId, role, position, changeId: change });
        });
      }
    }
    const after = snapshot(ctx, repo.rosteredShiftsOfDays(ctx.db, first, last));
    appendAudit(ctx, { method, entity: 'roster', entityId: month, before, after: { change, reason, shifts: after } });
    return getMonth(ctx, month);
  });
}

export function saveRoster(ctx: ServiceContext, month: string, shifts: ShiftPeople[], baseVersion?: number): RosterMonth {
  return writeMonth(ctx, month, shifts, 'generate', '', 'roster.save', { baseVersion });
}

function shiftOrThrow(ctx: ServiceContext, id: number): repo.ShiftHead {
  const s = repo.findShift(ctx.db, id);
  if (!s) throw new AppError('not_found', 'roster.shiftNotFound', { id });
  return s;
}

function assignmentOf(ctx: ServiceContext, shift: repo.ShiftHead, personId: number): repo.ActiveAssignment {
  const a = repo.activeAssignments(ctx.db, [shift.id]).find((x) => x.personId === personId);
  if (!a) {
    const name = people.findPerson(ctx.db, personId)?.name ?? String(personId);
    throw new AppError('conflict', 'roster.notOnShift', { name, day: shift.day, shift: shift.name });
  }
  return a;
}

export function editShift(ctx: ServiceContext, shiftId: number, leaders: number[], officers: number[], reason: string, baseVersion?: number): RosterMonth {
  return inWriteTransaction(ctx, () => {
    const shift = shiftOrThrow(ctx, shiftId);
    assertMonthVersion(ctx, shift.day.slice(0, 7), baseVersion);
    const before = snapshot(ctx, [shift]);
    const change = repo.insertChange(ctx.db, { kind: 'edit', month: shift.day.slice(0, 7), reason, confirmedBy: [], confirmedAt: null, actor: ctx.actor, at: ctx.now() });
    for (const a of repo.activeAssignments(ctx.db, [shift.id])) repo.endAssignment(ctx.db, a.id, change);
    for (const [role, ids] of [['leader', leaders], ['officer', officers]] as [Role, number[]][]) {
      ids.forEach((personId, position) => {
        assertCanWork(ctx, personId, role, shift);
        repo.insertAssignment(ctx.db, { shiftId: shift.id, personId, role, position, changeId: change });
      });
    }
    appendAudit(ctx, { method: 'roster.editShift', entity: 'rosterShift', entityId: shift.id, before, after: { change, reason, shift: snapshot(ctx, [shift]) } });
    return getMonth(ctx, shift.day.slice(0, 7));
  });
}

export function swapShifts(
  ctx: ServiceContext,
  i: { shiftA: number; personA: number; shiftB: number; personB: number; reason: string; confirmedBy: number[]; baseVersion?: number | undefined },
): RosterMonth {
  return inWriteTransaction(ctx, () => {
    const sa = shiftOrThrow(ctx, i.shiftA);
    const sb = shiftOrThrow(ctx, i.shiftB);
    // The version read is of shift A's month (the month on screen); shift B may lie in the next.
    assertMonthVersion(ctx, sa.day.slice(0, 7), i.baseVersion);
    if (i.personA === i.personB || sa.id === sb.id) throw new AppError('invalid_input', 'roster.swapSame');
    const aa = assignmentOf(ctx, sa, i.personA);
    const ab = assignmentOf(ctx, sb, i.personB);
    const confirmedBy = confirmations(ctx, i.confirmedBy, [i.personA, i.personB]);
    const before = snapshot(ctx, [sa, sb]);
    const change = repo.insertChange(ctx.db, { kind: 'swap', month: sa.day.slice(0, 7), reason: i.reason, confirmedBy, confirmedAt: ctx.now(), actor: ctx.actor, at: ctx.now() });
    repo.endAssignment(ctx.db, aa.id, change);
    repo.endAssignment(ctx.db, ab.id, change);
    assertCanWork(ctx, i.personB, aa.role, sa);
    repo.insertAssignment(ctx.db, { shiftId: sa.id, personId: i.personB, role: aa.role, position: aa.position, changeId: change });
    assertCanWork(ctx, i.personA, ab.role, sb);
    repo.insertAssignment(ctx.db, { shiftId: sb.id, personId: i.personA, role: ab.role, position: ab.position, changeId: change });
    appendAudit(ctx, { method: 'roster.swap', entity: 'rosterChange', entityId: change, before, after: { reason: i.reason, confirmedBy, shifts: snapshot(ctx, [sa, sb]) } });
    return getMonth(ctx, sa.day.slice(0, 7));
  });
}

export function substitute(
  ctx: ServiceContext,
  i: { shiftId: number; personId: number; substituteId: number; reason: string; confirmedBy: number[]; baseVersion?: number | undefined },
): RosterMonth {
  return inWriteTransaction(ctx, () => {
    const shift = shiftOrThrow(ctx, i.shiftId);
    assertMonthVersion(ctx, shift.day.slice(0, 7), i.baseVersion);
    const a = assignmentOf(ctx, shift, i.personId);
    const confirmedBy = confirmations(ctx, i.confirmedBy, [i.personId, i.substituteId]);
    const before = snapshot(ctx, [shift]);
    const change = repo.insertChange(ctx.db, { kind: 'substitute', month: shift.day.slice(0, 7), reason: i.reason, confirmedBy, confirmedAt: ctx.now(), actor: ctx.actor, at: ctx.now() });
    repo.endAssignment(ctx.db, a.id, change);
    assertCanWork(ctx, i.substituteId, a.role, shift);
    repo.insertAssignment(ctx.db, { shiftId: shift.id, personId: i.substituteId, role: a.role, position: a.position, changeId: change });
    appendAudit(ctx, { method: 'roster.substitute', entity: 'rosterChange', entityId: change, before, after: { reason: i.reason, confirmedBy, shift: snapshot(ctx, [shift]) } });
    return getMonth(ctx, shift.day.slice(0, 7));
  });
}

export function history(ctx: Ctx, month: string): RosterChange[] {
  const nameOf = actorNamer(ctx);
  return repo.changesTouching(ctx.db, `${month}-01`, lastDay(month)).map((c) => ({ ...c, actorName: nameOf(c.actor) }));
}

export function phoneList(ctx: Ctx, month: string): DutyPhoneRow[] {
  const shifts = repo.withPeople(ctx.db, repo.rosteredShiftsOfDays(ctx.db, `${month}-01`, lastDay(month)));
  return shifts.flatMap((s) => [
    ...s.leaders.map((p) => ({ day: s.day, shiftName: s.name, start: s.start, end: s.end, role: 'leader' as const, name: p.name, phone: p.phone })),
    ...s.officers.map((p) => ({ day: s.day, shiftName: s.name, start: s.start, end: s.end, role: 'officer' as const, name: p.name, phone: p.phone })),
  ]);
}

export function listFixed(ctx: Ctx, month: string): FixedRow[] {
  return repo.listFixed(ctx.db, month);
}

export function addFixed(ctx: ServiceContext, f: { slotKey: string; personId: number; role: Role; reason: string }): FixedRow {
  return inWriteTransaction(ctx, () => {
    const day = f.slotKey.split('#')[0]!;
    const slots = slotsOfDays([day], getPattern(ctx), getSettings(ctx).timeZone, calendarBetween(ctx, day, day));
    if (!slots.some((s) => s.key === f.slotKey)) throw new AppError('invalid_input', 'roster.badSlot');
    const p = people.findPerson(ctx.db, f.personId);
    if (!p) throw new AppError('not_found', 'person.notFound', { id: f.personId });
    if (!p.roles.includes(f.role)) throw new AppError('conflict', f.role === 'leader' ? 'roster.notLeader' : 'roster.notOfficer', { name: p.name });
    const row = repo.insertFixed(ctx.db, f, ctx.now());
    appendAudit(ctx, { method: 'roster.fixedAdd', entity: 'rosterFixed', entityId: row.id, before: null, after: row });
    return row;
  });
}

export function cancelFixed(ctx: ServiceContext, id: number): FixedRow {
  return inWriteTransaction(ctx, () => {
    const before = repo.findFixed(ctx.db, id);
    if (!before) throw new AppError('not_found', 'roster.fixedNotFound', { id });
    const after = repo.cancelFixed(ctx.db, id);
    appendAudit(ctx, { method: 'roster.fixedCancel', entity: 'rosterFixed', entityId: id, before, after });
    return after;
  });
}
