// Runs in Electron's main process and in plain Node. Who is on duty at an instant, from the final
// roster. The seam other services call; the roster (issue 5) implements it.
import type { OnDuty, OnDutyNowAndNext } from '../../../shared/domain/on-duty.js';
import type { ServiceContext } from '../context.js';

/** The shift covering the instant, or null where no roster is set for it. */
export function onDutyAt(_ctx: Pick<ServiceContext, 'db'>, _at: number): OnDuty | null {
  // No roster exists yet: say so (null) rather than invent a shift.
  return null;
}

/** The shift now and the one after it. */
export function onDutyNowAndNext(ctx: Pick<ServiceContext, 'db'>, at: number): OnDutyNowAndNext {
  const now = onDutyAt(ctx, at);
  return { now, next: now ? onDutyAt(ctx, now.end) : null };
}
