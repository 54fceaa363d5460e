// Runs in Electron's main process and in plain Node. Use cases of the holiday calendar and of the
// shift pattern setting.
import { AppError } from '../../../shared/api/app-error.js';
import { STARTER_CALENDAR, type CalendarEntry, type CalendarFields } from '../../../shared/domain/roster/calendar.js';
import { DEFAULT_PATTERN, shiftPatternSchema, type ShiftPattern } from '../../../shared/domain/roster/pattern.js';
import * as repo from '../../db/repositories/holidays.js';
import { readPatternValue, writePatternValue } from '../../db/repositories/roster.js';
import { appendAudit } from '../audit.js';
import { inWriteTransaction, type ServiceContext } from '../context.js';

export function listCalendar(ctx: Pick<ServiceContext, 'db'>, includeCancelled = false): CalendarEntry[] {
  return repo.listEntries(ctx.db, { includeCancelled });
}

export function calendarBetween(ctx: Pick<ServiceContext, 'db'>, from: string, to: string): CalendarEntry[] {
  return repo.listEntries(ctx.db, { from, to });
}

export function createCalendarEntry(ctx: ServiceContext, f: CalendarFields): CalendarEntry {
  return inWriteTransaction(ctx, () => {
    const e = repo.insertEntry(ctx.db, f, ctx.now());
    appendAudit(ctx, { method: 'holidays.create', entity: 'calendar', entityId: e.id, before: null, after: e });
    return e;
  });
}

export function cancelCalendarEntry(ctx: ServiceContext, id: number): CalendarEntry {
  return inWriteTransaction(ctx, () => {
    const before = repo.findEntry(ctx.db, id);
    if (!before) throw new AppError('not_found', 'calendar.notFound', { id });
    if (!before.active) throw new AppError('conflict', 'calendar.alreadyCancelled', { name: before.name });
    const after = repo.cancelEntry(ctx.db, id);
    appendAudit(ctx, { method: 'holidays.cancel', entity: 'calendar', entityId: id, before, after });
    return after;
  });
}

/** Adds the starter entries not already present (same kind, name and dates), for the admin to review. */
export function addStarterCalendar(ctx: ServiceContext): { added: number } {
  return inWriteTransaction(ctx, () => {
    const have = repo.listEntries(ctx.db);
    let added = 0;
    for (const f of STARTER_CALENDAR) {
      if (have.some((e) => e.kind === f.kind && e.name === f.name && e.from === f.from && e.to === f.to)) continue;
      const e = repo.insertEntry(ctx.db, f, ctx.now());
      appendAudit(ctx, { method: 'holidays.addStarter', entity: 'calendar', entityId: e.id, before: null, after: e });
      added++;
    }
    return { added };
  });
}

export function getPattern(ctx: Pick<ServiceContext, 'db'>): ShiftPattern {
  const parsed = shiftPatternSchema.safeParse(readPatternValue(ctx.db));
  return parsed.success ? parsed.data : structuredClone(DEFAULT_PATTERN);
}

export function setPattern(ctx: ServiceContext, pattern: ShiftPattern): ShiftPattern {
  return inWriteTransaction(ctx, () => {
    const before = getPattern(ctx);
    writePatternValue(ctx.db, pattern);
    const after = getPattern(ctx);
    appendAudit(ctx, { method: 'roster.setPattern', entity: 'rosterPattern', entityId: null, before, after });
    return after;
  });
}
