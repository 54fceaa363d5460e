// Runs in Electron's main process and in plain Node. The seal key's life cycle (docs/audit.md):
// exported under a passphrase to carry it to another machine or a safe; imported (a database whose
// key was missing becomes writable again, and the audit rows written meanwhile are named); rotated
// (the old key's record verified first, then every row resealed under the new key); and, only when
// the old key is lost for good, reset: recorded on the chain with a reason, never silently.
import { AppError } from '../../shared/api/app-error.js';
import type { Db } from '../db/connection.js';
import { exportSealKey, importSealKey, newSealKey, SealKeyError, type SealKey } from '../db/seal-keys.js';
import { checkpointHolds, readCheckpoint, refreshKey, resealUnderKey, sealStateOf, discardPending, markPending } from '../db/seal.js';
import { appendAudit } from './audit.js';
import { inWriteTransaction, type ServiceContext } from './context.js';
import { verifyRecord } from './record-verify.js';

function stateOf(db: Db) {
  const st = sealStateOf(db);
  if (!st || st.mode === 'unsealed') throw new AppError('conflict', 'seal.notSealed');
  return st;
}

const keyError = (e: unknown): never => {
  if (e instanceof SealKeyError) throw new AppError('invalid_input', 'seal.keyRefused', { message: e.message });
  throw e;
};

/** The database's key as a file protected by a passphrase; recorded (who took the key out, when). */
export function exportKey(ctx: ServiceContext, passphrase: string): { keyId: string; text: string } {
  const st = stateOf(ctx.db);
  if (!st.key) throw new AppError('conflict', 'seal.readOnly');
  let text: string;
  try {
    text = exportSealKey(st.key, passphrase);
  } catch (e) {
    return keyError(e);
  }
  inWriteTransaction(ctx, () => appendAudit(ctx, { method: 'audit.keyExport', entity: 'seal_key', entityId: st.key!.id, before: null, after: { keyId: st.key!.id } }));
  return { keyId: st.key.id, text };
}

export interface KeyImportOutcome {
  keyId: string;
  /** Whether it is the key this database is sealed with. */
  matches: boolean;
  /** Audit rows written while the key was missing (sign-ins, refusals), sealed now without a check: [from, to]. */
  unverified: [number, number] | null;
}

/**
 * Adds an exported key to this installation's ring. When it is the key this database was waiting
 * for, the database is writable again: its checkpoint is checked under the key, and the audit rows
 * written since it (only sign-ins and refusals can be) are sealed and named on the chain.
 */
export function importKey(ctx: ServiceContext, text: string, passphrase: string): KeyImportOutcome {
  const st = stateOf(ctx.db);
  let key: SealKey;
  try {
    key = importSealKey(text, passphrase);
  } catch (e) {
    return keyError(e);
  }
  const cp = readCheckpoint(ctx.db);
  const matches = !!cp && cp.keyId === key.id;
  if (matches && !checkpointHolds(key, cp)) throw new AppError('conflict', 'seal.checkpointForged');
  const wasMissing = st.mode === 'key-missing';
  st.ring.add(key, matches || !st.ring.current());
  refreshKey(ctx.db);
  let unverified: [number, number] | null = null;
  inWriteTransaction(ctx, () => {
    if (matches && wasMissing && cp) {
      const head = ctx.db.prepare('SELECT last_id FROM audit_head WHERE one = 1').pluck().get() as number | undefined;
      if (head && head > cp.auditId) {
        unverified = [cp.auditId + 1, head];
        discardPending(ctx.db);
        markPending(ctx.db, 'audit_log', cp.auditId + 1, head);
        markPending(ctx.db, 'audit_head', 1, 1);
      }
    }
    appendAudit(ctx, { method: 'audit.keyImport', entity: 'seal_key', entityId: key.id, before: null, after: { keyId: key.id, matches, unverified } });
  });
  return { keyId: key.id, matches, unverified };
}

/**
 * A new key for this installation and this database: the record is verified in full under the old
 * key first (a rotation must not reseal a change made behind the app's back), then every row is
 * resealed under the new key in one transaction, with the rotation on the chain. The old key stays
 * in the ring, so backups sealed with it still verify.
 */
export function rotateKey(ctx: ServiceContext, reason: string): { from: string; to: string } {
  const st = stateOf(ctx.db);
  if (!st.key) throw new AppError('conflict', 'seal.readOnly');
  const check = verifyRecord(ctx.db, st.ring);
  if (check.state !== 'ok') throw new AppError('conflict', 'seal.rotateRefused', { count: check.problems.length });
  const from = st.key.id;
  const to = newSealKey();
  st.ring.add(to, true);
  inWriteTransaction(ctx, () => {
    appendAudit(ctx, { method: 'audit.keyRotate', entity: 'seal_key', entityId: to.id, before: { keyId: from }, after: { keyId: to.id, reason, verifiedAuditRows: check.auditRows } });
    resealUnderKey(ctx.db, to);
  });
  return { from, to: to.id };
}

/**
 * Only when the database's key is lost for good (no export anywhere): a new key, every row sealed
 * under it after the audit chain is checked, and the reset on the chain with its reason. What was
 * changed behind the app's back before this moment can no longer be told; the row says so.
 */
export function resetLostKey(ctx: ServiceContext, reason: string): { lost: string; to: string; auditRows: number } {
  const st = stateOf(ctx.db);
  const cp = readCheckpoint(ctx.db);
  if (st.mode !== 'key-missing' || !cp) throw new AppError('conflict', 'seal.resetNotNeeded');
  const check = verifyRecord(ctx.db, st.ring);
  if (!check.chain.ok) throw new AppError('conflict', 'seal.rotateRefused', { count: 1 });
  const to = newSealKey();
  st.ring.add(to, true);
  st.key = to;
  st.mode = 'sealed';
  inWriteTransaction(ctx, () => {
    appendAudit(ctx, {
      method: 'audit.keyReset',
      entity: 'seal_key',
      entityId: to.id,
      before: { keyId: cp.keyId, checkpointSeq: cp.seq, checkpointAuditId: cp.auditId },
      after: { keyId: to.id, reason, note: 'the old key was lost: rows changed behind the app\'s back before this row can no longer be told apart' },
    });
    resealUnderKey(ctx.db, to);
  });
  return { lost: cp.keyId, to: to.id, auditRows: check.auditRows };
}
