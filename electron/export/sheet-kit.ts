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
  /** A row drawn bold and shaded (totals, subtotals). */
  emphasis?(row: Row): boolean;
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

/**
 * A cell value as text whatever it starts with. ExcelJS writes a JS string as a string cell; only
 * an object `{ formula }` becomes a formula, so "=1+1" typed by a person stays text. Control
 * characters that Excel refuses are replaced.
 */
export function asText(value: string): string {
  const text = String(value);
  // Testing first is twice as fast as replacing in text that has none (nearly all of it).
  return CONTROL.test(text) ? text.replace(CONTROLS, ' ') : text;
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

// A line of 10.5 pt CJK text as LibreOffice and Excel lay it out (Noto Sans CJK / SimSun), plus
// a little padding per row so the last line is never clipped.
const LINE_HEIGHT_PT = 15;
const ROW_PAD_PT = 3;

/**
 * The most lines one row may take. A row is never split across printed pages: a taller one is
 * clipped at the page's foot (LibreOffice), and Excel keeps no row above 409 pt. 24 lines (363 pt)
 * fit under both, with the title and the repeated header, on an A4 landscape page at full scale.
 */
export const MAX_ROW_LINES = 24;

/** The longest start of a paragraph that takes at most `lines` lines at `usable` width units (as linesNeeded counts), and the rest. */
function cutParagraph(text: string, usable: number, lines: number): [string, string] {
  const chars = [...text];
  let w = 0;
  let end = 0;
  while (end < chars.length && w + displayWidth(chars[end]!) <= usable * lines) w += displayWidth(chars[end++]!);
  end = Math.max(1, end);
  return [chars.slice(0, end).join(''), chars.slice(end).join('')];
}

/**
 * A cell's text in pieces of at most `max` wrapped lines at `width` (linesNeeded), for a row and
 * the rows that continue it, each filled: a paragraph that does not fit fills what is left of the
 * piece (cut between characters) when that is a quarter of it or more, else starts the next one.
 * Nothing is dropped but empty lines where one piece ends and the next begins: read in order, the
 * pieces are the text (a line break between two pieces is where one row ends and the next begins).
 */
export function splitText(text: string, width: number, max = MAX_ROW_LINES): string[] {
  if (linesNeeded(text, width) <= max) return [text];
  const usable = Math.max(1, width - 1);
  const pieces: string[] = [];
  let cur: string[] = [];
  let used = 0;
  const flush = () => {
    // Empty lines where one row ends and the next begins would only leave an empty row.
    while (cur.length && cur[0] === '') cur.shift();
    while (cur.length && cur[cur.length - 1] === '') cur.pop();
    if (cur.length) pieces.push(cur.join('\n'));
    cur = [];
    used = 0;
  };
  for (let para of text.split('\n')) {
    let n = linesNeeded(para, width);
    if (used + n > max) {
      // A paragraph that does not fit fills the room left, unless little is left: no row ends in a wide gap.
      const room = max - used;
      if (room * 4 >= max) {
        const [head, rest] = cutParagraph(para, usable, room);
        cur.push(head);
        para = rest;
        n = linesNeeded(para, width);
      }
      flush();
    }
    while (n > max) {
      const [head, rest] = cutParagraph(para, usable, max);
      pieces.push(head);
      para = rest;
      n = linesNeeded(para, width);
    }
    cur.push(para);
    used += n;
  }
  flush();
  return pieces.length ? pieces : [''];
}

/**
 * A row's values over as many rows as its longest text needs (splitText): the first row has every
 * value, the rows after it only the rest of the texts that did not fit.
 */
export function splitRow(values: readonly (string | number | null)[], widths: readonly number[], max = MAX_ROW_LINES): (string | number | null)[][] {
  const pieces = values.map((v, k) => (typeof v === 'string' ? splitText(v, widths[k] ?? 9, max) : [v]));
  const rows = Math.max(1, ...pieces.map((p) => p.length));
  return Array.from({ length: rows }, (_, r) => pieces.map((p) => (r < p.length ? p[r]! : null)));
}

/** Borders of one of the rows a split row is written over: no line between it and its neighbours. */
function splitBorders(part: number, parts: number): Partial<ExcelJS.Borders> {
  return { ...BORDERS, ...(part > 0 ? { top: {} } : {}), ...(part < parts - 1 ? { bottom: {} } : {}) };
}

/** The page setup for printing on A4: every column fit to the page width, pages as long as needed. */
export function a4PageSetup(orientation: 'landscape' | 'portrait', headerRow: number | null): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9, // A4
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.25, footer: 0.25 },
    ...(headerRow !== null ? { printTitlesRow: `${headerRow}:${headerRow}` } : {}),
  };
}

/** Page setup for printing on A4 (a4PageSetup), and the page number in the footer. */
export function printSetup(sheet: ExcelJS.Worksheet, orientation: 'landscape' | 'portrait', headerRow: number | null): void {
  sheet.pageSetup = { ...sheet.pageSetup, ...a4PageSetup(orientation, headerRow) };
  sheet.headerFooter = { oddFooter: '&C&P / &N' };
}

/** The merged title row and the subtitle lines under it; returns the last row written. */
function writeHeading(sheet: ExcelJS.Worksheet, n: number, title: string, subtitle: readonly string[] = []): number {
  let r = 1;
  sheet.mergeCells(r, 1, r, n);
  const cell = sheet.getCell(r, 1);
  setText(cell, title);
  cell.font = { ...BODY_FONT, size: 16, bold: true };
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(r).height = 28;
  const width = widthOf(sheet, 1, n);
  for (const line of subtitle) {
    r++;
    sheet.mergeCells(r, 1, r, n);
    const sub = sheet.getCell(r, 1);
    setText(sub, line);
    sub.font = BODY_FONT;
    sub.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
    sheet.getRow(r).height = linesNeeded(line, width) * LINE_HEIGHT_PT + ROW_PAD_PT;
  }
  return r;
}

/** The width of columns from..to together, in characters. */
function widthOf(sheet: ExcelJS.Worksheet, from: number, to: number): number {
  let w = 0;
  for (let k = from; k <= to; k++) w += sheet.getColumn(k).width ?? 9;
  return w;
}

/** A table's header row: bold, centred, shaded, wrapped; the row grows to show a long header whole. */
export function writeHeaderRow(head: ExcelJS.Row, columns: readonly Pick<Column<unknown>, 'header' | 'width'>[]): void {
  columns.forEach((c, k) => {
    const cell = head.getCell(k + 1);
    setText(cell, c.header);
    cell.font = { ...BODY_FONT, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDERS;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDF5' } };
  });
  head.height = Math.max(22, Math.max(...columns.map((c) => linesNeeded(c.header, c.width))) * LINE_HEIGHT_PT + ROW_PAD_PT);
}

/** Adds one print-ready table sheet to the workbook; returns the sheet for additions. */
export function addTableSheet<Row>(wb: ExcelJS.Workbook, spec: TableSheet<Row>): ExcelJS.Worksheet {
  const sheet = wb.addWorksheet(spec.name);
  const n = spec.columns.length;
  sheet.columns = spec.columns.map((c) => ({ width: c.width }));
  let r = writeHeading(sheet, n, spec.title, spec.subtitle);
  r++;
  const headerRow = r;
  writeHeaderRow(sheet.getRow(headerRow), spec.columns);
  let count = 0;
  const widths = spec.columns.map((c) => c.width);
  for (const row of spec.rows) {
    count++;
    const strong = spec.emphasis?.(row) ?? false;
    // A row taller than a page goes on over the rows under it, which print on the next page.
    const parts = splitRow(spec.columns.map((c) => c.value(row)), widths);
    parts.forEach((values, part) => {
      r++;
      const line = sheet.getRow(r);
      let lines = 1;
      spec.columns.forEach((c, k) => {
        const cell = line.getCell(k + 1);
        const value = values[k] ?? null;
        setValue(cell, value);
        if (typeof value === 'string') lines = Math.max(lines, linesNeeded(value, c.width));
        else if (typeof value === 'number' && c.numFmt) cell.numFmt = c.numFmt;
        cell.font = strong ? { ...BODY_FONT, bold: true } : BODY_FONT;
        cell.alignment = { horizontal: c.align ?? 'left', vertical: 'top', wrapText: true };
        cell.border = splitBorders(part, parts.length);
        if (strong) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F5F8' } };
      });
      line.height = lines * LINE_HEIGHT_PT + ROW_PAD_PT;
    });
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

/** A row of sums (or any values) under a table sheet's last row: bold, bordered, the label first. */
export function addTotalsRow(sheet: ExcelJS.Worksheet, values: readonly (string | number | null)[]): void {
  const row = sheet.getRow(sheet.rowCount + 1);
  const cells = [...values, ...Array<null>(Math.max(0, sheet.columnCount - values.length)).fill(null)];
  cells.forEach((v, k) => {
    const cell = row.getCell(k + 1);
    setValue(cell, v);
    cell.font = { ...BODY_FONT, bold: true };
    cell.alignment = { horizontal: typeof v === 'number' ? 'right' : 'center', vertical: 'top', wrapText: true };
    cell.border = BORDERS;
  });
  row.height = LINE_HEIGHT_PT + ROW_PAD_PT;
}

/** One line of a report sheet; fewer cells than columns: the last cell spans the rest. */
export interface ReportLine {
  cells: readonly (string | number | null)[];
  /** A header line: bold on a shaded fill. */
  header?: boolean;
  /** Where the cells start spanning; default one cell per column. */
  spans?: readonly number[];
}

export interface ReportBlock {
  /** The block's heading, a bold band across the page. */
  heading: string;
  lines: readonly ReportLine[];
}

export interface ReportSheet {
  name: string;
  title: string;
  subtitle?: string[];
  /** Column widths in characters; blocks lay their cells over these columns. */
  widths: readonly number[];
  blocks: readonly ReportBlock[];
  orientation?: 'landscape' | 'portrait';
}

/**
 * A print-ready sheet of headed blocks (a bulletin's front page: who was on duty, the figures,
 * key items): bordered cells over fixed columns, long text wrapped and rows as tall as it needs.
 * The title and subtitle repeat on every printed page and stay frozen on screen.
 */
export function addReportSheet(wb: ExcelJS.Workbook, spec: ReportSheet): ExcelJS.Worksheet {
  const sheet = wb.addWorksheet(spec.name);
  const n = spec.widths.length;
  sheet.columns = spec.widths.map((width) => ({ width }));
  const top = writeHeading(sheet, n, spec.title, spec.subtitle);
  let r = top;
  for (const block of spec.blocks) {
    r++;
    sheet.mergeCells(r, 1, r, n);
    const head = sheet.getCell(r, 1);
    setText(head, block.heading);
    head.font = { ...BODY_FONT, size: 12, bold: true };
    head.alignment = { horizontal: 'left', vertical: 'middle' };
    head.border = BORDERS;
    head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    sheet.getRow(r).height = 22;
    for (const line of block.lines) {
      const starts = line.spans ?? line.cells.map((_, k) => k + 1);
      const ranges = line.cells.map((_, k) => {
        const from = starts[k] ?? k + 1;
        return { from, to: k + 1 < line.cells.length ? (starts[k + 1] ?? k + 2) - 1 : n };
      });
      // A line taller than a page goes on over the lines under it (as a table's rows do).
      const parts = splitRow(line.cells, ranges.map(({ from, to }) => widthOf(sheet, from, to)));
      parts.forEach((cells, part) => {
        r++;
        let lines = 1;
        cells.forEach((v, k) => {
          const { from, to } = ranges[k]!;
          if (to > from) sheet.mergeCells(r, from, r, to);
          const cell = sheet.getCell(r, from);
          setValue(cell, v);
          cell.font = line.header ? { ...BODY_FONT, bold: true } : BODY_FONT;
          cell.alignment = { horizontal: line.header || typeof v === 'number' ? 'center' : 'left', vertical: parts.length > 1 ? 'top' : 'middle', wrapText: true };
          if (line.header) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
          for (let c = from; c <= to; c++) sheet.getCell(r, c).border = splitBorders(part, parts.length);
          if (typeof v === 'string') lines = Math.max(lines, linesNeeded(v, widthOf(sheet, from, to)));
        });
        sheet.getRow(r).height = lines * LINE_HEIGHT_PT + ROW_PAD_PT;
      });
    }
  }
  sheet.views = [{ state: 'frozen', ySplit: top, xSplit: 0 }];
  printSetup(sheet, spec.orientation ?? 'landscape', null);
  sheet.pageSetup.printTitlesRow = `1:${top}`;
  return sheet;
}

/**
 * The workbook's bytes, the same every time for the same content: the document dates are set to
 * `at` and every zip entry's DOS time stamp is set to it (JSZip stamps the time of writing), so
 * an issued bulletin exported twice gives identical files.
 */
export async function stableWorkbookBuffer(wb: ExcelJS.Workbook, at: Date): Promise<Buffer> {
  wb.created = at;
  wb.modified = at;
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const [time, date] = dosDateTime(at);
  // End of central directory: the last record, signature 0x06054b50.
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) return buf;
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let k = 0; k < entries && buf.readUInt32LE(p) === 0x02014b50; k++) {
    buf.writeUInt16LE(time, p + 12);
    buf.writeUInt16LE(date, p + 14);
    const local = buf.readUInt32LE(p + 42);
    if (buf.readUInt32LE(local) === 0x04034b50) {
      buf.writeUInt16LE(time, local + 10);
      buf.writeUInt16LE(date, local + 12);
    }
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return buf;
}

/** A DOS time and date (as zip files store them), from the instant's UTC fields. */
function dosDateTime(at: Date): [number, number] {
  const y = Math.min(Math.max(at.getUTCFullYear(), 1980), 2107);
  const time = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2);
  const date = ((y - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate();
  return [time, date];
}
