// Runs in plain Node. Demo seeder: incidents of every category and level over the last N days,
// with report chains that are on time, late, omitted (heard first from the media), with gaps, and
// corrected; upward reports for the serious ones; some late flags confirmed by a leader so the
// ledger has content; the notices relayed to the units in the same days (notices-seeder.ts). Everything goes through the services with the clock set to when it
// happened, so the verdicts are the engine's. Reproducible: the same seed gives the same data.
import { CATEGORIES, isAccidentCategory, type Category } from '../../../shared/domain/categories.js';
import type { Channel } from '../../../shared/domain/channels.js';
import { reportFieldsSchema, type ReportFields } from '../../../shared/domain/incident.js';
import { LEVELS, levelOf, type Level } from '../../../shared/domain/levels.js';
import type { NaturalFigures } from '../../../shared/domain/natural-figures.js';
import { seededRng, type Rng } from '../../../shared/domain/random.js';
import { DEFAULT_RULE_SET } from '../../../shared/domain/rules/default-rule-set.js';
import type { ReportKind } from '../../../shared/domain/rules/incident.js';
import { isOfficialReport } from '../../../shared/domain/rules/predicates.js';
import { listUnits } from '../../db/repositories/units.js';
import type { ServiceContext } from '../context.js';
import { pendingQueueFlags } from '../../db/repositories/flags.js';
import { reviewFlag } from '../incidents/followup.js';
import { addReport, addUpward, createIncident, updateFacts } from '../incidents/intake.js';
import { runRulesClock } from '../incidents/rules-clock.js';
import { noticesSummary, planNotices, type NoticeEvent } from './notices-seeder.js';
import { rngFor } from './rng.js';
import type { DemoSeeder } from './seeders.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

const STREETS = ['建设大道', '发展路', '解放大道', '中山路', '光谷大道', '江汉路', '友谊路', '和平大道', '珞喻路', '长江大桥', 'G107 国道', 'S8 高速'];
const SITES: Partial<Record<Category, string[]>> = {
  road_traffic: ['路口', '公交站', '收费站', '隧道口'],
  construction: ['在建住宅工地', '地铁施工段', '桥梁施工现场'],
  fire: ['居民楼', '商铺', '仓库', '餐馆'],
  gas: ['小区燃气管线', '餐馆后厨'],
  hazardous_chemicals: ['化工园区储罐', '危化品运输车'],
  flood: ['低洼小区', '涵洞', '河堤'],
  geological: ['山体边坡', '采石场'],
};
const WHAT: Partial<Record<Category, string[]>> = {
  road_traffic: ['货车与小客车相撞', '公交车与电动车碰撞', '多车追尾'],
  construction: ['脚手架坍塌', '塔吊倾覆', '基坑边坡滑塌'],
  fire: ['商铺起火', '居民楼厨房起火', '仓库起火'],
  gas: ['燃气泄漏引发爆燃', '燃气管线破损泄漏'],
  hazardous_chemicals: ['储罐泄漏', '运输车侧翻泄漏'],
  flood: ['强降雨致道路积水', '河水漫堤'],
  geological: ['山体滑坡', '边坡垮塌'],
};

type Pattern = 'on_time' | 'late' | 'omitted' | 'gaps' | 'corrected' | 'false_fall';

function pickPattern(rng: Rng): Pattern {
  const x = rng.next();
  return x < 0.5 ? 'on_time' : x < 0.65 ? 'late' : x < 0.75 ? 'omitted' : x < 0.85 ? 'gaps' : x < 0.95 ? 'corrected' : 'false_fall';
}

function pickFigures(rng: Rng): { deaths: number; missing: number; seriouslyInjured: number; injured: number; trapped: number; directLossYuan: number } {
  const x = rng.next();
  const deaths = x < 0.6 ? 0 : x < 0.9 ? rng.int(1, 2) : x < 0.98 ? rng.int(3, 9) : x < 0.995 ? rng.int(10, 29) : rng.int(30, 40);
  return { deaths, missing: rng.chance(0.05) ? rng.int(1, 2) : 0, seriouslyInjured: rng.int(0, 3), injured: rng.int(0, 8), trapped: rng.chance(0.1) ? rng.int(1, 5) : 0, directLossYuan: rng.int(1, 500) * 10_000 };
}

/**
 * A natural disaster's figures as the units come to count them, or null for the incidents that
 * state none (about a third, and every other class). From the incident's own stream, seeded by
 * when it happened: the shared stream, and so every other planned figure, is unchanged.
 */
function pickNaturalFigures(occurredAt: number, severe: boolean): { first: NaturalFigures; last: NaturalFigures } | null {
  const rng = seededRng(Math.floor(occurredAt / MIN) ^ 0x5eed);
  if (rng.chance(0.35)) return null;
  const affected = severe ? rng.int(20, 300) * 100 : rng.int(5, 400) * 10;
  const evacuated = Math.round(affected * (0.05 + 0.3 * rng.next()));
  const housesCollapsed = rng.chance(0.5) ? 0 : severe ? rng.int(10, 400) : rng.int(1, 30);
  const last = { affected, evacuated, housesCollapsed };
  // The first count is lower (the follow-ups add the villages reached later); now and then it is all.
  const share = rng.chance(0.3) ? 1 : 0.4 + 0.5 * rng.next();
  const first = { affected: Math.round(affected * share), evacuated: Math.round(evacuated * share), housesCollapsed: Math.round(housesCollapsed * share) };
  return { first, last };
}

export interface PlannedReport {
  kind: ReportKind;
  channel: Channel;
  at: number;
  fromUnit: string;
  full: boolean;
  deaths?: number;
  reason?: string | null;
}

export interface IncidentPlan {
  category: Category;
  unit: string;
  occurredAt: number;
  manualLevel: Level | null;
  level: Level;
  place: string;
  summary: string;
  figures: ReturnType<typeof pickFigures>;
  /** A natural disaster's 受灾人口, 紧急转移安置人口 and 倒塌房屋: in its first report, and after. */
  natural: { first: NaturalFigures; last: NaturalFigures } | null;
  reports: PlannedReport[];
  upward: { at: number; channel: Channel }[];
  closedAt: number;
}

const ACCIDENT_CATEGORIES = CATEGORIES.filter((c) => c.class === 'accident');
const OTHER_CATEGORIES = CATEGORIES.filter((c) => c.class !== 'accident');

/** One incident's history as planned (the same rng calls in the same order for a given seed). */
export function planIncident(rng: Rng, units: readonly string[], span: { start: number; now: number; progress?: boolean }): IncidentPlan {
  const occurredAt = Math.floor((span.start + rng.next() * (span.now - span.start - 30 * MIN)) / MIN) * MIN;
  const cat = rng.chance(0.75) ? rng.pick(ACCIDENT_CATEGORIES) : rng.pick(OTHER_CATEGORIES);
  const category = cat.code;
  const unit = rng.pick(units);
  const pattern = pickPattern(rng);
  const figures = pickFigures(rng);
  const manualLevel: Level | null = isAccidentCategory(category) ? null : rng.chance(0.8) ? 'IV' : rng.pick(LEVELS);
  const level = manualLevel ?? levelOf(figures, DEFAULT_RULE_SET.levelThresholds);
  const limits = DEFAULT_RULE_SET.limits[level];
  const place = `${rng.pick(STREETS)}${rng.pick(SITES[category] ?? ['附近'])}`;
  const summary = `${place}${rng.pick(WHAT[category] ?? [`发生${cat.nameZh}事件`])}`;
  const closeAfter = rng.int(3, 30) * HOUR;
  const kinds: PlannedReport[] = [];
  const firstAt =
    pattern === 'late'
      ? occurredAt + limits.firstReportMin * MIN + rng.int(1, 90) * MIN
      : occurredAt + Math.floor(limits.firstReportMin * MIN * (0.15 + 0.75 * rng.next()));
  if (pattern === 'omitted') {
    kinds.push({ kind: 'initial', channel: rng.pick(['media', 'public'] as const), at: occurredAt + rng.int(10, 40) * MIN, fromUnit: rng.pick(['市融媒体中心', '群众来电']), full: false });
    if (rng.chance(0.6)) kinds.push({ kind: 'initial', channel: 'phone', at: occurredAt + limits.firstReportMin * MIN + rng.int(10, 300) * MIN, fromUnit: unit, full: true });
  } else {
    kinds.push({ kind: 'initial', channel: 'phone', at: firstAt, fromUnit: unit, full: pattern !== 'gaps' });
  }
  const written = occurredAt + Math.floor(limits.writtenReportMin * MIN * (0.5 + 0.6 * rng.next()));
  kinds.push({ kind: 'followup', channel: rng.pick(['fax', 'document', 'system'] as const), at: Math.max(written, (kinds[kinds.length - 1]?.at ?? 0) + 20 * MIN), fromUnit: unit, full: true });
  if (pattern === 'corrected' || pattern === 'false_fall') {
    kinds.push({
      kind: 'followup',
      channel: 'phone',
      at: kinds[kinds.length - 1]!.at + rng.int(1, 6) * HOUR,
      fromUnit: unit,
      full: true,
      deaths: Math.max(0, figures.deaths - 1),
      reason: pattern === 'corrected' ? '经核实，一名伤者此前被重复统计' : null,
    });
  }
  const closedAt = occurredAt + closeAfter;
  // Progress reports (续报) as a busy room gets them: the decade's volume asks for about four
  // reports an incident. Only where asked, so the small demo's stream is unchanged.
  const progress = span.progress ? rng.int(0, 1) + (rng.chance(0.5) ? 1 : 0) : 0;
  for (let p = 0; p < progress; p++) {
    const at = kinds[kinds.length - 1]!.at + rng.int(1, 8) * HOUR;
    if (at < closedAt) kinds.push({ kind: 'followup', channel: rng.pick(['system', 'fax'] as const), at, fromUnit: unit, full: true });
  }
  kinds.push({ kind: 'final', channel: 'document', at: closedAt + rng.int(2, 30) * HOUR, fromUnit: unit, full: true });

  // Whole minutes, as a person would type them.
  for (const k of kinds) k.at = Math.round(k.at / MIN) * MIN;
  // The duty room's own upward reports, timed from the unit's first official report (the
  // duty room passes on what the unit reported); now and then the duty room is late too.
  const firstOfficial = kinds.find((k) => isOfficialReport(k, unit));
  const upward: { at: number; channel: Channel }[] = [];
  if (firstOfficial && level !== 'IV') {
    const slip = rng.chance(0.05) ? rng.int(30, 90) * MIN : 0;
    upward.push({ at: firstOfficial.at + rng.int(5, 25) * MIN + slip, channel: 'phone' });
    if (level === 'I' || level === 'II') upward.push({ at: firstOfficial.at + rng.int(30, 55) * MIN + slip, channel: 'fax' });
  }
  const natural = cat.class === 'natural' ? pickNaturalFigures(occurredAt, level !== 'IV') : null;
  return { category, unit, occurredAt, manualLevel, level, place, summary, figures, natural, reports: kinds, upward, closedAt };
}

/** A planned report as the intake form would give it (a few rng calls: who called, what was said). */
export function plannedReportFields(plan: IncidentPlan, k: PlannedReport, rng: Rng): ReportFields {
  const { occurredAt, place, summary, figures } = plan;
  // The unit's full reports state the disaster's figures: the first one its first count.
  const natural = k.full && plan.natural ? (k === plan.reports.find((r) => r.full) ? plan.natural.first : plan.natural.last) : null;
  return reportFieldsSchema.parse({
      ...(natural ?? {}),
      kind: k.kind,
      channel: k.channel,
      fromUnit: k.fromUnit,
      callerName: k.channel === 'phone' ? rng.pick(['王伟', '李娜', '张强', '刘洋', '陈静']) : '',
      receivedAt: k.at,
      occurredAt,
      location: k.full || rng.chance(0.3) ? place : null,
      summary: k.full ? summary : null,
      measuresTaken: k.full ? '已组织救援力量赶赴现场处置' : null,
      deaths: k.full ? (k.deaths ?? figures.deaths) : null,
      missing: k.full ? figures.missing : null,
      seriouslyInjured: k.full ? figures.seriouslyInjured : null,
      injured: figures.injured,
      trapped: figures.trapped,
      directLossYuan: k.full ? figures.directLossYuan : null,
      correctionReason: k.reason ?? null,
    });
}

export interface IncidentSeedOptions {
  days: number;
  now: number;
  /** Volume: incidents per day on average. */
  perDay?: number;
  /** Other writes of the same history (the notices relayed), run among the incidents' in time order. */
  more?: readonly NoticeEvent[];
}

export function seedIncidents(ctx: ServiceContext, opts: IncidentSeedOptions, rng: Rng): { incidents: number; reports: number; confirmed: number } {
  const units = listUnits(ctx.db, {}).map((u) => u.name);
  if (units.length === 0) throw new Error('the incidents seeder needs units: run the units seeder first');
  let simNow = opts.now;
  const sim: ServiceContext = { ...ctx, actor: 'demo', now: () => simNow };
  const perDay = opts.perDay ?? 4;
  const total = Math.round(opts.days * perDay);
  const start = opts.now - opts.days * 24 * HOUR;
  let reports = 0;
  let created = 0;
  const events: { at: number; run: () => void }[] = [];
  for (let n = 0; n < total; n++) {
    const plan = planIncident(rng, units, { start, now: opts.now });
    const { category, unit, occurredAt, manualLevel, level, place, reports: kinds, upward, closedAt } = plan;
    const fields = (k: PlannedReport): ReportFields => plannedReportFields(plan, k, rng);
    // Every write of this incident is an event on the one timeline: the demo writes history in
    // the order it happened, as a duty room does (and the audit chain's clock check expects).
    let incidentId = 0;
    const first = kinds[0]!;
    events.push({
      at: first.at,
      run: () => {
        const { incident } = createIncident(sim, { category, responsibleUnit: unit, occurredAt, place, level: manualLevel, important: level !== 'IV', report: fields(first) }, 'demo', { scripted: true });
        incidentId = incident.id;
        reports++;
        created++;
      },
    });
    for (const k of kinds.slice(1)) {
      events.push({
        at: k.at,
        run: () => {
          if (!incidentId) return;
          addReport(sim, incidentId, fields(k), 'demo');
          reports++;
        },
      });
    }
    for (const u of upward) {
      events.push({
        at: u.at,
        run: () => incidentId && void addUpward(sim, { incidentId, recipient: '省应急管理厅', channel: u.channel, sentAt: u.at, note: '' }, 'demo'),
      });
    }
    events.push({ at: closedAt, run: () => incidentId && void updateFacts(sim, incidentId, { closedAt, reason: '现场处置结束' }, 'demo') });
  }
  for (const e of opts.more ?? []) events.push({ at: e.at, run: () => e.run(sim) });
  // In the order things happened (ties: as planned), leaving out what has not happened yet.
  const timeline = events.map((e, k) => ({ ...e, k })).filter((e) => e.at <= opts.now);
  timeline.sort((a, b) => a.at - b.at || a.k - b.k);
  // Batches in one transaction each (the services' own transactions nest as savepoints), so a
  // large volume is not one fsync per write. The simulated clock only moves forward.
  const batch = ctx.db.transaction((es: typeof timeline) =>
    es.forEach((e) => {
      simNow = Math.max(simNow, e.at);
      e.run();
    }),
  );
  simNow = start;
  for (let k = 0; k < timeline.length; k += 500) batch(timeline.slice(k, k + 500));
  simNow = opts.now;
  runRulesClock(sim);

  // A leader confirmed some late first reports older than two days.
  let confirmed = 0;
  for (const f of pendingQueueFlags(ctx.db, { codes: ['LATE_FIRST'], limit: 1_000_000 }, opts.now)) {
    if (f.code !== 'LATE_FIRST' || f.status !== 'late' || (f.actual ?? opts.now) > opts.now - 48 * HOUR || !rng.chance(0.6)) continue;
    reviewFlag(sim, { flagId: f.id, decision: 'confirmed', leader: '赵建国', reason: '经电话核实，单位未在时限内首报' }, 'demo');
    confirmed++;
  }
  return { incidents: created, reports, confirmed };
}

export const incidentsSeeder: DemoSeeder = {
  name: 'incidents',
  seed(ctx, opts, rng) {
    // The notices relayed in the same days, on the same timeline (their own random stream).
    const notices = planNotices(ctx.db, rngFor(opts.seed, 'notices'), { days: opts.days, now: opts.now });
    const r = seedIncidents(ctx, { days: opts.days, now: opts.now, perDay: opts.perDay, more: notices.events }, rng);
    return `${r.incidents} incidents, ${r.reports} reports, ${r.confirmed} late reports confirmed by a leader; ${noticesSummary(notices.counts)}`;
  },
};
