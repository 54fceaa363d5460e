// Runs in Electron's main process and in plain Node. All SQL for units.
import type { Unit, UnitFields } from '../../../shared/domain/unit.js';
import { statement, type Db } from '../connection.js';

interface UnitRow {
  id: number;
  name: string;
  kind: Unit['kind'];
  duty_phone: string;
  fax: string;
  contact_name: string;
  contact_title: string;
  contact_phone: string;
  address: string;
  notes: string;
  aliases: string;
  active: number;
  created_at: number;
  updated_at: number;
}

const toUnit = (r: UnitRow): Unit => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  dutyPhone: r.duty_phone,
  fax: r.fax,
  contactName: r.contact_name,
  contactTitle: r.contact_title,
  contactPhone: r.contact_phone,
  address: r.address,
  notes: r.notes,
  aliases: JSON.parse(r.aliases) as string[],
  active: r.active === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const params = (f: UnitFields) => ({
  name: f.name,
  kind: f.kind,
  duty_phone: f.dutyPhone,
  fax: f.fax,
  contact_name: f.contactName,
  contact_title: f.contactTitle,
  contact_phone: f.contactPhone,
  address: f.address,
  notes: f.notes,
  aliases: JSON.stringify(f.aliases ?? []),
});

/** LIKE with the user's text taken literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function findUnit(db: Db, id: number): Unit | undefined {
  const r = statement(db, 'SELECT * FROM units WHERE id = ?').get(id) as UnitRow | undefined;
  return r && toUnit(r);
}

export function findUnitByName(db: Db, name: string): Unit | undefined {
  const r = statement(db, 'SELECT * FROM units WHERE name = ?').get(name) as UnitRow | undefined;
  return r && toUnit(r);
}

export function listUnits(db: Db, opts: { query?: string | undefined; includeInactive?: boolean | undefined }): Unit[] {
  const where: string[] = [];
  const args: Record<string, unknown> = {};
  if (!opts.includeInactive) where.push('active = 1');
  if (opts.query) {
    where.push(
      `(name LIKE @q ESCAPE '\\' OR duty_phone LIKE @q ESCAPE '\\' OR contact_name LIKE @q ESCAPE '\\'
        OR contact_phone LIKE @q ESCAPE '\\' OR address LIKE @q ESCAPE '\\')`,
    );
    args.q = likePattern(opts.query);
  }
  const sql = `SELECT * FROM units ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY active DESC, kind, name`;
  return (statement(db, sql).all(args) as UnitRow[]).map(toUnit);
}

export function insertUnit(db: Db, f: UnitFields, now: number): Unit {
  const info = statement(db,
      `INSERT INTO units (name, kind, duty_phone, fax, contact_name, contact_title, contact_phone, address, notes, aliases, active, created_at, updated_at)
       VALUES (@name, @kind, @duty_phone, @fax, @contact_name, @contact_title, @contact_phone, @address, @notes, @aliases, 1, @now, @now)`,
    )
    .run({ ...params(f), now });
  return findUnit(db, Number(info.lastInsertRowid))!;
}

export function updateUnitRow(db: Db, id: number, f: UnitFields, now: number): Unit {
  statement(db,
    `UPDATE units SET name = @name, kind = @kind, duty_phone = @duty_phone, fax = @fax, contact_name = @contact_name,
       contact_title = @contact_title, contact_phone = @contact_phone, address = @address, notes = @notes, aliases = @aliases, updated_at = @now
     WHERE id = @id`,
  ).run({ ...params(f), now, id });
  return findUnit(db, id)!;
}

export function setUnitActive(db: Db, id: number, active: boolean, now: number): Unit {
  statement(db, 'UPDATE units SET active = ?, updated_at = ? WHERE id = ?').run(active ? 1 : 0, now, id);
  return findUnit(db, id)!;
}
