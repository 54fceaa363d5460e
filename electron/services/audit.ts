// Runs in Electron's main process and in plain Node. The audit chain: every write appends one row
// in the same transaction; each row's hash covers the previous row's hash and its own fields, so a
// row changed, inserted or removed behind the app's back breaks the chain at that row.
import { createHash } from 'node:crypto';
import { statement, type Db } from '../db/connection.js';
import type { ServiceContext } from './context.js';

export const GENESIS_HASH = '0'.repeat(64);

/** A system clock this far behind the newest stamped entry is warned of and recorded. */
export const CLOCK_BEHIND_TOLERANCE_MS = 5 * 60 * 1000;

export interface AuditEntry {
  /** The contract method or CLI command that wrote. */
  method: string;
  entity: string;
  entityId: string | number | null;
  before: unknown;
  after: unknown;
}

export interface AuditRow {
  id: number;
  at: number;
  actor: string;
  method: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
  /** The room's seat the write came from (migration 0190); null or absent for the host itself and older rows. */
  seat?: string | null;
}

/** The row's hash: the seat is covered only when there is one, so rows written before seats keep their hashes. */
export function rowHash(prevHash: string, r: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  const fields: unknown[] = [r.id, r.at, r.actor, r.method, r.entity, r.entity_id, r.before, r.after];
  if (r.seat !== undefined && r.seat !== null) fields.push({ seat: r.seat });
  const body = JSON.stringify(fields);
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

const INSERT_ROW_SQL = `INSERT INTO audit_log (id, at, actor, method, entity, entity_id, before, after, prev_hash, hash, seat)
     VALUES (@id, @at, @actor, @method, @entity, @entity_id, @before, @after, @prev_hash, @hash, @seat)`;
const WRITE_HEAD_SQL = `INSERT INTO audit_head (one, last_id, last_hash) VALUES (1, ?, ?)
     ON CONFLICT(one) DO UPDATE SET last_id = excluded.last_id, last_hash = excluded.last_hash`;

function insertRow(db: Db, row: AuditRow): void {
  statement(db, INSERT_ROW_SQL).run({ ...row, seat: row.seat ?? null });
}

function readHead(db: Db): { lastId: number; prev: string } {
  const head = statement(db, 'SELECT last_id, last_hash FROM audit_head WHERE one = 1').get() as { last_id: number; last_hash: string } | undefined;
  return { lastId: head?.last_id ?? 0, prev: head?.last_hash ?? GENESIS_HASH };
}

/**
 * The newest instant stamped among the recent rows. Recent rows by id (a bounded read on the
 * primary key), because after a clock jump the last row is not the newest stamp.
 */
function newestStamp(db: Db): number | null {
  const r = statement(db, 'SELECT max(at) AS at FROM (SELECT at FROM audit_log ORDER BY id DESC LIMIT 200)').get() as { at: number | null };
  return r.at;
}

export interface ClockCheck {
  now: number;
  /** The newest instant stamped on the audit log, or null for an empty log. */
  lastStampedAt: number | null;
  /** True when the system clock is more than the tolerance behind that stamp. */
  behind: boolean;
}

/** Compares the system clock with the newest stamped entry (for the UI's warning). */
export function checkClock(ctx: Pick<ServiceContext, 'db' | 'now'>): ClockCheck {
  const now = ctx.now();
  const last = newestStamp(ctx.db);
  return { now, lastStampedAt: last, behind: last !== null && now < last - CLOCK_BEHIND_TOLERANCE_MS };
}

function auditRowOf(id: number, at: number, actor: string, entry: AuditEntry, seat: string | null = null): Omit<AuditRow, 'prev_hash' | 'hash'> {
  return {
    seat,
    id,
    at,
    actor,
    method: entry.method,
    entity: entry.entity,
    entity_id: entry.entityId === null ? null : String(entry.entityId),
    before: json(entry.before),
    after: json(entry.after),
  };
}

/** Appends one audit row. Call inside the write's transaction (inWriteTransaction). */
export function appendAudit(ctx: ServiceContext, entry: AuditEntry): void {
  const db = ctx.db;
  if (!db.inTransaction) throw new Error('appendAudit must run inside the write transaction');
  let { lastId, prev } = readHead(db);
  const at = ctx.now();
  const lastAt = lastId ? newestStamp(db) : null;
  if (lastAt !== null && at < lastAt - CLOCK_BEHIND_TOLERANCE_MS) {
    // The system clock went back (or was set back): keep both times on the record, then go on.
    const note = { id: lastId + 1, at, actor: ctx.actor, method: 'clock.behind', entity: 'clock', entity_id: null, before: JSON.stringify({ lastStampedAt: lastAt }), after: JSON.stringify({ systemNow: at, behindMs: lastAt - at, during: entry.method }), seat: ctx.seat ?? null };
    const noteHash = rowHash(prev, note);
    insertRow(db, { ...note, prev_hash: prev, hash: noteHash });
    lastId = note.id;
    prev = noteHash;
  }
  const row = auditRowOf(lastId + 1, at, ctx.actor, entry, ctx.seat ?? null);
  const hash = rowHash(prev, row);
  insertRow(db, { ...row, prev_hash: prev, hash });
  statement(db, WRITE_HEAD_SQL).run(row.id, hash);
}

/**
 * Many audit rows in one pass (the bulk demo): the same chain and the same hashes as appendAudit,
 * with the head read once and written once and one prepared insert. The caller stamps each row
 * and keeps them in time order; it must run inside one write transaction and call finish().
 */
export function auditAppender(db: Db, actor: string): { append(at: number, entry: AuditEntry): void; finish(): number } {
  if (!db.inTransaction) throw new Error('auditAppender must run inside the write transaction');
  let { lastId, prev } = readHead(db);
  const insert = statement(db, INSERT_ROW_SQL);
  let written = 0;
  return {
    append(at, entry) {
      const row = auditRowOf(lastId + 1, at, actor, entry);
      const hash = rowHash(prev, row);
      insert.run({ ...row, prev_hash: prev, hash });
      lastId = row.id;
      prev = hash;
      written++;
    },
    finish() {
      if (written) statement(db, WRITE_HEAD_SQL).run(lastId, prev);
      return written;
    },
  };
}

export type VerifyResult =
  | { ok: true; rows: number }
  | { ok: false; rows: number; badRow: number; reason: string };

export interface ChainOptions {
  /** Start after this row (already verified), whose hash is `fromHash`: the start check. */
  fromId?: number;
  fromHash?: string;
  /** Called every few thousand rows with the rows walked so far. */
  onRow?: (rows: number) => void;
}

/**
 * Walks the chain (from the start, or after a verified row) and checks it ends at audit_head.
 * Reads only; call inside a read transaction so rows and head are one snapshot (verifyAudit does).
 */
export function verifyChain(db: Db, opts: ChainOptions = {}): VerifyResult {
  let expectedId = (opts.fromId ?? 0) + 1;
  let prev = opts.fromId ? (opts.fromHash ?? GENESIS_HASH) : GENESIS_HASH;
  let count = opts.fromId ?? 0;
  const rows = db.prepare('SELECT * FROM audit_log WHERE id >= ? ORDER BY id').iterate(expectedId) as IterableIterator<AuditRow>;
  for (const r of rows) {
    count++;
    if (opts.onRow && count % 5000 === 0) opts.onRow(count);
    if (r.id !== expectedId) {
      const reason = r.id > expectedId ? `row ${expectedId} is missing (removed?)` : `row id ${r.id} is out of sequence`;
      return { ok: false, rows: count, badRow: expectedId, reason };
    }
    if (r.prev_hash !== prev) {
      return { ok: false, rows: count, badRow: r.id, reason: 'its link to the previous row does not match (a row before it was removed or replaced)' };
    }
    if (rowHash(prev, r) !== r.hash) {
      return { ok: false, rows: count, badRow: r.id, reason: 'its content does not match its hash (changed after it was written)' };
    }
    prev = r.hash;
    expectedId++;
  }
  opts.onRow?.(count);
  const head = statement(db, 'SELECT last_id, last_hash FROM audit_head WHERE one = 1').get() as
    | { last_id: number; last_hash: string }
    | undefined;
  const lastId = expectedId - 1;
  const headId = head?.last_id ?? 0;
  if (headId > lastId) {
    return { ok: false, rows: count, badRow: lastId + 1, reason: `row ${lastId + 1} and after are missing (removed from the end of the chain)` };
  }
  if (headId < lastId) {
    return { ok: false, rows: count, badRow: headId + 1, reason: 'it was added behind the app\'s back (after the recorded end of the chain)' };
  }
  if ((head?.last_hash ?? GENESIS_HASH) !== prev) {
    return { ok: false, rows: count, badRow: lastId, reason: 'it does not match the recorded end of the chain' };
  }
  return { ok: true, rows: count };
}

/**
 * Walks the whole chain in one read transaction: rows and head from one snapshot, so a write by
 * another process meanwhile is not mistaken for rows removed from the end. Reads only; safe on
 * a read-only connection. The seals of the record: electron/services/record-verify.ts.
 */
export function verifyAudit(db: Db, opts: Omit<ChainOptions, 'fromId' | 'fromHash'> = {}): VerifyResult {
  return db.transaction(() => verifyChain(db, opts))();
}

export function auditForEntity(db: Db, entity: string, entityId: string | number): AuditRow[] {
  return statement(db, 'SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id').all(entity, String(entityId)) as AuditRow[];
}
