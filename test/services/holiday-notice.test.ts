// Services over a real SQLite file: a month past the public holidays entered is not planned as if
// it had none (refused, named, unless a person chooses so); a year's notice is entered from its
// lines at once, or not at all with every bad line named.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../shared/api/app-error.js';
import { addStarterCalendar, importHolidayNotice, listCalendar } from '../../electron/services/roster/calendar.js';
import { createPerson } from '../../electron/services/roster/people.js';
import { generateProposal, getMonth } from '../../electron/services/roster/roster.js';
import { verifyAudit } from '../../electron/services/audit.js';
import { testContext } from '../helpers/context.js';

const NOTICE_2028 = [
  '名称\t开始\t结束\t类型',
  '元旦\t2027-12-30\t2028-01-01\t放假',
  '春节\t1月25日至2月1日\t放假',
  '春节调休\t1月23日',
  '清明节 4月2日 4月4日 放假',
  '国庆节,10月1日（周日）,10月7日,放假',
].join('\n');

function seeded() {
  const ctx = testContext({ now: Date.parse('2027-11-20T09:00:00+08:00') });
  for (const [i, name] of ['张局', '李局'].entries()) createPerson(ctx, { name, phone: `1390000000${i}`, roles: ['leader'], account: null, notes: '' });
  for (let i = 0; i < 6; i++) createPerson(ctx, { name: `值班员${i + 1}`, phone: `1380000000${i}`, roles: ['officer'], account: null, notes: '' });
  return ctx;
}

const key = (fn: () => unknown): { key: string; params: Record<string, string | number> } => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { key: e.key, params: e.params };
    throw e;
  }
  assert.fail('expected an AppError');
};

describe('holidays not entered', () => {
  test('a calendar without holidays: every month is refused, saying so', () => {
    const ctx = seeded();
    assert.deepEqual(key(() => generateProposal(ctx, '2027-12')), { key: 'roster.holidaysNone', params: { month: '2027-12', knownUntil: '', year: '2027' } });
    const m = getMonth(ctx, '2027-12');
    assert.equal(m.holidaysMissing, true);
    assert.equal(m.holidaysKnownUntil, null);
  });

  test('a month past the last holiday entered is refused, naming that day; one within is planned', () => {
    const ctx = seeded();
    addStarterCalendar(ctx); // its last public holiday: 国庆节 2027, to 2027-10-07
    assert.equal(getMonth(ctx, '2027-10').holidaysMissing, false);
    assert.equal(generateProposal(ctx, '2027-10').shifts.length, 31);
    const refused = key(() => generateProposal(ctx, '2027-12'));
    assert.equal(refused.key, 'roster.holidaysMissing');
    assert.equal(refused.params.knownUntil, '2027-10-07');
    assert.deepEqual({ missing: getMonth(ctx, '2027-12').holidaysMissing, until: getMonth(ctx, '2027-12').holidaysKnownUntil }, { missing: true, until: '2027-10-07' });
    // A person may still choose to plan it without holidays.
    assert.equal(generateProposal(ctx, '2027-12', { withoutHolidays: true }).shifts.length, 31);
  });

  test("entering the next year's notice lifts it, and the holidays count in the plan", () => {
    const ctx = seeded();
    addStarterCalendar(ctx);
    const r = importHolidayNotice(ctx, 2028, NOTICE_2028);
    assert.deepEqual(r, { added: 5, skipped: 0, knownUntil: '2028-10-07' });
    const added = listCalendar(ctx).filter((e) => e.from >= '2027-12-30');
    assert.deepEqual(
      added.map((e) => [e.kind, e.name, e.from, e.to]),
      [
        ['holiday', '元旦', '2027-12-30', '2028-01-01'],
        ['workday', '春节调休', '2028-01-23', '2028-01-23'],
        ['holiday', '春节', '2028-01-25', '2028-02-01'],
        ['holiday', '清明节', '2028-04-02', '2028-04-04'],
        ['holiday', '国庆节', '2028-10-01', '2028-10-07'],
      ],
    );
    const dec = generateProposal(ctx, '2027-12');
    assert.deepEqual(dec.shifts.filter((s) => s.slot.kind === 'holiday').map((s) => s.slot.day), ['2027-12-30', '2027-12-31']);
    // The same notice again adds nothing.
    assert.deepEqual(importHolidayNotice(ctx, 2028, NOTICE_2028), { added: 0, skipped: 5, knownUntil: '2028-10-07' });
  });

  test('a notice with bad lines names each of them and enters nothing', () => {
    const ctx = seeded();
    const rows = verifyAudit(ctx.db).rows;
    const text = ['元旦 2028-01-01 2028-01-03 放假', '春节 2月30日 2月31日 放假', '清明节 4月4日 4月2日', '劳动节 5月1日 5月5日 休假日', '端午节', '国庆节 2027-10-01 2027-10-07'].join('\n');
    const e = key(() => importHolidayNotice(ctx, 2028, text));
    assert.equal(e.key, 'calendar.noticeFailed');
    assert.equal(e.params.count, 5);
    const details = String(e.params.details);
    assert.match(details, /^第 2 行：“2月30日”不是有效日期/m);
    assert.match(details, /^第 3 行：结束日期 2028-04-02 早于开始日期 2028-04-04/m);
    assert.match(details, /^第 4 行：类型“休假日”无法识别/m);
    assert.match(details, /^第 5 行：找不到日期/m);
    assert.match(details, /^第 6 行：2027-10-01 至 2027-10-07 不在 2028 年内/m);
    assert.doesNotMatch(details, /第 1 行/);
    assert.equal(listCalendar(ctx).length, 0);
    assert.equal(verifyAudit(ctx.db).rows, rows);
    assert.equal(key(() => importHolidayNotice(ctx, 2028, '\n名称 开始 结束\n')).key, 'calendar.noticeEmpty');
  });
});
