// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// The basic predicates every rule and every count of the domain stands on, each defined once:
// whether a report is official, reports in the order received, whether a deadline has passed and
// how many minutes late as of a moment, and a deadline's stage (ahead, amber, overdue) for the
// countdowns and alarms. The engine calls the allocation-free forms; services, the renderer and
// the rest of shared/domain the convenient ones.
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

/**
 * Stored reports (incident_reports rows) in the order received; reports received at the same
 * instant in the order entered (`seq`), which is the order the engine is given them in.
 */
export function byReceiptThenSeq(a: { readonly receivedAt: number; readonly seq: number }, b: { readonly receivedAt: number; readonly seq: number }): number {
  return byReceivedAt(a, b) || a.seq - b.seq;
}

/** A copy of `reports` in the order received (stable: ties keep the order given). */
export function inReceivedOrder<T extends { readonly receivedAt: number }>(reports: readonly T[]): T[] {
  return reports.slice().sort(byReceivedAt);
}

/** Whole minutes rounded up from the deadline to `actual`, so one second late is one minute late. */
export function minutesLate(deadline: number, actual: number): number {
  return Math.ceil((actual - deadline) / MINUTE_MS);
}

/**
 * Whether a deadline has passed at `now`: strictly after it, so that a report received exactly at
 * the deadline is on time and nothing is overdue at the deadline itself.
 */
export function isPastDeadline(deadline: number, now: number): boolean {
  return now > deadline;
}

/** Minutes late as of `now`: null while `now` is not strictly past the deadline. */
export function minutesOverdue(deadline: number, now: number): number | null {
  return isPastDeadline(deadline, now) ? minutesLate(deadline, now) : null;
}

/**
 * A flag stored `overdue`, read as of `now`: it grows later every minute. Rounded up as
 * minutesLate, and at least 1, since it was judged past its deadline (a reader's clock a moment
 * behind the judge's must not show it on time). The flags queue orders by the same in SQL.
 */
export function overdueMinutesAsOf(deadline: number, now: number): number {
  return Math.max(1, minutesLate(deadline, now));
}

/** Where a deadline stands at a moment: not yet near, in its last stretch (amber), or past. */
export type DeadlineStage = 'ahead' | 'amber' | 'overdue';

/**
 * A deadline's stage at `now`: `overdue` once past it (isPastDeadline), `amber` from `amberMs`
 * before it up to the deadline itself (inclusive), else `ahead`. The dashboard, the deadline strip,
 * the alarms and the zero-report countdowns read it, each with its own amber stretch.
 */
export function deadlineStage(deadline: number, now: number, amberMs: number): DeadlineStage {
  if (isPastDeadline(deadline, now)) return 'overdue';
  return now >= deadline - amberMs ? 'amber' : 'ahead';
}
