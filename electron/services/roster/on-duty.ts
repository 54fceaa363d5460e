// Runs in Electron's main process and in plain Node. Who is on duty at an instant, from the final
// roster. The seam other services call (incident and zero-report flags, handover, bulletin).
import type { OnDuty, OnDutyNowAndNext } from '../../../shared/domain/on-duty.js';
import { checkinsOf } from '../../db/repositories/checkins.js';
import { rosteredShiftAt, rosteredShiftFrom, withPeople, type ShiftHead } from '../../db/repositories/roster.js';
import type { ServiceContext } from '../context.js';

function toOnDuty(ctx: Pick<ServiceContext, 'db'>, head: ShiftHead): OnDuty {
  const [s] = withPeople(ctx.db, [head]);
  return {
    start: head.start,
    end: head.end,
    shiftName: head.name,
    leaders: s!.leaders,
    officers: s!.officers,
    checkedIn: checkinsOf(ctx.db, head.id).map((c) => c.personId),
  };
}

/** The shift covering the instant, or null where no roster is set for it. */
export function onDutyAt(ctx: Pick<ServiceContext, 'db'>, at: number): OnDuty | null {
  const head = rosteredShiftAt(ctx.db, at);
  return head ? toOnDuty(ctx, head) : null;
}

/** The shift now and the one after it (the next rostered one where nothing is rostered now). */
export function onDutyNowAndNext(ctx: Pick<ServiceContext, 'db'>, at: number): OnDutyNowAndNext {
  const now = onDutyAt(ctx, at);
  const nextHead = rosteredShiftFrom(ctx.db, now ? now.end : at);
  return { now, next: nextHead ? toOnDuty(ctx, nextHead) : null };
}

/**
 * Who was on duty as a flag keeps it (on_duty_text, on_duty_ids): the shift and the names as they
 * read then, and the people's ids as JSON; both null where no roster was set.
 */
export function onDutySnapshot(duty: OnDuty | null): { text: string | null; ids: string | null } {
  if (!duty) return { text: null, ids: null };
  const names = (p: { name: string }[]) => p.map((x) => x.name).join('、');
  return {
    text: `${duty.shiftName}：${names(duty.leaders)} / ${names(duty.officers)}`,
    ids: JSON.stringify([...duty.leaders, ...duty.officers].map((p) => p.id)),
  };
}

/**
 * Completes a flag write with the shift on duty at its deadline (the one that should have seen it
 * fall): kept from the stored flag, taken again from the roster only when the deadline is new or moved.
 */
export function completeDutyAtDeadline(
  ctx: Pick<ServiceContext, 'db'>,
  w: { status: string; deadline: number; onDutyText: string | null; onDutyIds: string | null },
  old: { deadline: number; onDutyText: string | null; onDutyIds: string | null } | null,
): void {
  w.onDutyText = old?.onDutyText ?? null;
  w.onDutyIds = old?.onDutyIds ?? null;
  if (w.status !== 'cleared' && (!old || old.deadline !== w.deadline)) {
    const snap = onDutySnapshot(onDutyAt(ctx, w.deadline));
    w.onDutyText = snap.text;
    w.onDutyIds = snap.ids;
  }
}
