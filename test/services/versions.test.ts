// Services (plain Node, real SQLite): two seats on one database file, each its own connection and
// its own signed-in user. Seat A reads a record, seat B changes it, A saves on what it read: A is
// refused, naming B and the time, and nothing of A's save is written (not even an audit row); A
// reads again and saves. Incident facts, the roster month, a notice, a flag decided twice.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { AppError } from '../../shared/api/app-error.js';
import { intakeSchema } from '../../shared/domain/incident.js';
import { noticeFieldsSchema } from '../../shared/domain/notice.js';
import { translate } from '../../shared/i18n/index.js';
import { findUnitByName } from '../../electron/db/repositories/units.js';
import { completeFollowup, createFollowup, listQueue, reviewFlag } from '../../electron/services/incidents/followup.js';
import { createIncident, updateFacts } from '../../electron/services/incidents/intake.js';
import { incidentDetail } from '../../electron/services/incidents/queries.js';
import { createNotice, noticeRevisions, reviseNotice } from '../../electron/services/notices/notices.js';
import { createPerson } from '../../electron/services/roster/people.js';
import { editShift, generateProposal, getMonth, history, saveRoster, substitute, swapShifts } from '../../electron/services/roster/roster.js';
import { createUser } from '../../electron/services/users.js';
import { ensureUnits, testContext, type TestContext } from '../helpers/context.js';

const MIN = 60_000;
/** 14:00 on 2026-11-24 in Asia/Shanghai. */
const T0 = Date.UTC(2026, 10, 24, 6, 0, 0);

interface Seats {
  a: TestContext;
  b: TestContext;
}

/** Two seats on one file: A is 李四, B is 张三 (each signed in as their own user). */
async function twoSeats(now = T0): Promise<Seats> {
  const a = testContext({ now, actor: 'user:lisi' });
  const b = testContext({ path: a.path, now, actor: 'user:zhangsan' });
  for (const [username, displayName] of [['zhangsan', '张三'], ['lisi', '李四']] as const)
    await createUser(a, { username, displayName, role: 'leader', password: 'correct horse battery', personId: null });
  ensureUnits(a, ['东城区', '西城区']);
  return { a, b };
}

const at = (s: Seats, ms: number) => (s.a.setNow(ms), s.b.setNow(ms));

/** The refusal as a person reads it (zh-CN). */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError && e.code === 'conflict') return translate('zh-CN', e.key, e.params);
    throw e;
  }
  assert.fail('expected the save to be refused');
}

/** The whole audit chain's end: unchanged means nothing at all was written. */
const auditEnd = (ctx: TestContext) => ctx.db.prepare('SELECT last_id, last_hash FROM audit_head').get();

function incident(ctx: TestContext) {
  return createIncident(
    ctx,
    intakeSchema.parse({
      category: 'road_traffic',
      responsibleUnit: '东城区',
      occurredAt: ctx.now() - 30 * MIN,
      place: '建设大道与发展路口',
      report: { kind: 'initial', channel: 'phone', fromUnit: '东城区', receivedAt: ctx.now(), location: '建设大道与发展路口', deaths: 0, missing: 0, seriouslyInjured: 0 },
    }),
    'incidents.create',
    { scripted: true },
  ).incident;
}

describe('a version per record: the second of two seats saving at once is refused', () => {
  test('incident facts: refused naming who and when (HH:mm today, with the date on another day); nothing written; saved after reading again', async () => {
    const s = await twoSeats();
    const { id } = incident(s.a);
    const readByA = incidentDetail(s.a, id).versions.facts;
    const readByB = incidentDetail(s.b, id).versions.facts;
    assert.equal(readByA, readByB);
    at(s, T0 + 32 * MIN);
    updateFacts(s.b, id, { learnedAt: T0 - 10 * MIN, reason: '核实获知时间', baseVersion: readByB });
    const end = auditEnd(s.a);
    assert.equal(
      refusal(() => updateFacts(s.a, id, { closedAt: T0 + 30 * MIN, reason: '现场处置结束', baseVersion: readByA })),
      '该事件已被 张三 于 14:32 修改，请查看最新内容后再保存（您填写的内容仍保留在表单中）',
    );
    assert.deepEqual(auditEnd(s.a), end, 'the refusal writes no audit row');
    const now = incidentDetail(s.a, id);
    assert.equal(now.incident.closedAt, null, "A's change is not half-written");
    assert.equal(now.incident.learnedAt, T0 - 10 * MIN, "B's change stands");
    // The next day, the refusal says the date too.
    s.a.setNow(T0 + 24 * 60 * MIN);
    assert.match(refusal(() => updateFacts(s.a, id, { closedAt: T0 + 30 * MIN, reason: '现场处置结束', baseVersion: readByA })), /张三 于 2026-11-24 14:32 修改/);
    // A has read the incident as it is now: the save goes through, and the version moves on.
    const saved = updateFacts(s.a, id, { closedAt: T0 + 30 * MIN, reason: '现场处置结束', baseVersion: now.versions.facts });
    assert.equal(saved.closedAt, T0 + 30 * MIN);
    assert.ok(incidentDetail(s.b, id).versions.facts > now.versions.facts);
    // A save without a version (the CLI, a service call) checks nothing, as before.
    updateFacts(s.b, id, { important: true, reason: '列为重要事件' });
  });

  test('a flag decided by one seat: the other is refused naming the leader, the time and the decision', async () => {
    const s = await twoSeats();
    at(s, T0 + 125 * MIN); // the first report 2 h 05 after the occurrence: late
    const a = s.a;
    createIncident(
      a,
      intakeSchema.parse({
        category: 'road_traffic',
        responsibleUnit: '西城区',
        occurredAt: T0,
        place: '解放路',
        report: { kind: 'initial', channel: 'phone', fromUnit: '西城区', receivedAt: a.now(), location: '解放路', deaths: 0, missing: 0, seriouslyInjured: 0 },
      }),
      'incidents.create',
      { scripted: true },
    );
    const row = listQueue(a, { review: 'pending' }).rows.find((f) => f.code === 'LATE_FIRST')!;
    assert.equal(row.source, 'incident');
    const flag = row as typeof row & { source: 'incident' };
    at(s, T0 + 140 * MIN);
    reviewFlag(s.b, { flagId: flag.id, decision: 'dismissed', leader: '王局', reason: '单位已说明原因' });
    const end = auditEnd(a);
    assert.equal(
      refusal(() => reviewFlag(a, { flagId: flag.id, decision: 'confirmed', leader: '赵局', reason: '核实迟报' })),
      '该标记已由 王局 于 16:20 核定为“排除”，不能重复核定；已显示最新状态',
    );
    assert.deepEqual(auditEnd(a), end);
    const f = listQueue(a, { review: 'all' }).rows.find((x) => x.id === flag.id)!;
    assert.deepEqual([f.review, f.reviewedBy, f.reviewReason], ['dismissed', '王局', '单位已说明原因']);
    // A follow-up item completed by one seat: the other is told who and when.
    const item = createFollowup(a, { incidentId: flag.incidentId, flagId: flag.id, kind: 'urge', subject: '催报', owner: '王伟', dueAt: a.now() + 60 * MIN });
    completeFollowup(s.b, item.id, '已催报');
    assert.equal(refusal(() => completeFollowup(a, item.id, '电话催报')), '该事项已由 张三 于 16:20 办结，请查看办理结果');
  });

  test('the roster month: an edit, a swap, a substitute or a saved proposal made on an older month is refused; history unchanged', async () => {
    const s = await twoSeats(Date.UTC(2026, 10, 20, 2, 0));
    const { a, b } = s;
    for (const [i, name] of ['张局', '李局', '王处', '赵处'].entries()) createPerson(a, { name, phone: `1390000000${i}`, roles: ['leader'], account: null, notes: '' });
    for (let i = 0; i < 8; i++) createPerson(a, { name: `值班员${i + 1}`, phone: `1380000000${i}`, roles: ['officer'], account: null, notes: '' });
    const month = '2026-12';
    assert.equal(getMonth(a, month).version, 0, 'nobody has planned the month yet');
    const p = generateProposal(a, month, { withoutHolidays: true });
    const plan = p.shifts.map((x) => ({ slotKey: x.slot.key, leaders: x.leaders, officers: x.officers }));
    const first = saveRoster(a, month, plan, 0);
    // Both seats have the month open.
    const readByA = getMonth(a, month);
    const readByB = getMonth(b, month);
    assert.equal(readByA.version, readByB.version);
    assert.ok(readByA.version > 0);
    const d5 = readByB.shifts.find((x) => x.day === '2026-12-05')!;
    const d6 = readByB.shifts.find((x) => x.day === '2026-12-06')!;
    s.b.setNow(Date.UTC(2026, 10, 20, 6, 45));
    s.a.setNow(Date.UTC(2026, 10, 20, 6, 50));
    editShift(b, d5.id, d5.leaders.map((x) => x.id), [d5.officers[1]!.id, d5.officers[0]!.id], '调换顺序', readByB.version);
    const afterB = getMonth(a, month);
    const changes = history(a, month).length;
    const end = auditEnd(a);
    const said = '2026-12 的值班表已被 张三 于 14:45 修改，请查看最新排班后再保存';
    assert.equal(refusal(() => saveRoster(a, month, plan, readByA.version)), said, 'saving a whole proposal');
    assert.equal(refusal(() => editShift(a, d6.id, d6.leaders.map((x) => x.id), d6.officers.map((x) => x.id), '调整', readByA.version)), said);
    const [o1, o2] = [d5.officers[0]!, d6.officers[0]!];
    assert.equal(
      refusal(() => swapShifts(a, { shiftA: d5.id, personA: o1.id, shiftB: d6.id, personB: o2.id, reason: '家中有事', confirmedBy: [d5.leaders[0]!.id], baseVersion: readByA.version })),
      said,
    );
    assert.equal(
      refusal(() => substitute(a, { shiftId: d6.id, personId: o2.id, substituteId: o1.id, reason: '代班', confirmedBy: [d6.leaders[0]!.id], baseVersion: readByA.version })),
      said,
    );
    assert.deepEqual(auditEnd(a), end, 'no refusal wrote anything');
    assert.equal(history(a, month).length, changes, 'no roster change half-written');
    assert.deepEqual(getMonth(a, month), afterB, "the month is as B left it");
    // A reads the month again and the edit goes through.
    const edited = editShift(a, d6.id, d6.leaders.map((x) => x.id), [...d6.officers].reverse().map((x) => x.id), '调整', afterB.version);
    assert.ok(edited.version > afterB.version);
    assert.notEqual(first.version, edited.version);
  });

  test('a notice corrected by one seat: the other is refused; the revisions are untouched', async () => {
    const s = await twoSeats();
    const unitIds = ['东城区', '西城区'].map((n) => findUnitByName(s.a.db, n)!.id);
    const fields = { kind: 'warning', source: '市气象台', docNumber: '气象〔2026〕88号', levelText: '暴雨红色预警', text: '未来3小时降雨量将达100毫米以上', receivedAt: T0, receiptDeadlineMin: 30, unitIds };
    const n = createNotice(s.a, noticeFieldsSchema.parse(fields));
    at(s, T0 + 5 * MIN);
    reviseNotice(s.b, n.id, noticeFieldsSchema.parse({ ...fields, receivedAt: T0 - 5 * MIN }), '收到时间记错', 'notices.revise', n.revision);
    const end = auditEnd(s.a);
    assert.equal(
      refusal(() => reviseNotice(s.a, n.id, noticeFieldsSchema.parse({ ...fields, receiptDeadlineMin: 60 }), '时限改为 60 分钟', 'notices.revise', n.revision)),
      '该通知已被 张三 于 14:05 修改，请查看最新内容后再保存（您填写的内容仍保留在表单中）',
    );
    assert.deepEqual(auditEnd(s.a), end);
    assert.deepEqual(noticeRevisions(s.a, n.id).map((r) => r.revision), [1, 2]);
    assert.equal(reviseNotice(s.a, n.id, noticeFieldsSchema.parse({ ...fields, receiptDeadlineMin: 60 }), '时限改为 60 分钟', 'notices.revise', 2).revision, 3);
  });
});

describe('the version reads hand out', () => {
  let s: Seats;
  before(async () => {
    s = await twoSeats();
  });
  test('an incident nobody changed since intake has the version of its intake audit row', () => {
    const { id } = incident(s.a);
    const row = s.a.db.prepare("SELECT max(id) AS id FROM audit_log WHERE entity = 'incident' AND entity_id = ?").get(String(id)) as { id: number };
    assert.equal(incidentDetail(s.b, id).versions.facts, row.id);
  });
});
