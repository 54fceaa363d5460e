// Test helper (plain Node): incidents written through the ordinary services at the times a scene
// gives, the test clock moved forward to each save (never back); a saved roster to be on duty.
import { intakeSchema, reportFieldsSchema, type ReportFields } from '../../shared/domain/incident.js';
import { addReport, createIncident } from '../../electron/services/incidents/intake.js';
import { createPerson } from '../../electron/services/roster/people.js';
import { generateProposal, saveRoster } from '../../electron/services/roster/roster.js';
import type { ServiceContext } from '../../electron/services/context.js';
import { ensureUnits, testContext, type TestContext } from './context.js';

/** A test context moves its clock to each save; one on a running (drill) clock has no setNow and is already past. */
type SceneContext = ServiceContext & { setNow?(ms: number): void };

/** What an official quick report must state, all stated (no missing items unless a scene leaves one out). */
export const STATED = { location: '建设大道与发展路口', deaths: 0, missing: 0, seriouslyInjured: 0 };

/** A road accident of `unit` whose first report (by phone from the unit, unless `report` says otherwise) comes at `receivedAt`. */
export function sceneIncident(ctx: SceneContext, o: { unit: string; occurredAt: number; receivedAt: number; report?: Partial<ReportFields> }) {
  ctx.setNow?.(Math.max(ctx.now(), o.receivedAt));
  const input = intakeSchema.parse({
    category: 'road_traffic',
    responsibleUnit: o.unit,
    occurredAt: o.occurredAt,
    place: `${o.unit}某路口`,
    report: { kind: 'initial', channel: 'phone', fromUnit: o.unit, receivedAt: o.receivedAt, ...STATED, ...o.report },
  });
  return createIncident(ctx, input, 'incidents.create', { scripted: true }).incident;
}

/** A follow-up report (by phone unless said) at `receivedAt`. */
export function sceneFollowup(ctx: SceneContext, incidentId: number, receivedAt: number, r: Partial<ReportFields> & { fromUnit: string }) {
  ctx.setNow?.(Math.max(ctx.now(), receivedAt));
  return addReport(ctx, incidentId, reportFieldsSchema.parse({ kind: 'followup', channel: 'phone', receivedAt, ...STATED, ...r }));
}

/**
 * A test context at `now` (in November 2026) whose November roster was saved before the month
 * began: one 24 h shift a day from 08:30, four leaders and eight officers rotating; `units` in the
 * directory.
 */
export function withNovemberRoster(now: number, units: readonly string[] = []): TestContext {
  const ctx = testContext({ now: Date.UTC(2026, 9, 31) });
  for (const [i, name] of ['张局', '李局', '王处', '赵处'].entries()) createPerson(ctx, { name, phone: `1390000000${i}`, roles: ['leader'], account: null, notes: '' });
  for (let i = 0; i < 8; i++) createPerson(ctx, { name: `值班员${i + 1}`, phone: `1380000000${i}`, roles: ['officer'], account: null, notes: '' });
  const p = generateProposal(ctx, '2026-11', { withoutHolidays: true });
  saveRoster(ctx, '2026-11', p.shifts.map((s) => ({ slotKey: s.slot.key, leaders: s.leaders, officers: s.officers })));
  ctx.setNow(now);
  ensureUnits(ctx, units);
  return ctx;
}
