// Runs in Electron's main process and in plain Node. The one defensive way this app reads an Excel
// file a person hands it (the roster, the daily reports): refuse what is not a workbook quickly and
// clearly before ExcelJS unpacks it (too large, truncated, not a zip, a zip that unpacks to far
// more than it weighs, a zip without a workbook), read cells as text, find the header row, and
// collect every cell problem (row, column, what is wrong) so an import is all-or-nothing.
import ExcelJS from 'exceljs';
import { AppError } from '../../shared/api/app-error.js';
import type { MessageKey } from '../../shared/i18n/index.js';

/** Largest file accepted: a year of daily reports from hundreds of units is well under 1 MB. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Largest total the zip may unpack to (a zip bomb unpacks to far more). */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 2000;

export type WorkbookRefusal = 'tooLarge' | 'truncated' | 'notExcel' | 'bomb';

/**
 * Checks the zip's structure from its central directory, without unpacking anything: the file is
 * a zip (PK signature), complete (the end record and the whole directory are there), holds
 * xl/workbook.xml, and does not unpack to more than MAX_UNPACKED_BYTES.
 */
export function checkWorkbookZip(buf: Buffer): WorkbookRefusal | null {
  if (buf.length > MAX_IMPORT_BYTES) return 'tooLarge';
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) return buf.length >= 4 && buf.readUInt16LE(0) === 0x4b50 ? 'truncated' : 'notExcel';
  // The end-of-central-directory record: in the last 22 + 65535 bytes (a comment may follow it).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return 'truncated';
  const entries = buf.readUInt16LE(eocd + 10);
  const dirSize = buf.readUInt32LE(eocd + 12);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || dirOffset === 0xffffffff) return 'notExcel'; // zip64: no workbook is that big
  if (dirOffset + dirSize > eocd || entries > MAX_ZIP_ENTRIES) return entries > MAX_ZIP_ENTRIES ? 'bomb' : 'truncated';
  let p = dirOffset;
  let unpacked = 0;
  let hasWorkbook = false;
  for (let k = 0; k < entries; k++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== 0x02014b50) return 'truncated';
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (localOffset + 30 + compressed > dirOffset) return 'truncated';
    unpacked += size;
    if (unpacked > MAX_UNPACKED_BYTES) return 'bomb';
    if (name === 'xl/workbook.xml') hasWorkbook = true;
    p += 46 + nameLen + extraLen + commentLen;
  }
  return hasWorkbook ? null : 'notExcel';
}

const REFUSAL_KEYS: Record<WorkbookRefusal, MessageKey> = {
  tooLarge: 'excelImport.tooLarge',
  truncated: 'excelImport.truncated',
  notExcel: 'excelImport.notExcel',
  bomb: 'excelImport.bomb',
};

/** Loads a workbook after the structural checks; a refusal comes back as an AppError to show. */
export async function loadWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const refusal = checkWorkbookZip(buf);
  if (refusal) throw new AppError('invalid_input', REFUSAL_KEYS[refusal], { maxMb: MAX_IMPORT_BYTES / 1024 / 1024, sizeMb: (buf.length / 1024 / 1024).toFixed(1) });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError('invalid_input', 'excelImport.notExcel');
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
