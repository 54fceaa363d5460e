// Services on a real SQLite file with a test clock: the 督办 queue in the order of what matters
// (concealment, omission and false reports first; late and overdue by how late, overdue as of
// now; missing items last), its filters, its pages with the count of all (no silent cap), the
// dashboard reading the same order, and each flag's problem in words.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareQueue, flagProblemText, QUEUE_TIER, type FlagQueueQuery, type QueueRow } from '../../shared/domain/flag-queue.js';
import { formatInZone } from '../../shared/domain/duty-day.js';
import { translate } from '../../shared/i18n/index.js';
import { createDispatcher } from '../../electron/services/dispatcher.js';
import { listQueue as queueOf, reviewFlag } from '../../electron/services/incidents/followup.js';
import { dashboard } from '../../electron/services/incidents/queries.js';
import { runRulesClock } from '../../electron/services/incidents/rules-clock.js';
import { createNotice, recordReceipt, recordRelay, reviewNoticeFlag } from '../../electron/services/notices/notices.js';
import { findUnitByName } from '../../electron/db/repositories/units.js';
import { noticeFieldsSchema } from '../../shared/domain/notice.js';
import { ensureUnits, testContext, type TestContext } from '../helpers/context.js';
import { sceneFollowup, sceneIncident } from '../helpers/scenes.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** 2026-11-24 09:00 in Shanghai. Every time in these tests is set from it, never from today. */
const T0 = Date.UTC(2026, 10, 24, 1, 0, 0);
const UNITS = ['东城区', '西城区', '南湖区'];
const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('zh-CN', key, params);
const hhmm = (ms: number) => formatInZone(ms, 'Asia/Shanghai', 'MM-dd HH:mm');

/** The queue, its rows read as incidents' flags (these nights relay no notice; relay.test.ts mixes both). */
function listQueue(ctx: TestContext, q: Partial<FlagQueueQuery> = {}) {
  const page = queueOf(ctx, q);
  return { ...page, rows: page.rows.filter((r): r is Extract<QueueRow, { source: 'incident' }> => r.source === 'incident') };
}

function ctxAt(ms: number): TestContext {
  const ctx = testContext({ now: ms });
  ensureUnits(ctx, UNITS);
  return ctx;
}

/** A night with one of each kind of trouble, judged at 14:00. */
function night() {
  const ctx = ctxAt(T0);
  const late = sceneIncident(ctx, { unit: '东城区', occurredAt: T0, receivedAt: T0 + 10 * MIN });
  const missing = sceneIncident(ctx, { unit: '西城区', occurredAt: T0 + 5 * MIN, receivedAt: T0 + 15 * MIN, report: { location: null } });
  const tip = sceneIncident(ctx, { unit: '西城区', occurredAt: T0 + 10 * MIN, receivedAt: T0 + 20 * MIN, report: { channel: 'media', fromUnit: '市融媒体中心' } });
  const rose = sceneIncident(ctx, { unit: '南湖区', occurredAt: T0 + 20 * MIN, receivedAt: T0 + 30 * MIN, report: { deaths: 1 } });
  sceneFollowup(ctx, rose.id, T0 + 90 * MIN, { fromUnit: '南湖区', deaths: 3 });
  const fell = sceneIncident(ctx, { unit: '东城区', occurredAt: T0 + 30 * MIN, receivedAt: T0 + 40 * MIN, report: { deaths: 2 } });
  sceneFollowup(ctx, fell.id, T0 + 100 * MIN, { fromUnit: '东城区', deaths: 1 });
  // A first report 2 h 05 min after the occurrence: 5 minutes late.
  const five = sceneIncident(ctx, { unit: '南湖区', occurredAt: T0 + 60 * MIN, receivedAt: T0 + 185 * MIN });
  ctx.setNow(T0 + 5 * HOUR);
  runRulesClock(ctx);
  return { ctx, late, missing, tip, rose, fell, five };
}

describe('the 督办 queue: what matters first', () => {
  test('concealment, omission and false reports first; late and overdue by how late; missing items last', () => {
    const { ctx, rose, tip, fell, missing, five } = night();
    const page = listQueue(ctx, { review: 'pending', limit: 200 });
    const rows = page.rows;
    assert.equal(page.total, rows.length);
    assert.ok(rows.length >= 10, `a night's worth of flags (${rows.length})`);
    // The order the leader reads.
    assert.deepEqual(
      rows.slice(0, 3).map((f) => [f.code, f.incidentId]),
      [
        ['SUSPECT_CONCEALED', rose.id],
        ['OMITTED_UNREPORTED', tip.id],
        ['SUSPECT_FALSE', fell.id],
      ],
    );
    assert.deepEqual(
      rows.slice(-1).map((f) => [f.code, f.incidentId]),
      [['OMITTED_FIELDS', missing.id]],
    );
    // The tiers never go back, and within the late ones the most minutes come first.
    const tiers = rows.map((f) => QUEUE_TIER[f.code]);
    assert.deepEqual(tiers, [...tiers].sort((a, b) => a - b));
    const lateOnes = rows.filter((f) => QUEUE_TIER[f.code] === 3);
    assert.ok(lateOnes.length >= 6);
    assert.ok(lateOnes.some((f) => f.status === 'late') && lateOnes.some((f) => f.status === 'overdue'));
    const minutes = lateOnes.map((f) => f.minutesLate!);
    assert.deepEqual(minutes, [...minutes].sort((a, b) => b - a));
    // The 5-minute-late first report is the least late of them.
    assert.deepEqual([lateOnes.at(-1)!.code, lateOnes.at(-1)!.incidentId, lateOnes.at(-1)!.minutesLate], ['LATE_FIRST', five.id, 5]);
    // SQL and the shared comparator agree.
    assert.deepEqual(
      rows.map((f) => f.id),
      [...rows].sort((a, b) => compareQueue(a, b, ctx.now())).map((f) => f.id),
    );
  });

  test('an overdue flag is ranked by its minutes as of now, not as of its last evaluation', () => {
    const ctx = ctxAt(T0);
    // Late by 90 minutes, once and for all (a fax: the written report too, on time).
    const written = { channel: 'fax', summary: '货车侧翻', measuresTaken: '交警到场处置', directLossYuan: 0 } as const;
    const late = sceneIncident(ctx, { unit: '东城区', occurredAt: T0, receivedAt: T0 + 210 * MIN, report: written });
    // Quick report on time; its written report falls due at occurrence + 240 min and never comes.
    const overdue = sceneIncident(ctx, { unit: '西城区', occurredAt: T0 + 100 * MIN, receivedAt: T0 + 210 * MIN });
    ctx.setNow(T0 + 350 * MIN); // the written report is 10 minutes overdue
    runRulesClock(ctx);
    assert.deepEqual(
      listQueue(ctx, { limit: 200 }).rows.map((f) => [f.incidentId, f.code, f.status, f.minutesLate]),
      [
        [late.id, 'LATE_FIRST', 'late', 90],
        [overdue.id, 'LATE_WRITTEN', 'overdue', 10],
      ],
    );
    const stored = () => (ctx.db.prepare("SELECT minutes_late FROM flags WHERE incident_id = ? AND code = 'LATE_WRITTEN'").get(overdue.id) as { minutes_late: number }).minutes_late;
    assert.equal(stored(), 10);
    const rank = () => listQueue(ctx, { limit: 200 }).rows.findIndex((f) => f.incidentId === overdue.id && f.code === 'LATE_WRITTEN');
    const rankLate = () => listQueue(ctx, { limit: 200 }).rows.findIndex((f) => f.incidentId === late.id && f.code === 'LATE_FIRST');
    assert.ok(rank() > rankLate(), '10 minutes overdue comes after 90 minutes late');
    // 100 minutes on, nothing re-judged: the stored figure is stale, the queue is not.
    ctx.setNow(T0 + 450 * MIN);
    assert.equal(stored(), 10);
    assert.ok(rank() < rankLate(), '110 minutes overdue now comes before 90 minutes late');
    assert.equal(listQueue(ctx, { limit: 200 }).rows[rank()]!.minutesLate, 110);
  });

  test('filters: kind, unit and review state; the filters offer what there is, with counts', () => {
    const { ctx, tip, rose } = night();
    const all = listQueue(ctx, { review: 'pending', limit: 200 });
    assert.deepEqual(all.units, ['东城区', '南湖区', '西城区'].sort());
    assert.equal(Object.values(all.byCode).reduce((a, b) => a + b, 0), all.total);
    assert.equal(all.byCode.OMITTED_FIELDS, 1);

    const suspicions = listQueue(ctx, { codes: ['OMITTED_UNREPORTED', 'SUSPECT_CONCEALED'] });
    assert.deepEqual(
      suspicions.rows.map((f) => [f.code, f.incidentId]),
      [
        ['SUSPECT_CONCEALED', rose.id],
        ['OMITTED_UNREPORTED', tip.id],
      ],
    );
    assert.equal(suspicions.total, 2);

    const west = listQueue(ctx, { unit: '西城区', limit: 200 });
    assert.ok(west.total > 0 && west.rows.every((f) => f.responsibleUnit === '西城区'));
    assert.equal(west.total, all.rows.filter((f) => f.responsibleUnit === '西城区').length);
    assert.equal(Object.values(west.byCode).reduce((a, b) => a + b, 0), west.total, 'kind counts follow the unit chosen');

    const omitted = all.rows.find((f) => f.code === 'OMITTED_UNREPORTED')!;
    reviewFlag(ctx, { flagId: omitted.id, decision: 'confirmed', leader: '张局', reason: '经核实，西城区未按时报告' });
    assert.equal(listQueue(ctx, { review: 'pending', limit: 200 }).total, all.total - 1);
    assert.deepEqual(
      listQueue(ctx, { review: 'confirmed' }).rows.map((f) => f.id),
      [omitted.id],
    );
    const everything = listQueue(ctx, { review: 'all', limit: 200 });
    assert.equal(everything.total, all.total);
    assert.equal(everything.rows.at(-1)!.id, omitted.id, "in 'all', the reviewed come after those still to review");
  });

  test('no silent cap: 520 flags come in pages that say how many there are in all', async () => {
    const ctx = ctxAt(T0);
    ctx.db.transaction(() => {
      for (let k = 0; k < 520; k++) sceneIncident(ctx, { unit: UNITS[k % 3]!, occurredAt: T0, receivedAt: T0 + 10 * MIN, report: { location: null } });
    })();
    const seen = new Set<number>();
    for (let offset = 0; offset < 520; offset += 200) {
      const page = listQueue(ctx, { offset, limit: 200 });
      assert.equal(page.total, 520);
      assert.equal(page.offset, offset);
      assert.equal(page.rows.length, Math.min(200, 520 - offset));
      for (const f of page.rows) seen.add(f.id);
    }
    assert.equal(seen.size, 520, 'every flag on some page, none twice');
    assert.equal(listQueue(ctx).rows.length, 50, 'a page is 50 unless asked');
    const dispatch = createDispatcher(ctx, { logError: () => {} });
    const big = await dispatch('flags.queue', { limit: 1000 });
    assert.equal(big.ok, false, 'a page is at most 200 rows');
    const ok = await dispatch('flags.queue', { review: 'pending', codes: ['OMITTED_FIELDS'], unit: '东城区', offset: 0, limit: 10 });
    assert.ok(ok.ok);
    if (ok.ok) assert.equal((ok.value as { total: number }).total, 174);
  });

  test("the dashboard's flags awaiting review are the queue's first, in its order", () => {
    const { ctx } = night();
    const d = dashboard(ctx);
    const queue = listQueue(ctx, { review: 'pending', limit: 200 });
    assert.equal(d.pendingFlags, queue.total);
    assert.deepEqual(
      d.flags.map((f) => f.id),
      queue.rows.slice(0, 20).map((f) => f.id),
    );
    assert.equal(d.flags[0]!.code, 'SUSPECT_CONCEALED');
  });

  test('each flag says what is wrong in words: items missing, deadline and actual, how late', () => {
    const { ctx, missing, five, tip, rose, fell } = night();
    const rows = listQueue(ctx, { limit: 200 }).rows;
    const text = (incidentId: number, code: string) => flagProblemText(t, rows.find((f) => f.incidentId === incidentId && f.code === code)!, hhmm, ctx.now());
    assert.equal(text(missing.id, 'OMITTED_FIELDS'), '11-24 09:15 所报缺：地点');
    assert.equal(text(five.id, 'LATE_FIRST'), '首报截止 11-24 12:00，11-24 12:05 才报，迟 5 分钟');
    // Occurred 09:10, written report due 13:10, none by 14:00.
    assert.equal(text(tip.id, 'LATE_WRITTEN'), '书面报告截止 11-24 13:10，至今未报，已超 50 分钟');
    assert.equal(text(tip.id, 'LATE_FIRST'), '首报截止 11-24 11:10，至今未报，已超 2 小时 50 分钟');
    assert.equal(text(tip.id, 'OMITTED_UNREPORTED'), '首报截止 11-24 11:10 前责任单位未正式报告，至今未报');
    assert.equal(text(rose.id, 'SUSPECT_CONCEALED'), '首报后 24 小时内等级上升（11-24 10:30 所报）');
    assert.equal(text(fell.id, 'SUSPECT_FALSE'), '伤亡数字下降且未说明更正原因（11-24 10:40 所报）');
  });
});

describe('the 督办 queue: incidents and relayed notices in one list', () => {
  test("a notice's flags are filtered by the same kind and unit, counted in the same total, paged and sorted with the incidents'", () => {
    const { ctx } = night();
    const ids = UNITS.map((u) => findUnitByName(ctx.db, u)!.id);
    // 10:00 a red warning to the three units; 西城区 never confirms, 东城区 confirms 20 minutes late.
    const n = createNotice(
      ctx,
      noticeFieldsSchema.parse({ kind: 'warning', source: '市气象台', levelText: '暴雨红色预警', text: '未来3小时降雨量将达100毫米以上', receivedAt: T0 + HOUR, receiptDeadlineMin: 30, unitIds: ids }),
    );
    ctx.setNow(T0 + HOUR + 5 * MIN);
    recordRelay(ctx, { noticeId: n.id, unitIds: ids, means: 'fax', answeredBy: '' });
    recordReceipt(ctx, { noticeId: n.id, unitId: ids[2]!, receiver: '李' });
    ctx.setNow(T0 + HOUR + 55 * MIN);
    recordReceipt(ctx, { noticeId: n.id, unitId: ids[0]!, receiver: '王' });
    ctx.setNow(T0 + 5 * HOUR);
    runRulesClock(ctx);

    const all = queueOf(ctx, { review: 'pending', limit: 200 });
    const notices = all.rows.filter((r) => r.source === 'notice');
    assert.deepEqual(notices.map((r) => `${r.code}:${r.unitName}`).sort(), ['RECEIPT_LATE:东城区', 'RECEIPT_MISSING:西城区']);
    assert.equal(all.total, all.rows.length, 'the total counts both');
    assert.equal(all.byCode.RECEIPT_MISSING, 1);
    assert.equal(Object.values(all.byCode).reduce((a, b) => a + b, 0), all.total);
    // One order: SQL and the shared comparator agree over both kinds of row.
    assert.deepEqual(
      all.rows.map((r) => `${r.source}${r.id}`),
      [...all.rows].sort((a, b) => compareQueue(a, b, ctx.now())).map((r) => `${r.source}${r.id}`),
    );
    // The overdue receipt (3 h 20 min as of 14:00) ranks among the late reports by its minutes.
    const missing = all.rows.findIndex((r) => r.code === 'RECEIPT_MISSING');
    assert.ok(all.rows.slice(0, missing).every((r) => QUEUE_TIER[r.code] <= 3) && all.rows.slice(missing + 1).every((r) => QUEUE_TIER[r.code] >= 3));

    // The kind filter takes notice codes; the unit filter the unit a notice went to.
    const receipts = queueOf(ctx, { codes: ['RECEIPT_MISSING', 'SUSPECT_CONCEALED'] });
    assert.deepEqual(receipts.rows.map((r) => r.code), ['SUSPECT_CONCEALED', 'RECEIPT_MISSING']);
    assert.equal(receipts.total, 2);
    const west = queueOf(ctx, { unit: '西城区', limit: 200 });
    assert.ok(west.rows.some((r) => r.source === 'notice' && r.code === 'RECEIPT_MISSING'));
    assert.ok(west.rows.every((r) => (r.source === 'notice' ? r.unitName : r.responsibleUnit) === '西城区'));
    assert.equal(west.total, all.rows.filter((r) => (r.source === 'notice' ? r.unitName : r.responsibleUnit) === '西城区').length);

    // Pages: every row once, across both tables.
    const seen = new Set<string>();
    for (let offset = 0; offset < all.total; offset += 3) for (const r of queueOf(ctx, { offset, limit: 3 }).rows) seen.add(`${r.source}${r.id}`);
    assert.equal(seen.size, all.total);

    // Reviewed from the same place: it leaves the pending list and the total drops.
    const late = notices.find((r) => r.code === 'RECEIPT_LATE')!;
    reviewNoticeFlag(ctx, { flagId: late.id, decision: 'dismissed', leader: '张局', reason: '传真机故障，已电话确认' });
    assert.equal(queueOf(ctx, { review: 'pending', limit: 200 }).total, all.total - 1);
    assert.deepEqual(queueOf(ctx, { review: 'dismissed' }).rows.map((r) => `${r.source}:${r.id}`), [`notice:${late.id}`]);
    assert.equal(dashboard(ctx).pendingFlags, all.total - 1);
  });
});
