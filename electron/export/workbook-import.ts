// Runs in the import worker (services/import-worker.ts) and in plain Node. How this app reads an
// Excel file a person hands it (the roster, the daily reports), once services/import-guard.ts let
// it through: read cells as text, find the header row, and collect every cell problem (row,
// column, what is wrong) so an import is all-or-nothing.
import ExcelJS from 'exceljs';
import { AppError } from '../../shared/api/app-error.js';
import type { MessageKey } from '../../shared/i18n/index.js';

/**
 * Loads a workbook that import-guard's assertXlsx and scanWorkbook passed (so its parts inflate to
 * what they state, within the caps); runs in the import worker. A zip ExcelJS cannot read is damaged.
 */
export async function loadWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError('invalid_input', 'import.damaged');
  }
  return wb;
}

/** True for a formula cell (shared formulas included): imports refuse them, whatever they show. */
export function isFormula(v: ExcelJS.CellValue): boolean {
  return typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v);
}

/** A cell as text: rich text joined, a hyperlink's text, a formula's cached result, trimmed. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v).trim();
}

/** The first of the top ten rows holding every required header: its number and column by header. */
export function findHeaderRow(ws: ExcelJS.Worksheet, required: readonly string[]): { row: number; columns: Map<string, number> } | null {
  for (let r = 1; r <= Math.min(ws.rowCount, 10); r++) {
    const found = new Map<string, number>();
    ws.getRow(r).eachCell((cell, c) => found.set(cellText(cell.value), c));
    if (required.every((h) => found.has(h))) return { row: r, columns: found };
  }
  return null;
}

const MAX_LISTED = 30;

/** Every problem of an import, each naming its row and column; thrown together or not at all. */
export class ImportProblems {
  readonly lines: string[] = [];
  constructor(private readonly cell: (row: number, column: string, message: string) => string) {}
  at(row: number, column: string, message: string): void {
    this.lines.push(this.cell(row, column, message));
  }
  get count(): number {
    return this.lines.length;
  }
  /** Throws the listed problems (the first 30, then how many more) under `key`, if there are any. */
  throwIfAny(key: MessageKey, more: (count: number) => string): void {
    if (this.lines.length === 0) return;
    const listed = this.lines.slice(0, MAX_LISTED).join('\n');
    const rest = this.lines.length > MAX_LISTED ? '\n' + more(this.lines.length - MAX_LISTED) : '';
    throw new AppError('invalid_input', key, { count: this.lines.length, details: listed + rest });
  }
}
