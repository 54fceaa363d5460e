// Test helper (plain Node): zip files written by hand, for the hostile files an import must refuse.
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/** A part already deflated (built by `deflatedRepeat` without holding its inflated bytes). */
export interface PackedPart {
  packed: Buffer;
  size: number;
  crc: number;
}

/**
 * A plain zip (deflated entries), written by hand: the hostile files a workbook reader must refuse.
 * `stated` gives the inflated size each header claims (the real one by default): a zip whose
 * directory lies.
 */
export function zipOf(entries: [string, Buffer | PackedPart][], opts: { stated?: (name: string, real: number) => number } = {}): Buffer {
  const locals: Buffer[] = [];
  const dir: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const part = Buffer.isBuffer(data) ? { packed: deflateRawSync(data), size: data.length, crc: crc32(data) } : data;
    const { packed, crc } = part;
    const size = opts.stated ? opts.stated(name, part.size) : part.size;
    const n = Buffer.from(name);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(size, 22);
    head.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(head, n, packed);
    dir.push(central, n);
    offset += 30 + n.length + packed.length;
  }
  const dirBuf = Buffer.concat(dir);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBuf, end]);
}

/** The pieces one after another, deflated as one stream without ever holding them inflated. */
export async function deflated(pieces: Iterable<Buffer | string>): Promise<PackedPart> {
  const d = createDeflateRaw({ level: 6 });
  const out: Buffer[] = [];
  d.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise((resolve) => d.once('end', resolve));
  let crc = 0;
  let size = 0;
  let batch: Buffer[] = [];
  let batched = 0;
  const flush = async () => {
    const chunk = Buffer.concat(batch);
    batch = [];
    batched = 0;
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!d.write(chunk)) await new Promise((resolve) => d.once('drain', resolve));
  };
  for (const p of pieces) {
    const b = Buffer.isBuffer(p) ? p : Buffer.from(p);
    batch.push(b);
    batched += b.length;
    if (batched >= 4 * 1024 * 1024) await flush();
  }
  await flush();
  d.end();
  await ended;
  return { packed: Buffer.concat(out), size, crc: crc >>> 0 };
}

/** `piece` `times` over (a zip bomb's part), in blocks of a few MB. */
export function* repeated(piece: Buffer, times: number): Generator<Buffer> {
  const per = Math.max(1, Math.floor((4 * 1024 * 1024) / piece.length));
  const block = Buffer.concat(Array.from({ length: per }, () => piece));
  for (let left = times; left > 0; left -= per) yield left >= per ? block : block.subarray(0, left * piece.length);
}

/** The smallest parts ExcelJS reads as a workbook with one sheet `name`, whose XML is `sheetXml`. */
export function workbookParts(sheetXml: Buffer | PackedPart, name = 'Sheet1'): [string, Buffer | PackedPart][] {
  const b = (s: string) => Buffer.from(s);
  return [
    ['[Content_Types].xml', b('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')],
    ['_rels/.rels', b('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')],
    ['xl/workbook.xml', b(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`)],
    ['xl/_rels/workbook.xml.rels', b('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')],
    ['xl/worksheets/sheet1.xml', sheetXml],
  ];
}

export const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_TAIL = '</sheetData></worksheet>';

/** A zip whose directory says its sheet inflates to 2 KB; it inflates to `mb` MB (blanks inside the sheet's data). */
export async function lyingBomb(mb: number): Promise<Buffer> {
  const sheet = await deflated([SHEET_HEAD, ...repeated(Buffer.alloc(64, ' '), (mb * 1024 * 1024) / 64), SHEET_TAIL]);
  return zipOf(workbookParts(sheet), { stated: (name, real) => (name.endsWith('sheet1.xml') ? 2048 : real) });
}

/** A sheet of `rows` numbered rows of one number each: ~40 MB inflated, a few MB packed, within every size cap. */
export async function manyRows(rows: number): Promise<Buffer> {
  function* body() {
    for (let r = 1; r <= rows; r++) yield `<row r="${r}"><c><v>${r}</v></c></row>`;
  }
  return zipOf(workbookParts(await deflated([SHEET_HEAD, ...body(), SHEET_TAIL])));
}
