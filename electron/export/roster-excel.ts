// Runs in Electron's main process and in plain Node. The month roster as the usual 值班表 workbook
// (title, date, weekday, [shift], leader, phones, officers, phones, remarks), print-ready on one A4
// page, and the reading of such a workbook back into rows. No database here: services/roster/excel.ts
// supplies the data and applies what is read.
import ExcelJS from 'exceljs';
import type { RosterShift } from '../../shared/domain/roster/roster.js';
import { isFormula } from '../services/import-guard.js';
import { CJK_FONT, displayWidth } from './sheet-kit.js';
import { cellText, findHeaderRow } from './workbook-import.js';

export const SHEET_NAME = '值班表';
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const FONT = CJK_FONT;

export const HEADERS = {
  date: '日期',
  weekday: '星期',
  shift: '班次',
  leader: '带班领导',
  leaderPhone: '领导电话',
  officers: '值班员',
  officerPhones: '值班员电话',
  remarks: '备注',
} as const;
type Column = keyof typeof HEADERS;

export interface RosterSheet {
  bureauName: string;
  month: string;
  /** One row per rostered shift, in time order; days without a roster get an empty row. */
  days: string[];
  shifts: RosterShift[];
  multiShift: boolean;
  /** Holiday and special-period names per day. */
  labels: Record<string, string[]>;
}

/** Text a person typed is always a string cell: never a formula, whatever it starts with. */
function text(v: string): ExcelJS.CellValue {
  return { richText: [{ text: v }] };
}

const weekdayOf = (day: string) => WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]!;

export async function buildRosterWorkbook(sheet: RosterSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = sheet.bureauName;
  const ws = wb.addWorksheet(SHEET_NAME, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 1,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: '2:2',
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
    views: [{ state: 'frozen', ySplit: 2 }],
  });
  const cols: Column[] = sheet.multiShift
    ? ['date', 'weekday', 'shift', 'leader', 'leaderPhone', 'officers', 'officerPhones', 'remarks']
    : ['date', 'weekday', 'leader', 'leaderPhone', 'officers', 'officerPhones', 'remarks'];
  const widths: Record<Column, number> = { date: 12, weekday: 8, shift: 7, leader: 10, leaderPhone: 15, officers: 16, officerPhones: 28, remarks: 12 };
  ws.columns = cols.map((c) => ({ key: c, width: widths[c] }));

  const [y, m] = sheet.month.split('-');
  ws.mergeCells(1, 1, 1, cols.length);
  const title = ws.getCell(1, 1);
  title.value = text(`${sheet.bureauName}${y}年${Number(m)}月值班表`);
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;

  const header = ws.getRow(2);
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = HEADERS[c];
    cell.font = { name: FONT, size: 11, bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
  });
  header.height = 20;

  const border: Partial<ExcelJS.Borders> = {
    top: { style: 'thin' },
    left: { style: 'thin' },
    bottom: { style: 'thin' },
    right: { style: 'thin' },
  };
  // The kit's display width (CJK counts double), with 10 % slack for this denser layout.
  const widthOf = (v: string) => displayWidth(v) * 1.1;
  let r = 3;
  for (const day of sheet.days) {
    const own = sheet.shifts.filter((s) => s.day === day);
    const rows = own.length ? own : [null];
    const first = r;
    for (const s of rows) {
      const row = ws.getRow(r++);
      const values: Record<Column, string> = {
        date: day,
        weekday: weekdayOf(day),
        shift: s?.name ?? '',
        leader: s?.leaders.map((p) => p.name).join('、') ?? '',
        leaderPhone: s?.leaders.map((p) => p.phone).join('\n') ?? '',
        officers: s?.officers.map((p) => p.name).join('、') ?? '',
        // Two phones fit a line; more go one a line, so a number never breaks in the middle.
        officerPhones: s?.officers.map((p) => p.phone).join(s.officers.length > 2 ? '\n' : '、') ?? '',
        remarks: (sheet.labels[day] ?? []).join('、'),
      };
      let lines = 1;
      cols.forEach((c, i) => {
        const v = values[c];
        row.getCell(i + 1).value = c === 'date' || c === 'weekday' ? v : text(v);
        for (const part of v.split('\n')) lines = Math.max(lines, Math.ceil(widthOf(part) / (widths[c] - 1.5)), v.split('\n').length);
      });
      // Row height by the lines its longest cell wraps to; LibreOffice and Excel keep set heights.
      row.height = (sheet.multiShift ? 15 : 20) + (lines - 1) * 14;
      const kind = s?.kind ?? (/星期[六日]/.test(values.weekday) ? 'weekend' : 'workday');
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.font = { name: FONT, size: 10.5, color: kind === 'workday' ? undefined : { argb: 'FFB00000' } };
      });
    }
    if (sheet.multiShift && r - first > 1) {
      ws.mergeCells(first, 1, r - 1, 1);
      ws.mergeCells(first, 2, r - 1, 2);
    }
  }
  for (let i = 2; i < r; i++) {
    const row = ws.getRow(i);
    for (let c = 1; c <= cols.length; c++) {
      const cell = row.getCell(c);
      cell.border = border;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true, shrinkToFit: false };
    }
  }
  ws.pageSetup.printArea = `A1:${String.fromCharCode(64 + cols.length)}${r - 1}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ParsedRow {
  /** 1-based row number in the sheet, as a person sees it. */
  row: number;
  day: string;
  shiftName: string | null;
  leaders: string[];
  officers: string[];
}

export type SheetError =
  | { kind: 'noSheet' }
  | { kind: 'cell'; row: number; column: string; problem: 'badDate' | 'dateTwice' | 'otherMonth' | 'formula'; value: string };

const splitNames = (s: string) => s.split(/[、,，;；\s/]+/).map((x) => x.trim()).filter(Boolean);

export type RosterRead = { ok: true; rows: ParsedRow[]; titleMonth: string | null; errors: SheetError[] } | { ok: false; error: SheetError };

/** Reads a loaded 值班表 workbook into rows; structural problems end the read, cell problems are listed. */
export function readRosterSheet(wb: ExcelJS.Workbook): RosterRead {
  const ws = wb.getWorksheet(SHEET_NAME) ?? wb.worksheets[0];
  if (!ws) return { ok: false, error: { kind: 'noSheet' } };
  // The header row: the first of the top rows holding 日期, 带班领导 and 值班员.
  const header = findHeaderRow(ws, [HEADERS.date, HEADERS.leader, HEADERS.officers]);
  if (!header) return { ok: false, error: { kind: 'noSheet' } };
  const headerRow = header.row;
  const colOf = header.columns;
  const titleMatch = /(\d{4})\s*年\s*(\d{1,2})\s*月/.exec(cellText(ws.getRow(1).getCell(1).value));
  const titleMonth = titleMatch ? `${titleMatch[1]}-${titleMatch[2]!.padStart(2, '0')}` : null;
  const rows: ParsedRow[] = [];
  const errors: SheetError[] = [];
  const get = (r: ExcelJS.Row, h: string) => {
    if (!colOf.has(h)) return '';
    const value = r.getCell(colOf.get(h)!).value;
    // A formula is refused, never taken for its cached result: the file says what it shows.
    if (isFormula(value)) {
      errors.push({ kind: 'cell', row: r.number, column: h, problem: 'formula', value: String((value as { formula?: string }).formula ?? '').slice(0, 40) });
      return '';
    }
    return cellText(value);
  };
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const rawDate = get(row, HEADERS.date);
    const leaders = splitNames(get(row, HEADERS.leader));
    const officers = splitNames(get(row, HEADERS.officers));
    if (!rawDate && leaders.length === 0 && officers.length === 0) continue;
    let day: string | null = null;
    const iso = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(rawDate);
    const md = /^(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/.exec(rawDate);
    if (iso) day = `${iso[1]}-${iso[2]!.padStart(2, '0')}-${iso[3]!.padStart(2, '0')}`;
    else if (md && titleMonth) day = `${titleMonth.slice(0, 4)}-${md[1]!.padStart(2, '0')}-${md[2]!.padStart(2, '0')}`;
    if (!day || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
      errors.push({ kind: 'cell', row: r, column: HEADERS.date, problem: 'badDate', value: rawDate });
      continue;
    }
    rows.push({ row: r, day, shiftName: colOf.has(HEADERS.shift) ? get(row, HEADERS.shift) || null : null, leaders, officers });
  }
  return { ok: true, rows, titleMonth, errors };
}
