// Runs in Electron's main process and in plain Node. The checks every Excel import runs before a
// workbook is handed to ExcelJS: a size cap, the file's signature (random bytes, a renamed .txt,
// a PDF, an old .xls), and the zip's central directory read without inflating anything (a
// truncated download, a zip bomb, a zip that is not a workbook). And, after loading, the cell
// check every importer applies: a formula is refused, never evaluated or taken for its cached value.
// Each refusal is an AppError with an i18n key, raised before any write.
import { AppError } from '../../shared/api/app-error.js';

/** The largest workbook an import accepts (a month's roster or a day's reports is far below). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** The most the workbook's parts may inflate to, together. */
export const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;
/** A part inflating more than this many times its packed size is taken for a zip bomb. */
export const MAX_RATIO = 200;
const MAX_ENTRIES = 2000;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

export interface ZipEntry {
  name: string;
  packed: number;
  unpacked: number;
}

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
    const packed = buf.readUInt32LE(p + 20);
    const unpacked = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (packed === 0xffffffff || unpacked === 0xffffffff || local === 0xffffffff) return { ok: false, why: 'zip64' };
    // The part's data must lie inside the file: a cut-off download fails here, not in the inflater.
    if (local + 30 + packed > offset) return { ok: false, why: 'truncated' };
    entries.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), packed, unpacked });
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
  if (!zip.ok) throw new AppError('invalid_input', zip.why === 'truncated' ? 'import.truncated' : 'import.zipBomb');
  let total = 0;
  for (const e of zip.entries) {
    total += e.unpacked;
    if (total > MAX_UNZIPPED_BYTES || (e.unpacked > 1024 * 1024 && e.unpacked > e.packed * MAX_RATIO)) {
      throw new AppError('invalid_input', 'import.zipBomb');
    }
  }
  const names = new Set(zip.entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) throw new AppError('invalid_input', 'import.notXlsx');
}

/** Whether an ExcelJS cell value is a formula (plain or shared): importers refuse those cells. */
export function isFormula(value: unknown): boolean {
  return typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value);
}
