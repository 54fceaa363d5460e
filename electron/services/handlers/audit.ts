// Runs in Electron's main process and in plain Node. Handlers of audit.*: the record's status and
// verification (off the main thread), and the seal key's export, import and rotation.
import { readCheckpoint } from '../../db/seal.js';
import { exportKey, importKey, rotateKey } from '../audit-keys.js';
import { parseAnchor, type RecordVerifyResult } from '../record-verify.js';
import { fullCheck, recordStatus } from '../record-status.js';
import type { HandlersOf } from './types.js';

const SHOWN = 50;

function view(r: RecordVerifyResult) {
  return {
    state: r.state,
    auditRows: r.auditRows,
    sealedRows: r.sealedRows,
    ms: r.ms,
    head: r.head,
    keyId: r.keyId,
    anchor: r.anchor ? { ok: r.anchor.ok, detail: r.anchor.detail } : null,
    problems: r.problems.slice(0, SHOWN),
    problemCount: r.problems.length,
  };
}

export const auditHandlers: HandlersOf<'audit.'> = {
  'audit.status': (ctx) => ({ ...recordStatus(ctx), keyId: readCheckpoint(ctx.db)?.keyId ?? null }),
  'audit.verify': async (ctx, { anchor }) => {
    const a = anchor ? parseAnchor(anchor) : null;
    return view(await fullCheck(ctx, a ?? undefined));
  },
  'audit.keyExport': (ctx, { passphrase }) => {
    const { keyId, text } = exportKey(ctx, passphrase);
    return { keyId, fileName: `duty-desk-seal-key-${keyId}.json`, mimeType: 'application/json', contentBase64: Buffer.from(text, 'utf8').toString('base64') };
  },
  'audit.keyImport': (ctx, { contentBase64, passphrase }) => {
    const r = importKey(ctx, Buffer.from(contentBase64, 'base64').toString('utf8'), passphrase);
    return { ...r, need: r.matches ? null : (readCheckpoint(ctx.db)?.keyId ?? null) };
  },
  'audit.keyRotate': (ctx, { reason }) => rotateKey(ctx, reason),
};
