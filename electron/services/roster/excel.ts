// Runs in Electron's main process and in plain Node. The month roster to and from the usual 值班表
// workbook. Import is validated row by row (row, column, what is wrong) and all-or-nothing.
import { AppError } from '../../../shared/api/app-error.js';
import type { FilePayload } from '../../../shared/api/file-payload.js';
import type { ImportResult } from '../../../shared/api/methods/roster.js';
import { daysOfMonth } from '../../../shared/domain/roster/dates.js';
import { touches } from '../../../shared/domain/roster/slots.js';
import { translate, type MessageKey } from '../../../shared/i18n/index.js';
import { listLeave, listPeople } from '../../db/repositories/people.js';
import { buildRosterWorkbook, HEADERS } from '../../export/roster-excel.js';
import type { ServiceContext } from '../context.js';
import { readWorkbookInWorker } from '../import-workbook.js';
import { getSettings } from '../settings.js';
import { calendarBetween, getPattern } from './calendar.js';
import { getMonth, monthSlots, writeMonth } from './roster.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function exportRosterBuffer(ctx: Pick<ServiceContext, 'db'>, month: string): Promise<Buffer> {
  const days = daysOfMonth(month);
  const cal = calendarBetween(ctx, days[0]!, days.at(-1)!);
  const labels: Record<string, string[]> = {};
  for (const d of days) {
    const names = cal.filter((e) => e.from <= d && d <= e.to).map((e) => e.name);
    if (names.length) labels[d] = names;
  }
  const roster = getMonth(ctx, month);
  const multiShift = getPattern(ctx).shifts.length > 1 || new Set(roster.shifts.map((s) => s.name)).size > 1;
  return buildRosterWorkbook({ bureauName: getSettings(ctx).bureauName, month, days, shifts: roster.shifts, multiShift, labels });
}

export async function exportRoster(ctx: Pick<ServiceContext, 'db'>, month: string): Promise<FilePayload> {
  const buf = await exportRosterBuffer(ctx, month);
  return { fileName: `值班表-${month}.xlsx`, mimeType: XLSX, contentBase64: buf.toString('base64') };
}

const MAX_LISTED = 30;

export async function importRoster(ctx: ServiceContext, content: Buffer, reason: string): Promise<ImportResult> {
  const locale = getSettings(ctx).locale;
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(locale, key, params);
  // Size, signature, truncation, zip bomb, rows and cells: checked before ExcelJS holds the file,
  // and the parsing done in a worker with a time budget.
  const read = await readWorkbookInWorker(content, { kind: 'roster' });
  if (!read.ok) throw new AppError('invalid_input', 'rosterImport.noSheet');
  const problems: string[] = [];
  const at = (row: number, column: string, msg: string) => problems.push(t('rosterImport.cell', { row, column, message: msg }));
  for (const e of read.errors) {
    if (e.kind === 'cell') at(e.row, e.column, e.problem === 'formula' ? t('import.formula', { value: e.value }) : t('rosterImport.badDate', { value: e.value }));
  }
  if (read.rows.length === 0 && problems.length === 0) throw new AppError('invalid_input', 'rosterImport.empty');

  const months = new Set(read.rows.map((r) => r.day.slice(0, 7)));
  const month = read.titleMonth && months.has(read.titleMonth) ? read.titleMonth : [...months][0]!;
  const slots = monthSlots(ctx, month);
  const multi = getPattern(ctx).shifts.length > 1;
  const everyone = listPeople(ctx.db, true);
  const leave = listLeave(ctx.db, { from: `${month}-01`, to: `${month}-31` });
  const bySlot = new Map<string, { slotKey: string; leaders: number[]; officers: number[]; row: number }>();
  const placed: { personId: number; start: number; end: number; row: number; name: string }[] = [];

  for (const r of read.rows) {
    if (r.day.slice(0, 7) !== month) {
      at(r.row, HEADERS.date, t('rosterImport.otherMonth', { day: r.day, month }));
      continue;
    }
    const daySlots = slots.filter((s) => s.day === r.day);
    const slot = r.shiftName ? daySlots.find((s) => s.name === r.shiftName) : multi ? undefined : daySlots[0];
    if (!slot) {
      at(r.row, HEADERS.shift, r.shiftName ? t('rosterImport.unknownShift', { value: r.shiftName, shifts: daySlots.map((s) => s.name).join('、') }) : t('rosterImport.shiftNeeded'));
      continue;
    }
    if (bySlot.has(slot.key)) {
      at(r.row, HEADERS.date, t('rosterImport.slotTwice', { day: r.day, shift: slot.name, other: bySlot.get(slot.key)!.row }));
      continue;
    }
    const entry = { slotKey: slot.key, leaders: [] as number[], officers: [] as number[], row: r.row };
    for (const [role, names, column] of [['leader', r.leaders, HEADERS.leader], ['officer', r.officers, HEADERS.officers]] as const) {
      for (const name of names) {
        const p = everyone.find((x) => x.name === name);
        if (!p) at(r.row, column, t('rosterImport.unknownPerson', { name }));
        else if (!p.active) at(r.row, column, t('roster.personInactive', { name }));
        else if (!p.roles.includes(role)) at(r.row, column, t(role === 'leader' ? 'roster.notLeader' : 'roster.notOfficer', { name }));
        else if ([...entry.leaders, ...entry.officers].includes(p.id)) at(r.row, column, t('roster.twiceOnShift', { name, day: r.day, shift: slot.name }));
        else {
          const l = leave.find((x) => x.personId === p.id && x.from <= r.day && r.day <= x.to);
          const clash = placed.find((x) => x.personId === p.id && touches(x, slot));
          if (l) at(r.row, column, t('roster.onLeave', { name, day: r.day, reason: l.reason }));
          else if (clash) at(r.row, column, t('rosterImport.touching', { name, other: clash.row }));
          else {
            (role === 'leader' ? entry.leaders : entry.officers).push(p.id);
            placed.push({ personId: p.id, start: slot.start, end: slot.end, row: r.row, name });
          }
        }
      }
    }
    bySlot.set(slot.key, entry);
  }
  if (problems.length) {
    const listed = problems.slice(0, MAX_LISTED).join('\n');
    const more = problems.length > MAX_LISTED ? '\n' + t('rosterImport.more', { count: problems.length - MAX_LISTED }) : '';
    throw new AppError('invalid_input', 'rosterImport.failed', { count: problems.length, details: listed + more });
  }
  const shifts = [...bySlot.values()].map(({ row: _row, ...s }) => s);
  writeMonth(ctx, month, shifts, 'import', reason, 'roster.import');
  return { month, shifts: shifts.length, assignments: shifts.reduce((n, s) => n + s.leaders.length + s.officers.length, 0) };
}
