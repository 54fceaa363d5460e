// Services (plain Node, real SQLite): people, the calendar, generating and saving a month, edits,
// swaps and substitutes with their confirmations, who was on duty when, check-in and handover.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../shared/api/app-error.js';
import type { Person } from '../../shared/domain/person.js';
import { verifyAudit } from '../../electron/services/audit.js';
import { createCalendarEntry, setPattern } from '../../electron/services/roster/calendar.js';
import { checkIn } from '../../electron/services/roster/checkin.js';
import { exportRosterBuffer, importRoster } from '../../electron/services/roster/excel.js';
import { acknowledgeHandover, currentHandover, prepareHandover, updateHandoverNotes } from '../../electron/services/roster/handover.js';
import { onDutyAt, onDutyNowAndNext } from '../../electron/services/roster/on-duty.js';
import { addLeave, createPerson } from '../../electron/services/roster/people.js';
import { editShift, generateProposal, getMonth, history, phoneList, saveRoster, substitute, swapShifts } from '../../electron/services/roster/roster.js';
import { DAY_NIGHT_PATTERN } from '../../shared/domain/roster/pattern.js';
import { testContext, type TestContext } from '../helpers/context.js';

const NOV_24 = Date.UTC(2026, 10, 24, 1, 0, 0);
/** 08:30 Asia/Shanghai on a December day, as an instant. */
const dec = (d: number, h = 0, m = 30) => Date.UTC(2026, 11, d, h, m);

function seedPeople(ctx: TestContext, leaders = 4, officers = 8): { leaders: Person[]; officers: Person[] } {
  const L = ['张局', '李局', '王处', '赵处', '钱处'].slice(0, leaders).map((name, i) => createPerson(ctx, { name, phone: `1390000000${i}`, roles: ['leader'], account: null, notes: '' }));
  const O = Array.from({ length: officers }, (_, i) => createPerson(ctx, { name: `值班员${i + 1}`, phone: `1380000000${i}`, roles: ['officer'], account: null, notes: '' }));
  return { leaders: L, officers: O };
}

/** Generation as such, holidays aside (the holiday gap has its own tests below). */
function saveProposal(ctx: TestContext, month: string) {
  const p = generateProposal(ctx, month, { withoutHolidays: true });
  return saveRoster(ctx, month, p.shifts.map((s) => ({ slotKey: s.slot.key, leaders: s.leaders, officers: s.officers })));
}

const code = (fn: () => unknown): { code: string; key: string } => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, key: e.key };
    throw e;
  }
  assert.fail('expected an AppError');
};

describe('roster services', () => {
  test('generate December, save it, and onDutyAt answers from the final roster', () => {
    const ctx = testContext({ now: NOV_24 });
    seedPeople(ctx);
    assert.equal(onDutyAt(ctx, dec(5, 3)), null);
    const month = saveProposal(ctx, '2026-12');
    assert.equal(month.shifts.length, 31);
    assert.ok(month.shifts.every((s) => s.leaders.length === 1 && s.officers.length === 2));
    const d5 = month.shifts.find((s) => s.day === '2026-12-05')!;
    const at = onDutyAt(ctx, dec(5, 3));
    assert.ok(at);
    assert.equal(at.start, dec(5));
    assert.equal(at.end, dec(6));
    assert.deepEqual(at.leaders, d5.leaders);
    // 08:29 on the 6th is still the 5th's shift; 08:30 is the 6th's.
    assert.equal(onDutyAt(ctx, dec(6, 0, 29))!.start, dec(5));
    assert.equal(onDutyAt(ctx, dec(6, 0, 30))!.start, dec(6));
    const nn = onDutyNowAndNext(ctx, dec(5, 3));
    assert.equal(nn.next!.start, dec(6));
    // Nothing rostered now (November): the next is 1 December's shift.
    assert.equal(onDutyNowAndNext(ctx, NOV_24).next!.start, dec(1));
    assert.deepEqual(verifyAudit(ctx.db).ok, true);
  });

  test('saving mid-month: ended shifts stay empty, the running one is filled, rostered begun ones are kept', () => {
    const ctx = testContext({ now: dec(10, 5) });
    seedPeople(ctx);
    const m = saveProposal(ctx, '2026-12');
    assert.equal(m.shifts[0]!.day, '2026-12-10', 'the 1st to the 9th have ended: not filled');
    const running = m.shifts[0]!;
    ctx.setNow(dec(12, 5));
    const again = saveProposal(ctx, '2026-12');
    assert.deepEqual(again.shifts.find((s) => s.day === '2026-12-10'), running, 'a rostered shift already begun is kept as it was');
    assert.equal(again.shifts.find((s) => s.day === '2026-12-11')!.officers.length, 2);
  });

  test('fairness counts the year so far from the final roster, not from proposals', () => {
    const ctx = testContext({ now: Date.UTC(2026, 9, 1) });
    const { officers } = seedPeople(ctx, 3, 5);
    saveProposal(ctx, '2026-11');
    generateProposal(ctx, '2026-11', { withoutHolidays: true }); // an unsaved proposal counts for nothing
    const p = generateProposal(ctx, '2026-12', { withoutHolidays: true });
    const row = p.fairness.find((f) => f.role === 'officer' && f.personId === officers[0]!.id)!;
    const nov = getMonth(ctx, '2026-11').fairness.find((f) => f.role === 'officer' && f.personId === officers[0]!.id)!;
    assert.deepEqual(row.prior, nov.year);
    assert.ok(p.spread.officer.total <= 1, JSON.stringify(p.spread));
  });

  test('edits refuse leave, back-to-back shifts and wrong roles, saying why; nothing is written', () => {
    const ctx = testContext({ now: NOV_24 });
    const { leaders, officers } = seedPeople(ctx);
    const m = saveProposal(ctx, '2026-12');
    const d10 = m.shifts.find((s) => s.day === '2026-12-10')!;
    const d11 = m.shifts.find((s) => s.day === '2026-12-11')!;
    const auditBefore = verifyAudit(ctx.db).rows;
    // Someone already on the 11th cannot be on the 10th: the shifts touch at 08:30.
    const onEleventh = d11.officers[0]!.id;
    assert.deepEqual(code(() => editShift(ctx, d10.id, d10.leaders.map((p) => p.id), [onEleventh, d10.officers[1]!.id], '调整')), { code: 'conflict', key: 'roster.touching' });
    assert.deepEqual(code(() => editShift(ctx, d10.id, [officers[0]!.id], d10.officers.map((p) => p.id), '调整')), { code: 'conflict', key: 'roster.notLeader' });
    const free = officers.find((o) => ![...d10.officers, ...d11.officers, ...m.shifts.find((s) => s.day === '2026-12-09')!.officers].some((p) => p.id === o.id))!;
    addLeave(ctx, { personId: free.id, from: '2026-12-10', to: '2026-12-10', reason: '年休假' });
    assert.deepEqual(code(() => editShift(ctx, d10.id, d10.leaders.map((p) => p.id), [free.id, d10.officers[1]!.id], '调整')), { code: 'conflict', key: 'roster.onLeave' });
    assert.equal(verifyAudit(ctx.db).rows, auditBefore + 1, 'only the leave was written');
    assert.deepEqual(getMonth(ctx, '2026-12').shifts.find((s) => s.id === d10.id), { ...d10 });
    void leaders;
  });

  test('a swap needs both people or a leader to confirm, is recorded, and the past answers from the final roster', () => {
    const ctx = testContext({ now: NOV_24 });
    const { leaders } = seedPeople(ctx);
    const m = saveProposal(ctx, '2026-12');
    const a = m.shifts.find((s) => s.day === '2026-12-03')!;
    const pa = a.officers[0]!;
    // Any later shift and officer such that neither would end up next to a shift of their own.
    const near = (day: string, id: number) => m.shifts.some((x) => Math.abs(Date.parse(x.day) - Date.parse(day)) <= 86_400_000 && x.officers.some((y) => y.id === id));
    const pair = m.shifts
      .filter((s) => s.day >= '2026-12-10')
      .flatMap((s) => s.officers.map((o) => ({ b: s, pb: o })))
      .find(({ b, pb }) => pb.id !== pa.id && !near(b.day, pa.id) && !near(a.day, pb.id));
    assert.ok(pair, 'a swap partner exists');
    const { b, pb } = pair;
    const third = m.shifts.flatMap((s) => s.officers).find((o) => o.id !== pa.id && o.id !== pb.id)!;
    assert.deepEqual(code(() => swapShifts(ctx, { shiftA: a.id, personA: pa.id, shiftB: b.id, personB: pb.id, reason: '家中有事', confirmedBy: [pa.id, third.id] })), { code: 'conflict', key: 'roster.confirmNeeded' });
    swapShifts(ctx, { shiftA: a.id, personA: pa.id, shiftB: b.id, personB: pb.id, reason: '家中有事', confirmedBy: [pa.id, pb.id] });
    const after = getMonth(ctx, '2026-12');
    assert.ok(after.shifts.find((s) => s.id === a.id)!.officers.some((o) => o.id === pb.id));
    assert.ok(after.shifts.find((s) => s.id === b.id)!.officers.some((o) => o.id === pa.id));
    assert.ok(onDutyAt(ctx, a.start + 1000)!.officers.some((o) => o.id === pb.id));
    const h = history(ctx, '2026-12');
    assert.equal(h[0]!.kind, 'swap');
    assert.equal(h[0]!.reason, '家中有事');
    assert.deepEqual(h[0]!.confirmedBy.map((c) => c.personId), [pa.id, pb.id]);
    assert.equal(h[0]!.added.length, 2);
    assert.equal(h[0]!.ended.length, 2);
    // A substitute confirmed by a leader alone.
    const c = after.shifts.find((s) => s.day === '2026-12-20')!;
    const out = c.leaders[0]!;
    const sub = leaders.find((l) => !after.shifts.filter((x) => ['2026-12-19', '2026-12-20', '2026-12-21'].includes(x.day)).some((x) => x.leaders.some((y) => y.id === l.id)))!;
    substitute(ctx, { shiftId: c.id, personId: out.id, substituteId: sub.id, reason: '出差', confirmedBy: [leaders.find((l) => l.id !== out.id)!.id] });
    assert.equal(getMonth(ctx, '2026-12').shifts.find((s) => s.id === c.id)!.leaders[0]!.id, sub.id);
    assert.equal(verifyAudit(ctx.db).ok, true);
    // Deleting history is refused by the database itself.
    assert.throws(() => ctx.db.prepare('DELETE FROM roster_assignments').run(), /nothing is deleted/);
  });

  test('holidays and special periods: staffing and kinds; a day/night pattern', () => {
    const ctx = testContext({ now: NOV_24 });
    seedPeople(ctx, 5, 10);
    createCalendarEntry(ctx, { kind: 'special', name: '元旦保障', from: '2026-12-30', to: '2026-12-31', leaders: 2, officers: 3 });
    setPattern(ctx, DAY_NIGHT_PATTERN);
    const m = saveProposal(ctx, '2026-12');
    assert.equal(m.shifts.length, 62);
    const d31 = m.shifts.filter((s) => s.day === '2026-12-31');
    assert.ok(d31.every((s) => s.leaders.length === 2 && s.officers.length === 3));
    assert.deepEqual(d31[1]!.labels, ['元旦保障']);
    // 20:30 Shanghai = 12:30 UTC: the night shift.
    assert.equal(onDutyAt(ctx, Date.UTC(2026, 11, 31, 13))!.shiftName, '夜班');
    assert.equal(phoneList(ctx, '2026-12').filter((r) => r.day === '2026-12-31').length, 10);
  });

  test('check-in: only the people of the shift, once, from an hour before; late after 15 minutes shows in the handover', () => {
    const ctx = testContext({ now: NOV_24 });
    seedPeople(ctx);
    const m = saveProposal(ctx, '2026-12');
    const d1 = m.shifts[0]!;
    const [o1, o2] = d1.officers;
    ctx.setNow(dec(1) - 2 * 3600_000);
    assert.deepEqual(code(() => checkIn(ctx, d1.start, o1!.id)), { code: 'conflict', key: 'checkin.tooEarly' });
    ctx.setNow(dec(1) + 5 * 60_000);
    const r = checkIn(ctx, d1.start, o1!.id);
    assert.deepEqual(r.now!.checkedIn, [o1!.id]);
    assert.deepEqual(code(() => checkIn(ctx, d1.start, o1!.id)), { code: 'conflict', key: 'checkin.already' });
    const stranger = m.shifts[1]!.officers.find((o) => !d1.officers.some((x) => x.id === o.id))!;
    assert.deepEqual(code(() => checkIn(ctx, d1.start, stranger.id)), { code: 'conflict', key: 'checkin.notOnShift' });
    ctx.setNow(dec(1, 8));
    const h = prepareHandover(ctx, d1.id);
    const rec = (id: number) => h.checkins.find((c) => c.personId === id)!;
    assert.equal(rec(o1!.id).late, false);
    assert.equal(rec(o2!.id).at, null);
    assert.equal(rec(o2!.id).late, true);
  });

  test('handover: snapshot when created, notes until signed, signed by the incoming shift, then read-only', () => {
    const ctx = testContext({ now: NOV_24 });
    seedPeople(ctx);
    const m = saveProposal(ctx, '2026-12');
    const [d1, d2] = m.shifts;
    ctx.setNow(dec(2) - 30 * 60_000);
    const h = prepareHandover(ctx, d1!.id);
    assert.deepEqual(h.summary, { openIncidents: [], upcomingDeadlines: [], openFollowups: [], unconfirmedSuspicions: [], openNotices: [] });
    assert.equal(h.nextShift!.start, d2!.start);
    assert.equal(prepareHandover(ctx, d1!.id).id, h.id, 'preparing again returns the same record');
    // Two seats typing the notes: each save names the version it was typed on; the later one is refused, nothing written.
    const first = updateHandoverNotes(ctx, h.id, '东城区火情续报 10:00 前到', h.version);
    assert.ok(first.version > h.version, 'the save hands out its own new version');
    const end = ctx.db.prepare('SELECT last_id FROM audit_head').get();
    assert.deepEqual(code(() => updateHandoverNotes(ctx, h.id, '另一席位的备注', h.version)), { code: 'conflict', key: 'handover.changedBy' });
    assert.deepEqual(ctx.db.prepare('SELECT last_id FROM audit_head').get(), end);
    assert.equal(currentHandover(ctx, dec(2) - 30 * 60_000).record!.notes, '东城区火情续报 10:00 前到');
    assert.equal(updateHandoverNotes(ctx, h.id, '东城区火情续报 10:00 前到', first.version).version > first.version, true, 'saved again on the version now in force');
    assert.deepEqual(code(() => acknowledgeHandover(ctx, h.id, d1!.officers[0]!.id, '')), { code: 'conflict', key: 'handover.notIncoming' });
    ctx.setNow(dec(2) + 60_000);
    const acked = acknowledgeHandover(ctx, h.id, d2!.officers[0]!.id, '已阅');
    assert.equal(acked.ack!.name, d2!.officers[0]!.name);
    assert.equal(acked.ack!.at, dec(2) + 60_000);
    assert.deepEqual(code(() => updateHandoverNotes(ctx, h.id, '改')), { code: 'conflict', key: 'handover.readOnly' });
    assert.throws(() => ctx.db.prepare("UPDATE handovers SET notes = 'x' WHERE id = ?").run(h.id), /read-only/);
    const cur = currentHandover(ctx, dec(2) + 3600_000);
    assert.equal(cur.previous!.id, h.id);
    assert.equal(cur.record, null);
    assert.equal(verifyAudit(ctx.db).ok, true);
  });

  test('Excel: a day/night month with a holiday round-trips (date cells merged over the two shifts)', async () => {
    const ctx = testContext({ now: NOV_24 });
    seedPeople(ctx, 5, 10);
    setPattern(ctx, DAY_NIGHT_PATTERN);
    createCalendarEntry(ctx, { kind: 'holiday', name: '元旦', from: '2026-12-31', to: '2026-12-31', leaders: 2, officers: 3 });
    const before = saveProposal(ctx, '2026-12');
    const buf = await exportRosterBuffer(ctx, '2026-12');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.getCell('C2').value, '班次');
    assert.ok(ws.getCell('A4').isMerged, 'the date spans both shifts of a day');
    assert.equal(ws.rowCount, 2 + 62);
    const res = await importRoster(ctx, buf, '回读');
    assert.deepEqual(res, { month: '2026-12', shifts: 62, assignments: 60 * 3 + 2 * 5 });
    const after = getMonth(ctx, '2026-12');
    assert.deepEqual(after.shifts.map((s) => [s.day, s.name, s.leaders, s.officers]), before.shifts.map((s) => [s.day, s.name, s.leaders, s.officers]));
  });

  test('Excel: export then import round-trips; a bad file writes nothing and names row and column', async () => {
    const ctx = testContext({ now: NOV_24 });
    seedPeople(ctx);
    const before = saveProposal(ctx, '2026-12');
    const buf = await exportRosterBuffer(ctx, '2026-12');
    const res = await importRoster(ctx, buf, '回读');
    assert.deepEqual(res, { month: '2026-12', shifts: 31, assignments: 93 });
    const after = getMonth(ctx, '2026-12');
    assert.deepEqual(after.shifts.map((s) => [s.day, s.leaders, s.officers]), before.shifts.map((s) => [s.day, s.leaders, s.officers]));

    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    ws.getRow(5).getCell(3).value = '不存在的人';
    ws.getRow(7).getCell(1).value = '2026-13-40';
    const bad = Buffer.from(await wb.xlsx.writeBuffer());
    const rowsBefore = verifyAudit(ctx.db).rows;
    await assert.rejects(importRoster(ctx, bad, ''), (e: AppError) => {
      assert.equal(e.key, 'rosterImport.failed');
      assert.match(String(e.params.details), /第 5 行“带班领导”列：找不到人员“不存在的人”/);
      assert.match(String(e.params.details), /第 7 行“日期”列/);
      return true;
    });
    await assert.rejects(importRoster(ctx, Buffer.from('not a zip'), ''), (e: AppError) => e.key === 'import.notXlsx');
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Sheet1').getCell('A1').value = 'hello';
    await assert.rejects(importRoster(ctx, Buffer.from(await empty.xlsx.writeBuffer()), ''), (e: AppError) => e.key === 'rosterImport.noSheet');
    assert.equal(verifyAudit(ctx.db).rows, rowsBefore);
  });
});
