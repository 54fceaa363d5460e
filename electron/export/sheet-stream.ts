// Runs in Electron's main process, in a worker thread and in plain Node. The sheet kit's table,
// streamed: for exports too large to hold as a workbook in memory (a year's incident log is tens of
// thousands of rows). ExcelJS's streaming WorkbookWriter writes each row to the file as it is
// committed, so memory stays flat whatever the row count. It looks like addTableSheet's table
// (title, frozen header repeated on every printed page, borders, CJK font, A4 fit to width) and
// takes the same Column description; typed text stays text. Styles are set once per column, not
// per cell, so the cost per row is ExcelJS's own.
import ExcelJS from 'exceljs';
import { BODY_FONT, BORDERS, a4PageSetup, asText, linesNeeded, printSetup, writeHeaderRow, type Column } from './sheet-kit.js';

const LINE_HEIGHT_PT = 14.5;

export interface StreamTable<Row> {
  name: string;
  title: string;
  subtitle?: string[];
  columns: Column<Row>[];
  rows: Iterable<Row> | AsyncIterable<Row>;
  orientation?: 'landscape' | 'portrait';
  emptyText?: string;
  /** Columns whose long text wraps and sets the row height (others are kept to one line). */
  wrapColumns?: number[];
}

function cellValue(v: string | number | null): ExcelJS.CellValue {
  if (v === null) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return asText(v);
}

/** A streamed table's sheet with its head written: data rows are added under it. */
export interface OpenStreamTable {
  wb: ExcelJS.stream.xlsx.WorkbookWriter;
  sheet: ExcelJS.Worksheet;
  /** One style object per column, shared by every data cell of the column. */
  styles: Partial<ExcelJS.Style>[];
  /** Per column: whether its long text wraps and sets the row height. */
  wraps: boolean[];
  headerRow: number;
}

/** Opens the workbook at `filename` and writes the table's title, subtitle and header rows. */
export function openStreamTable<Row>(filename: string, spec: Omit<StreamTable<Row>, 'rows'>, meta: { creator: string; created: Date }): OpenStreamTable {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useStyles: true, useSharedStrings: false });
  wb.creator = meta.creator;
  wb.created = meta.created;
  // The streaming writer writes the views and the fit-to-page flag as it creates the sheet, so
  // they are given here (set afterwards, fitToPage was lost: LibreOffice and Excel printed the
  // year log at 100 %, two pages wide); the rest of the page setup is written at the end.
  const headerRow = 2 + (spec.subtitle?.length ?? 0);
  const orientation = spec.orientation ?? 'landscape';
  const sheet = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }], pageSetup: a4PageSetup(orientation, headerRow) });
  printSetup(sheet, orientation, headerRow);
  centreOnPage(sheet);
  const n = spec.columns.length;
  const wrap = new Set(spec.wrapColumns ?? []);
  const wraps = spec.columns.map((_, k) => wrap.has(k));
  sheet.columns = spec.columns.map((c) => ({ width: c.width }));
  // One style object per column, shared by every cell: ExcelJS maps a style object it has seen
  // to its id without rendering it again (per-cell copies cost ten times the writing itself).
  const styles: Partial<ExcelJS.Style>[] = spec.columns.map((c, k) => ({
    font: BODY_FONT,
    border: BORDERS,
    alignment: { horizontal: c.align ?? 'left', vertical: 'top', wrapText: wraps[k] },
  }));
  let r = 1;
  const title = sheet.getRow(r);
  title.getCell(1).value = asText(spec.title);
  title.getCell(1).font = { ...BODY_FONT, size: 16, bold: true };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 28;
  sheet.mergeCells(r, 1, r, n);
  title.commit();
  for (const line of spec.subtitle ?? []) {
    r++;
    const row = sheet.getRow(r);
    row.getCell(1).value = asText(line);
    row.getCell(1).font = BODY_FONT;
    sheet.mergeCells(r, 1, r, n);
    row.commit();
  }
  r++;
  const head = sheet.getRow(r);
  writeHeaderRow(head, spec.columns);
  head.commit();
  return { wb, sheet, styles, wraps, headerRow };
}

/**
 * ExcelJS's streaming writer (4.4.0, pinned) writes no <printOptions>, so the table printed against
 * the left margin where addTableSheet's is centred. It goes where the schema wants it, just before
 * <pageMargins> (test/services/year-log-export.test.ts reads it back).
 */
function centreOnPage(sheet: ExcelJS.Worksheet): void {
  const writer = sheet as unknown as { _writePageMargins(): void; stream: { write(xml: string): void } };
  const margins = writer._writePageMargins.bind(writer);
  writer._writePageMargins = () => {
    writer.stream.write('<printOptions horizontalCentered="1"/>');
    margins();
  };
}

const UNSEEN = Symbol('unseen');

/**
 * Makes the function that puts one data row's cell values (typed text stays text) into `values`
 * and returns the row's height in points when its wrapped text needs more than one line, else
 * undefined (the default height). A value equal to the one above it in its column (an incident's
 * fields on each of its reports, a repeated category) is taken from that row, not checked again.
 */
export function streamRowValues<Row>(columns: readonly Column<Row>[], wraps: readonly boolean[]): (item: Row, values: ExcelJS.CellValue[]) => number | undefined {
  const n = columns.length;
  const above: unknown[] = new Array(n).fill(UNSEEN);
  const aboveCell: ExcelJS.CellValue[] = new Array(n).fill(null);
  const aboveLines: number[] = new Array(n).fill(1);
  return (item, values) => {
    let lines = 1;
    for (let k = 0; k < n; k++) {
      const c = columns[k]!;
      const v = c.value(item);
      if (v !== above[k]) {
        above[k] = v;
        aboveCell[k] = cellValue(v);
        // Text of at most width/2 characters is taken to fit one line (not measured).
        aboveLines[k] = wraps[k] && typeof v === 'string' && v.length * 2 > c.width ? linesNeeded(v, c.width) : 1;
      }
      values[k] = aboveCell[k];
      if (aboveLines[k]! > lines) lines = aboveLines[k]!;
    }
    return lines > 1 ? lines * LINE_HEIGHT_PT : undefined;
  };
}

/** Streams one print-ready table sheet to `filename`; returns the number of data rows. */
export async function streamTableWorkbook<Row>(filename: string, spec: StreamTable<Row>, meta: { creator: string; created: Date }): Promise<number> {
  const { wb, sheet, styles, wraps, headerRow } = openStreamTable(filename, spec, meta);
  const n = spec.columns.length;
  let count = 0;
  const values: ExcelJS.CellValue[] = new Array(n);
  const rowValues = streamRowValues(spec.columns, wraps);
  const writeRow = (item: Row) => {
    const height = rowValues(item, values);
    const row = sheet.addRow(values);
    for (let k = 0; k < n; k++) row.getCell(k + 1).style = styles[k]!;
    if (height !== undefined) row.height = height;
    row.commit();
  };
  // Let the file stream drain now and then, so rows do not pile up in memory.
  const drain = () => new Promise((resolve) => setImmediate(resolve));
  // Rows from a plain iterable (a database cursor) are read without a promise per row.
  if (Symbol.asyncIterator in spec.rows) {
    for await (const item of spec.rows) {
      writeRow(item);
      if ((++count & 1023) === 0) await drain();
    }
  } else {
    for (const item of spec.rows) {
      writeRow(item);
      if ((++count & 1023) === 0) await drain();
    }
  }
  if (count === 0 && spec.emptyText) {
    const r = headerRow + 1;
    const row = sheet.getRow(r);
    row.getCell(1).value = asText(spec.emptyText);
    row.getCell(1).font = { ...BODY_FONT, italic: true };
    sheet.mergeCells(r, 1, r, n);
    row.commit();
  }
  await sheet.commit();
  await wb.commit();
  return count;
}
