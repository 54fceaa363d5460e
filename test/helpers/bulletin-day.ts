// Test helper (plain Node): a busy duty day for the bulletin, written through the ordinary
// services in the order it happened: 30 days of demo history up to the start of duty day
// 2026-11-23 (Asia/Shanghai, boundary 08:30), then by hand during that day a level III road
// accident whose summary a person typed as "=1+1" (not reported upward in time: UPWARD_LATE),
// an important fire with a late first report confirmed by the leader, an unofficial report
// (a pending suspicion), a follow-up on a flag, and the shift's handover acknowledged. Then, if a
// test asks (finishBusyDay), the morning after: the fire's final report closes it and the leader
// rewrites the road accident's description.
import { reviewFlag, createFollowup } from '../../electron/services/incidents/followup.js';
import { describeIncident } from '../../electron/services/incidents/description.js';
import { addReport, createIncident } from '../../electron/services/incidents/intake.js';
import { runRulesClock } from '../../electron/services/incidents/rules-clock.js';
import { runDemo } from '../../electron/services/demo/seeders.js';
import { acknowledgeHandover, prepareHandover, updateHandoverNotes } from '../../electron/services/roster/handover.js';
import { rosteredShiftsOfDays, withPeople } from '../../electron/db/repositories/roster.js';
import { flagsOf } from '../../electron/db/repositories/flags.js';
import type { ServiceContext } from '../../electron/services/context.js';
import { dutyDayRange } from '../../shared/domain/duty-day.js';
import { ensureUnits } from './context.js';

export const BUSY_DAY = '2026-11-23';
export const CLOCK = { timeZone: 'Asia/Shanghai', boundary: '08:30' };
export const BUSY_RANGE = dutyDayRange(BUSY_DAY, CLOCK);
const MIN = 60_000;

type Ctx = ServiceContext & { setNow(ms: number): void };

export function buildBusyDay(ctx: Ctx, opts: { days?: number; acknowledge?: boolean } = {}): { serious: number; fire: number } {
  const { start, end } = BUSY_RANGE;
  runDemo(ctx, { days: opts.days ?? 30, seed: 5, now: start });
  ensureUnits(ctx, ['东城区', '西湖区', '南山区']);
  const at = (minutes: number) => {
    ctx.setNow(start + minutes * MIN);
    return start + minutes * MIN;
  };
  const base = (t: number) => ({ receivedAt: t, callerName: '王伟', callerTitle: '', callerPhone: '', correctionReason: null, correctsReportId: null, trapped: null });

  // 10:00 a level III road accident, reported by phone within the hour; summary typed as a formula.
  let t = at(90);
  const serious = createIncident(ctx, {
    category: 'road_traffic',
    responsibleUnit: '东城区',
    occurredAt: t - 30 * MIN,
    place: '=HYPERLINK("x")',
    level: null,
    important: false,
    report: { ...base(t), kind: 'initial', channel: 'phone', fromUnit: '东城区', occurredAt: t - 30 * MIN, location: '人民大道与建设路口', summary: '=1+1', measuresTaken: '交警、120 已到场', deaths: 3, missing: 0, seriouslyInjured: 2, injured: 5, directLossYuan: 1_200_000 },
  }, 'incidents.create', { scripted: true }).incident.id;

  // 13:00 an important fire, its first report two hours late.
  t = at(270);
  const fire = createIncident(ctx, {
    category: 'fire',
    responsibleUnit: '西湖区',
    occurredAt: t - 240 * MIN,
    place: '西湖区某仓库',
    level: null,
    important: true,
    report: { ...base(t), kind: 'initial', channel: 'fax', fromUnit: '西湖区', occurredAt: t - 240 * MIN, location: '西湖区某仓库', summary: '仓库起火，无人员伤亡，明火已扑灭。', measuresTaken: '消防救援站出动 5 车', deaths: 0, missing: 0, seriouslyInjured: 0, injured: 0, directLossYuan: 80_000 },
  }, 'incidents.create', { scripted: true }).incident.id;

  // 15:00 the media report a gas leak the unit has not reported (a suspicion to verify).
  t = at(390);
  createIncident(ctx, {
    category: 'gas',
    responsibleUnit: '南山区',
    occurredAt: t - 20 * MIN,
    place: '南山区某小区',
    level: null,
    important: false,
    report: { ...base(t), kind: 'initial', channel: 'media', fromUnit: '南山日报', occurredAt: t - 20 * MIN, location: '南山区某小区', summary: '网传某小区燃气泄漏', measuresTaken: null, deaths: null, missing: null, seriouslyInjured: null, injured: null, directLossYuan: null },
  }, 'incidents.create', { scripted: true });

  // 16:00 the leader confirms the fire's late first report; a follow-up opens on it.
  at(450);
  const late = flagsOf(ctx.db, fire).find((f) => f.code === 'LATE_FIRST')!;
  reviewFlag(ctx, { flagId: late.id, decision: 'confirmed', leader: '刘志强', reason: '经电话核实，西湖区未在时限内首报' });
  createFollowup(ctx, { incidentId: fire, flagId: late.id, kind: 'supervise', subject: '西湖区说明迟报原因并报送书面材料', owner: '冯雪', dueAt: end + 8 * 60 * MIN });

  // 20:00 a follow-up report of the road accident; the rules clock runs through the evening.
  t = at(690);
  addReport(ctx, serious, { ...base(t), kind: 'followup', channel: 'system', fromUnit: '东城区', occurredAt: null, location: '人民大道与建设路口', summary: '=1+1', measuresTaken: '伤员已送医，道路恢复通行', deaths: 3, missing: 0, seriouslyInjured: 2, injured: 6, directLossYuan: 1_200_000 });
  at(1380);
  runRulesClock(ctx);

  // 08:20 next morning: the outgoing shift writes its handover; the incoming side acknowledges.
  at(1430);
  const [shift] = rosteredShiftsOfDays(ctx.db, BUSY_DAY, BUSY_DAY);
  const h = prepareHandover(ctx, shift!.id);
  updateHandoverNotes(ctx, h.id, '东城区较大道路交通事故待终报；西湖区迟报督办中。');
  if (opts.acknowledge ?? true) {
    const [next] = withPeople(ctx.db, rosteredShiftsOfDays(ctx.db, '2026-11-24', '2026-11-24'));
    at(1445);
    acknowledgeHandover(ctx, h.id, next!.officers[0]!.id, '已阅，继续跟进');
  }
  ctx.setNow(end + 30 * MIN);
  return { serious, fire };
}

/** What the leader writes as the road accident's description the morning after (three paragraphs). */
export const ROAD_DESCRIPTION = [
  '11月23日10时许，东城区人民大道与建设路口一辆重型货车与一辆公交车相撞，公交车侧翻，车上乘客多人被困。',
  '事故造成3人死亡、2人重伤、6人轻伤，伤员已送市第一医院救治，其中2名重伤员生命体征平稳。',
  '交警、120、消防救援站已到场处置，被困人员已全部救出；现场已清理，道路于当日14时恢复通行。事故原因正在调查。',
].join('\n');

/**
 * The morning after the busy day (08:40 to 08:50): the officer logs the fire's final report, which
 * came in at 22:00 on the day and said the response had ended (处置结束); the leader rewrites the
 * road accident's description from what the reports and the scene told him.
 */
export function finishBusyDay(ctx: Ctx, ids: { serious: number; fire: number }, opts: { leader?: string | null } = {}): void {
  const { start, end } = BUSY_RANGE;
  ctx.setNow(end + 10 * MIN);
  addReport(
    ctx,
    ids.fire,
    { kind: 'final', channel: 'document', fromUnit: '西湖区', receivedAt: start + 810 * MIN, callerName: '李强', callerTitle: '', callerPhone: '', occurredAt: null, location: '西湖区某仓库', summary: '西湖区关于某仓库火灾的终报', measuresTaken: '现场清理完毕，火灾原因正在调查', deaths: 0, missing: 0, seriouslyInjured: 0, injured: 0, trapped: null, directLossYuan: 80_000, correctionReason: null, correctsReportId: null },
    'incidents.addReport',
    { closesIncident: true },
  );
  ctx.setNow(end + 20 * MIN);
  // leader: null leaves the rewrite to the test (the e2e test does it in the drawer).
  if (opts.leader !== null) describeIncident({ ...ctx, actor: opts.leader ?? 'user:leader1' }, { id: ids.serious, text: ROAD_DESCRIPTION, reason: '据续报和现场核实情况重写' });
  ctx.setNow(end + 30 * MIN);
}
