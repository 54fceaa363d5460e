// Runs in Electron's main process and in plain Node. The seals of the record: every row of every
// ordinary table (bar the short list in LEFT_OUT) carries a keyed MAC (HMAC-SHA-256, 128 bits) of
// its content in `seals`, and one checkpoint row carries a keyed MAC over the audit chain's head,
// the seals' count, digest and highest id per table, and the schema version. The key lives outside
// the database (electron/db/seal-keys.ts), so a person with the file alone can change a row, or
// cut the audit log's tail and recompute its chain, but cannot make the seals agree.
//
// How the app's writes are sealed: the app's own connection has TEMP triggers (invisible to any
// other connection, so edits through sqlite3 do not fire them) that note each changed row's key,
// and keep a copy of the row as it was before the transaction first touched it. At the end of the
// write transaction (sealPending, called by inWriteTransaction) each noted row is resealed, after
// its old copy is checked against its old seal: a row changed behind the app's back and then
// written by the app is recorded in `seal_findings` (itself sealed), never silently resealed.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import { statement } from './connection.js';
import { KeyRing, type SealKey } from './seal-keys.js';

type Db = Database.Database;

/**
 * The tables not sealed row by row, and why. Every other ordinary table of the database is sealed,
 * including tables added by later migrations, without anyone listing them. A virtual table cannot
 * carry triggers, so each must be listed here (test/db/seals.test.ts checks that none is missing);
 * its shadow tables go with it.
 */
export const LEFT_OUT: Readonly<Record<string, string>> = {
  seals: 'the seals themselves: the checkpoint carries their count, digest and highest id per table',
  seal_checkpoint: 'carries its own MAC',
  incidents_fts: 'search index derived from incidents and reports (trigram); verify recomputes every row of it',
  incidents_grams:
    'search index of 1-2 character runs derived from the same text (contentless, cannot be read back); only decides which incidents a short search finds, never what is shown',
  request_keys:
    "the seats' retry keys (Idempotency-Key) and their first answers: transport bookkeeping, not the record; the write each guards is sealed and on the audit chain, and keys are pruned after 7 days",
};

export const SEAL_SCHEMA_VERSION = 160;

/** A row of the record that does not match its seal. */
export interface SealProblem {
  table: string;
  /** The row's key (its id), or null for a problem of the whole table or checkpoint. */
  id: string | null;
  kind: 'changed' | 'inserted' | 'removed' | 'table' | 'checkpoint' | 'finding' | 'index' | 'key';
  detail: string;
}

export class SealKeyMissingError extends Error {
  constructor(
    readonly keyId: string,
    readonly where: string,
  ) {
    super(
      `This database is sealed with key ${keyId}, which is not in ${where}. Its record cannot be verified and nothing is written ` +
        "until that key is imported (`duty audit key import FILE`, or Settings → 审计封印 → 导入密钥).",
    );
    this.name = 'SealKeyMissingError';
  }
}

export interface TableInfo {
  name: string;
  cols: string[];
  /** SQL of the row's key over a prefix ('' | 'NEW.' | 'OLD.'). */
  key: (prefix: string) => string;
  /** WHERE clause finding the row by the bound key (@k). */
  where: string;
  /** The condition that a row of alias `r` has the key `k` (an SQL expression). */
  on: (r: string, k: string) => string;
  /** Whether keys are integers (the ids of most tables), so a removed one can be named from a gap. */
  intKey: boolean;
}

export interface Checkpoint {
  keyId: string;
  seq: number;
  auditId: number;
  auditHash: string;
  schemaVersion: number;
  /** Per table: [seals, digest (hex XOR of their MACs), highest integer key or null]. */
  tables: Record<string, [number, string, number | null]>;
  verifiedSeq: number;
  verifiedAuditId: number;
  mac: Buffer;
}

export type SealMode = 'sealed' | 'key-missing' | 'unsealed';

export interface SealState {
  mode: SealMode;
  key: SealKey | null;
  ring: KeyRing;
  /** The file, for the key ring's memory of what it sealed (null for :memory:). */
  path: string | null;
  tables: Map<string, TableInfo>;
  /** Why the database was found stripped of its seals or rolled back at opening, if it was. */
  openProblems: SealProblem[];
  /** Findings recorded by this connection since it opened (a row tampered with, then written). */
  newFindings: number;
  /** Rows to seal at the next seal without checking them against a seal (a key import names them on the chain). */
  unchecked?: Set<string>;
}

const STATES = new WeakMap<Db, SealState>();

export function sealStateOf(db: Db): SealState | null {
  return STATES.get(db) ?? null;
}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

function hasSealSchema(db: Db): boolean {
  return !!statement(db, "SELECT 1 FROM main.sqlite_schema WHERE type = 'table' AND name = 'seal_checkpoint'").get();
}

/** The sealed tables of the current schema (every ordinary table not left out), with their keys. */
export function sealedTables(db: Db): Map<string, TableInfo> {
  const list = db.prepare("SELECT name, type, wr FROM pragma_table_list WHERE schema = 'main' ORDER BY name").all() as { name: string; type: string; wr: number }[];
  const out = new Map<string, TableInfo>();
  for (const t of list) {
    if (t.type !== 'table' || t.name.startsWith('sqlite_') || t.name in LEFT_OUT) continue;
    const info = db.prepare('SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid').all(t.name) as { name: string; type: string; pk: number }[];
    const cols = info.map((c) => c.name);
    const pks = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    let key: (p: string) => string;
    let on: (r: string, k: string) => string;
    let intKey = false;
    if (pks.length === 1) {
      const c = q(pks[0]!.name);
      key = (p) => `${p}${c}`;
      on = (r, k) => `${r}${c} = ${k}`;
      intKey = pks[0]!.type.toUpperCase() === 'INTEGER' && !t.wr;
    } else if (pks.length > 1) {
      key = (p) => `json_array(${pks.map((c) => `${p}${q(c.name)}`).join(', ')})`;
      on = (r, k) => pks.map((c, i) => `${r}${q(c.name)} = json_extract(${k}, '$[${i}]')`).join(' AND ');
    } else {
      key = (p) => `${p}rowid`;
      on = (r, k) => `${r}rowid = ${k}`;
      intKey = true;
    }
    out.set(t.name, { name: t.name, cols, key, where: on('', '@k'), on, intKey });
  }
  return out;
}

/** Virtual tables that are neither sealed nor listed in LEFT_OUT (a schema no one decided about). */
export function unlistedVirtualTables(db: Db): string[] {
  const list = db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'virtual'").all() as { name: string }[];
  return list.map((r) => r.name).filter((n) => !(n in LEFT_OUT));
}

// ---- the MAC of a row -------------------------------------------------------------------------

/** One value, typed and unambiguous (integers read as BigInt, so 1 and 1.0 differ). */
function enc(v: unknown): string {
  if (v === null) return 'n';
  if (typeof v === 'bigint') return `i${v}`;
  if (typeof v === 'number') return `r${Object.is(v, -0) ? '-0' : String(v)}`;
  if (typeof v === 'string') return `s${v.length}:${v}`;
  if (Buffer.isBuffer(v)) return `b${v.toString('hex')}`;
  return `?${String(v)}`;
}

export function rowMac(key: SealKey, t: TableInfo, k: unknown, values: readonly unknown[]): Buffer {
  let text = `row\u0000${t.name}\u0000${enc(typeof k === 'number' ? BigInt(k) : k)}\u0000${t.cols.join(',')}\u0000`;
  for (const v of values) text += `${enc(v)}\u001f`;
  // One update of the whole text: a call per value cost more than the hashing.
  return createHmac('sha256', key.secret).update(text).digest().subarray(0, 16);
}

function checkpointBody(c: Omit<Checkpoint, 'mac'>): string {
  const tables = Object.keys(c.tables)
    .sort()
    .map((n) => [n, ...c.tables[n]!]);
  return JSON.stringify(['checkpoint/1', c.keyId, c.seq, c.auditId, c.auditHash, c.schemaVersion, tables, c.verifiedSeq, c.verifiedAuditId]);
}

export function checkpointMac(key: SealKey, c: Omit<Checkpoint, 'mac'>): Buffer {
  return createHmac('sha256', key.secret).update(checkpointBody(c)).digest();
}

function xorInto(hex: string, mac: Buffer): string {
  const a = Buffer.from(hex || '00'.repeat(16), 'hex');
  for (let i = 0; i < 16; i++) a[i]! ^= mac[i]!;
  return a.toString('hex');
}

export const ZERO_DIGEST = '00'.repeat(16);

// ---- the checkpoint ---------------------------------------------------------------------------

export function readCheckpoint(db: Db): Checkpoint | null {
  if (!hasSealSchema(db)) return null;
  const r = statement(db, 'SELECT * FROM seal_checkpoint WHERE one = 1').get() as
    | { key_id: string; seq: number; audit_id: number; audit_hash: string; schema_version: number; tables: string; verified_seq: number; verified_audit_id: number; mac: Buffer }
    | undefined;
  if (!r) return null;
  let tables: Checkpoint['tables'];
  try {
    tables = JSON.parse(r.tables) as Checkpoint['tables'];
  } catch {
    tables = {};
  }
  return {
    keyId: r.key_id,
    seq: r.seq,
    auditId: r.audit_id,
    auditHash: r.audit_hash,
    schemaVersion: r.schema_version,
    tables,
    verifiedSeq: r.verified_seq,
    verifiedAuditId: r.verified_audit_id,
    mac: r.mac,
  };
}

function auditHead(db: Db): { id: number; hash: string } {
  const h = statement(db, 'SELECT last_id, last_hash FROM audit_head WHERE one = 1').get() as { last_id: number; last_hash: string } | undefined;
  return { id: h?.last_id ?? 0, hash: h?.last_hash ?? '0'.repeat(64) };
}

function writeCheckpoint(db: Db, key: SealKey, c: Omit<Checkpoint, 'mac' | 'keyId'>): void {
  const full = { ...c, keyId: key.id };
  const mac = checkpointMac(key, full);
  statement(db, 
    `INSERT INTO seal_checkpoint (one, key_id, seq, audit_id, audit_hash, schema_version, tables, verified_seq, verified_audit_id, mac)
     VALUES (1, @keyId, @seq, @auditId, @auditHash, @schemaVersion, @tables, @verifiedSeq, @verifiedAuditId, @mac)
     ON CONFLICT(one) DO UPDATE SET key_id = excluded.key_id, seq = excluded.seq, audit_id = excluded.audit_id, audit_hash = excluded.audit_hash,
       schema_version = excluded.schema_version, tables = excluded.tables, verified_seq = excluded.verified_seq,
       verified_audit_id = excluded.verified_audit_id, mac = excluded.mac`,
  ).run({ ...full, tables: JSON.stringify(sortedTables(c.tables)), mac });
}

function sortedTables(t: Checkpoint['tables']): Checkpoint['tables'] {
  return Object.fromEntries(Object.keys(t).sort().map((k) => [k, t[k]!]));
}

/** The checkpoint after a seal: the chain's head now, the tables' seals, the verified point kept. */
function advanceCheckpoint(db: Db, key: SealKey, cp: Checkpoint | null, seq: number, tables: Checkpoint['tables']): void {
  const h = auditHead(db);
  writeCheckpoint(db, key, {
    seq,
    auditId: h.id,
    auditHash: h.hash,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    tables,
    verifiedSeq: cp?.verifiedSeq ?? 0,
    verifiedAuditId: cp?.verifiedAuditId ?? 0,
  });
}

/** Whether the checkpoint's MAC holds under `key`. */
export function checkpointHolds(key: SealKey, c: Checkpoint): boolean {
  const want = checkpointMac(key, c);
  return want.length === c.mac.length && timingSafeEqual(want, c.mac);
}

// ---- the app's connection: temp triggers, and sealing at the end of each write ------------------

const oldTable = (name: string) => q(`seal_old_${name}`);

/** (Re)creates the TEMP triggers that note the app's changes, for the tables sealed now. */
export function installSealTriggers(db: Db, tables: Map<string, TableInfo>): void {
  const existing = db.prepare("SELECT type, name FROM temp.sqlite_schema WHERE name LIKE 'seal\\_%' ESCAPE '\\' AND type IN ('trigger', 'table')").all() as { type: string; name: string }[];
  for (const e of existing.filter((x) => x.type === 'trigger')) db.exec(`DROP TRIGGER temp.${q(e.name)}`);
  for (const e of existing.filter((x) => x.type === 'table' && x.name !== 'seal_dirty')) db.exec(`DROP TABLE temp.${q(e.name)}`);
  // The key columns are declared ANY (numeric affinity): without an affinity SQLite did not use the
  // primary key for the triggers' lookups (20,000 inserts took 21 s instead of 0.1 s). A text key
  // that looks like a number would be stored as one; no table of the record has such keys.
  db.exec('CREATE TEMP TABLE IF NOT EXISTS seal_dirty (tbl TEXT NOT NULL, k ANY NOT NULL, PRIMARY KEY (tbl, k)) WITHOUT ROWID');
  for (const t of tables.values()) {
    const n = q(t.name);
    const lit = `'${t.name.replaceAll("'", "''")}'`;
    // Plain INSERT ... WHERE NOT EXISTS, never INSERT OR IGNORE: inside an UPSERT (the settings'
    // writes) SQLite overrides a trigger's conflict clause, and the duplicate would abort the write.
    const mark = (p: string) =>
      `INSERT INTO temp.seal_dirty (tbl, k) SELECT ${lit}, ${t.key(p)} WHERE NOT EXISTS (SELECT 1 FROM temp.seal_dirty WHERE tbl = ${lit} AND k = ${t.key(p)});`;
    const keep = (p: string) =>
      `INSERT INTO temp.${oldTable(t.name)} SELECT ${t.key(p)}, ${t.cols.map((c) => `${p}${q(c)}`).join(', ')}
         WHERE NOT EXISTS (SELECT 1 FROM temp.seal_dirty WHERE tbl = ${lit} AND k = ${t.key(p)})
           AND NOT EXISTS (SELECT 1 FROM temp.${oldTable(t.name)} WHERE seal_k = ${t.key(p)});
       ${mark(p)}`;
    db.exec(`
      CREATE TEMP TABLE ${oldTable(t.name)} (seal_k ANY PRIMARY KEY, ${t.cols.map(q).join(', ')});
      CREATE TEMP TRIGGER ${q(`seal_i_${t.name}`)} AFTER INSERT ON main.${n} BEGIN ${mark('NEW.')} END;
      CREATE TEMP TRIGGER ${q(`seal_u_${t.name}`)} BEFORE UPDATE ON main.${n} BEGIN ${keep('OLD.')} END;
      CREATE TEMP TRIGGER ${q(`seal_k_${t.name}`)} AFTER UPDATE ON main.${n} WHEN ${t.key('NEW.')} IS NOT ${t.key('OLD.')} BEGIN ${mark('NEW.')} END;
      CREATE TEMP TRIGGER ${q(`seal_d_${t.name}`)} BEFORE DELETE ON main.${n} BEGIN ${keep('OLD.')} END;
    `);
  }
}

/** Statements of one connection, prepared once (the schema may change them: rebuilt with the triggers). */
interface Prepared {
  row: Map<string, Database.Statement>;
  old: Map<string, Database.Statement>;
}
const PREPARED = new WeakMap<Db, Prepared>();

function prepared(db: Db): Prepared {
  let p = PREPARED.get(db);
  if (!p) PREPARED.set(db, (p = { row: new Map(), old: new Map() }));
  return p;
}

function rowStatement(db: Db, t: TableInfo): Database.Statement {
  const p = prepared(db);
  let s = p.row.get(t.name);
  if (!s) p.row.set(t.name, (s = db.prepare(`SELECT * FROM main.${q(t.name)} WHERE ${t.where}`).raw(true).safeIntegers(true)));
  return s;
}

function oldStatement(db: Db, t: TableInfo): Database.Statement {
  const p = prepared(db);
  let s = p.old.get(t.name);
  if (!s) p.old.set(t.name, (s = db.prepare(`SELECT * FROM temp.${oldTable(t.name)} WHERE seal_k = @k`).raw(true).safeIntegers(true)));
  return s;
}

const named = (t: TableInfo, values: readonly unknown[]) =>
  JSON.stringify(Object.fromEntries(t.cols.map((c, i) => [c, typeof values[i] === 'bigint' ? Number(values[i]) : Buffer.isBuffer(values[i]) ? (values[i] as Buffer).toString('hex') : values[i]])));

const macEq = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

/** The key as stored in `seals.k` (integers as numbers, composite keys as their JSON text). */
const storedKey = (k: unknown) => (typeof k === 'bigint' ? Number(k) : k);

const DIRTY_CHUNK = 5000;

/**
 * Seals what this connection changed since the last call: call at the end of every write
 * transaction, inside it. Returns the number of findings recorded (rows tampered with before).
 */
export function sealPending(db: Db, now: number): number {
  const st = STATES.get(db);
  if (!st || st.mode === 'unsealed') return 0;
  if (!db.inTransaction) throw new Error('sealPending must run inside the write transaction');
  const head = auditHead(db);
  const cp = readCheckpoint(db);
  const anyDirty = statement(db, 'SELECT 1 FROM temp.seal_dirty LIMIT 1').get();
  if (!anyDirty && cp && cp.auditId === head.id && cp.auditHash === head.hash) return 0;
  if (st.mode === 'key-missing' || !st.key) throw new SealKeyMissingError(cp?.keyId ?? '?', st.ring.store.where);
  const key = st.key;
  const tables: Checkpoint['tables'] = { ...(cp?.tables ?? {}) };
  const seq = (cp?.seq ?? 0) + 1;
  const getSeal = statement(db, 'SELECT mac FROM seals WHERE tbl = ? AND k = ?');
  const putSeal = statement(db, 'INSERT INTO seals (tbl, k, mac, seq) VALUES (?, ?, ?, ?) ON CONFLICT (tbl, k) DO UPDATE SET mac = excluded.mac, seq = excluded.seq');
  const dropSeal = statement(db, 'DELETE FROM seals WHERE tbl = ? AND k = ?');
  const addFinding = statement(db, 'INSERT INTO seal_findings (tbl, k, kind, content, found_at, found_seq) VALUES (?, ?, ?, ?, ?, ?)');
  const chunk = statement(db, `SELECT tbl, k FROM temp.seal_dirty LIMIT ${DIRTY_CHUNK}`);
  const unmark = statement(db, 'DELETE FROM temp.seal_dirty WHERE tbl = ? AND k = ?');
  let findings = 0;
  for (;;) {
    const batch = chunk.all() as { tbl: string; k: unknown }[];
    if (batch.length === 0) break;
    const touched = new Set<string>();
    const found: [string, string, SealProblem['kind'], string | null][] = [];
    for (const { tbl, k } of batch) {
      unmark.run(tbl, k);
      const t = st.tables.get(tbl);
      if (!t) continue;
      touched.add(tbl);
      const kk = storedKey(k);
      const old = oldStatement(db, t).get({ k: kk }) as unknown[] | undefined;
      const seal = getSeal.get(tbl, kk) as { mac: Buffer } | undefined;
      // The row as it was before this transaction touched it must match its seal: otherwise it was
      // changed (or inserted, or removed) behind the app's back, and that stays on the record.
      const unchecked = st.unchecked?.has(`${tbl}\u0000${String(kk)}`) ?? false;
      if (unchecked) {
        // Named on the chain by the caller (rows written while the key was missing).
      } else if (old) {
        const before = old.slice(1);
        if (!seal) found.push([tbl, String(kk), 'inserted', named(t, before)]);
        else if (!macEq(rowMac(key, t, old[0], before), seal.mac)) found.push([tbl, String(kk), 'changed', named(t, before)]);
      } else if (seal) found.push([tbl, String(kk), 'removed', null]);
      const entry = tables[tbl] ?? [0, ZERO_DIGEST, null];
      let [count, digest, max] = entry;
      if (seal) {
        digest = xorInto(digest, seal.mac);
        count--;
      }
      const now_ = rowStatement(db, t).get({ k: kk }) as unknown[] | undefined;
      if (now_) {
        const mac = rowMac(key, t, k, now_);
        putSeal.run(tbl, kk, mac, seq);
        digest = xorInto(digest, mac);
        count++;
        if (t.intKey && typeof kk === 'number') max = max === null ? kk : Math.max(max, kk);
      } else if (seal) dropSeal.run(tbl, kk);
      tables[tbl] = [count, digest, max];
    }
    for (const tbl of touched) statement(db, `DELETE FROM temp.${oldTable(tbl)}`).run();
    for (const f of found) addFinding.run(...f, now, seq);
    findings += found.length;
  }
  advanceCheckpoint(db, key, cp, seq, tables);
  st.newFindings += findings;
  st.unchecked = undefined;
  return findings;
}

/** The tables this connection changed since the last seal (none where the connection does not track them). */
export function pendingTables(db: Db): string[] {
  const st = STATES.get(db);
  if (!st || st.mode === 'unsealed') return [];
  return statement(db, 'SELECT DISTINCT tbl FROM temp.seal_dirty').pluck().all() as string[];
}

/**
 * Notes rows `from`..`to` of an integer-keyed table to be sealed at the next seal as they are now,
 * without a check against their old seals: only for rows the caller names on the chain.
 */
export function markPending(db: Db, tbl: string, from: number, to: number): void {
  const st = STATES.get(db);
  if (st) {
    st.unchecked ??= new Set();
    for (let k = from; k <= to; k++) st.unchecked.add(`${tbl}\u0000${k}`);
  }
  db.prepare(
    `WITH RECURSIVE ids(i) AS (SELECT @from UNION ALL SELECT i + 1 FROM ids WHERE i < @to)
     INSERT INTO temp.seal_dirty (tbl, k) SELECT @tbl, i FROM ids WHERE NOT EXISTS (SELECT 1 FROM temp.seal_dirty WHERE tbl = @tbl AND k = ids.i)`,
  ).run({ tbl, from, to });
}

/** Forgets what this connection noted (the bulk demo, which seals whole tables after it). */
export function discardPending(db: Db): void {
  db.exec('DELETE FROM temp.seal_dirty');
  const st = STATES.get(db);
  for (const t of st?.tables.values() ?? []) db.exec(`DELETE FROM temp.${oldTable(t.name)}`);
}

/**
 * Seals every row of the tables named, from scratch (a new database's first seal, a migration
 * that changed a table's columns, the bulk demo). Inside a write transaction.
 */
export function sealTables(db: Db, key: SealKey, names: Iterable<string>, onProgress?: (rows: number) => void): void {
  const all = sealedTables(db);
  const cp = readCheckpoint(db);
  const tables: Checkpoint['tables'] = { ...(cp?.tables ?? {}) };
  const seq = (cp?.seq ?? 0) + 1;
  const put = db.prepare('INSERT INTO seals (tbl, k, mac, seq) VALUES (?, ?, ?, ?)');
  let done = 0;
  for (const name of names) {
    const t = all.get(name);
    db.prepare('DELETE FROM seals WHERE tbl = ?').run(name);
    if (!t) {
      delete tables[name];
      continue;
    }
    let count = 0;
    let digest = ZERO_DIGEST;
    let max: number | null = null;
    // In slices by key (better-sqlite3 cannot write while a read is being iterated); a table
    // without integer keys is small (settings) and read at once.
    const slice = t.intKey
      ? db.prepare(`SELECT ${t.key('')} AS seal_k, * FROM main.${q(name)} WHERE ${t.key('')} > ? ORDER BY ${t.key('')} LIMIT 5000`).raw(true).safeIntegers(true)
      : db.prepare(`SELECT ${t.key('')} AS seal_k, * FROM main.${q(name)}`).raw(true).safeIntegers(true);
    let after: bigint = -(2n ** 63n);
    for (;;) {
      const rows = (t.intKey ? slice.all(after) : slice.all()) as unknown[][];
      for (const r of rows) {
        const mac = rowMac(key, t, r[0], r.slice(1));
        put.run(name, storedKey(r[0]), mac, seq);
        digest = xorInto(digest, mac);
        count++;
        if (t.intKey) max = max === null ? Number(r[0]) : Math.max(max, Number(r[0]));
      }
      done += rows.length;
      onProgress?.(done);
      if (!t.intKey || rows.length < 5000) break;
      after = rows.at(-1)![0] as bigint;
    }
    tables[name] = [count, digest, max];
  }
  for (const n of Object.keys(tables)) if (!all.has(n)) delete tables[n];
  advanceCheckpoint(db, key, cp, seq, tables);
}

/** Records that a full verification held up to `seq` and audit row `auditId` (the start check begins there). */
export function markVerified(db: Db, seq: number, auditId: number): void {
  const st = STATES.get(db);
  if (!st?.key || st.mode !== 'sealed') return;
  const key = st.key;
  db.transaction(() => {
    const cp = readCheckpoint(db);
    if (!cp || cp.keyId !== key.id || !checkpointHolds(key, cp) || seq <= cp.verifiedSeq) return;
    writeCheckpoint(db, key, { ...cp, verifiedSeq: Math.min(seq, cp.seq), verifiedAuditId: Math.min(auditId, cp.auditId) });
  }).immediate();
}

// ---- opening: the key, the migrations, the triggers -------------------------------------------

/** Tables' column lists, to see which a migration changed. */
export function tableShapes(db: Db): Map<string, string> {
  return new Map([...sealedTables(db).values()].map((t) => [t.name, t.cols.join(',')]));
}

/**
 * Before pending migrations on a sealed database: the key (refused when missing: a migration must
 * reseal what it changes), every row checked against its seal, and the triggers that note what
 * the migrations change. A row that does not match is recorded as a finding first, so a
 * migration that rewrites a table never launders a change made behind the app's back.
 */
export function beforeMigrations(db: Db, ring: KeyRing, now: number): { key: SealKey | null; shapes: Map<string, string>; wasSealed: boolean } {
  const cp = readCheckpoint(db);
  if (!cp) return { key: null, shapes: new Map(), wasSealed: false };
  const key = ring.byId(cp.keyId);
  if (!key) throw new SealKeyMissingError(cp.keyId, ring.store.where);
  const tables = sealedTables(db);
  const problems = verifySealRows(db, key, cp, {}).problems.filter((p) => p.id !== null && p.kind !== 'finding');
  installSealTriggers(db, tables);
  STATES.set(db, { mode: 'sealed', key, ring, path: null, tables, openProblems: [], newFindings: 0 });
  // Recorded through the triggers, so the findings are sealed with the migrations' changes.
  const add = db.prepare('INSERT INTO seal_findings (tbl, k, kind, content, found_at, found_seq) VALUES (?, ?, ?, ?, ?, ?)');
  for (const p of problems) {
    const t = tables.get(p.table);
    const row = t && p.kind === 'changed' ? (rowStatement(db, t).get({ k: storedKey(p.id !== null && t.intKey ? Number(p.id) : p.id) }) as unknown[] | undefined) : undefined;
    add.run(p.table, p.id, p.kind === 'inserted' || p.kind === 'removed' ? p.kind : 'changed', row && t ? named(t, row) : p.detail, now, cp.seq + 1);
  }
  return { key, shapes: tableShapes(db), wasSealed: true };
}

/** After the migrations (same transaction): reseal the tables they created or reshaped, and their DML. */
export function afterMigrations(db: Db, ring: KeyRing, before: { key: SealKey | null; shapes: Map<string, string>; wasSealed: boolean }, now: number): void {
  if (!hasSealSchema(db)) return;
  const key = before.key ?? ring.currentOrCreate();
  const shapes = tableShapes(db);
  if (!before.wasSealed) {
    sealTables(db, key, shapes.keys());
    return;
  }
  const reshaped = [...shapes].filter(([n, s]) => before.shapes.get(n) !== s).map(([n]) => n);
  const dropped = [...before.shapes.keys()].filter((n) => !shapes.has(n));
  const st = STATES.get(db)!;
  st.tables = sealedTables(db);
  // Rows the migrations' statements touched in tables whose shape held: checked and resealed.
  for (const n of reshaped) {
    db.prepare('DELETE FROM temp.seal_dirty WHERE tbl = ?').run(n);
    if (db.prepare('SELECT 1 FROM temp.sqlite_schema WHERE name = ?').get(`seal_old_${n}`)) db.exec(`DELETE FROM temp.${oldTable(n)}`);
  }
  PREPARED.delete(db);
  sealPending(db, now);
  if (reshaped.length || dropped.length) sealTables(db, key, [...reshaped, ...dropped]);
}

/**
 * Sets up sealing on a connection opened for writing, after its migrations: the key by the
 * checkpoint's id, the temp triggers, and the key ring's memory of this file (a file it sealed
 * before that has no seals now was stripped; one whose checkpoint went back was rolled back).
 */
export function attachSeals(db: Db, ring: KeyRing, path: string | null): SealState {
  const tables = hasSealSchema(db) ? sealedTables(db) : new Map<string, TableInfo>();
  const cp = readCheckpoint(db);
  const openProblems: SealProblem[] = [];
  let mode: SealMode = 'unsealed';
  let key: SealKey | null = null;
  if (hasSealSchema(db)) {
    if (!cp) {
      // Sealed tables but no checkpoint: only a new database before its first write, or a stripped one.
      const known = path ? ring.sealedFile(path) : null;
      if (known) openProblems.push({ table: 'seal_checkpoint', id: null, kind: 'checkpoint', detail: 'the checkpoint is gone (this file was sealed before)' });
      key = ring.currentOrCreate();
      mode = 'sealed';
    } else {
      key = ring.byId(cp.keyId);
      mode = key ? 'sealed' : 'key-missing';
    }
  }
  const known = path ? ring.sealedFile(path) : null;
  if (known && cp && known.keyId === cp.keyId && known.seq > cp.seq) {
    openProblems.push({
      table: 'seal_checkpoint',
      id: null,
      kind: 'checkpoint',
      detail: `rolled back: this installation saw checkpoint ${known.seq} (audit row ${known.auditId}), the file now holds ${cp.seq} (audit row ${cp.auditId})`,
    });
  }
  if (tables.size) installSealTriggers(db, tables);
  PREPARED.delete(db);
  const st: SealState = { mode, key, ring, path, tables, openProblems, newFindings: 0 };
  STATES.set(db, st);
  if (path && cp && mode === 'sealed' && openProblems.length === 0) ring.rememberSealed(path, { keyId: cp.keyId, seq: cp.seq, auditId: cp.auditId });
  return st;
}

/** Sets up a read-only connection for verifying: the key only. */
export function attachSealsReadOnly(db: Db, ring: KeyRing): SealState {
  const cp = readCheckpoint(db);
  let key: SealKey | null = null;
  try {
    key = cp ? ring.byId(cp.keyId) : null;
  } catch {
    // A key ring that cannot be read: the reader (an export, a query) does not need it; verify says "key missing".
  }
  const st: SealState = { mode: cp ? (key ? 'sealed' : 'key-missing') : 'unsealed', key, ring, path: null, tables: hasSealSchema(db) ? sealedTables(db) : new Map(), openProblems: [], newFindings: 0 };
  STATES.set(db, st);
  return st;
}

/** Remembers the file's newest checkpoint in the key ring (at close, so a rollback is seen at the next start). */
export function rememberCheckpoint(db: Db): void {
  const st = STATES.get(db);
  if (!st?.path || st.mode !== 'sealed' || st.openProblems.length) return;
  const cp = readCheckpoint(db);
  if (cp) st.ring.rememberSealed(st.path, { keyId: cp.keyId, seq: cp.seq, auditId: cp.auditId });
}

/** After a key import or rotation on an open connection: take the key up. */
export function refreshKey(db: Db): SealState | null {
  const st = STATES.get(db);
  if (!st) return null;
  const cp = readCheckpoint(db);
  st.key = cp ? st.ring.byId(cp.keyId) : st.ring.current();
  if (st.mode === 'key-missing' && st.key) st.mode = 'sealed';
  return st;
}

/**
 * Reseals every row under a new key after the old key's checkpoint was verified (the caller's
 * job): a recorded key change, inside the caller's write transaction.
 */
export function resealUnderKey(db: Db, newKey: SealKey): void {
  const st = STATES.get(db);
  discardPending(db);
  sealTables(db, newKey, sealedTables(db).keys());
  if (st) {
    st.key = newKey;
    st.mode = 'sealed';
  }
}

// ---- verifying --------------------------------------------------------------------------------

export interface SealVerifyOptions {
  /** Called every few thousand rows with the rows checked so far. */
  onRow?: (rows: number) => void;
  /** Check only rows sealed after this checkpoint sequence (the start check), plus counts. */
  sinceSeq?: number;
}

export interface SealVerifyResult {
  problems: SealProblem[];
  rows: number;
}

const MAX_NAMED = 50;

function push(problems: SealProblem[], p: SealProblem): void {
  if (problems.length < MAX_NAMED * 4) problems.push(p);
}

/**
 * Every sealed row against its seal, and each table's seals against the checkpoint's count,
 * digest and highest id (rows removed together with their seals). Reads only; call inside one
 * read transaction for a consistent snapshot. `cp` must have been checked by the caller.
 */
export function verifySealRows(db: Db, key: SealKey, cp: Checkpoint, opts: SealVerifyOptions): SealVerifyResult {
  const problems: SealProblem[] = [];
  const tables = sealedTables(db);
  let rows = 0;
  const step = 5000;
  let nextReport = step;
  const tick = (n: number) => {
    rows += n;
    if (opts.onRow && rows >= nextReport) {
      opts.onRow(rows);
      nextReport = rows + step;
    }
  };
  for (const name of Object.keys(cp.tables)) {
    if (!tables.has(name)) push(problems, { table: name, id: null, kind: 'table', detail: 'the table is gone' });
  }
  if (opts.sinceSeq !== undefined) {
    // Seals written since the last full verification, by the seq index, each against its row.
    const recent = db.prepare('SELECT tbl, k, mac FROM seals INDEXED BY seals_seq WHERE seq > ?').raw(true).iterate(opts.sinceSeq) as IterableIterator<[string, unknown, Buffer]>;
    for (const [tbl, k, mac] of recent) {
      tick(1);
      const t = tables.get(tbl);
      if (!t) continue;
      const row = rowStatement(db, t).get({ k }) as unknown[] | undefined;
      if (!row) push(problems, { table: tbl, id: String(k), kind: 'removed', detail: GONE });
      else checkOne(problems, key, t, k, mac, row);
    }
  }
  for (const t of tables.values()) {
    const recorded = cp.tables[t.name];
    if (!recorded) {
      push(problems, { table: t.name, id: null, kind: 'table', detail: 'the table has no seals on the checkpoint (created behind the app\'s back?)' });
      continue;
    }
    const lit = t.name;
    if (opts.sinceSeq !== undefined) {
      // The start check: the rows sealed since (checked above, through the seals' seq index), and the count.
      const n = Number(db.prepare(`SELECT count(*) FROM main.${q(t.name)}`).pluck().get() as number);
      if (n !== recorded[0]) countProblem(db, problems, t, recorded, n);
      continue;
    }
    // Every row with its seal, then seals whose row is gone.
    const scan = db
      // `+(…)`: the row's key without its column's affinity, so the lookup uses the seals' primary key
      // (`k` is ANY: comparing it with an INTEGER column would convert k and scan every seal).
      .prepare(`SELECT ${t.key('r.')} AS seal_k, s.mac, r.* FROM main.${q(t.name)} r LEFT JOIN seals s ON s.tbl = ? AND s.k = +(${t.key('r.')})`)
      .raw(true)
      .safeIntegers(true);
    let digest = ZERO_DIGEST;
    let count = 0;
    for (const r of scan.iterate(lit) as IterableIterator<unknown[]>) {
      tick(1);
      const mac = r[1] as Buffer | null;
      if (mac) {
        digest = xorInto(digest, mac);
        count++;
      }
      checkOne(problems, key, t, r[0], mac, r.slice(2));
    }
    const orphans = db
      .prepare(`SELECT s.k, s.mac FROM seals s WHERE s.tbl = ? AND NOT EXISTS (SELECT 1 FROM main.${q(t.name)} r WHERE ${t.on('r.', 's.k')})`)
      .raw(true)
      .iterate(lit) as IterableIterator<[unknown, Buffer]>;
    for (const [k, mac] of orphans) {
      digest = xorInto(digest, mac);
      count++;
      push(problems, { table: t.name, id: String(k), kind: 'removed', detail: GONE });
    }
    if (count !== recorded[0] || digest !== recorded[1]) {
      const n = Number(db.prepare(`SELECT count(*) FROM main.${q(t.name)}`).pluck().get() as number);
      if (n !== recorded[0] || count !== recorded[0]) countProblem(db, problems, t, recorded, n);
      else push(problems, { table: t.name, id: null, kind: 'table', detail: 'its seals do not add up to the checkpoint (seals replaced behind the app\'s back)' });
    }
  }
  opts.onRow?.(rows);
  return { problems, rows };
}

const GONE = 'the row is gone (removed behind the app\'s back)';

function checkOne(problems: SealProblem[], key: SealKey, t: TableInfo, k: unknown, mac: Buffer | null, values: unknown[]): void {
  if (!mac) {
    push(problems, { table: t.name, id: String(storedKey(k)), kind: 'inserted', detail: 'the row has no seal (inserted behind the app\'s back)' });
    return;
  }
  if (!macEq(rowMac(key, t, k, values), mac)) {
    push(problems, { table: t.name, id: String(storedKey(k)), kind: 'changed', detail: 'the row does not match its seal (changed behind the app\'s back)' });
  }
}

/** A table with rows missing or added together with their seals: the count, and the missing ids where they show. */
function countProblem(db: Db, problems: SealProblem[], t: TableInfo, recorded: [number, string, number | null], n: number): void {
  const max = recorded[2];
  if (n < recorded[0] && t.intKey && max !== null) {
    const key = t.key('');
    const missing = db
      .prepare(
        `WITH RECURSIVE ids(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM ids WHERE i < ?)
         SELECT i FROM ids WHERE NOT EXISTS (SELECT 1 FROM main.${q(t.name)} WHERE ${key} = ids.i) LIMIT ${MAX_NAMED}`,
      )
      .pluck()
      .all(max) as number[];
    // Ids the app never used also show as gaps; name them only when they account for the loss.
    if (missing.length > 0 && missing.length <= recorded[0] - n) {
      for (const id of missing) push(problems, { table: t.name, id: String(id), kind: 'removed', detail: 'the row is gone, with its seal (removed behind the app\'s back)' });
      return;
    }
  }
  push(problems, {
    table: t.name,
    id: null,
    kind: 'table',
    detail: n < recorded[0] ? `${recorded[0] - n} row(s) gone with their seals (${recorded[0]} sealed, ${n} found)` : `${n - recorded[0]} row(s) more than sealed (${recorded[0]} sealed, ${n} found)`,
  });
}

/** Findings the app recorded when it wrote a row that had been tampered with before. */
export function recordedFindings(db: Db, limit = MAX_NAMED): { total: number; rows: { tbl: string; k: string; kind: string; found_at: number }[] } {
  if (!hasSealSchema(db)) return { total: 0, rows: [] };
  const total = db.prepare('SELECT count(*) FROM seal_findings').pluck().get() as number;
  const rows = db.prepare(`SELECT tbl, k, kind, found_at FROM seal_findings ORDER BY id LIMIT ${limit}`).all() as { tbl: string; k: string; kind: string; found_at: number }[];
  return { total, rows };
}

/** The key for a database's checkpoint from a ring, or the id of the one missing. */
export function keyForCheckpoint(ring: KeyRing, cp: Checkpoint): { key: SealKey } | { missing: string } {
  const key = ring.byId(cp.keyId);
  return key ? { key } : { missing: cp.keyId };
}
