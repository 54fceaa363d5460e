// Runs in plain Node: `duty audit verify --db PATH [--anchor N:HASH]`: verifies the record read-only,
// on one snapshot: the audit chain, the schema, the keyed checkpoint and every row's seal
// (electron/services/record-verify.ts). Progress on stderr for long runs. Exit 0 with
// "ok: …" when everything holds; exit 1 naming each table and row that does not, or when the key
// to verify with is missing.
import { existsSync } from 'node:fs';
import { closeDatabase, openDatabase } from '../../db/connection.js';
import { sealStateOf } from '../../db/seal.js';
import { formatAnchor, parseAnchor, verifyRecord, type RecordVerifyResult } from '../../services/record-verify.js';
import { dbPathOf, DB_OPTION } from '../db-flag.js';
import { parseFlags, UsageError, type CliIo, type Command } from '../io.js';

/** One line per problem: "incidents 12: the row does not match its seal (…)". */
export function problemLines(r: RecordVerifyResult): string[] {
  return r.problems.map((p) => (p.id === null ? `${p.table}: ${p.detail}` : `${p.table} ${p.id}: ${p.detail}`));
}

function progressPrinter(io: CliIo): (done: number, total: number) => void {
  let last = 0;
  const started = performance.now();
  return (done, total) => {
    const now = performance.now();
    if (now - last < 1000 || now - started < 1000) return;
    last = now;
    const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
    io.err(`verifying: ${done} of ~${total} rows (${pct}%), ${((now - started) / 1000).toFixed(0)} s`);
  };
}

export const auditVerify: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { ...DB_OPTION, anchor: { type: 'string', multiple: true } });
  const path = dbPathOf(io, values.db);
  if (!existsSync(path)) throw new UsageError(`no database at ${path}`);
  const anchors = (values.anchor ?? []).map((a) => {
    const parsed = parseAnchor(a);
    if (!parsed) throw new UsageError(`--anchor must be ROW:HASH as printed on a bulletin, such as 12345:3fa9c0d1e2b4, not '${a}'`);
    return parsed;
  });
  const db = openDatabase(path, { readonly: true });
  try {
    const ring = sealStateOf(db)!.ring;
    const onProgress = progressPrinter(io);
    const result = verifyRecord(db, ring, { onProgress, ...(anchors[0] ? { anchor: anchors[0] } : {}) });
    // Further anchors: each checked on its own snapshot (cheap: one row each).
    const more = anchors.slice(1).map((a) => verifyRecord(db, ring, { scope: 'start', anchor: a }).anchor!);
    const anchorLines = [result.anchor, ...more].filter((a) => a !== undefined).map((a) => a.detail);
    const failedAnchors = more.filter((a) => !a.ok);
    if (result.state === 'key-missing') {
      io.err(`cannot verify the seals: this database is sealed with key ${result.keyId}, which is not in ${ring.store.where}; import it with \`duty audit key import FILE\``);
      io.err(result.chain.ok ? `the audit chain alone holds (${result.auditRows} rows), which proves nothing against someone with the file` : `audit chain broken at row ${result.chain.badRow}: ${result.chain.reason}`);
      return 1;
    }
    if (result.state === 'failed' || failedAnchors.length) {
      if (!result.chain.ok) io.err(`audit chain broken at row ${result.chain.badRow}: ${result.chain.reason}`);
      const lines = problemLines(result).filter((l) => result.chain.ok || !l.startsWith('audit_log ') || !l.includes('audit chain:'));
      io.err(`${result.problems.length + failedAnchors.length} problem(s):`);
      for (const l of lines) io.err(`  ${l}`);
      for (const a of failedAnchors) io.err(`  ${a.detail}`);
      return 1;
    }
    const sealed = result.state === 'unsealed' ? 'not sealed (schema before 160)' : `${result.sealedRows} sealed rows`;
    io.out(`ok: ${result.auditRows} audit rows, ${sealed}; head ${formatAnchor(result.head.id, result.head.hash)} (${(result.ms / 1000).toFixed(1)} s)`);
    for (const l of anchorLines) io.out(l);
    return 0;
  } finally {
    closeDatabase(db);
  }
};
