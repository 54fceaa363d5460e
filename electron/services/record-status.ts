// Runs in Electron's main process and in plain Node. The record's state as the app knows it, for
// the red banner on every screen and the settings page: the start check at opening (what was
// written since the last full verification, within a second), then a full verification in a
// worker thread; and any row the app found changed behind its back when it next wrote it.
import type { Db } from '../db/connection.js';
import { markVerified, sealStateOf, type SealProblem } from '../db/seal.js';
import type { ServiceContext } from './context.js';
import { verifyRecord, type Anchor, type RecordVerifyResult } from './record-verify.js';
import { startWorker } from './worker.js';

export interface RecordStatus {
  state: 'ok' | 'failed' | 'key-missing' | 'unsealed' | 'checking';
  /** The last check that finished, if any. */
  last: Pick<RecordVerifyResult, 'scope' | 'auditRows' | 'sealedRows' | 'ms' | 'head' | 'keyId'> & { at: number } | null;
  problems: SealProblem[];
  problemCount: number;
  /** A full verification is running in the background. */
  running: boolean;
  progress: { done: number; total: number } | null;
}

interface Held {
  last: RecordVerifyResult | null;
  at: number;
  running: Promise<RecordVerifyResult> | null;
  progress: { done: number; total: number } | null;
}

const HELD = new WeakMap<Db, Held>();

function held(db: Db): Held {
  let h = HELD.get(db);
  if (!h) HELD.set(db, (h = { last: null, at: 0, running: null, progress: null }));
  return h;
}

const SHOWN = 20;

/** What the banner and the settings page show. */
export function recordStatus(ctx: ServiceContext): RecordStatus {
  const h = held(ctx.db);
  const st = sealStateOf(ctx.db);
  const problems = [...(h.last?.problems ?? [])];
  if (st && st.newFindings > 0 && !problems.some((p) => p.kind === 'finding')) {
    problems.unshift({ table: 'seal_findings', id: null, kind: 'finding', detail: `${st.newFindings} row(s) the app wrote had been changed behind its back (recorded)` });
  }
  let state: RecordStatus['state'];
  if (st?.mode === 'key-missing') state = 'key-missing';
  else if (problems.length > 0) state = 'failed';
  else if (h.last) state = h.last.state;
  else state = h.running || st?.mode === 'sealed' ? 'checking' : 'unsealed';
  const last = h.last ? { scope: h.last.scope, auditRows: h.last.auditRows, sealedRows: h.last.sealedRows, ms: h.last.ms, head: h.last.head, keyId: h.last.keyId, at: h.at } : null;
  return { state, last, problems: problems.slice(0, SHOWN), problemCount: problems.length, running: h.running !== null, progress: h.progress };
}

/** At opening: what was written since the last full verification (≤ 1 s on a decade). */
export function startCheck(ctx: ServiceContext): RecordVerifyResult {
  const st = sealStateOf(ctx.db);
  const result = verifyRecord(ctx.db, st!.ring, { scope: 'start' });
  const h = held(ctx.db);
  h.last = result;
  h.at = ctx.now();
  return result;
}

/**
 * The whole record verified in a worker thread on its own read-only connection; the result
 * replaces the status, and a clean run moves the start check's starting point up to it.
 */
export function fullCheck(ctx: ServiceContext, anchor?: Anchor): Promise<RecordVerifyResult> {
  const db = ctx.db;
  const h = held(db);
  if (h.running && !anchor) return h.running;
  const st = sealStateOf(db);
  const run = new Promise<RecordVerifyResult>((resolve, reject) => {
    const worker = startWorker(import.meta.url, 'record-verify-worker', { dbPath: ctx.instance.dbPath, ring: st?.ring.store.load() ?? null, ...(anchor ? { anchor } : {}) });
    worker.on('message', (m: { progress?: { done: number; total: number }; result?: RecordVerifyResult; error?: string }) => {
      if (m.progress) h.progress = m.progress;
      else if (m.result) {
        // What this installation remembers of the file is known to this connection only.
        m.result.problems.unshift(...(st?.openProblems ?? []));
        if (m.result.problems.length && m.result.state === 'ok') m.result.state = 'failed';
        resolve(m.result);
      } else reject(new Error(m.error ?? 'verification failed to run'));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => code !== 0 && reject(new Error(`verification stopped (exit ${code})`)));
  });
  const tracked = run.then(
    (r) => {
      if (h.running === tracked) h.running = null;
      h.progress = null;
      if (db.open) {
        h.last = r;
        h.at = ctx.now();
        if (r.state === 'ok' && r.seq !== null && !r.anchor) markVerified(db, r.seq, r.head.id);
      }
      return r;
    },
    (e: unknown) => {
      if (h.running === tracked) h.running = null;
      h.progress = null;
      throw e;
    },
  );
  if (!anchor) h.running = tracked;
  return tracked;
}

/** At every start: the quick check now, the full one in the background (its failure only logged). */
export function startRecordChecks(ctx: ServiceContext, onError: (e: unknown) => void = () => undefined): RecordVerifyResult {
  const first = startCheck(ctx);
  if (first.state !== 'key-missing' && first.state !== 'unsealed') fullCheck(ctx).catch(onError);
  return first;
}

/** A synchronous full check on the caller's thread (the CLI; tests). */
export function fullCheckHere(ctx: ServiceContext, anchor?: Anchor): RecordVerifyResult {
  const st = sealStateOf(ctx.db);
  const r = verifyRecord(ctx.db, st!.ring, anchor ? { anchor } : {});
  const h = held(ctx.db);
  h.last = r;
  h.at = ctx.now();
  if (r.state === 'ok' && r.seq !== null) markVerified(ctx.db, r.seq, r.head.id);
  return r;
}
