// Runs in Electron's main process and in plain Node. 交接班: the outgoing shift's record, pre-filled
// from the incident log (snapshotted when created: it is evidence and must not follow later
// changes), the outgoing notes, and the incoming side's signed acknowledgement, after which the
// record is read-only.
import { AppError } from '../../../shared/api/app-error.js';
import type { HandoverSummary } from '../../../shared/domain/handover-summary.js';
import type { CheckinRecord, Handover, RosterShift } from '../../../shared/domain/roster/roster.js';
import * as repo from '../../db/repositories/handover.js';
import { findPerson } from '../../db/repositories/people.js';
import { activeAssignments, findShift, rosteredShiftAt, rosteredShiftFrom, withPeople } from '../../db/repositories/roster.js';
import { actorNamer } from '../actors.js';
import { appendAudit } from '../audit.js';
import { inWriteTransaction, type ServiceContext } from '../context.js';
import { handoverSummary, HANDOVER_HORIZON_MS } from '../incidents/handover-summary.js';
import { checkinRecords } from './checkin.js';
import { assertVersion, auditStamp, versionOf } from '../versions.js';

type Ctx = Pick<ServiceContext, 'db'>;

function shiftView(ctx: Ctx, id: number | null): Handover['shift'] | null {
  if (id === null) return null;
  const head = findShift(ctx.db, id);
  if (!head) return null;
  const [s] = withPeople(ctx.db, [head]);
  return { day: s!.day, name: s!.name, start: s!.start, end: s!.end, leaders: s!.leaders, officers: s!.officers };
}

function toHandover(ctx: Ctx, r: repo.HandoverRow, nameOf = actorNamer(ctx)): Handover {
  return {
    id: r.id,
    shiftId: r.shift_id,
    shift: shiftView(ctx, r.shift_id)!,
    nextShift: shiftView(ctx, r.next_shift_id),
    summary: JSON.parse(r.summary) as HandoverSummary,
    checkins: JSON.parse(r.checkins) as CheckinRecord[],
    notes: r.notes,
    createdAt: r.created_at,
    createdBy: r.created_by,
    createdByName: nameOf(r.created_by),
    updatedAt: r.updated_at,
    ack: r.ack_at === null ? null : { personId: r.ack_person_id!, name: r.ack_name!, at: r.ack_at, remarks: r.ack_remarks ?? '' },
    version: versionOf(auditStamp(ctx.db, 'handover', r.id)),
  };
}

export function getHandover(ctx: Ctx, id: number): Handover {
  const r = repo.findHandover(ctx.db, id);
  if (!r) throw new AppError('not_found', 'handover.notFound', { id });
  return toHandover(ctx, r);
}

/** The shift on duty at `at`, its own record (to hand over) and the previous shift's (to acknowledge). */
export function currentHandover(ctx: Ctx, at: number): { shift: RosterShift | null; record: Handover | null; previous: Handover | null } {
  const head = rosteredShiftAt(ctx.db, at);
  if (!head) return { shift: null, record: null, previous: null };
  const [shift] = withPeople(ctx.db, [head]);
  const own = repo.findHandoverOfShift(ctx.db, head.id);
  const prevHead = rosteredShiftAt(ctx.db, head.start - 1);
  const prev = prevHead ? repo.findHandoverOfShift(ctx.db, prevHead.id) : undefined;
  return { shift: shift!, record: own ? toHandover(ctx, own) : null, previous: prev ? toHandover(ctx, prev) : null };
}

export function prepareHandover(ctx: ServiceContext, shiftId: number): Handover {
  return inWriteTransaction(ctx, () => {
    const shift = findShift(ctx.db, shiftId);
    if (!shift) throw new AppError('not_found', 'roster.shiftNotFound', { id: shiftId });
    const existing = repo.findHandoverOfShift(ctx.db, shiftId);
    if (existing) return toHandover(ctx, existing);
    const now = ctx.now();
    const summary = handoverSummary(ctx, now, HANDOVER_HORIZON_MS);
    const checkins = checkinRecords(ctx, shift, now);
    const next = rosteredShiftFrom(ctx.db, shift.end);
    const id = repo.insertHandover(ctx.db, { shiftId, nextShiftId: next?.id ?? null, summary, checkins, notes: '', now, actor: ctx.actor });
    const { version: _none, ...h } = getHandover(ctx, id);
    appendAudit(ctx, { method: 'handover.prepare', entity: 'handover', entityId: id, before: null, after: h });
    // Read again: its version is the audit row just written.
    return getHandover(ctx, id);
  });
}

/** `baseVersion`: the version the notes were typed on; another seat's save since is refused, naming who and when. */
export function updateHandoverNotes(ctx: ServiceContext, id: number, notes: string, baseVersion?: number): Handover {
  return inWriteTransaction(ctx, () => {
    const before = getHandover(ctx, id);
    if (before.ack) throw new AppError('conflict', 'handover.readOnly', { name: before.ack.name });
    assertVersion(ctx, auditStamp(ctx.db, 'handover', id), baseVersion, 'handover.changedBy');
    repo.updateHandoverNotes(ctx.db, id, notes, ctx.now());
    appendAudit(ctx, { method: 'handover.updateNotes', entity: 'handover', entityId: id, before: { notes: before.notes }, after: { notes } });
    return getHandover(ctx, id);
  });
}

export function acknowledgeHandover(ctx: ServiceContext, id: number, personId: number, remarks: string): Handover {
  return inWriteTransaction(ctx, () => {
    const before = getHandover(ctx, id);
    if (before.ack) throw new AppError('conflict', 'handover.readOnly', { name: before.ack.name });
    const person = findPerson(ctx.db, personId);
    if (!person) throw new AppError('not_found', 'person.notFound', { id: personId });
    const nextId = repo.findHandover(ctx.db, id)!.next_shift_id;
    if (nextId !== null && !activeAssignments(ctx.db, [nextId]).some((a) => a.personId === personId)) {
      throw new AppError('conflict', 'handover.notIncoming', { name: person.name });
    }
    repo.acknowledgeHandover(ctx.db, id, { personId, name: person.name, at: ctx.now(), remarks });
    const after = getHandover(ctx, id);
    appendAudit(ctx, { method: 'handover.acknowledge', entity: 'handover', entityId: id, before: { ack: null }, after: { ack: after.ack } });
    return after;
  });
}

export function listHandovers(ctx: Ctx, limit = 50): Handover[] {
  const nameOf = actorNamer(ctx);
  return repo.listHandovers(ctx.db, limit).map((r) => toHandover(ctx, r, nameOf));
}
