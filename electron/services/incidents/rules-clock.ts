// Runs in Electron's main process and in plain Node. The evaluation clock: every interval (30 s by
// default) the incidents whose verdict can change with time alone (a deadline passed since the
// last look) are re-judged and their changed flags stored. Changes by people re-judge at once.
// The same tick re-judges the daily reports of the special periods running (ZERO_REPORT_MISSING)
// and the notices with a relay, receipt or feedback deadline passed since they were last judged.
import { inWriteTransaction, type ServiceContext } from '../context.js';
import { dueForCheck } from '../../db/repositories/incidents.js';
import { runNoticeClock } from '../notices/judge.js';
import { runZeroClock } from '../periods/judge.js';
import { reevaluate } from './evaluate.js';

export const RULES_CLOCK_INTERVAL_MS = 30_000;

/**
 * One tick: returns how many incidents were re-judged and how many flags changed (the daily
 * reports' and the notices' flags included). The incidents go first, in their own transaction, so that a problem
 * with a special period can never hold up the incident flags.
 */
export function runRulesClock(ctx: ServiceContext): { incidents: number; changed: number } {
  const ids = dueForCheck(ctx.db, ctx.now());
  const changed =
    ids.length === 0
      ? 0
      : inWriteTransaction(ctx, () => {
          let n = 0;
          for (const id of ids) n += reevaluate(ctx, id, 'rules.clock');
          return n;
        });
  return { incidents: ids.length, changed: changed + runZeroClock(ctx).changed + runNoticeClock(ctx).changed };
}

/** Starts the clock (one tick at once); returns the stop function. */
export function startRulesClock(
  ctx: ServiceContext,
  opts: { intervalMs?: number; onError?: (e: unknown) => void } = {},
): () => void {
  const onError = opts.onError ?? ((e: unknown) => process.stderr.write(`[rules clock] ${(e as Error)?.stack ?? String(e)}\n`));
  const tick = () => {
    try {
      if (ctx.db.open) runRulesClock(ctx);
    } catch (e) {
      onError(e);
    }
  };
  tick();
  const id = setInterval(tick, opts.intervalMs ?? RULES_CLOCK_INTERVAL_MS);
  id.unref?.();
  return () => clearInterval(id);
}
