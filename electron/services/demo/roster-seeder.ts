// Runs in Electron's main process and in plain Node. `duty demo`: people (leaders and officers),
// some leave, the starter holiday calendar, and a fair roster from the first demo day's month to
// the month after this one (so the incident log can name who was on duty at each deadline).
import type { Role } from '../../../shared/domain/person.js';
import type { Rng } from '../../../shared/domain/random.js';
import type { DemoSeeder } from './seeders.js';
import { dutyDayOf } from '../../../shared/domain/duty-day.js';
import { addDaysTo } from '../../../shared/domain/roster/dates.js';
import { getSettings } from '../settings.js';
import { addStarterCalendar } from '../roster/calendar.js';
import { addLeave, createPerson, listPeople } from '../roster/people.js';
import { generateProposal, writeMonth } from '../roster/roster.js';


const LEADERS = ['王建国', '李卫东', '张振华', '刘志强', '陈国平'];
const OFFICERS = ['赵敏', '孙丽', '周杰', '吴芳', '郑涛', '冯雪', '陈晨', '褚明', '卫红', '蒋磊', '沈静', '韩冰'];

function phone(rng: Rng): string {
  return `13${rng.int(0, 9)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export const rosterSeeder: DemoSeeder = {
  name: 'roster',
  seed(ctx, { now, days }, rng) {
    const existing = new Set(listPeople(ctx, true).map((p) => p.name));
    let people = 0;
    for (const [names, role] of [[LEADERS, 'leader'], [OFFICERS, 'officer']] as [string[], Role][]) {
      for (const name of names) {
        if (existing.has(name)) continue;
        createPerson(ctx, { name, phone: phone(rng), roles: [role], account: null, notes: '' }, 'demo.seed');
        people++;
      }
    }
    const { added } = addStarterCalendar(ctx);
    const settings = getSettings(ctx);
    const today = dutyDayOf(now, { timeZone: settings.timeZone, boundary: settings.dutyBoundary });
    const officers = listPeople(ctx).filter((p) => p.roles.includes('officer'));
    const onLeave = rng.pick(officers);
    const from = addDaysTo(today, rng.int(3, 8));
    addLeave(ctx, { personId: onLeave.id, from, to: addDaysTo(from, 2), reason: '年休假' });
    const month = today.slice(0, 7);
    const last = nextMonth(month);
    const months: string[] = [];
    for (let m = dutyDayOf(now - days * 86_400_000, { timeZone: settings.timeZone, boundary: settings.dutyBoundary }).slice(0, 7); m <= last; m = nextMonth(m)) months.push(m);
    let shifts = 0;
    for (const m of months) {
      // Demo data on any day: months past the starter calendar are planned without holidays.
      const p = generateProposal(ctx, m, { withoutHolidays: true });
      const saved = writeMonth(ctx, m, p.shifts.map((s) => ({ slotKey: s.slot.key, leaders: s.leaders, officers: s.officers })), 'generate', '演示数据', 'demo.seed', { fillBegun: true });
      shifts += saved.shifts.length;
    }
    return `${people} people, ${added} calendar entries, ${shifts} shifts rostered (${months[0]} to ${last}), leave for ${onLeave.name} from ${from}`;
  },
};
