// Runs in Electron's main process and in plain Node. 接班签到: the incoming shift checks in; the
// time is the server's clock, never the caller's.
import { AppError } from '../../../shared/api/app-error.js';
import type { OnDutyNowAndNext } from '../../../shared/domain/on-duty.js';
import { CHECKIN_GRACE_MS, type CheckinRecord } from '../../../shared/domain/roster/roster.js';
import { isPastDeadline } from '../../../shared/domain/rules/predicates.js';
import { checkinsOf, insertCheckin } from '../../db/repositories/checkins.js';
import { findPerson } from '../../db/repositories/people.js';
import { activeAssignments, rosteredShiftAt, type ShiftHead } from '../../db/repositories/roster.js';
import { appendAudit } from '../audit.js';
import { inWriteTransaction, type ServiceContext } from '../context.js';
import { onDutyNowAndNext } from './on-duty.js';

/** Check-in opens this long before the shift starts. */
export const CHECKIN_OPENS_MS = 60 * 60 * 1000;

export function checkIn(ctx: ServiceContext, shiftStart: number, personId: number): OnDutyNowAndNext {
  return inWriteTransaction(ctx, () => {
    const shift = rosteredShiftAt(ctx.db, shiftStart);
    if (!shift || shift.start !== shiftStart) throw new AppError('not_found', 'checkin.noShift');
    const person = findPerson(ctx.db, personId);
    if (!person) throw new AppError('not_found', 'person.notFound', { id: personId });
    if (!activeAssignments(ctx.db, [shift.id]).some((a) => a.personId === personId)) {
      throw new AppError('conflict', 'checkin.notOnShift', { name: person.name, shift: shift.name, day: shift.day });
    }
    const now = ctx.now();
    if (now < shift.start - CHECKIN_OPENS_MS) throw new AppError('conflict', 'checkin.tooEarly', { name: person.name });
    if (now >= shift.end) throw new AppError('conflict', 'checkin.shiftOver', { name: person.name });
    if (checkinsOf(ctx.db, shift.id).some((c) => c.personId === personId)) throw new AppError('conflict', 'checkin.already', { name: person.name });
    insertCheckin(ctx.db, shift.id, personId, now, ctx.actor);
    const late = now > shift.start + CHECKIN_GRACE_MS;
    appendAudit(ctx, { method: 'roster.checkIn', entity: 'checkin', entityId: shift.id, before: null, after: { shiftId: shift.id, personId, name: person.name, at: now, late } });
    return onDutyNowAndNext(ctx, now);
  });
}

/** Each person of the shift with their check-in time; late when after the grace period (or none by `asOf`). */
export function checkinRecords(ctx: Pick<ServiceContext, 'db'>, shift: ShiftHead, asOf: number): CheckinRecord[] {
  const done = checkinsOf(ctx.db, shift.id);
  const deadline = shift.start + CHECKIN_GRACE_MS;
  return activeAssignments(ctx.db, [shift.id]).map((a) => {
    const at = done.find((c) => c.personId === a.personId)?.at ?? null;
    return { personId: a.personId, name: a.person.name, role: a.role, at, late: isPastDeadline(deadline, at ?? asOf) };
  });
}
