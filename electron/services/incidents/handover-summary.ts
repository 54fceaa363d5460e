// Runs in Electron's main process and in plain Node. What the incident log hands to the next shift:
// the seam the handover (issue 5) calls; the incident log (issue 4) implements it.
import { EMPTY_HANDOVER_SUMMARY, type HandoverSummary } from '../../../shared/domain/handover-summary.js';
import type { ServiceContext } from '../context.js';

export const HANDOVER_HORIZON_MS = 12 * 60 * 60 * 1000;

export function handoverSummary(_ctx: Pick<ServiceContext, 'db'>, _at: number, _horizonMs = HANDOVER_HORIZON_MS): HandoverSummary {
  // No incident log exists yet: nothing to hand over.
  return structuredClone(EMPTY_HANDOVER_SUMMARY);
}
