// Runs in Electron's main process and in plain Node. All SQL for the holiday calendar.
import type { CalendarEntry, CalendarFields } from '../../../shared/domain/roster/calendar.js';
import { statement, type Db } from '../connection.js';

interface Row {
  id: number;
  kind: CalendarEntry['kind'];
  name: string;
  from_day: string;
  to_day: string;
  leaders: number | null;
  officers: number | null;
  active: number;
  created_at: number;
}

const toEntry = (r: Row): CalendarEntry => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  from: r.from_day,
  to: r.to_day,
  leaders: r.leaders,
  officers: r.officers,
  active: r.active === 1,
  createdAt: r.created_at,
});

export function findEntry(db: Db, id: number): CalendarEntry | undefined {
  const r = statement(db, 'SELECT * FROM calendar_entries WHERE id = ?').get(id) as Row | undefined;
  return r && toEntry(r);
}

export function listEntries(db: Db, opts: { includeCancelled?: boolean; from?: string; to?: string } = {}): CalendarEntry[] {
  const where: string[] = [];
  const args: Record<string, unknown> = {};
  if (!opts.includeCancelled) where.push('active = 1');
  if (opts.from && opts.to) {
    where.push('from_day <= @to AND to_day >= @from');
    args.from = opts.from;
    args.to = opts.to;
  }
  const sql = `SELECT * FROM calendar_entries ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY from_day, id`;
  return (statement(db, sql).all(args) as Row[]).map(toEntry);
}

export function insertEntry(db: Db, f: CalendarFields, now: number): CalendarEntry {
  const info = statement(db,
      `INSERT INTO calendar_entries (kind, name, from_day, to_day, leaders, officers, active, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 1, ?)`,
    )
    .run(f.kind, f.name, f.from, f.to, f.leaders, f.officers, now);
  return findEntry(db, Number(info.lastInsertRowid))!;
}

export function cancelEntry(db: Db, id: number): CalendarEntry {
  statement(db, 'UPDATE calendar_entries SET active = 0 WHERE id = ?').run(id);
  return findEntry(db, id)!;
}
