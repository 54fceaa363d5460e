// Relaying notices with receipts on a real SQLite file: notices and revisions, unit groups, bulk and
// phone relays, receipts and feedback, corrections, the flags raised by the rules clock at the
// deadline and kept by identity as the facts move, the leader's review, the Excel export; every
// write audited, nothing deleted.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { AppError } from '../../shared/api/app-error.js';
import { noticeFieldsSchema, relayInputSchema, unitGroupFieldsSchema } from '../../shared/domain/notice.js';
import { verifyAudit } from '../../electron/services/audit.js';
import { createDispatcher } from '../../electron/services/dispatcher.js';
import { runRulesClock } from '../../electron/services/incidents/rules-clock.js';
import {
  correctStep,
  createGroup,
  createNotice,
  listGroups,
  noticeDeadlines,
  noticeFlagQueue,
  noticeFlags,
  recordFeedback,
  recordReceipt,
  recordRelay,
  relayGrid,
  reviewNoticeFlag,
  reviseNotice,
  updateGroup,
} from '../../electron/services/notices/notices.js';
import { exportRelayGrid } from '../../electron/export/relay-xlsx.js';
import { findUnitByName } from '../../electron/db/repositories/units.js';
import { ensureUnits, testContext, type TestContext } from '../helpers/context.js';

const at = (hm: string, day = '2026-07-20') => Date.parse(`${day}T${hm}:00+08:00`);
const NAMES = ['江岸区', '江汉区', '硚口区', '汉阳区'];

function setup(now = at('20:00')) {
  const ctx = testContext({ now });
  ensureUnits(ctx, NAMES);
  const ids = NAMES.map((n) => findUnitByName(ctx.db, n)!.id);
  return { ctx, ids };
}

const warning = (ctx: TestContext, unitIds: number[], extra: Record<string, unknown> = {}) =>
  createNotice(
    ctx,
    noticeFieldsSchema.parse({ kind: 'warning', source: '市气象台', docNumber: '气象〔2026〕88号', levelText: '暴雨红色预警', text: '未来3小时降雨量将达100毫米以上', receivedAt: at('20:00'), receiptDeadlineMin: 30, unitIds, ...extra }),
  );

const flagsOf = (ctx: TestContext, id: number) =>
  noticeFlags(ctx, id)
    .filter((f) => f.status !== 'cleared')
    .map((f) => `${f.code}:${f.unitName ?? '值班室'}:${f.status}:${f.minutesLate}`)
    .sort();

describe('notices', () => {
  test('a notice keeps the typed receipt time beside the server entry time; a correction is a revision with its reason; nothing is deleted', () => {
    const { ctx, ids } = setup(at('20:07'));
    const n = warning(ctx, ids);
    assert.equal(n.receivedAt, at('20:00'));
    assert.equal(n.enteredAt, at('20:07'));
    assert.equal(n.revision, 1);
    const { kind, source, docNumber, levelText, text, receiptDeadlineMin } = n;
    const r = reviseNotice(ctx, n.id, noticeFieldsSchema.parse({ kind, source, docNumber, levelText, text, receiptDeadlineMin, receivedAt: at('19:55'), unitIds: ids.slice(0, 3) }), '收到时间记错');
    assert.equal(r.revision, 2);
    assert.equal(r.receivedAt, at('19:55'));
    assert.equal(r.revisionReason, '收到时间记错');
    assert.throws(() => ctx.db.prepare('DELETE FROM notices').run(), /never deleted/);
    assert.throws(() => ctx.db.prepare('UPDATE notice_revisions SET text = ?').run('x'), /never changed/);
    const audit = ctx.db.prepare("SELECT method FROM audit_log WHERE entity = 'notice' ORDER BY id").all() as { method: string }[];
    assert.deepEqual(audit.map((a) => a.method), ['notices.create', 'notices.revise']);
    assert.equal(verifyAudit(ctx.db).ok, true);
  });

  test('targets come from the directory: an unknown unit, an inactive one or one not targeted is refused naming it', () => {
    const { ctx, ids } = setup();
    assert.throws(() => warning(ctx, [...ids, 9999]), (e: unknown) => e instanceof AppError && e.key === 'notice.unitUnknown');
    const n = warning(ctx, ids.slice(0, 2));
    assert.throws(() => recordReceipt(ctx, { noticeId: n.id, unitId: ids[3]!, receiver: '张三' }), (e: unknown) => e instanceof AppError && e.key === 'notice.unitNotTarget' && /汉阳区/.test(JSON.stringify(e.params)));
    assert.equal(relayInputSchema.safeParse({ noticeId: n.id, unitIds: [ids[0]], means: 'phone' }).success, false, 'a phone relay names who answered');
  });

  test('unit groups: created, changed and retired by the admin, audited, never deleted', () => {
    const { ctx, ids } = setup();
    const g = createGroup(ctx, unitGroupFieldsSchema.parse({ name: '防指成员单位', unitIds: ids.slice(0, 2) }));
    updateGroup(ctx, g.id, { name: '防指成员单位', unitIds: ids, retired: false });
    const retired = updateGroup(ctx, g.id, { name: '防指成员单位', unitIds: ids, retired: true });
    assert.equal(retired.retired, true);
    assert.deepEqual(listGroups(ctx).map((x) => x.unitIds.length), [4]);
    assert.throws(() => ctx.db.prepare('DELETE FROM unit_groups').run(), /never deleted/);
    assert.equal((ctx.db.prepare("SELECT COUNT(*) n FROM audit_log WHERE entity = 'unit_group'").get() as { n: number }).n, 3);
  });

  test('bulk relay, receipts at the deadline minute, the clock raises RECEIPT_MISSING, a late receipt keeps the flag as RECEIPT_LATE', () => {
    const { ctx, ids } = setup(at('20:05'));
    const n = warning(ctx, ids);
    recordRelay(ctx, { noticeId: n.id, unitIds: ids.slice(0, 3), means: 'fax', answeredBy: '' });
    ctx.setNow(at('20:10'));
    recordRelay(ctx, { noticeId: n.id, unitIds: [ids[3]!], means: 'phone', answeredBy: '李四' });
    // Receipt deadlines: 20:35 for the fax units, 20:40 for the phone one. Exactly at 20:35 is on time.
    ctx.setNow(at('20:35'));
    recordReceipt(ctx, { noticeId: n.id, unitId: ids[0]!, receiver: '王五' });
    recordReceipt(ctx, { noticeId: n.id, unitId: ids[1]!, at: at('20:20'), receiver: '赵六' });
    assert.deepEqual(flagsOf(ctx, n.id), []);
    // One second past: the clock raises the missing receipt, to the minute.
    ctx.setNow(at('20:35') + 1000);
    runRulesClock(ctx);
    assert.deepEqual(flagsOf(ctx, n.id), ['RECEIPT_MISSING:硚口区:overdue:1']);
    const before = noticeFlags(ctx, n.id).find((f) => f.code === 'RECEIPT_MISSING')!;
    ctx.setNow(at('20:50'));
    recordReceipt(ctx, { noticeId: n.id, unitId: ids[2]!, receiver: '钱七' });
    const after = noticeFlags(ctx, n.id).find((f) => f.unitId === ids[2])!;
    assert.equal(after.id, before.id, 'the flag keeps its identity');
    assert.equal(after.code, 'RECEIPT_LATE');
    assert.equal(after.minutesLate, 15);
    // The phone unit's 20:40 passed with no receipt.
    runRulesClock(ctx);
    assert.deepEqual(flagsOf(ctx, n.id), ['RECEIPT_LATE:硚口区:late:15', 'RECEIPT_MISSING:汉阳区:overdue:10']);
    const grid = relayGrid(ctx);
    assert.deepEqual(grid.notices[0]!.counts, { units: 4, relayed: 4, received: 3, fedBack: 0, receiptMissing: 1, feedbackMissing: 0 });
    assert.equal(grid.notices[0]!.relayStatus, 'on_time');
    assert.equal(grid.notices[0]!.cells[3]!.relayPerson, '李四');
    assert.equal(verifyAudit(ctx.db).ok, true);
  });

  test('RELAY_LATE: a red warning relayed to the last unit after 30 minutes; a correction of the relay time clears it', () => {
    const { ctx, ids } = setup(at('20:10'));
    const n = warning(ctx, ids.slice(0, 2));
    recordRelay(ctx, { noticeId: n.id, unitIds: [ids[0]!], means: 'fax', answeredBy: '' });
    ctx.setNow(at('20:31'));
    runRulesClock(ctx);
    assert.deepEqual(flagsOf(ctx, n.id), ['RELAY_LATE:值班室:overdue:1']);
    const [late] = recordRelay(ctx, { noticeId: n.id, unitIds: [ids[1]!], means: 'sms_platform', answeredBy: '' });
    assert.deepEqual(flagsOf(ctx, n.id), ['RELAY_LATE:值班室:late:1']);
    assert.equal(noticeFlags(ctx, n.id)[0]!.ruleSetVersion, 1);
    correctStep(ctx, { stepId: late!.id, at: at('20:29'), reason: '短信平台发送时间为 20:29' });
    assert.deepEqual(flagsOf(ctx, n.id), []);
    assert.equal(noticeFlags(ctx, n.id)[0]!.status, 'cleared', 'cleared, never deleted');
    assert.throws(() => correctStep(ctx, { stepId: late!.id, at: at('20:28'), reason: '再改' }), (e: unknown) => e instanceof AppError && e.key === 'notice.stepCorrected');
  });

  test("a leader's instruction with feedback due at 18:00: one unit late; the leader confirms the flag; the strip lists what is still owed", () => {
    const { ctx, ids } = setup(at('09:00'));
    const n = createNotice(
      ctx,
      noticeFieldsSchema.parse({ kind: 'instruction', source: '市长', text: '请各区立即组织排查', receivedAt: at('09:00'), feedbackDueAt: at('18:00'), feedbackRequired: '排查情况', unitIds: ids.slice(0, 2) }),
    );
    recordRelay(ctx, { noticeId: n.id, unitIds: ids.slice(0, 2), means: 'system', answeredBy: '' });
    for (const u of ids.slice(0, 2)) recordReceipt(ctx, { noticeId: n.id, unitId: u, receiver: '值班员' });
    const kinds = noticeDeadlines(ctx).map((d) => `${d.kind}:${d.units.length}`);
    assert.deepEqual(kinds, ['feedback:2']);
    ctx.setNow(at('17:59'));
    recordFeedback(ctx, { noticeId: n.id, unitId: ids[0]!, text: '已排查 12 处' });
    ctx.setNow(at('18:20'));
    runRulesClock(ctx);
    assert.deepEqual(flagsOf(ctx, n.id), ['FEEDBACK_MISSING:江汉区:overdue:20']);
    recordFeedback(ctx, { noticeId: n.id, unitId: ids[1]!, text: '已排查 8 处' });
    assert.deepEqual(flagsOf(ctx, n.id), ['FEEDBACK_LATE:江汉区:late:20']);
    const [flag] = noticeFlagQueue(ctx, 'pending');
    const reviewed = reviewNoticeFlag(ctx, { flagId: flag!.id, decision: 'confirmed', leader: '王局长', reason: '核实迟报' });
    assert.equal(reviewed.review, 'confirmed');
    assert.throws(() => reviewNoticeFlag(ctx, { flagId: flag!.id, decision: 'dismissed', leader: '王局长', reason: '再审' }), (e: unknown) => e instanceof AppError && e.key === 'flag.alreadyConfirmed' && e.params.by === '王局长');
    assert.deepEqual(noticeDeadlines(ctx), []);
  });

  test('the dispatcher refuses unknown keys and takes a relay with its defaults', async () => {
    const { ctx, ids } = setup();
    const n = warning(ctx, ids.slice(0, 1));
    const d = createDispatcher(ctx);
    const bad = await d('notices.relay', { noticeId: n.id, unitIds: [ids[0]], means: 'fax', extra: 1 });
    assert.equal(bad.ok, false);
    const ok = await d('notices.relay', { noticeId: n.id, unitIds: [ids[0]], means: 'fax' });
    assert.equal(ok.ok, true, JSON.stringify(ok));
  });

  test('the grid exports to a print-ready sheet: one row per notice and unit, landscape A4, header repeated', async () => {
    const { ctx, ids } = setup(at('20:05'));
    const n = warning(ctx, ids);
    recordRelay(ctx, { noticeId: n.id, unitIds: ids, means: 'fax', answeredBy: '' });
    recordReceipt(ctx, { noticeId: n.id, unitId: ids[0]!, receiver: '=王五' });
    const file = await exportRelayGrid(ctx, {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    assert.equal(sheet.pageSetup.orientation, 'landscape');
    const text: string[] = [];
    sheet.eachRow((row) => text.push(row.values ? (row.values as unknown[]).map((v) => String(v ?? '')).join('|') : ''));
    const all = text.join('\n');
    for (const name of NAMES) assert.match(all, new RegExp(name));
    assert.match(all, /=王五/, 'a typed name stays text');
    assert.match(all, /暴雨红色预警/);
  });
});

describe('where relayed notices show', () => {
  test('the ledger counts, the handover lists and the bulletin’s 传达情况 agree with the grid', async () => {
    const { assembleBulletin } = await import('../../electron/services/bulletin/assemble.js');
    const { BULLETIN_PROVIDERS } = await import('../../electron/services/bulletin/providers.js');
    const { handoverSummary } = await import('../../electron/services/incidents/handover-summary.js');
    const { ledger } = await import('../../electron/services/incidents/ledger.js');
    const { ctx, ids } = setup(at('20:05'));
    const n = warning(ctx, ids);
    recordRelay(ctx, { noticeId: n.id, unitIds: ids, means: 'fax', answeredBy: '' });
    recordReceipt(ctx, { noticeId: n.id, unitId: ids[0]!, receiver: '王五' });
    ctx.setNow(at('20:40'));
    recordReceipt(ctx, { noticeId: n.id, unitId: ids[1]!, receiver: '赵六' });
    runRulesClock(ctx);
    // 江汉区 late by 5 minutes, 硚口区 and 汉阳区 missing.
    const book = ledger(ctx, 2026);
    assert.deepEqual(book.units.filter((u) => u.relayMissing || u.relayLate).map((u) => [u.unit, u.relayMissing, u.relayLate]).sort(), [['江汉区', 0, 1], ['汉阳区', 1, 0], ['硚口区', 1, 0]].sort());
    const h = handoverSummary(ctx, ctx.now());
    assert.equal(h.openNotices!.length, 1);
    assert.match(h.openNotices![0]!.detail, /未回执 硚口区、汉阳区/);
    const { data } = assembleBulletin(ctx, '2026-07-20', BULLETIN_PROVIDERS);
    assert.deepEqual(data.relay!.map((r) => [r.units, r.relayed, r.received, r.receiptMissing]), [[4, 4, 2, ['硚口区', '汉阳区']]]);
  });
});

describe('the rule set in force', () => {
  test('a new version with a stricter relay limit re-judges the recent notices: RELAY_LATE by the version that judged it', async () => {
    const { saveRuleSet } = await import('../../electron/services/rule-sets.js');
    const { RULE_PACKS } = await import('../../shared/domain/rules/packs/index.js');
    const { ctx, ids } = setup(at('20:00'));
    const n = warning(ctx, ids.slice(0, 1), { levelText: '暴雨橙色预警' });
    ctx.setNow(at('20:40'));
    recordRelay(ctx, { noticeId: n.id, unitIds: [ids[0]!], means: 'fax', answeredBy: '' });
    assert.deepEqual(flagsOf(ctx, n.id), [], 'orange: 60 minutes by the defaults');
    const doc = { ...RULE_PACKS[0]!.ruleSet, relay: { byKindMin: { superior: 60, warning: 60, instruction: 60, local: 60 }, byLevelWordMin: { 红色: 30, 橙色: 30 } } };
    saveRuleSet(ctx, { document: doc, basedOn: 'cn-default', basedOnVersion: 1, note: '橙色预警 30 分钟内传达' });
    assert.deepEqual(flagsOf(ctx, n.id), ['RELAY_LATE:值班室:late:10']);
    assert.equal(noticeFlags(ctx, n.id)[0]!.ruleSetVersion, 2);
  });

  test('a RELAY_LATE a leader confirmed stays with the version that judged it; an unreviewed one goes by the new version', async () => {
    const { saveRuleSet } = await import('../../electron/services/rule-sets.js');
    const { RULE_PACKS } = await import('../../shared/domain/rules/packs/index.js');
    const { ctx, ids } = setup(at('20:00'));
    // Two red warnings relayed 40 min after they came: late by 10 under the default 30 min.
    const confirmed = warning(ctx, ids.slice(0, 1));
    const pending = warning(ctx, ids.slice(1, 2));
    ctx.setNow(at('20:40'));
    recordRelay(ctx, { noticeId: confirmed.id, unitIds: [ids[0]!], means: 'fax', answeredBy: '' });
    recordRelay(ctx, { noticeId: pending.id, unitIds: [ids[1]!], means: 'fax', answeredBy: '' });
    const relayFlag = (id: number) => noticeFlags(ctx, id).find((f) => f.code === 'RELAY_LATE')!;
    const { dashboard } = await import('../../electron/services/incidents/queries.js');
    assert.equal(dashboard(ctx).pendingFlags, 2, 'the dashboard counts notice flags awaiting review');
    reviewNoticeFlag(ctx, { flagId: relayFlag(confirmed.id).id, decision: 'confirmed', leader: '张局', reason: '核实迟传' });
    // A place that gives red warnings an hour.
    const doc = { ...RULE_PACKS[0]!.ruleSet, relay: { byKindMin: { superior: 60, warning: 60, instruction: 60, local: 60 }, byLevelWordMin: { 红色: 60 } } };
    // The preview lists what the save will do to the notices' flags, by the same judging, writing nothing.
    const { previewRuleSet } = await import('../../electron/services/rule-sets.js');
    const audits = () => (ctx.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
    const auditsBefore = audits();
    const preview = previewRuleSet(ctx, doc);
    assert.equal(audits(), auditsBefore, 'a preview writes nothing');
    assert.equal(relayFlag(pending.id).status, 'late', 'a preview writes nothing');
    const { changes: noticeChanges, ...counts } = preview.notices;
    assert.deepEqual(counts, { notices: 2, noticesChanged: 1, raised: 0, changed: 0, cleared: 1, keptReviewed: 1, truncated: false });
    assert.deepEqual(
      noticeChanges.map((c) => [c.noticeId, c.unitName, c.code, c.kind, c.beforeStatus, c.afterStatus]),
      [[pending.id, null, 'RELAY_LATE', 'cleared', 'late', 'cleared']],
    );
    assert.match(noticeChanges[0]!.noticeTitle, /市气象台 暴雨红色预警/);
    const saved = saveRuleSet(ctx, { document: doc, basedOn: 'cn-default', basedOnVersion: 1, note: '红色预警 1 小时内传达' });
    assert.deepEqual(saved.notices, { ...preview.notices, changes: noticeChanges }, 'the save did what the preview said');
    assert.deepEqual([relayFlag(confirmed.id).status, relayFlag(confirmed.id).ruleSetVersion, relayFlag(confirmed.id).review], ['late', 1, 'confirmed']);
    assert.equal(relayFlag(pending.id).status, 'cleared');
    // A later step of the confirmed notice does not hand it to version 2 either.
    recordReceipt(ctx, { noticeId: confirmed.id, unitId: ids[0]!, receiver: '李四' });
    assert.deepEqual([relayFlag(confirmed.id).status, relayFlag(confirmed.id).ruleSetVersion], ['late', 1]);
  });
});
