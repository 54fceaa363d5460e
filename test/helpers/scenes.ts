// Test helper (plain Node): incidents written through the ordinary services at the times a scene
// gives, the test clock moved forward to each save (never back).
import { intakeSchema, reportFieldsSchema, type ReportFields } from '../../shared/domain/incident.js';
import { addReport, createIncident } from '../../electron/services/incidents/intake.js';
import type { ServiceContext } from '../../electron/services/context.js';

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
