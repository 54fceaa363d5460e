// Runs in Electron's main process and in plain Node. The one way this app writes a print-ready
// table to Excel: A4, fit to the page width, a title, a header row that repeats on every printed
// page and stays frozen on screen, thin borders, wrapped text, a font that has Chinese glyphs, and
// every typed text written as text (never a formula). Exports (bulletin, ledgers, roster) describe
// their columns and rows; this file decides how they look.
import ExcelJS from 'exceljs';

/** Fonts: SimSun (宋体) is on every Chinese Windows PC; LibreOffice falls back to a CJK font. */
export const CJK_FONT = 'SimSun';
export const BODY_FONT: Partial<ExcelJS.Font> = { name: CJK_FONT, size: 10.5 };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
export const BORDERS: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export interface Column<Row> {
  header: string;
  /** Width in characters (a Chinese character is about 2). */
  width: number;
  /** Text (kept as text), a number, or null for an empty cell. */
  value(row: Row): string | number | null;
  align?: 'left' | 'center' | 'right';
  /** Excel number format of the column's numbers (e.g. '0.0%'); text cells ignore it. */
  numFmt?: string;
}

export interface TableSheet<Row> {
  name: string;
  /** Printed at the top, merged across the columns. */
  title: string;
  /** Lines under the title (duty day, who is on duty...). */
  subtitle?: string[];
  columns: Column<Row>[];
  rows: Iterable<Row>;
  orientation?: 'landscape' | 'portrait';
  /** Shown in a merged row when there are no rows, so an empty section still reads as one. */
  emptyText?: string;
  /** Lines of the header row (headers with '\n'); 1 by default. */
  headerLines?: number;
  /** A row drawn bold and shaded (totals, subtotals). */
  emphasis?(row: Row): boolean;
}

/**
 * A cell value as text whatever it starts with. ExcelJS writes a JS string as a string cell; only
 * an object `{ formula }` becomes a formula, so "=1+1" typed by a person stays text. Control
 * characters that Excel refuses are replaced.
 */
export function asText(value: string): string {
  return String(value).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, ' ');
}

export function setText(cell: ExcelJS.Cell, value: string): void {
  cell.value = asText(value);
}

export function setValue(cell: ExcelJS.Cell, value: string | number | null): void {
  if (value === null) cell.value = null;
  else if (typeof value === 'number') cell.value = Number.isFinite(value) ? value : null;
  else setText(cell, value);
}

/** Display width in Excel's character units: a CJK (full-width) character counts as 2. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u.test(ch) ? 2 : 1;
  return w;
}

/** Lines a wrapped cell needs at a column width (Excel and LibreOffice do not grow rows on open). */
export function linesNeeded(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(displayWidth(part) / usable)), 0);
}

const LINE_HEIGHT_PT = 14.5;

/** Page setup for printing on A4: fit every column to the page width, pages as long as needed. */
export function printSetup(sheet: ExcelJS.Worksheet, orientation: 'landscape' | 'portrait', headerRow: number | null): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9, // A4
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.25, footer: 0.25 },
    ...(headerRow !== null ? { printTitlesRow: `${headerRow}:${headerRow}` } : {}),
  };
  sheet.headerFooter = { oddFooter: '&C&P / &N' };
}

/** Adds one print-ready table sheet to the workbook; returns the sheet for additions. */
export function addTableSheet<Row>(wb: ExcelJS.Workbook, spec: TableSheet<Row>): ExcelJS.Worksheet {
  const sheet = wb.addWorksheet(spec.name);
  const n = spec.columns.length;
  sheet.columns = spec.columns.map((c) => ({ width: c.width }));
  let r = 1;
  sheet.mergeCells(r, 1, r, n);
  const title = sheet.getCell(r, 1);
  setText(title, spec.title);
  title.font = { ...BODY_FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(r).height = 28;
  for (const line of spec.subtitle ?? []) {
    r++;
    sheet.mergeCells(r, 1, r, n);
    const cell = sheet.getCell(r, 1);
    setText(cell, line);
    cell.font = BODY_FONT;
    cell.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
    // A line wider than the table wraps; the row must be as tall (rows do not grow on open).
    const lines = linesNeeded(line, spec.columns.reduce((w, c) => w + c.width, 0));
    if (lines > 1) sheet.getRow(r).height = lines * LINE_HEIGHT_PT;
  }
  r++;
  const headerRow = r;
  const head = sheet.getRow(headerRow);
  spec.columns.forEach((c, k) => {
    const cell = head.getCell(k + 1);
    setText(cell, c.header);
    cell.font = { ...BODY_FONT, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDERS;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDF5' } };
  });
  head.height = 22 + ((spec.headerLines ?? 1) - 1) * LINE_HEIGHT_PT;
  let count = 0;
  for (const row of spec.rows) {
    r++;
    count++;
    const line = sheet.getRow(r);
    let lines = 1;
    const strong = spec.emphasis?.(row) ?? false;
    spec.columns.forEach((c, k) => {
      const cell = line.getCell(k + 1);
      const value = c.value(row);
      setValue(cell, value);
      if (typeof value === 'string') lines = Math.max(lines, linesNeeded(value, c.width));
      else if (typeof value === 'number' && c.numFmt) cell.numFmt = c.numFmt;
      cell.font = strong ? { ...BODY_FONT, bold: true } : BODY_FONT;
      cell.alignment = { horizontal: c.align ?? 'left', vertical: 'top', wrapText: true };
      cell.border = BORDERS;
      if (strong) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F5F8' } };
    });
    line.height = lines * LINE_HEIGHT_PT;
  }
  if (count === 0 && spec.emptyText) {
    r++;
    sheet.mergeCells(r, 1, r, n);
    const cell = sheet.getCell(r, 1);
    setText(cell, spec.emptyText);
    cell.font = { ...BODY_FONT, italic: true };
    cell.alignment = { horizontal: 'center' };
    cell.border = BORDERS;
  }
  sheet.views = [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }];
  printSetup(sheet, spec.orientation ?? 'landscape', headerRow);
  return sheet;
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
