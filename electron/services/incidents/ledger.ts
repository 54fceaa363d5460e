// Runs in Electron's main process and in plain Node. The unit accountability ledger (单位问责台账):
// per unit and year, from the flags a leader confirmed, judged by shared/domain/accountability.ts.
import { assessUnits, yearPeriod, type ConfirmedFinding } from '../../../shared/domain/accountability.js';
import type { Ledger, LedgerFinding, QueueFlag } from '../../../shared/domain/incident.js';
import { confirmedFlags } from '../../db/repositories/flags.js';
import { findUnit } from '../../db/repositories/units.js';
import { noticeCountsByUnit } from '../notices/seams.js';
import { zeroCountsByUnit } from '../periods/seams.js';
import type { ServiceContext } from '../context.js';
import { getSettings } from '../settings.js';

/** The zone's offset in minutes at an instant (China keeps none, but the setting is a zone). */
export function utcOffsetMin(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((local - Math.floor(at / 1000) * 1000) / 60_000);
}

export function ledger(ctx: ServiceContext, year: number): Ledger {
  const now = ctx.now();
  const offset = utcOffsetMin(getSettings(ctx).timeZone, now);
  const period = yearPeriod(year, offset);
  // As of now for the current year, as of the year's last moment for a past one.
  const asOf = Math.min(now, period.end - 1);
  const flags = confirmedFlags(ctx.db);
  // accountability.ts returns the findings it was given (filtered, sorted), so identity maps back.
  const flagOf = new Map<ConfirmedFinding, QueueFlag>();
  const findings: ConfirmedFinding[] = flags.map((f) => {
    const c: ConfirmedFinding = {
    unit: f.responsibleUnit,
    incidentId: f.incidentNumber,
    code: f.code,
    confirmedAt: f.reviewedAt!,
    deadline: f.deadline,
    actual: f.actual,
    minutesLate: f.minutesLate,
    };
    flagOf.set(c, f);
    return c;
  });
  const view = (c: ConfirmedFinding): LedgerFinding => {
    const f = flagOf.get(c)!;
    return {
      flagId: f.id,
      incidentId: f.incidentId,
      incidentNumber: f.incidentNumber,
      code: f.code,
      confirmedAt: c.confirmedAt,
      confirmedBy: f.reviewedBy ?? '',
      reason: f.reviewReason ?? '',
      deadline: f.deadline,
      actual: f.actual,
      minutesLate: f.minutesLate,
    };
  };
  const units = assessUnits(findings, { year: period, asOf, utcOffsetMin: offset }).map((u) => ({
    unit: u.unit,
    notices: u.notices.map(view),
    heavierPenalty: u.heavierPenalty.map(view),
    vetoed: u.vetoed,
    summonsRecommended: u.summons.recommended,
    summonsCount: u.summons.findings.length,
    findings: findings.filter((f) => f.unit === u.unit && f.confirmedAt >= period.start && f.confirmedAt < period.end).map(view),
    zeroMissing: 0,
    zeroLate: 0,
    relayMissing: 0,
    relayLate: 0,
  }));
  const unitNamed = (name: string) => {
    let u = units.find((x) => x.unit === name);
    if (!u) {
      u = { unit: name, notices: [], heavierPenalty: [], vetoed: false, summonsRecommended: false, summonsCount: 0, findings: [], zeroMissing: 0, zeroLate: 0, relayMissing: 0, relayLate: 0 };
      units.push(u);
    }
    return u;
  };
  // Daily reports in special periods (零报告): each unit's omitted and late ones in the year, by name
  // like the findings; a unit with only these joins the ledger.
  for (const [unitId, c] of zeroCountsByUnit(ctx, period.start, Math.min(period.end, now))) {
    const u = unitNamed(findUnit(ctx.db, unitId)?.name ?? `#${unitId}`);
    u.zeroMissing += c.missing;
    u.zeroLate += c.late;
  }
  // Relayed notices (传达与回执): receipts and feedback missing or late, the duty room's own late relays.
  for (const [name, c] of noticeCountsByUnit(ctx, period.start, Math.min(period.end, now))) {
    const u = unitNamed(name);
    u.relayMissing += c.missing;
    u.relayLate += c.late;
  }
  return { year, asOf, units };
}
