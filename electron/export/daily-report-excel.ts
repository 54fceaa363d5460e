// Runs in Electron's main process and in plain Node. The daily-report sheet (每日报告) of a special
// period: a template the duty room exports (one row per designated unit and day, the covered items
// as columns, '无' for nothing), units or the duty room fill in, and the import reads back. No
// database here: services/periods/import.ts supplies the period and applies what is read.
import ExcelJS from 'exceljs';
import { addTableSheet, workbookBuffer, type Column } from './sheet-kit.js';
import { cellText, findHeaderRow, isFormula } from './workbook-import.js';

export const DAILY_SHEET = '每日报告';
export const DAILY_HEADERS = { unit: '单位', day: '日期', receivedAt: '接报时间', note: '备注' } as const;
/** The one content column of a period that names no items. */
export const CONTENT_HEADER = '内容';

export interface TemplateRow {
  unit: string;
  day: string;
  receivedAt: string;
  items: Record<string, string>;
  note: string;
}

export function itemHeaders(covers: readonly string[]): string[] {
  return covers.length ? [...covers] : [CONTENT_HEADER];
}

/** The template (with any rows given, e.g. the designated units for a day, times left blank). */
export async function buildDailyTemplate(spec: { bureauName: string; periodName: string; covers: readonly string[]; cutoff: string; rows: TemplateRow[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = spec.bureauName;
  const items = itemHeaders(spec.covers);
  const columns: Column<TemplateRow>[] = [
    { header: DAILY_HEADERS.unit, width: 24, value: (r) => r.unit },
    { header: DAILY_HEADERS.day, width: 12, value: (r) => r.day, align: 'center' },
    { header: DAILY_HEADERS.receivedAt, width: 18, value: (r) => r.receivedAt, align: 'center' },
    ...items.map((h): Column<TemplateRow> => ({ header: h, width: Math.max(10, h.length * 2 + 4), value: (r) => r.items[h] ?? '' })),
    { header: DAILY_HEADERS.note, width: 20, value: (r) => r.note },
  ];
  addTableSheet(wb, {
    name: DAILY_SHEET,
    title: `${spec.bureauName}${spec.periodName}每日报告`,
    subtitle: [`每日 ${spec.cutoff} 前报送；接报时间填“2026-07-20 15:30”或“15:30”；无情况的项目填“无”（零报告）。`],
    columns,
    rows: spec.rows,
  });
  return workbookBuffer(wb);
}

export interface ReadRow {
  /** 1-based row number as a person sees it. */
  row: number;
  unit: string;
  /** The date cell as text (YYYY-MM-DD where it was a date cell). */
  day: string;
  /** The time cell: text, or a date cell's wall-clock reading "YYYY-MM-DD HH:mm:ss". */
  receivedAt: string;
  items: Record<string, string>;
  note: string;
}

export type ReadProblem = { row: number; column: string; kind: 'formula' };

/** Reads the sheet; null when the workbook has no sheet with the headers. Formula cells are listed. */
export function readDailySheet(wb: ExcelJS.Workbook, covers: readonly string[]): { rows: ReadRow[]; problems: ReadProblem[]; missingHeaders: string[] } | null {
  const ws = wb.getWorksheet(DAILY_SHEET);
  const items = itemHeaders(covers);
  const required = [DAILY_HEADERS.unit, DAILY_HEADERS.day, DAILY_HEADERS.receivedAt];
  if (!ws) return null;
  const header = findHeaderRow(ws, required);
  if (!header) return null;
  const missingHeaders = items.filter((h) => !header.columns.has(h));
  const rows: ReadRow[] = [];
  const problems: ReadProblem[] = [];
  const wall = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');
  for (let r = header.row + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const get = (h: string, as?: 'day' | 'time'): string => {
      const c = header.columns.get(h);
      if (c === undefined) return '';
      const v = row.getCell(c).value;
      if (isFormula(v)) {
        problems.push({ row: r, column: h, kind: 'formula' });
        return '';
      }
      // Excel stores a date cell without a zone; ExcelJS reads it as UTC: its wall-clock reading.
      if (v instanceof Date) return as === 'time' ? wall(v) : v.toISOString().slice(0, 10);
      // A date or time typed into a cell without a date format: Excel's serial day number.
      if (typeof v === 'number' && as && v >= 0 && v < 2_958_466) {
        const d = new Date(Math.round((v - 25569) * 86_400_000));
        if (v < 1) return as === 'time' ? wall(d).slice(11, 16) : String(v);
        return as === 'time' && v % 1 !== 0 ? wall(d) : d.toISOString().slice(0, 10);
      }
      return cellText(v);
    };
    const out: ReadRow = {
      row: r,
      unit: get(DAILY_HEADERS.unit),
      day: get(DAILY_HEADERS.day, 'day'),
      receivedAt: get(DAILY_HEADERS.receivedAt, 'time'),
      items: Object.fromEntries(items.map((h) => [h, get(h)])),
      note: get(DAILY_HEADERS.note),
    };
    // A template row with nothing filled in beyond the unit and date is skipped, not an error.
    if (!out.receivedAt && Object.values(out.items).every((v) => !v) && !out.note) continue;
    rows.push(out);
  }
  return { rows, problems, missingHeaders };
}
