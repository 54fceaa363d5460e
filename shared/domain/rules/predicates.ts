// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// The basic predicates every rule and every count of the domain stands on, each defined once:
// whether a report is official, reports in the order received, minutes late as of a moment.
// The engine calls the allocation-free forms; the rest of shared/domain the convenient ones.
import { OFFICIAL_CHANNELS, type Channel } from '../channels.js';

export const MINUTE_MS = 60_000;

/**
 * docs/rules.md: an official report is one whose channel is official **and** whose `fromUnit` is
 * the responsible unit (a phone call from another unit is not official).
 */
export function isOfficialReport(report: { readonly channel: Channel; readonly fromUnit: string }, responsibleUnit: string): boolean {
  return report.fromUnit === responsibleUnit && OFFICIAL_CHANNELS.has(report.channel);
}

/** Order of receipt; 0 for the same instant (a stable sort then keeps the order given). */
export function byReceivedAt(a: { readonly receivedAt: number }, b: { readonly receivedAt: number }): number {
  return a.receivedAt - b.receivedAt;
}

/**
 * Fills `order[0..n)` with the indices of `reports` in the order received; reports received at the
 * same instant keep the order given (a stable sort). Allocates nothing for up to 32 reports.
 */
export function receivedOrderInto(reports: readonly { readonly receivedAt: number }[], n: number, order: Int32Array): void {
  if (n <= 32) {
    for (let i = 0; i < n; i++) {
      const t = reports[i]!.receivedAt;
      let j = i - 1;
      // Strictly greater only, so that ties stay in input order.
      while (j >= 0 && reports[order[j]!]!.receivedAt > t) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = i;
    }
    return;
  }
  // Array#sort is stable (ES2019).
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => reports[a]!.receivedAt - reports[b]!.receivedAt);
  for (let i = 0; i < n; i++) order[i] = idx[i]!;
}

/** A copy of `reports` in the order received (stable: ties keep the order given). */
export function inReceivedOrder<T extends { readonly receivedAt: number }>(reports: readonly T[]): T[] {
  return reports.slice().sort(byReceivedAt);
}

/** Whole minutes rounded up from the deadline to `actual`, so one second late is one minute late. */
export function minutesLate(deadline: number, actual: number): number {
  return Math.ceil((actual - deadline) / MINUTE_MS);
}

/** Minutes late as of `now`: null while `now` is not strictly past the deadline. */
export function minutesOverdue(deadline: number, now: number): number | null {
  return now > deadline ? minutesLate(deadline, now) : null;
}
