// Runs in Electron's main process and in plain Node. Handlers of roster.* (and, through handlers/people.ts, people.*, holidays.*, handover.*).
import { getPattern, setPattern } from '../roster/calendar.js';
import { checkIn } from '../roster/checkin.js';
import { exportRoster, importRoster } from '../roster/excel.js';
import { onDutyNowAndNext } from '../roster/on-duty.js';
import * as roster from '../roster/roster.js';
import { peopleHandlers } from './people.js';
import type { HandlersOf } from './types.js';

export const rosterHandlers: HandlersOf<'roster.' | 'people.' | 'holidays.' | 'handover.'> = {
  ...peopleHandlers,
  'roster.onDuty': (ctx, { at }) => onDutyNowAndNext(ctx, at ?? ctx.now()),
  'roster.pattern': (ctx) => getPattern(ctx),
  'roster.setPattern': (ctx, p) => setPattern(ctx, p),
  'roster.month': (ctx, { month }) => roster.getMonth(ctx, month),
  'roster.generate': (ctx, { month, withoutHolidays }) => roster.generateProposal(ctx, month, { withoutHolidays: withoutHolidays ?? false }),
  'roster.save': (ctx, { month, shifts, baseVersion }) => roster.saveRoster(ctx, month, shifts, baseVersion),
  'roster.editShift': (ctx, { shiftId, leaders, officers, reason, baseVersion }) => roster.editShift(ctx, shiftId, leaders, officers, reason, baseVersion),
  'roster.swap': (ctx, i) => roster.swapShifts(ctx, i),
  'roster.substitute': (ctx, i) => roster.substitute(ctx, i),
  'roster.history': (ctx, { month }) => roster.history(ctx, month),
  'roster.phoneList': (ctx, { month }) => roster.phoneList(ctx, month),
  'roster.fixedList': (ctx, { month }) => roster.listFixed(ctx, month),
  'roster.fixedAdd': (ctx, f) => roster.addFixed(ctx, f),
  'roster.fixedCancel': (ctx, { id }) => roster.cancelFixed(ctx, id),
  'roster.checkIn': (ctx, { shiftStart, personId }) => checkIn(ctx, shiftStart, personId),
  'roster.export': (ctx, { month }) => exportRoster(ctx, month),
  'roster.import': (ctx, { contentBase64, reason }) => importRoster(ctx, Buffer.from(contentBase64, 'base64'), reason),
};
