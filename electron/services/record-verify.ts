// Runs in Electron's main process, in worker threads and in plain Node. Verifies the record as one
// consistent snapshot (one read transaction): the audit chain, the schema against the app's own,
// the keyed checkpoint (the chain's head, each table's seals), every sealed row against its seal,
// the findings the app recorded, the derived search index against the tables, and optionally an
// anchor printed on a bulletin. The start check does the same for what was written since the
// last full verification, within a second on a decade's file.
import type { Db } from '../db/connection.js';
import type { KeyRing } from '../db/seal-keys.js';
import { describeDifference, schemaDifferences } from '../db/schema-check.js';
import { incidentWords, reportWords, searchRowBody, searchRowId, type SearchReportWords } from '../db/search-grams.js';
import {
  checkpointHolds,
  keyForCheckpoint,
  readCheckpoint,
  recordedFindings,
  sealStateOf,
  unlistedVirtualTables,
  verifySealRows,
  type SealProblem,
} from '../db/seal.js';
import { GENESIS_HASH, verifyChain, type VerifyResult } from './audit.js';

export interface Anchor {
  id: number;
  /** The first hex characters of the row's hash, as printed (12 on a bulletin). */
  hash: string;
}

/** "12345:3fa9c0d1e2b4" -> { id, hash }; null when it is not written so. */
export function parseAnchor(text: string): Anchor | null {
  const m = /^\s*(\d{1,15})\s*[:：]\s*([0-9a-fA-F]{8,64})\s*$/.exec(text);
  return m ? { id: Number(m[1]), hash: m[2]!.toLowerCase() } : null;
}

export const ANCHOR_HASH_CHARS = 12;

export function formatAnchor(id: number, hash: string): string {
  return `${id}:${hash.slice(0, ANCHOR_HASH_CHARS)}`;
}

/** The chain's head now, as a bulletin prints it. */
export function chainAnchor(db: Db): string {
  const h = headOf(db);
  return formatAnchor(h.id, h.hash);
}

export type RecordState = 'ok' | 'failed' | 'key-missing' | 'unsealed';

export interface RecordVerifyResult {
  state: RecordState;
  /** 'full': every row; 'start': what was written since the last full verification. */
  scope: 'full' | 'start';
  chain: VerifyResult;
  auditRows: number;
  sealedRows: number;
  problems: SealProblem[];
  /** The chain's head in the snapshot verified (what a bulletin prints). */
  head: { id: number; hash: string };
  /** The checkpoint sequence verified (for the next start check), null without one. */
  seq: number | null;
  keyId: string | null;
  anchor?: { id: number; hash: string; ok: boolean; detail: string };
  ms: number;
}

export interface RecordVerifyOptions {
  scope?: 'full' | 'start';
  anchor?: Anchor;
  /** Progress of a long run: rows checked and the rows there are to check. */
  onProgress?: (done: number, total: number) => void;
}

function headOf(db: Db): { id: number; hash: string } {
  const h = db.prepare('SELECT last_id, last_hash FROM audit_head WHERE one = 1').get() as { last_id: number; last_hash: string } | undefined;
  return { id: h?.last_id ?? 0, hash: h?.last_hash ?? GENESIS_HASH };
}

/** Verifies the record in one read transaction; reads only (a read-only connection will do). */
export function verifyRecord(db: Db, ring: KeyRing, opts: RecordVerifyOptions = {}): RecordVerifyResult {
  const started = performance.now();
  const result = db.transaction(() => verifySnapshot(db, ring, opts))();
  result.ms = Math.round(performance.now() - started);
  return result;
}

function verifySnapshot(db: Db, ring: KeyRing, opts: RecordVerifyOptions): RecordVerifyResult {
  const scope = opts.scope ?? 'full';
  const problems: SealProblem[] = [];
  const head = headOf(db);
  const cp = readCheckpoint(db);
  const total = (cp ? Object.values(cp.tables).reduce((s, t) => s + t[0], 0) : 0) + (scope === 'full' ? head.id : 0);
  let chainRows = 0;
  let sealRows = 0;
  const progress = () => opts.onProgress?.(chainRows + sealRows, total);

  // What this installation remembers of the file (rolled back, or stripped of its seals).
  for (const p of sealStateOf(db)?.openProblems ?? []) problems.push(p);

  // 1. The schema: every table, index, trigger and view is the app's own for this version.
  for (const d of schemaDifferences(db)) problems.push({ table: d.name, id: null, kind: 'table', detail: `schema: ${describeDifference(d)}` });
  for (const v of unlistedVirtualTables(db)) problems.push({ table: v, id: null, kind: 'table', detail: 'a virtual table neither sealed nor listed as left out' });

  // 2. The chain (all of it, or from the last fully verified row).
  const from = scope === 'start' && cp && cp.verifiedAuditId > 0 ? cp.verifiedAuditId : 0;
  const fromHash = from ? (db.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(from) as string | undefined) : undefined;
  let chain: VerifyResult;
  if (from && fromHash === undefined) chain = { ok: false, rows: 0, badRow: from, reason: `row ${from}, verified before, is missing` };
  else chain = verifyChain(db, { fromId: from, fromHash: fromHash ?? GENESIS_HASH, onRow: (n) => ((chainRows = n - from), progress()) });
  chainRows = chain.rows - from;
  if (!chain.ok) problems.push({ table: 'audit_log', id: String(chain.badRow), kind: 'changed', detail: `audit chain: ${chain.reason}` });

  // 3. The checkpoint: its key, its MAC, the head it recorded.
  let state: RecordState = 'ok';
  let keyId: string | null = null;
  let sealedRows = 0;
  if (!cp) {
    const sealedSchema = (db.pragma('user_version', { simple: true }) as number) >= 160;
    if (sealedSchema && head.id > 0) problems.push({ table: 'seal_checkpoint', id: null, kind: 'checkpoint', detail: 'the checkpoint is missing (removed behind the app\'s back)' });
    else state = 'unsealed';
  } else {
    keyId = cp.keyId;
    const found = keyForCheckpoint(ring, cp);
    if ('missing' in found) state = 'key-missing';
    else if (!checkpointHolds(found.key, cp)) {
      problems.push({ table: 'seal_checkpoint', id: null, kind: 'checkpoint', detail: 'the checkpoint does not match its MAC (forged or changed behind the app\'s back)' });
    } else {
      if (cp.auditId !== head.id || cp.auditHash !== head.hash) {
        problems.push({
          table: 'audit_log',
          id: String(Math.min(cp.auditId, head.id) + 1),
          kind: cp.auditId > head.id ? 'removed' : 'inserted',
          detail:
            cp.auditId > head.id
              ? `the sealed head is row ${cp.auditId}, the file ends at ${head.id}: rows ${head.id + 1}-${cp.auditId} were cut from the end`
              : cp.auditId < head.id
                ? `rows ${cp.auditId + 1}-${head.id} were added after the sealed head (behind the app's back)`
                : `row ${head.id} is not the row that was sealed as the head (the chain was rewritten)`,
        });
      }
      // 4. Every sealed row (or those sealed since the last full verification).
      const rows = verifySealRows(db, found.key, cp, {
        ...(scope === 'start' ? { sinceSeq: cp.verifiedSeq } : {}),
        onRow: (n) => ((sealRows = n), progress()),
      });
      sealedRows = rows.rows;
      problems.push(...rows.problems);
    }
  }

  // 5. What the app found when it wrote rows that had been changed behind its back.
  const findings = recordedFindings(db);
  for (const f of findings.rows) {
    problems.push({ table: f.tbl, id: f.k, kind: 'finding', detail: `${f.kind === 'changed' ? 'changed' : f.kind === 'inserted' ? 'inserted' : 'removed'} behind the app's back; found when the app next wrote it (${new Date(f.found_at).toISOString()})` });
  }
  if (findings.total > findings.rows.length) problems.push({ table: 'seal_findings', id: null, kind: 'finding', detail: `and ${findings.total - findings.rows.length} more recorded findings` });

  // 6. The derived search index, recomputed from the tables (full runs only).
  if (scope === 'full') checkSearchIndex(db, problems);

  let anchor: RecordVerifyResult['anchor'];
  if (opts.anchor) anchor = checkAnchor(db, opts.anchor);
  if (anchor && !anchor.ok) problems.push({ table: 'audit_log', id: String(anchor.id), kind: 'changed', detail: anchor.detail });

  if (problems.length > 0) state = 'failed';
  progress();
  return { state, scope, chain, auditRows: chain.rows, sealedRows, problems, head, seq: cp?.seq ?? null, keyId, ...(anchor ? { anchor } : {}), ms: 0 };
}

/** The printed anchor against the chain: that row must still be there with that hash. */
function checkAnchor(db: Db, a: Anchor): NonNullable<RecordVerifyResult['anchor']> {
  const row = db.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(a.id) as string | undefined;
  if (row === undefined) {
    return { id: a.id, hash: a.hash, ok: false, detail: `anchor ${a.id}:${a.hash}: the chain no longer holds row ${a.id} (the file was rolled back to an older copy, or its tail cut)` };
  }
  if (!row.startsWith(a.hash)) {
    return { id: a.id, hash: a.hash, ok: false, detail: `anchor ${a.id}:${a.hash}: row ${a.id} now has hash ${row.slice(0, a.hash.length)} (the chain up to the printed anchor was rewritten, or this is another file)` };
  }
  return { id: a.id, hash: a.hash, ok: true, detail: `anchor ${a.id}:${a.hash} holds` };
}

/**
 * incidents_fts (left out of the seals) recomputed: one row per incident's own words and per
 * report, exactly as intake writes them. Both sides are read in rowid order and merged.
 */
function checkSearchIndex(db: Db, problems: SealProblem[]): void {
  if (!db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'incidents_fts'").get()) return;
  type Head = { id: number; number: string; responsibleUnit: string; place: string };
  type Report = SearchReportWords & { incidentId: number; seq: number };
  const heads = db.prepare('SELECT id, number, responsible_unit AS responsibleUnit, place FROM incidents ORDER BY id').iterate() as IterableIterator<Head>;
  const reports = db
    .prepare(
      `SELECT incident_id AS incidentId, seq, from_unit AS fromUnit, caller_name AS callerName, location, summary,
              measures_taken AS measuresTaken, correction_reason AS correctionReason
         FROM incident_reports ORDER BY incident_id, seq`,
    )
    .iterate() as IterableIterator<Report>;
  function* expected(): Generator<[number, string]> {
    let r = reports.next();
    for (const h of heads) {
      const body = searchRowBody(incidentWords(h));
      if (body) yield [searchRowId(h.id, 0), body];
      while (!r.done && r.value.incidentId <= h.id) {
        const rb = searchRowBody(reportWords(r.value));
        if (rb) yield [searchRowId(r.value.incidentId, r.value.seq), rb];
        r = reports.next();
      }
    }
    while (!r.done) {
      const rb = searchRowBody(reportWords(r.value));
      if (rb) yield [searchRowId(r.value.incidentId, r.value.seq), rb];
      r = reports.next();
    }
  }
  const fts = db.prepare('SELECT rowid AS id, body FROM incidents_fts ORDER BY rowid').iterate() as IterableIterator<{ id: number; body: string }>;
  const exp = expected();
  let e = exp.next();
  let f = fts.next();
  let bad = 0;
  const note = (rowid: number, detail: string) => {
    if (++bad <= 10) problems.push({ table: 'incidents_fts', id: String(rowid), kind: 'index', detail: `search index (derived): ${detail}` });
  };
  while (!e.done || !f.done) {
    if (f.done || (!e.done && e.value[0] < f.value.id)) {
      note(e.value![0], 'missing a row the tables call for');
      e = exp.next();
    } else if (e.done || f.value.id < e.value[0]) {
      note(f.value.id, 'holds a row no incident or report calls for');
      f = fts.next();
    } else {
      if (e.value[1] !== f.value.body) note(f.value.id, 'its text differs from the incident\'s or report\'s');
      e = exp.next();
      f = fts.next();
    }
  }
  if (bad > 10) problems.push({ table: 'incidents_fts', id: null, kind: 'index', detail: `search index (derived): and ${bad - 10} more rows differ` });
}
