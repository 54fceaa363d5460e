// Runs in Electron's main process and in plain Node. Handlers of people.*, holidays.* and handover.*.
import { addStarterCalendar, importHolidayNotice, cancelCalendarEntry, createCalendarEntry, listCalendar } from '../roster/calendar.js';
import { acknowledgeHandover, currentHandover, listHandovers, prepareHandover, updateHandoverNotes } from '../roster/handover.js';
import * as people from '../roster/people.js';
import type { HandlersOf } from './types.js';

export const peopleHandlers: HandlersOf<'people.' | 'holidays.' | 'handover.'> = {
  'people.list': (ctx, { includeInactive }) => people.listPeople(ctx, includeInactive ?? false),
  'people.create': (ctx, f) => people.createPerson(ctx, f),
  'people.update': (ctx, { id, ...f }) => people.updatePerson(ctx, id, f),
  'people.deactivate': (ctx, { id }) => people.setPersonActive(ctx, id, false, 'people.deactivate'),
  'people.reactivate': (ctx, { id }) => people.setPersonActive(ctx, id, true, 'people.reactivate'),
  'people.leaveList': (ctx, { includeWithdrawn }) => people.listLeave(ctx, includeWithdrawn ?? false),
  'people.leaveAdd': (ctx, l) => people.addLeave(ctx, l),
  'people.leaveWithdraw': (ctx, { id }) => people.withdrawLeave(ctx, id),
  'holidays.list': (ctx, { includeCancelled }) => listCalendar(ctx, includeCancelled ?? false),
  'holidays.create': (ctx, f) => createCalendarEntry(ctx, f),
  'holidays.cancel': (ctx, { id }) => cancelCalendarEntry(ctx, id),
  'holidays.addStarter': (ctx) => addStarterCalendar(ctx),
  'holidays.importNotice': (ctx, { year, text }) => importHolidayNotice(ctx, year, text),
  'handover.current': (ctx, { at }) => currentHandover(ctx, at ?? ctx.now()),
  'handover.prepare': (ctx, { shiftId }) => prepareHandover(ctx, shiftId),
  'handover.updateNotes': (ctx, { id, notes, baseVersion }) => updateHandoverNotes(ctx, id, notes, baseVersion),
  'handover.acknowledge': (ctx, { id, personId, remarks }) => acknowledgeHandover(ctx, id, personId, remarks),
  'handover.list': (ctx, { limit }) => listHandovers(ctx, limit ?? 50),
};
