// Runs in Electron's main process and in plain Node. The unit timeliness ranking (报送及时率排名)
// of a period, from the flags the rules raised on the period's incidents (docs/rules.md):
// - first reports: each incident whose first official report came, or whose deadline passed
//   without one (an overdue LATE_FIRST), fell due; it was late when a LATE_FIRST flag (late or
//   overdue) stands for it that a leader did not dismiss;
// - written reports: the same with the first official written report and LATE_WRITTEN;
// - follow-ups: each official report after the first one (up to the first official final) is one
//   follow-up that fell due, and so is each gap still open (an overdue LATE_FOLLOWUP); a
//   LATE_FOLLOWUP flag, late or overdue and not dismissed, is one late follow-up;
// - confirmed findings: the period's incidents' flags a leader confirmed, as 迟报 (LATE_*),
//   漏报 (OMITTED_*), 谎报 (SUSPECT_FALSE), 瞒报 (SUSPECT_CONCEALED). The duty room's own
//   UPWARD_LATE is not the unit's and is left out.
// The order is shared/domain/stats.ts `rankUnits`. Daily zero reports (零报告, issue 9) come from
// an optional provider; without one the two columns are null ("—").
import { isWrittenChannel } from '../../../shared/domain/channels.js';
import { byReceiptThenSeq, isOfficialReport } from '../../../shared/domain/rules/predicates.js';
import type { ConfirmedCounts, OnTime, RankingRow } from '../../../shared/domain/stats.js';
import { rankUnits, rateOf } from '../../../shared/domain/stats.js';
import type { FlagCode } from '../../../shared/domain/rules/flag.js';
import type { StatFlagRow } from '../../db/repositories/stats.js';
import { activeUnitNames } from '../../db/repositories/stats.js';
import type { ServiceContext } from '../context.js';
import type { StatIncident } from './period-counts.js';

/** Daily zero reports per unit id in [fromMs, toMs): days missing and days late. */
export type ZeroCountsProvider = (ctx: ServiceContext, fromMs: number, toMs: number) => Map<number, { missing: number; late: number }>;

const CONFIRMED_GROUP: Partial<Record<FlagCode, keyof ConfirmedCounts>> = {
  LATE_FIRST: 'late',
  LATE_WRITTEN: 'late',
  LATE_FOLLOWUP: 'late',
  LATE_FINAL: 'late',
  OMITTED_UNREPORTED: 'omitted',
  OMITTED_FIELDS: 'omitted',
  SUSPECT_FALSE: 'falsified',
  SUSPECT_CONCEALED: 'concealed',
};

const isLate = (f: StatFlagRow, code: FlagCode) => f.code === code && (f.status === 'late' || f.status === 'overdue') && f.review !== 'dismissed';

/** One incident's contribution: first, written and follow-up reports due and on time. */
export function incidentTimeliness(i: StatIncident, flags: readonly StatFlagRow[]): { first: OnTime; written: OnTime; followup: OnTime } {
  const official = i.reports
    .filter((r) => isOfficialReport(r, i.responsibleUnit))
    .sort(byReceiptThenSeq);
  const has = (code: FlagCode, status?: string) => flags.some((f) => f.code === code && f.status !== 'cleared' && (status === undefined || f.status === status));
  const lateCount = (code: FlagCode) => flags.filter((f) => isLate(f, code)).length;
  const once = (due: boolean, code: FlagCode): OnTime => (due ? { due: 1, onTime: lateCount(code) > 0 ? 0 : 1 } : { due: 0, onTime: 0 });
  const firstFinal = official.findIndex((r) => r.kind === 'final');
  const followed = Math.max(0, (firstFinal === -1 ? official.length : firstFinal + 1) - 1);
  const followDue = followed + flags.filter((f) => f.code === 'LATE_FOLLOWUP' && f.status === 'overdue').length;
  return {
    first: once(official.length > 0 || has('LATE_FIRST'), 'LATE_FIRST'),
    written: once(official.some((r) => isWrittenChannel(r.channel)) || has('LATE_WRITTEN'), 'LATE_WRITTEN'),
    followup: { due: followDue, onTime: Math.max(0, followDue - lateCount('LATE_FOLLOWUP')) },
  };
}

const add = (a: OnTime, b: OnTime) => {
  a.due += b.due;
  a.onTime += b.onTime;
};

export function unitRanking(
  ctx: ServiceContext,
  incidents: readonly StatIncident[],
  flags: readonly StatFlagRow[],
  bounds: { start: number; end: number },
  zeroCounts?: ZeroCountsProvider,
): RankingRow[] {
  const flagsOf = new Map<number, StatFlagRow[]>();
  for (const f of flags) {
    const list = flagsOf.get(f.incidentId);
    if (list) list.push(f);
    else flagsOf.set(f.incidentId, [f]);
  }
  const rows = new Map<string, RankingRow>();
  const row = (unit: string, unitId: number | null): RankingRow => {
    let r = rows.get(unit);
    if (!r) {
      r = {
        rank: null,
        unit,
        unitId,
        incidents: 0,
        first: { due: 0, onTime: 0 },
        written: { due: 0, onTime: 0 },
        followup: { due: 0, onTime: 0 },
        rate: null,
        confirmed: { late: 0, omitted: 0, falsified: 0, concealed: 0 },
        confirmedTotal: 0,
        zeroMissing: null,
        zeroLate: null,
      };
      rows.set(unit, r);
    }
    r.unitId ??= unitId;
    return r;
  };
  for (const u of activeUnitNames(ctx.db)) row(u.name, u.id);
  for (const i of incidents) {
    const r = row(i.responsibleUnit, i.unitId);
    const own = flagsOf.get(i.id) ?? [];
    const t = incidentTimeliness(i, own);
    r.incidents++;
    add(r.first, t.first);
    add(r.written, t.written);
    add(r.followup, t.followup);
    for (const f of own) {
      const group = f.review === 'confirmed' ? CONFIRMED_GROUP[f.code] : undefined;
      if (group) {
        r.confirmed[group]++;
        r.confirmedTotal++;
      }
    }
  }
  const zero = zeroCounts?.(ctx, bounds.start, bounds.end);
  for (const r of rows.values()) {
    r.rate = rateOf({ due: r.first.due + r.written.due + r.followup.due, onTime: r.first.onTime + r.written.onTime + r.followup.onTime });
    if (zero) {
      const z = r.unitId === null ? undefined : zero.get(r.unitId);
      r.zeroMissing = z?.missing ?? 0;
      r.zeroLate = z?.late ?? 0;
    }
  }
  return rankUnits([...rows.values()]);
}
