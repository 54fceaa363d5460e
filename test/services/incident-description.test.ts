// The incident's description (事件经过) on a real SQLite file: the system's first revision from the
// first report that states a summary (and from a correction of that report), a leader's revisions
// with a reason through the dispatcher (leaders and admins only), each audited in the same
// transaction, nothing overwritten; an incident logged without one (before migration 0130, or the
// bulk demo history) gets the system's copy stored first on its first edit.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { descriptionsOf } from '../../electron/db/repositories/descriptions.js';
import { insertIncident, insertReport } from '../../electron/db/repositories/incidents.js';
import { auditForEntity, verifyAudit } from '../../electron/services/audit.js';
import { createSessionDispatcher, type Dispatch } from '../../electron/services/dispatcher.js';
import { describeIncident } from '../../electron/services/incidents/description.js';
import { addReport, createIncident } from '../../electron/services/incidents/intake.js';
import { incidentDetail } from '../../electron/services/incidents/queries.js';
import { createUser } from '../../electron/services/users.js';
import { AppError } from '../../shared/api/app-error.js';
import { currentDescriptionOf, DESCRIPTION_MAX, describeSchema, type DescriptionRevision } from '../../shared/domain/incident-description.js';
import { intakeSchema, reportFieldsSchema, type IncidentDetail, type ReportFieldsInput } from '../../shared/domain/incident.js';
import { ensureUnits, testContext, type TestContext } from '../helpers/context.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 23, 2, 0, 0); // 2026-11-23 10:00 in Shanghai
const PASSWORD = 'correct horse battery';

function setup(): TestContext {
  const ctx = testContext({ now: T0 + 20 * MIN, actor: 'user:officer1' });
  ensureUnits(ctx, ['南湖区']);
  return ctx;
}

const report = (ctx: TestContext, over: ReportFieldsInput | object = {}) =>
  reportFieldsSchema.parse({ kind: 'followup', channel: 'phone', fromUnit: '南湖区', receivedAt: ctx.now(), ...over });

function logIncident(ctx: TestContext, summary: string | null) {
  return createIncident(
    ctx,
    intakeSchema.parse({
      category: 'construction',
      responsibleUnit: '南湖区',
      occurredAt: T0,
      place: '湖滨花园',
      report: { kind: 'initial', channel: 'phone', fromUnit: '南湖区', receivedAt: ctx.now(), summary, deaths: 1, missing: 0, seriouslyInjured: 0 },
    }),
    'incidents.create',
    { scripted: true },
  );
}

const revisions = (ctx: TestContext, id: number) => incidentDetail(ctx, id).descriptions;
const texts = (list: DescriptionRevision[]) => list.map((d) => [d.revision, d.actor, d.text]);

describe('incident descriptions (事件经过)', () => {
  test('the first report that states a summary becomes revision 1, by the system, audited with the save', () => {
    const ctx = setup();
    const { incident, report: first } = logIncident(ctx, '  湖滨花园一在建楼房脚手架坍塌\n3名工人被压  ');
    const [rev] = revisions(ctx, incident.id);
    assert.ok(rev);
    assert.deepEqual(
      { revision: rev.revision, text: rev.text, actor: rev.actor, authorName: rev.authorName, reason: rev.reason, sourceReportId: rev.sourceReportId, createdAt: rev.createdAt },
      { revision: 1, text: '湖滨花园一在建楼房脚手架坍塌\n3名工人被压', actor: 'system', authorName: 'system', reason: '', sourceReportId: first.id, createdAt: ctx.now() },
    );
    const audit = auditForEntity(ctx.db, 'incident_description', rev.id);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.method, 'incidents.create');
    assert.equal(audit[0]!.actor, 'user:officer1', 'the audit row names who saved the report');
    // Later reports with their own summaries do not replace it: they are reports, not the description.
    ctx.setNow(T0 + 60 * MIN);
    addReport(ctx, incident.id, report(ctx, { summary: '南湖区关于湖滨花园坍塌事故的书面报告' }));
    addReport(ctx, incident.id, report(ctx, { summary: '核实后死亡1人' }));
    assert.deepEqual(texts(revisions(ctx, incident.id)), [[1, 'system', '湖滨花园一在建楼房脚手架坍塌\n3名工人被压']]);
    assert.ok(incidentDetail(ctx, incident.id).audit.some((a) => a.entity === 'incident_description'), 'the drawer’s timeline shows it');
  });

  test('no summary at first: the first later report that states one; a correction of that report is copied as a new revision', () => {
    const ctx = setup();
    const { incident } = logIncident(ctx, null);
    assert.deepEqual(revisions(ctx, incident.id), []);
    ctx.setNow(T0 + 40 * MIN);
    const second = addReport(ctx, incident.id, report(ctx, { summary: '脚手架坍塌，1人被压' }));
    ctx.setNow(T0 + 50 * MIN);
    addReport(ctx, incident.id, report(ctx, { summary: '续报：伤者已送医' }));
    // A correction of another report leaves the description; a correction of its source is copied.
    addReport(ctx, incident.id, report(ctx, { summary: '更正续报', correctsReportId: second.id + 1, correctionReason: '笔误' }));
    assert.equal(revisions(ctx, incident.id).length, 1);
    const fix = addReport(ctx, incident.id, report(ctx, { summary: '脚手架坍塌，2人被压', correctsReportId: second.id, correctionReason: '核实人数' }));
    const list = revisions(ctx, incident.id);
    assert.deepEqual(texts(list), [
      [1, 'system', '脚手架坍塌，1人被压'],
      [2, 'system', '脚手架坍塌，2人被压'],
    ]);
    assert.equal(list[1]!.sourceReportId, fix.id);
    assert.equal(list[0]!.sourceReportId, second.id, 'revision 1 is kept as it was');
  });

  test('a leader writes a new revision with a reason; the text is kept with its line breaks; corrections no longer replace it', async () => {
    const ctx = setup();
    await createUser(ctx, { username: 'leader1', displayName: '刘志强', role: 'leader', password: PASSWORD, personId: null });
    const { incident, report: first } = logIncident(ctx, '脚手架坍塌');
    ctx.setNow(T0 + 90 * MIN);
    const lead = { ...ctx, actor: 'user:leader1' };
    const text = '11月23日10时许，南湖区湖滨花园一在建楼房外脚手架发生坍塌，3名工人被压。\r\n\r\n\r\n经全力搜救，2人获救送医，1人经抢救无效死亡。  ';
    const rev = describeIncident(lead, describeSchema.parse({ id: incident.id, text, reason: ' 据续报和现场核实情况重写 ' }));
    assert.equal(rev.revision, 2);
    assert.equal(rev.actor, 'user:leader1');
    assert.equal(rev.authorName, '刘志强');
    assert.equal(rev.reason, '据续报和现场核实情况重写');
    assert.equal(rev.text, '11月23日10时许，南湖区湖滨花园一在建楼房外脚手架发生坍塌，3名工人被压。\n\n经全力搜救，2人获救送医，1人经抢救无效死亡。');
    const [audit] = auditForEntity(ctx.db, 'incident_description', rev.id);
    assert.equal(audit!.method, 'incidents.describe');
    assert.equal(audit!.actor, 'user:leader1');
    assert.deepEqual(JSON.parse(audit!.before!), { revision: 1, text: '脚手架坍塌' });
    assert.equal(JSON.parse(audit!.after!).reason, '据续报和现场核实情况重写');
    // The system no longer follows the reports once a person has written it.
    addReport(ctx, incident.id, report(ctx, { summary: '脚手架坍塌（更正）', correctsReportId: first.id, correctionReason: '更正' }));
    const d = incidentDetail(ctx, incident.id);
    assert.deepEqual(d.descriptions.map((x) => x.revision), [1, 2]);
    assert.equal(currentDescriptionOf(d.descriptions, d.reports)?.text, rev.text);
    // The same text again is not a revision.
    assert.throws(() => describeIncident(lead, { id: incident.id, text: rev.text, reason: '再次保存' }), (e: unknown) => e instanceof AppError && e.key === 'incident.descriptionUnchanged');
    assert.throws(() => describeIncident(lead, { id: 999, text: 'x', reason: '核实' }), (e: unknown) => e instanceof AppError && e.code === 'not_found');
    // Nothing is overwritten or removed behind the service's back either.
    assert.throws(() => ctx.db.prepare("UPDATE incident_descriptions SET text = 'x'").run(), /never changed/);
    assert.throws(() => ctx.db.prepare('DELETE FROM incident_descriptions').run(), /never deleted/);
    assert.ok(verifyAudit(ctx.db).ok);
  });

  test('an incident logged without a description (an older database, the bulk history) gets the system’s copy as revision 1 on its first edit', () => {
    const ctx = setup();
    const id = insertIncident(ctx.db, { year: 2026, seq: 77, category: 'fire', unitId: null, responsibleUnit: '南湖区', occurredAt: T0, place: '仓库', manualLevel: null, important: false, firstReceivedAt: T0 + 5 * MIN, now: T0 + 5 * MIN });
    const reportId = insertReport(ctx.db, id, { ...report(ctx, { kind: 'initial', summary: '仓库起火' }), enteredAt: T0 + 5 * MIN, receivedAt: T0 + 5 * MIN }, 'demo', T0 + 5 * MIN);
    const before = incidentDetail(ctx, id);
    assert.deepEqual(before.descriptions, []);
    assert.deepEqual(currentDescriptionOf(before.descriptions, before.reports), { text: '仓库起火', revision: null, sourceReportId: reportId, edited: false });
    describeIncident({ ...ctx, actor: 'os:duty' }, { id, text: '仓库起火，明火已扑灭，无人员伤亡。', reason: '据终报补充' });
    const list = revisions(ctx, id);
    assert.deepEqual(texts(list), [
      [1, 'system', '仓库起火'],
      [2, 'os:duty', '仓库起火，明火已扑灭，无人员伤亡。'],
    ]);
    assert.equal(list[1]!.authorName, 'os:duty', 'an actor who is no user is named as it is');
    assert.deepEqual(auditForEntity(ctx.db, 'incident_description', list[0]!.id).map((a) => a.method), ['incidents.describe']);
  });
});

describe('incidents.describe through the dispatcher', () => {
  async function signedIn(): Promise<{ ctx: TestContext; dispatch: Dispatch; id: number }> {
    const ctx = setup();
    for (const role of ['admin', 'leader', 'officer'] as const) await createUser(ctx, { username: role, displayName: `${role}名`, role, password: PASSWORD, personId: null });
    const dispatch = createSessionDispatcher(ctx, { logError: () => {} });
    for (const role of ['admin', 'leader', 'officer']) assert.equal((await dispatch('auth.login', { username: role, password: PASSWORD }, role)).ok, true);
    const { incident } = logIncident(ctx, '首报经过');
    return { ctx, dispatch, id: incident.id };
  }

  /** The description's version as a seat reads it (incidents.get). */
  async function versionRead(dispatch: Dispatch, id: number, seat: string): Promise<number> {
    const got = await dispatch('incidents.get', { id }, seat);
    assert.ok(got.ok);
    return (got.value as IncidentDetail).versions.description;
  }

  test('leaders and admins may; an officer is refused and writes nothing', async () => {
    const { ctx, dispatch, id } = await signedIn();
    const officer = await dispatch('incidents.describe', { id, text: '值班员改写', reason: '试试', baseVersion: await versionRead(dispatch, id, 'officer') }, 'officer');
    assert.equal(!officer.ok && officer.error.code, 'forbidden');
    const leader = await dispatch('incidents.describe', { id, text: '带班领导改写', reason: '核实后重写', baseVersion: await versionRead(dispatch, id, 'leader') }, 'leader');
    assert.equal(leader.ok, true, JSON.stringify(leader));
    const admin = await dispatch('incidents.describe', { id, text: '  管理员再改\n第二行  ', reason: '补充', baseVersion: await versionRead(dispatch, id, 'admin') }, 'admin');
    assert.equal(admin.ok, true, JSON.stringify(admin));
    const got = await dispatch('incidents.get', { id }, 'officer');
    assert.ok(got.ok);
    const list = (got.value as { descriptions: DescriptionRevision[] }).descriptions;
    assert.deepEqual(list.map((d) => [d.revision, d.authorName, d.text]), [
      [1, 'system', '首报经过'],
      [2, 'leader名', '带班领导改写'],
      [3, 'admin名', '管理员再改\n第二行'],
    ]);
    assert.ok(verifyAudit(ctx.db).ok);
  });

  test('two seats rewrite at once: the second is refused naming the first and the time, writes nothing, and saves once it has read the new text', async () => {
    const { ctx, dispatch, id } = await signedIn();
    const leaderRead = await versionRead(dispatch, id, 'leader');
    const adminRead = await versionRead(dispatch, id, 'admin');
    ctx.setNow(ctx.now() + 5 * 60_000);
    assert.equal((await dispatch('incidents.describe', { id, text: '带班领导改写', reason: '核实后重写', baseVersion: leaderRead }, 'leader')).ok, true);
    const auditBefore = verifyAudit(ctx.db);
    const stale = await dispatch('incidents.describe', { id, text: '管理员改写', reason: '补充情况', baseVersion: adminRead }, 'admin');
    assert.equal(!stale.ok && stale.error.code, 'conflict');
    assert.equal(!stale.ok && stale.error.message, `事件经过已被 leader名 于 10:25 修改，请查看最新内容后再保存（您填写的内容仍保留在表单中）`);
    assert.deepEqual(verifyAudit(ctx.db), auditBefore, 'the refusal writes nothing, not even an audit row');
    assert.deepEqual(descriptionsOf(ctx.db, id).map((d) => d.text), ['首报经过', '带班领导改写']);
    const again = await dispatch('incidents.describe', { id, text: '管理员改写', reason: '补充情况', baseVersion: await versionRead(dispatch, id, 'admin') }, 'admin');
    assert.equal(again.ok, true, JSON.stringify(again));
    const missing = await dispatch('incidents.describe', { id, text: '没有版本', reason: '补充情况' }, 'admin');
    assert.equal(!missing.ok && missing.error.code, 'invalid_input', 'the contract asks for the version read');
  });

  test('a text over the limit is refused with a message that states the limit; an empty one and a missing reason too', async () => {
    const { dispatch, id } = await signedIn();
    const long = await dispatch('incidents.describe', { id, text: '字'.repeat(DESCRIPTION_MAX + 1), reason: '核实' }, 'leader');
    assert.equal(!long.ok && long.error.code, 'invalid_input');
    assert.match(!long.ok ? long.error.message : '', new RegExp(`最多 ${DESCRIPTION_MAX} 字`));
    const empty = await dispatch('incidents.describe', { id, text: ' \n ', reason: '核实' }, 'leader');
    assert.match(!empty.ok ? empty.error.message : '', /请填写事件经过/);
    const noReason = await dispatch('incidents.describe', { id, text: '新经过', reason: '' }, 'leader');
    assert.match(!noReason.ok ? noReason.error.message : '', /理由/);
  });
});
