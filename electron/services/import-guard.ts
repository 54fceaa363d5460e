// Runs in Electron's main process, in plain Node and in the import worker (import-worker.ts). The
// checks every Excel import runs before a workbook is handed to ExcelJS: a size cap, the file's
// signature (random bytes, a renamed .txt, a PDF, an old .xls), and the zip's central directory
// read without inflating anything (a truncated download, a zip bomb, a zip that is not a workbook).
// Then, in the worker, every part is inflated once as a stream and its real bytes counted, never
// trusting the sizes the zip states (a directory may lie), with the sheets' rows and cells counted
// as they stream past; a file over any cap is refused before ExcelJS holds a byte of it. And, after
// loading, the cell check every importer applies: a formula is refused, never evaluated or taken
// for its cached value. Each refusal is an AppError with an i18n key, raised before any write.
import { createInflateRaw } from 'node:zlib';
import { AppError } from '../../shared/api/app-error.js';

/** The largest workbook an import accepts (a month's roster or a day's reports is far below). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** The most the workbook's parts may inflate to, together. */
export const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;
/** A part inflating more than this many times its packed size is taken for a zip bomb. */
export const MAX_RATIO = 200;
const MAX_ENTRIES = 2000;
/** Rows over all sheets: a month's roster is ~100, a day's reports from every unit a few hundred. */
export const MAX_ROWS = 20_000;
/** Cells (and shared strings) over all sheets. */
export const MAX_CELLS = 400_000;

const LOCAL = 0x04034b50;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

export interface ZipEntry {
  name: string;
  packed: number;
  /** As the directory states it: a hostile file may lie; scanWorkbook counts the real bytes. */
  unpacked: number;
  /** 0 stored, 8 deflated; a workbook uses nothing else. */
  method: number;
  /** Where the part's local header starts. */
  local: number;
}

const tooBig = () => new AppError('invalid_input', 'import.zipBomb', { max: MAX_UNZIPPED_BYTES / 1024 / 1024 });
const damaged = () => new AppError('invalid_input', 'import.damaged');

const startsWith = (b: Buffer, bytes: number[]) => bytes.every((x, i) => b[i] === x);

/** The central directory's entries, or why the bytes are not a whole zip. Reads only; inflates nothing. */
export function zipEntries(buf: Buffer): { ok: true; entries: ZipEntry[] } | { ok: false; why: 'truncated' | 'zip64' | 'tooManyEntries' } {
  // The end record is in the last 22 + 65535 bytes (it may be followed by a comment).
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return { ok: false, why: 'truncated' };
  const count = buf.readUInt16LE(end + 10);
  const size = buf.readUInt32LE(end + 12);
  const offset = buf.readUInt32LE(end + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) return { ok: false, why: 'zip64' };
  if (count > MAX_ENTRIES) return { ok: false, why: 'tooManyEntries' };
  if (offset + size > end) return { ok: false, why: 'truncated' };
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > end || buf.readUInt32LE(p) !== CENTRAL) return { ok: false, why: 'truncated' };
    const method = buf.readUInt16LE(p + 10);
    const packed = buf.readUInt32LE(p + 20);
    const unpacked = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (packed === 0xffffffff || unpacked === 0xffffffff || local === 0xffffffff) return { ok: false, why: 'zip64' };
    // The part's data must lie inside the file: a cut-off download fails here, not in the inflater.
    if (local + 30 + packed > offset) return { ok: false, why: 'truncated' };
    entries.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), packed, unpacked, method, local });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { ok: true, entries };
}

/**
 * Refuses, before any parsing, what cannot be a workbook to import: too large, not a zip (with the
 * kind named when it is a PDF or an old .xls), cut off, a zip bomb, or a zip without a workbook.
 */
export function assertXlsx(buf: Buffer, maxBytes = MAX_IMPORT_BYTES): void {
  if (buf.length > maxBytes) throw new AppError('invalid_input', 'import.tooLarge', { max: Math.floor(maxBytes / 1024 / 1024) });
  if (buf.length < 22) throw new AppError('invalid_input', 'import.notXlsx');
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46])) throw new AppError('invalid_input', 'import.isPdf');
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) throw new AppError('invalid_input', 'import.isOldXls');
  if (!startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) throw new AppError('invalid_input', 'import.notXlsx');
  const zip = zipEntries(buf);
  if (!zip.ok) throw new AppError('invalid_input', zip.why === 'truncated' ? 'import.truncated' : 'import.zipBomb', { max: MAX_UNZIPPED_BYTES / 1024 / 1024 });
  let total = 0;
  for (const e of zip.entries) {
    total += e.unpacked;
    if (total > MAX_UNZIPPED_BYTES || (e.unpacked > 1024 * 1024 && e.unpacked > e.packed * MAX_RATIO)) {
      throw tooBig();
    }
  }
  const names = new Set(zip.entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) throw new AppError('invalid_input', 'import.notXlsx');
  if (zip.entries.some((e) => e.name.startsWith('xl/externalLinks/'))) throw new AppError('invalid_input', 'import.externalLinks');
}


// Tags counted as a sheet streams past (SpreadsheetML, with or without a namespace prefix).
const ROW_TAG = /<(?:\w+:)?row[\s>/]/g;
const CELL_TAG = /<(?:\w+:)?(?:c|si)[\s>/]/g;
const CARRY = 16;

/** Counts `re`'s matches in `text` that end past `from` (those before were counted with the previous chunk). */
function countFrom(re: RegExp, text: string, from: number): number {
  let n = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) if (m.index + m[0].length > from) n++;
  return n;
}

export interface WorkbookScan {
  /** The real inflated bytes of every part together. */
  unpacked: number;
  rows: number;
  cells: number;
}

/**
 * Inflates every part of `buf` once, as a stream whose output is counted and dropped (memory stays
 * at a chunk whatever the file claims), and refuses: more than MAX_UNZIPPED_BYTES in all or a part
 * over MAX_RATIO times its packed size (a zip bomb, whatever its directory states), a part whose
 * real size differs from the stated one or that does not inflate (damaged), more than MAX_ROWS
 * rows or MAX_CELLS cells in the sheets and shared strings. Run after assertXlsx.
 */
export async function scanWorkbook(buf: Buffer): Promise<WorkbookScan> {
  const zip = zipEntries(buf);
  if (!zip.ok) throw new AppError('invalid_input', zip.why === 'truncated' ? 'import.truncated' : 'import.zipBomb', { max: MAX_UNZIPPED_BYTES / 1024 / 1024 });
  const scan: WorkbookScan = { unpacked: 0, rows: 0, cells: 0 };
  for (const e of zip.entries) {
    if (e.local + 30 > buf.length || buf.readUInt32LE(e.local) !== LOCAL) throw damaged();
    const start = e.local + 30 + buf.readUInt16LE(e.local + 26) + buf.readUInt16LE(e.local + 28);
    if (start + e.packed > buf.length) throw damaged();
    const data = buf.subarray(start, start + e.packed);
    const counted = /^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/.test(e.name);
    let size = 0;
    let carry = '';
    const take = (chunk: Buffer) => {
      size += chunk.length;
      scan.unpacked += chunk.length;
      if (scan.unpacked > MAX_UNZIPPED_BYTES || (size > 1024 * 1024 && size > e.packed * MAX_RATIO)) throw tooBig();
      if (!counted) return;
      const text = carry + chunk.toString('latin1');
      scan.rows += countFrom(ROW_TAG, text, carry.length);
      scan.cells += countFrom(CELL_TAG, text, carry.length);
      carry = text.slice(-CARRY);
      if (scan.rows > MAX_ROWS) throw new AppError('invalid_input', 'import.tooManyRows', { max: MAX_ROWS });
      if (scan.cells > MAX_CELLS) throw new AppError('invalid_input', 'import.tooManyCells', { max: MAX_CELLS });
    };
    if (e.method === 0) take(data);
    else if (e.method === 8) await inflateCounted(data, take);
    else throw damaged();
    if (size !== e.unpacked) throw damaged();
  }
  return scan;
}

/** Feeds `data`'s inflated chunks to `take` (which may throw to stop); keeps none of them. */
function inflateCounted(data: Buffer, take: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      inflater.destroy();
      reject(e instanceof AppError ? e : damaged());
    };
    inflater.on('data', (chunk: Buffer) => {
      try {
        take(chunk);
      } catch (e) {
        fail(e);
      }
    });
    inflater.on('error', fail);
    inflater.on('end', () => failed || resolve());
    inflater.end(data);
  });
}

/** Whether an ExcelJS cell value is a formula (plain or shared): importers refuse those cells. */
export function isFormula(value: unknown): boolean {
  return typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value);
}
