// Runs in Electron's main process and in plain Node. Daily reports to and from the 每日报告 sheet:
// the template of a period (one row per designated unit for a day) and the import, which checks
// every row first (row, column, what is wrong) and writes nothing on any problem.
import { TZDate } from '@date-fns/tz';
import { AppError } from '../../../shared/api/app-error.js';
import type { FilePayload } from '../../../shared/api/file-payload.js';
import { NOTHING, type DailyReportInput } from '../../../shared/domain/special-period.js';
import { EARLIEST_INSTANT } from '../../../shared/domain/typed-time.js';
import { reportingDayOf } from '../../../shared/domain/zero-reports.js';
import { translate, type MessageKey } from '../../../shared/i18n/index.js';
import { listUnits } from '../../db/repositories/units.js';
import * as repo from '../../db/repositories/periods.js';
import { buildDailyTemplate, CONTENT_HEADER, DAILY_HEADERS, DAILY_SHEET, itemHeaders } from '../../export/daily-report-excel.js';
import { ImportProblems } from '../../export/workbook-import.js';
import { readWorkbookInWorker } from '../import-workbook.js';
import { inWriteTransaction, type ServiceContext } from '../context.js';
import { getSettings } from '../settings.js';
import { effectiveReports, judgePeriod } from './judge.js';
import { checkReport, getPeriod, insertDailyReport } from './periods.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The template for a period, pre-filled with its designated units for `day` (default today). */
export async function exportTemplate(ctx: ServiceContext, periodId: number, day?: string): Promise<FilePayload> {
  const p = getPeriod(ctx, periodId);
  const s = getSettings(ctx);
  const today = reportingDayOf(ctx.now(), s.timeZone);
  const d = day ?? (today < p.startDay ? p.startDay : today > p.endDay ? p.endDay : today);
  const names = new Map(listUnits(ctx.db, { includeInactive: true }).map((u) => [u.id, u.name]));
  const rows = p.unitIds.map((id) => ({ unit: names.get(id) ?? '', day: d, receivedAt: '', items: {}, note: '' }));
  const buf = await buildDailyTemplate({ bureauName: s.bureauName, periodName: p.name, covers: p.covers, cutoff: p.cutoff, rows });
  return { fileName: `每日报告-${p.name}-${d}.xlsx`, mimeType: XLSX, contentBase64: buf.toString('base64') };
}

function parseDay(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (!m) return null;
  const d = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d ? d : null;
}

/** "2026-07-20 15:30[:ss]" or "15:30" (on the row's day), wall-clock in the zone. */
function parseTime(text: string, day: string | null, timeZone: string): number | null {
  const full = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  const short = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  const d = full ? parseDay(full[1]!) : short ? day : null;
  const [h, mi, se] = full ? [full[2], full[3], full[4]] : short ? [short[1], short[2], short[3]] : [];
  if (!d || h === undefined || mi === undefined || Number(h) > 23 || Number(mi) > 59 || Number(se ?? 0) > 59) return null;
  const [y, mo, da] = d.split('-').map(Number) as [number, number, number];
  return new TZDate(y, mo - 1, da, Number(h), Number(mi), Number(se ?? 0), 0, timeZone).getTime();
}

/** A day's (or a period's) reports from every unit are well under 1 MB. */
export const DAILY_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export interface DailyImportResult {
  imported: number;
  /** Rows identical to a report already logged (the same sheet imported twice). */
  skipped: number;
}

export async function importReports(ctx: ServiceContext, periodId: number, content: Buffer): Promise<DailyImportResult> {
  const s = getSettings(ctx);
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(s.locale, key, params);
  const p = getPeriod(ctx, periodId);
  const read = await readWorkbookInWorker(content, { kind: 'daily', covers: [...p.covers] }, DAILY_IMPORT_MAX_BYTES);
  if (!read) throw new AppError('invalid_input', 'dailyImport.noSheet', { sheet: DAILY_SHEET, headers: [DAILY_HEADERS.unit, DAILY_HEADERS.day, DAILY_HEADERS.receivedAt].join('、') });
  if (read.missingHeaders.length) throw new AppError('invalid_input', 'dailyImport.missingColumns', { columns: read.missingHeaders.join('、') });
  const problems = new ImportProblems((row, column, message) => t('rosterImport.cell', { row, column, message }));
  for (const f of read.problems) problems.at(f.row, f.column, t('excelImport.formula'));
  if (read.rows.length === 0 && problems.count === 0) throw new AppError('invalid_input', 'dailyImport.empty');

  const units = new Map(listUnits(ctx.db, { includeInactive: true }).map((u) => [u.name, u.id]));
  const existing = effectiveReports(repo.reportsOfPeriod(ctx.db, p.id));
  const items = itemHeaders(p.covers);
  const seen = new Map<string, number>();
  const toWrite: DailyReportInput[] = [];
  let skipped = 0;
  for (const r of read.rows) {
    const before = problems.count;
    const unitId = units.get(r.unit);
    if (!r.unit) problems.at(r.row, DAILY_HEADERS.unit, t('dailyImport.required'));
    else if (unitId === undefined) problems.at(r.row, DAILY_HEADERS.unit, t('dailyImport.unknownUnit', { unit: r.unit }));
    else if (!p.unitIds.includes(unitId)) problems.at(r.row, DAILY_HEADERS.unit, t('period.unitNotDesignated', { unit: r.unit, period: p.name }));
    const day = parseDay(r.day);
    if (!day) problems.at(r.row, DAILY_HEADERS.day, t('dailyImport.badDay', { value: r.day }));
    else if (day < p.startDay || day > p.endDay) problems.at(r.row, DAILY_HEADERS.day, t('period.dayOutside', { day, period: p.name, from: p.startDay, to: p.endDay }));
    const at = r.receivedAt ? parseTime(r.receivedAt, day, s.timeZone) : null;
    if (!r.receivedAt) problems.at(r.row, DAILY_HEADERS.receivedAt, t('dailyImport.required'));
    else if (at === null) problems.at(r.row, DAILY_HEADERS.receivedAt, t('dailyImport.badTime', { value: r.receivedAt }));
    else if (at > ctx.now()) problems.at(r.row, DAILY_HEADERS.receivedAt, t('dailyImport.future', { value: r.receivedAt }));
    else if (at < EARLIEST_INSTANT) problems.at(r.row, DAILY_HEADERS.receivedAt, t('incident.timeTooEarly'));
    for (const h of items) {
      const v = r.items[h] ?? '';
      if (!v) problems.at(r.row, h, t('dailyImport.itemEmpty', { nothing: NOTHING }));
      else if (v.length > 500) problems.at(r.row, h, t('validation.tooLong', { max: 500, length: v.length }));
    }
    if (r.note.length > 500) problems.at(r.row, DAILY_HEADERS.note, t('validation.tooLong', { max: 500, length: r.note.length }));
    if (problems.count > before || unitId === undefined || !day || at === null) continue;
    const key = `${unitId}|${day}`;
    if (seen.has(key)) {
      problems.at(r.row, DAILY_HEADERS.unit, t('dailyImport.twice', { unit: r.unit, day, other: seen.get(key)! }));
      continue;
    }
    seen.set(key, r.row);
    const covered = p.covers.length ? r.items : {};
    const note = p.covers.length ? r.note : [r.items[CONTENT_HEADER] ?? '', r.note].filter((x) => x && x !== NOTHING).join('；');
    const nothing = items.every((h) => r.items[h] === NOTHING);
    const input: DailyReportInput = { periodId, unitId, day, receivedAt: at, nothingToReport: nothing, contents: covered, channel: 'document', note, correctsId: null, correctionReason: null };
    const same = existing.some((e) => e.unitId === unitId && e.day === day && e.receivedAt === at && JSON.stringify(e.contents) === JSON.stringify(covered) && e.note === note);
    if (same) skipped++;
    else toWrite.push(input);
  }
  problems.throwIfAny('dailyImport.failed', (count) => t('rosterImport.more', { count }));
  return inWriteTransaction(ctx, () => {
    for (const r of toWrite) {
      checkReport(ctx, r);
      insertDailyReport(ctx, r, 'import', 'periods.importReports');
    }
    judgePeriod(ctx, p, 'periods.importReports');
    return { imported: toWrite.length, skipped };
  });
}
