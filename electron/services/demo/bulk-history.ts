// Runs in plain Node (`duty demo --years N`, benchmarks, tests). A city's decade of duty work in
// bulk: 60 units, about 27 incidents a day with about four reports each, the duty room's upward
// reports, the flags the real rule engine raises (judged at `now`, exactly as reevaluate stores
// them), leaders' reviews, follow-ups, and a roster for every day. The per-incident services
// manage about 80 incidents a second; this path plans everything in memory, then writes it in
// one transaction with prepared statements: every write still has its audit row, in time order,
// on the one hash chain (`duty audit verify` passes), and the full-text indexes are filled once
// per incident at the end. Reproducible: the same seed, years and now give the same rows.
import { noticesSummary, planNotices, type NoticeCounts } from './notices-seeder.js';
import { dutyDayStart } from '../../../shared/domain/duty-day.js';
import type { IncidentRow, ReportRow, UpwardReportRow } from '../../../shared/domain/incident.js';
import type { UnitKind } from '../../../shared/domain/unit.js';
import { flagDutyInstant } from '../../../shared/domain/on-duty.js';
import { findUnitByName, listUnits } from '../../db/repositories/units.js';
import { indexIncidentWords, indexReportWords } from '../../db/repositories/incidents.js';
import { sealPending } from '../../db/seal.js';
import { auditAppender, type AuditEntry } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { flagWriteOf, judgeIncident } from '../incidents/evaluate.js';
import { onDutyAt, onDutySnapshot } from '../roster/on-duty.js';
import { ruleSetInForce } from '../rule-sets.js';
import { getSettings } from '../settings.js';
import { createUnit } from '../units.js';
import { planIncident, plannedReportFields, type IncidentPlan } from './incidents-seeder.js';
import { rngFor } from './rng.js';
import { rosterSeeder } from './roster-seeder.js';
import { DEMO_UNITS } from './units-seeder.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const YEAR_DAYS = 365.25;
/** About 100,000 incidents in ten years. */
export const BULK_PER_DAY = 27.4;

const TOWNS = ['花山', '龙泉', '青山', '白沙', '金口', '长丰', '新洲', '柏泉', '汉南', '豹澥', '滨湖', '天河', '横店', '永安', '双柳', '仓埠', '李集', '三店', '军山', '纱帽'];
const DEPARTMENTS = ['市应急管理局', '市生态环境局', '市气象局', '市自然资源和规划局', '市农业农村局', '市林业局', '市市场监督管理局', '市教育局', '市文化和旅游局', '市城市管理执法委', '市商务局', '市民政局', '市通信管理局', '市地震局'];
const ENTERPRISES = ['市燃气集团', '市地铁集团', '市供电公司', '市水务集团', '市公交集团', '化工园区管委会', '长江航运公司', '市港务集团', '钢铁集团', '石化公司', '机场集团', '市城投集团', '市建工集团', '高速公路公司'];

/** The 60 units of the decade: the small demo's 12, then towns, departments and enterprises. */
export function bulkUnits(): { name: string; kind: UnitKind; phone: string; contact: string; title: string }[] {
  const more = [
    ...TOWNS.map((t, k) => ({ name: `${t}街道`, kind: 'other' as const, phone: `027-8610${String(k).padStart(4, '0')}`, contact: '值班员', title: '值班员' })),
    ...DEPARTMENTS.map((d, k) => ({ name: d, kind: 'department' as const, phone: `027-8570${String(k).padStart(4, '0')}`, contact: '总值班室', title: '值班员' })),
    ...ENTERPRISES.map((e, k) => ({ name: e, kind: 'enterprise' as const, phone: `027-8580${String(k).padStart(4, '0')}`, contact: '调度中心', title: '调度员' })),
  ];
  return [...DEMO_UNITS, ...more];
}

export interface BulkDemoOptions {
  years: number;
  seed: number;
  now: number;
  perDay?: number;
  /** A line as each stage ends (what it did and how long it took). */
  progress?: (line: string) => void;
}

export interface BulkDemoResult {
  lines: string[];
  counts: { units: number; incidents: number; reports: number; upward: number; flags: number; reviews: number; followups: number; audit: number; notices: number };
}

type Ev = { at: number; order: number; write: () => void };

/** One incident as it will be stored, built in memory before anything is written. */
interface Built {
  plan: IncidentPlan;
  row: IncidentRow;
  reports: ReportRow[];
  upward: UpwardReportRow[];
  year: number;
  seq: number;
}

function yearOfFn(timeZone: string, from: number, to: number): (at: number) => number {
  const clock = { timeZone, boundary: '00:00' };
  const first = new Date(from).getUTCFullYear() - 1;
  const last = new Date(to).getUTCFullYear() + 1;
  const starts: { y: number; at: number }[] = [];
  for (let y = first; y <= last; y++) starts.push({ y, at: dutyDayStart(`${y}-01-01`, clock) });
  return (at) => {
    let y = starts[0]!.y;
    for (const s of starts) if (s.at <= at) y = s.y;
    return y;
  };
}

export function runBulkDemo(ctx: ServiceContext, opts: BulkDemoOptions): BulkDemoResult {
  const db = ctx.db;
  const t0 = performance.now();
  const lines: string[] = [];
  const say = (line: string) => {
    const l = `${line} (${((performance.now() - t0) / 1000).toFixed(1)} s)`;
    lines.push(l);
    opts.progress?.(l);
  };
  const days = Math.round(opts.years * YEAR_DAYS);
  const now = opts.now;
  const start = now - days * DAY;
  const atStart: ServiceContext = { ...ctx, actor: 'demo', now: () => start };

  // A demo file is built once and thrown away: no journal to write twice, no fsync per page.
  const journal = db.pragma('journal_mode', { simple: true }) as string;
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1048576');
  try {
    // Units and the roster through the ordinary services (a few hundred writes).
    let units = 0;
    for (const u of bulkUnits()) {
      if (findUnitByName(db, u.name)) continue;
      createUnit(atStart, { name: u.name, kind: u.kind, dutyPhone: u.phone, fax: '', contactName: u.contact, contactTitle: u.title, contactPhone: '', address: '', notes: '' }, 'demo');
      units++;
    }
    say(`units: ${units} units added`);
    say(`roster: ${rosterSeeder.seed(atStart, { days, seed: opts.seed, now }, rngFor(opts.seed, 'roster'))}`);

    const counts = writeIncidents(ctx, { days, now, start, perDay: opts.perDay ?? BULK_PER_DAY, seed: opts.seed }, say);
    const notices = writeNotices(ctx, { days, now, seed: opts.seed });
    say(`notices: ${noticesSummary(notices)}, entered as of now`);
    return { lines, counts: { units, ...counts, notices: notices.notices } };
  } finally {
    db.pragma(`journal_mode = ${journal}`);
    db.pragma('synchronous = FULL');
  }
}

/**
 * The notices of the same years through the services (notices-seeder.ts), each step with the time
 * it happened typed, entered as of `now` after the history (the audit log stays in time order; the
 * bulk incidents' writer holds its own audit head while it runs).
 */
function writeNotices(ctx: ServiceContext, o: { days: number; now: number; seed: number }): NoticeCounts {
  const sim: ServiceContext = { ...ctx, actor: 'demo', now: () => o.now };
  const plan = planNotices(ctx.db, rngFor(o.seed, 'notices'), { days: o.days, now: o.now, groupAt: o.now });
  const timeline = plan.events.map((e, k) => ({ e, k })).sort((a, b) => a.e.at - b.e.at || a.k - b.k);
  const batch = ctx.db.transaction((es: typeof timeline) => es.forEach(({ e }) => e.run(sim)));
  for (let k = 0; k < timeline.length; k += 2000) batch(timeline.slice(k, k + 2000));
  return plan.counts;
}

function writeIncidents(
  ctx: ServiceContext,
  o: { days: number; now: number; start: number; perDay: number; seed: number },
  say: (line: string) => void,
): Omit<BulkDemoResult['counts'], 'units' | 'notices'> {
  const db = ctx.db;
  const rng = rngFor(o.seed, 'incidents');
  const unitList = listUnits(db, {});
  const units = unitList.map((u) => u.name);
  const unitIds = new Map(unitList.map((u) => [u.name, u.id]));
  const settings = getSettings(ctx);
  const rules = ruleSetInForce(ctx);
  const yearOf = yearOfFn(settings.timeZone, o.start, o.now);
  const total = Math.round(o.days * o.perDay);

  // 1. Plans, and every write as an event on one timeline (what has not happened yet left out).
  const plans: IncidentPlan[] = [];
  for (let n = 0; n < total; n++) plans.push(planIncident(rng, units, { start: o.start, now: o.now, progress: true }));
  const fields = plans.map((p) => p.reports.map((k) => plannedReportFields(p, k, rng)));
  const order = plans.map((_, k) => k).filter((k) => plans[k]!.reports[0]!.at <= o.now);
  order.sort((a, b) => plans[a]!.reports[0]!.at - plans[b]!.reports[0]!.at || a - b);

  const maxId = (table: string) => (db.prepare(`SELECT COALESCE(MAX(id), 0) AS n FROM ${table}`).get() as { n: number }).n;
  let nextIncident = maxId('incidents') + 1;
  let nextReport = maxId('incident_reports') + 1;
  let nextUpward = maxId('upward_reports') + 1;
  let nextFlag = maxId('flags') + 1;
  let nextFollowup = maxId('followups') + 1;
  const seqOfYear = new Map<number, number>();
  const nextSeq = (year: number) => {
    const n = (seqOfYear.get(year) ?? (db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM incidents WHERE year = ?').get(year) as { n: number }).n) + 1;
    seqOfYear.set(year, n);
    return n;
  };

  // Ids in the order things happened: build each incident's rows in memory.
  type Step = { at: number; order: number; b: Built; kind: 'create' | 'report' | 'upward' | 'close'; k: number; report?: ReportRow; upward?: UpwardReportRow };
  const steps: Step[] = [];
  const built: Built[] = [];
  for (const k of order) {
    const plan = plans[k]!;
    const first = plan.reports[0]!;
    const year = yearOf(first.at);
    const seq = nextSeq(year);
    const row: IncidentRow = {
      id: nextIncident++,
      number: `${year}-${String(seq).padStart(4, '0')}`,
      category: plan.category,
      unitId: unitIds.get(plan.unit) ?? null,
      responsibleUnit: plan.unit,
      occurredAt: plan.occurredAt,
      place: plan.place,
      learnedAt: null,
      closedAt: null,
      manualLevel: plan.manualLevel,
      important: plan.level !== 'IV',
      firstReceivedAt: first.at,
      createdAt: first.at,
      updatedAt: first.at,
      initialLevel: 'IV',
      currentLevel: 'IV',
      status: 'open',
      nextDeadline: null,
      nextDeadlineCode: null,
      flagCodes: [],
      summary: '',
      reportCount: 1,
    };
    const b: Built = { plan, row, reports: [], upward: [], year, seq };
    built.push(b);
    steps.push({ at: first.at, order: k, b, kind: 'create', k: 0 });
    plan.reports.forEach((r, j) => j > 0 && r.at <= o.now && steps.push({ at: r.at, order: k, b, kind: 'report', k: j }));
    plan.upward.forEach((u, j) => u.at <= o.now && steps.push({ at: u.at, order: k, b, kind: 'upward', k: j }));
    if (plan.closedAt <= o.now) steps.push({ at: plan.closedAt, order: k, b, kind: 'close', k: 0 });
  }
  steps.sort((a, b) => a.at - b.at || a.order - b.order || kindRank[a.kind] - kindRank[b.kind] || a.k - b.k);
  const fieldsOf = new Map<IncidentPlan, (typeof fields)[number]>(plans.map((p, k) => [p, fields[k]!]));
  for (const s of steps) {
    const b = s.b;
    if (s.kind === 'create' || s.kind === 'report') {
      const f = fieldsOf.get(b.plan)![s.k]!;
      // The row as the intake service stores it: the form's fields, numbered in the chain.
      s.report = {
        id: nextReport++,
        incidentId: b.row.id,
        seq: b.reports.length + 1,
        ...f,
        affected: f.affected ?? null,
        evacuated: f.evacuated ?? null,
        housesCollapsed: f.housesCollapsed ?? null,
        enteredAt: s.at,
        receivedAt: f.receivedAt ?? s.at,
        actor: 'demo',
        createdAt: s.at,
      };
      b.reports.push(s.report);
    } else if (s.kind === 'upward') {
      const u = b.plan.upward[s.k]!;
      s.upward = { id: nextUpward++, incidentId: b.row.id, recipient: '省应急管理厅', channel: u.channel, sentAt: u.at, note: '', actor: 'demo', createdAt: s.at };
      b.upward.push(s.upward);
    }
  }
  say(`planned ${built.length} incidents, ${steps.length} writes`);

  // 2. The engine's verdict at now on each incident's final state, and the work it causes:
  // the clock raises a flag when its deadline passes or the late report comes; a leader
  // reviews some; the room urges (催报) the unit over others and supervises serious incidents.
  type FlagRow = { id: number; b: Built; at: number; write: ReturnType<typeof flagWriteOf>; review: null | { at: number; decision: 'confirmed' | 'dismissed'; leader: string; reason: string } };
  const flags: FlagRow[] = [];
  const followups: { id: number; b: Built; flagId: number | null; kind: 'urge' | 'supervise'; subject: string; owner: string; at: number; dueAt: number; doneAt: number | null; result: string }[] = [];
  const derivedOf = new Map<Built, ReturnType<typeof judgeIncident>['derived']>();
  const raised: { at: number; b: Built; write: ReturnType<typeof flagWriteOf> }[] = [];
  for (const b of built) {
    const closed: IncidentRow = { ...b.row, closedAt: b.plan.closedAt <= o.now ? b.plan.closedAt : null };
    const judged = judgeIncident(closed, b.reports, b.upward, rules.ruleSet, o.now);
    derivedOf.set(b, judged.derived);
    for (const j of judged.flags) {
      const w = flagWriteOf(b.row.id, j);
      const at = Math.min(o.now, Math.max(b.row.createdAt, w.deadline ?? 0, w.actual ?? 0));
      raised.push({ at, b, write: w });
    }
  }
  raised.sort((a, b) => a.at - b.at || a.b.row.id - b.b.row.id);
  const leaders = ['王建国', '李卫东', '张振华', '刘志强', '陈国平'];
  for (const r of raised) {
    const f: FlagRow = { id: nextFlag++, b: r.b, at: r.at, write: r.write, review: null };
    flags.push(f);
    const old = o.now - r.at > 2 * DAY;
    if (old && r.write.code === 'LATE_FIRST' && r.write.status === 'late' && rng.chance(0.6))
      f.review = { at: r.at + rng.int(2, 48) * HOUR, decision: 'confirmed', leader: rng.pick(leaders), reason: '经电话核实，单位未在时限内首报' };
    else if (old && r.write.status === 'suspected' && rng.chance(0.5))
      f.review = { at: r.at + rng.int(1, 24) * HOUR, decision: 'dismissed', leader: rng.pick(leaders), reason: '经核实，系正常更正' };
    if (r.write.code === 'LATE_FOLLOWUP' && rng.chance(0.3)) {
      const at = r.at + rng.int(5, 30) * MIN;
      const done = at + rng.int(1, 6) * HOUR;
      followups.push({ id: nextFollowup++, b: r.b, flagId: f.id, kind: 'urge', subject: `催报${r.b.row.responsibleUnit}续报`, owner: rng.pick(['赵敏', '孙丽', '周杰', '吴芳']), at, dueAt: at + 2 * HOUR, doneAt: done <= o.now ? done : null, result: '单位已补报' });
    }
    if (f.review && f.review.at > o.now) f.review = null;
  }
  for (const b of built) {
    if (b.plan.level !== 'I' && b.plan.level !== 'II') continue;
    const at = b.row.createdAt + rng.int(30, 120) * MIN;
    const done = at + rng.int(1, 10) * DAY;
    if (at <= o.now)
      followups.push({ id: nextFollowup++, b, flagId: null, kind: 'supervise', subject: '督办：查明原因，落实整改', owner: rng.pick(leaders), at, dueAt: at + 7 * DAY, doneAt: done <= o.now ? done : null, result: '已提交整改报告' });
  }
  followups.forEach((f, k) => (f.id = nextFollowup - followups.length + k));
  say(`judged: ${flags.length} flags, ${flags.filter((f) => f.review).length} reviewed, ${followups.length} follow-ups`);

  // 3. Every write on one timeline, in one transaction, each with its audit row.
  const ins = {
    // Written with its final facts and the engine's derived columns at once (one write, not two).
    incident: db.prepare(
      `INSERT INTO incidents (id, number, year, seq, category, unit_id, responsible_unit, occurred_at, place, manual_level, important, first_received_at,
         created_at, updated_at, closed_at, initial_level, current_level, status, next_deadline, next_deadline_code, next_check, flag_codes,
         fig_deaths, fig_missing, fig_seriously_injured, fig_injured, fig_direct_loss_yuan, fig_loss_stated, fig_affected, fig_evacuated, fig_houses_collapsed)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    report: db.prepare(
      `INSERT INTO incident_reports (id, incident_id, seq, kind, channel, from_unit, caller_name, caller_title, caller_phone, entered_at, received_at,
         occurred_at, location, summary, measures_taken, deaths, missing, seriously_injured, injured, trapped, direct_loss_yuan, affected, evacuated,
         houses_collapsed, correction_reason, corrects_report_id, actor, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    upward: db.prepare('INSERT INTO upward_reports (id, incident_id, recipient, channel, sent_at, note, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    flag: db.prepare(
      `INSERT INTO flags (id, incident_id, code, slot, status, reason, fields, deadline, actual, minutes_late, report_id, on_duty_text, on_duty_ids, raised_at, updated_at,
         rule_set_version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    review: db.prepare('UPDATE flags SET review = ?, reviewed_by = ?, review_reason = ?, reviewed_at = ?, updated_at = ? WHERE id = ?'),
    followup: db.prepare('INSERT INTO followups (id, incident_id, flag_id, kind, subject, owner, due_at, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    followupDone: db.prepare("UPDATE followups SET status = 'done', result = ?, done_at = ?, done_by = ? WHERE id = ?"),
  };
  const events: Ev[] = [];
  let n = 0;
  const ev = (at: number, write: () => void) => events.push({ at, order: n++, write });
  let audit: ReturnType<typeof auditAppender>;
  const log = (at: number, e: AuditEntry) => audit.append(at, e);
  for (const s of steps) {
    const b = s.b;
    if (s.kind === 'create') {
      const r = s.report!;
      ev(s.at, () => {
        const i = b.row;
        const d = derivedOf.get(b)!;
        const closedAt = b.plan.closedAt <= o.now ? b.plan.closedAt : null;
        ins.incident.run(
          ...[i.id, i.number, b.year, b.seq, i.category, i.unitId, i.responsibleUnit, i.occurredAt, i.place, i.manualLevel, i.important ? 1 : 0, i.firstReceivedAt],
          ...[i.createdAt, closedAt ?? i.updatedAt, closedAt, d.initialLevel, d.currentLevel, d.status, d.nextDeadline, d.nextDeadlineCode, d.nextCheck, d.flagCodes],
          ...[d.figures.deaths, d.figures.missing, d.figures.seriouslyInjured, d.figures.injured, d.figures.directLossYuan, d.figures.directLossStated ? 1 : 0],
          ...[d.figures.affected, d.figures.evacuated, d.figures.housesCollapsed],
        );
        insertReport(ins.report, r);
        log(s.at, { method: 'demo', entity: 'incident', entityId: i.id, before: null, after: { ...i, summary: (r.summary ?? '').split('\n')[0] ?? '' } });
        log(s.at, { method: 'demo', entity: 'report', entityId: r.id, before: null, after: r });
      });
    } else if (s.kind === 'report') {
      const r = s.report!;
      ev(s.at, () => {
        insertReport(ins.report, r);
        log(s.at, { method: 'demo', entity: 'report', entityId: r.id, before: null, after: r });
      });
    } else if (s.kind === 'upward') {
      const u = s.upward!;
      ev(s.at, () => {
        ins.upward.run(u.id, u.incidentId, u.recipient, u.channel, u.sentAt, u.note, u.actor, u.createdAt);
        log(s.at, { method: 'demo', entity: 'upward_report', entityId: u.id, before: null, after: u });
      });
    } else {
      ev(s.at, () => log(s.at, { method: 'demo', entity: 'incident', entityId: b.row.id, before: { closedAt: null }, after: { closedAt: b.plan.closedAt, reason: '现场处置结束' } }));
    }
  }
  const onDuty = onDutyCache(ctx);
  for (const f of flags) {
    ev(f.at, () => {
      const w = f.write;
      const snap = onDuty(flagDutyInstant(w, f.at));
      ins.flag.run(f.id, w.incidentId, w.code, w.slot, w.status, w.reason, w.fields, w.deadline, w.actual, w.minutesLate, w.reportId, snap.text, snap.ids, f.at, f.at, rules.version);
      log(f.at, { method: 'rules.clock', entity: 'flag', entityId: f.id, before: null, after: { ...w, onDuty: snap.text, ruleSetVersion: rules.version } });
    });
    const r = f.review;
    if (r)
      ev(r.at, () => {
        ins.review.run(r.decision, r.leader, r.reason, r.at, r.at, f.id);
        log(r.at, { method: 'demo', entity: 'flag', entityId: f.id, before: { review: 'pending', status: f.write.status }, after: { review: r.decision, reviewedBy: r.leader, reviewReason: r.reason, reviewedAt: r.at, status: f.write.status } });
      });
  }
  for (const fu of followups) {
    ev(fu.at, () => {
      ins.followup.run(fu.id, fu.b.row.id, fu.flagId, fu.kind, fu.subject, fu.owner, fu.dueAt, fu.at, 'demo');
      log(fu.at, { method: 'demo', entity: 'followup', entityId: fu.id, before: null, after: { incidentId: fu.b.row.id, flagId: fu.flagId, kind: fu.kind, subject: fu.subject, owner: fu.owner, dueAt: fu.dueAt } });
    });
    const doneAt = fu.doneAt;
    if (doneAt !== null)
      ev(doneAt, () => {
        ins.followupDone.run(fu.result, doneAt, 'demo', fu.id);
        log(doneAt, { method: 'demo', entity: 'followup', entityId: fu.id, before: { status: 'open' }, after: { status: 'done', result: fu.result, doneAt } });
      });
  }
  events.sort((a, b) => a.at - b.at || a.order - b.order);
  let auditRows = 0;
  db.transaction(() => {
    // Secondary indexes built once at the end by a sort, not grown row by row (the same SQL).
    const indexes = db
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
         AND tbl_name IN ('incidents', 'incident_reports', 'upward_reports', 'flags', 'followups', 'audit_log')`,
      )
      .all() as { name: string; sql: string }[];
    for (const i of indexes) db.exec(`DROP INDEX "${i.name}"`);
    audit = auditAppender(db, 'demo');
    for (const e of events) e.write();
    // The search indexes: a row for each incident's own words and one per report, as intake writes them.
    for (const b of built) {
      indexIncidentWords(db, b.row);
      for (const r of b.reports) indexReportWords(db, r);
    }
    auditRows = audit.finish();
    for (const i of indexes) db.exec(i.sql);
    // Every row written above was noted by the connection's seal triggers: sealed in the same transaction.
    sealPending(db, o.now);
  })();
  // The planner's statistics, as the app's close (PRAGMA optimize) would gather them over time.
  db.exec('ANALYZE');
  const reports = built.reduce((s, b) => s + b.reports.length, 0);
  const upward = built.reduce((s, b) => s + b.upward.length, 0);
  say(`incidents: ${built.length} incidents, ${reports} reports, ${upward} upward reports, ${flags.length} flags, ${auditRows} audit rows`);
  return { incidents: built.length, reports, upward, flags: flags.length, reviews: flags.filter((f) => f.review).length, followups: followups.length, audit: auditRows };
}

const kindRank = { create: 0, report: 1, upward: 2, close: 3 } as const;

function insertReport(stmt: { run(...args: unknown[]): unknown }, r: ReportRow): void {
  stmt.run(r.id, r.incidentId, r.seq, r.kind, r.channel, r.fromUnit, r.callerName, r.callerTitle, r.callerPhone, r.enteredAt, r.receivedAt, r.occurredAt, r.location, r.summary, r.measuresTaken, r.deaths, r.missing, r.seriouslyInjured, r.injured, r.trapped, r.directLossYuan, r.affected, r.evacuated, r.housesCollapsed, r.correctionReason, r.correctsReportId, r.actor, r.createdAt);
}

/**
 * Who was on duty at an instant (as onDutyAt answers), from the rostered shifts read once: a
 * binary search instead of a query per flag, one snapshot per shift.
 */
function onDutyCache(ctx: ServiceContext): (at: number) => { text: string | null; ids: string | null } {
  const shifts = ctx.db
    .prepare(
      `SELECT s.id, s.start_at AS start, s.end_at AS end FROM roster_shifts s
       WHERE EXISTS (SELECT 1 FROM roster_assignments a WHERE a.shift_id = s.id AND a.ended_by IS NULL) ORDER BY s.start_at, s.id`,
    )
    .all() as { id: number; start: number; end: number }[];
  const byShift = new Map<number, { text: string | null; ids: string | null }>();
  const none = { text: null, ids: null };
  return (at) => {
    // The last shift starting at or before the instant, stepping back past any that ended.
    let lo = 0;
    let hi = shifts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (shifts[mid]!.start <= at) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo - 1; k >= 0 && k >= lo - 4; k--) {
      const s = shifts[k]!;
      if (s.end <= at) continue;
      let snap = byShift.get(s.id);
      if (!snap) byShift.set(s.id, (snap = onDutySnapshot(onDutyAt(ctx, at))));
      return snap;
    }
    return none;
  };
}
