// Runs in Electron's main process and in plain Node. The one way a verdict is stored: incident
// flags (incidents/evaluate.ts) and zero-report flags (periods/judge.ts) both hand over what they
// found and what is stored, by key; each flag keeps its identity while its verdict moves, a flag
// no longer raised is marked cleared (never deleted), and every change is audited. With dryRun
// nothing is written and the changes are only listed (the rule-set preview).
import { appendAudit } from './audit.js';
import type { ServiceContext } from './context.js';

export interface FlagChange<Old, W> {
  key: string;
  kind: 'raised' | 'changed' | 'cleared';
  old: Old | null;
  write: W;
}

/** A change as the rule-set preview lists it: what it was, what it becomes. */
export function changeSummary<C extends string, D extends number | null>(c: {
  kind: FlagChange<unknown, unknown>['kind'];
  old: { status: string; deadline: number | null } | null;
  write: { code: C; status: string; deadline: D };
}): { kind: FlagChange<unknown, unknown>['kind']; code: C; beforeStatus: string | null; afterStatus: string; beforeDeadline: number | null; afterDeadline: D } {
  return { kind: c.kind, code: c.write.code, beforeStatus: c.old?.status ?? null, afterStatus: c.write.status, beforeDeadline: c.old?.deadline ?? null, afterDeadline: c.write.deadline };
}

export interface ReconcileSpec<Old extends { id: number; status: string }, W extends { status: string }> {
  /** The audit row's entity. */
  entity: string;
  method: string;
  /** What is stored, by key. */
  existing: ReadonlyMap<string, Old>;
  /** What the rules raise now, by key (a key at most once). */
  judged: Iterable<readonly [string, W]>;
  /** Whether a stored flag already holds this verdict. */
  same(old: Old, write: W): boolean;
  /** The write that marks a stored flag cleared. */
  clearedOf(old: Old): W;
  /** Completes a write about to be stored (who was on duty): not called on a dry run. */
  complete?(write: W, old: Old | null): void;
  insert(write: W): number;
  update(old: Old, write: W): void;
  /** The audit row's before and after. */
  before(old: Old): Record<string, unknown>;
  after(write: W): Record<string, unknown>;
}

/** Compares, then (unless dryRun) writes and audits. Must run inside the caller's write transaction. */
export function reconcileFlags<Old extends { id: number; status: string }, W extends { status: string }>(
  ctx: ServiceContext,
  spec: ReconcileSpec<Old, W>,
  dryRun = false,
): FlagChange<Old, W>[] {
  if (!ctx.db.inTransaction) throw new Error('flags are reconciled inside the write transaction');
  const changes: FlagChange<Old, W>[] = [];
  const seen = new Set<string>();
  for (const [key, write] of spec.judged) {
    seen.add(key);
    const old = spec.existing.get(key) ?? null;
    if (old && spec.same(old, write)) continue;
    changes.push({ key, kind: old ? 'changed' : 'raised', old, write });
  }
  for (const [key, old] of spec.existing) {
    if (seen.has(key) || old.status === 'cleared') continue;
    changes.push({ key, kind: 'cleared', old, write: spec.clearedOf(old) });
  }
  if (dryRun) return changes;
  for (const c of changes) {
    spec.complete?.(c.write, c.old);
    if (c.old) {
      spec.update(c.old, c.write);
      appendAudit(ctx, { method: spec.method, entity: spec.entity, entityId: c.old.id, before: spec.before(c.old), after: spec.after(c.write) });
    } else {
      const id = spec.insert(c.write);
      appendAudit(ctx, { method: spec.method, entity: spec.entity, entityId: id, before: null, after: spec.after(c.write) });
    }
  }
  return changes;
}
