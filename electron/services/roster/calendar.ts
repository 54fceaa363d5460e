// Runs in Electron's main process and in plain Node. Use cases of the holiday calendar and of the
// shift pattern setting.
import { AppError } from '../../../shared/api/app-error.js';
import { holidaysKnownUntil, STARTER_CALENDAR, type CalendarEntry, type CalendarFields } from '../../../shared/domain/roster/calendar.js';
import { parseHolidayNotice } from '../../../shared/domain/roster/holiday-notice.js';
import { translate, type MessageKey } from '../../../shared/i18n/index.js';
import { DEFAULT_PATTERN, shiftPatternSchema, type ShiftPattern } from '../../../shared/domain/roster/pattern.js';
import * as repo from '../../db/repositories/holidays.js';
import { readPatternValue, writePatternValue } from '../../db/repositories/roster.js';
import { appendAudit } from '../audit.js';
import { inWriteTransaction, type ServiceContext } from '../context.js';
import { getSettings } from '../settings.js';

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

const MAX_LISTED = 20;

/** Enters a year's notice from its lines: every entry, or none with every bad line named. */
export function importHolidayNotice(ctx: ServiceContext, year: number, text: string): { added: number; skipped: number; knownUntil: string | null } {
  const { entries, problems } = parseHolidayNotice(year, text);
  const locale = getSettings(ctx).locale;
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(locale, key, params);
  if (problems.length) {
    const lines = problems.map((p) => t('calendar.noticeLine', { line: p.line, message: t(`calendar.notice.${p.kind}`, { ...p, year }) }));
    const more = lines.length > MAX_LISTED ? '\n' + t('rosterImport.more', { count: lines.length - MAX_LISTED }) : '';
    throw new AppError('invalid_input', 'calendar.noticeFailed', { count: problems.length, details: lines.slice(0, MAX_LISTED).join('\n') + more });
  }
  if (entries.length === 0) throw new AppError('invalid_input', 'calendar.noticeEmpty', { year });
  return inWriteTransaction(ctx, () => {
    const have = repo.listEntries(ctx.db);
    let added = 0;
    for (const { line: _line, ...f } of entries) {
      if (have.some((e) => e.kind === f.kind && e.name === f.name && e.from === f.from && e.to === f.to)) continue;
      const e = repo.insertEntry(ctx.db, f, ctx.now());
      appendAudit(ctx, { method: 'holidays.importNotice', entity: 'calendar', entityId: e.id, before: null, after: e });
      added++;
    }
    return { added, skipped: entries.length - added, knownUntil: holidaysKnownUntil(repo.listEntries(ctx.db)) };
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
