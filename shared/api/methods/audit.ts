// Pure code: runs anywhere. Contract methods of the record's verification and its seal key
// (settings page, the red banner on every screen). See docs/audit.md.
import { z } from 'zod';
import type { FilePayload } from '../file-payload.js';
import { method, noInput } from '../method.js';

export interface SealProblemView {
  table: string;
  /** The row's id, or null for a problem of a whole table, the checkpoint or the schema. */
  id: string | null;
  kind: string;
  detail: string;
}

export interface RecordHead {
  id: number;
  hash: string;
}

export interface RecordStatusView {
  state: 'ok' | 'failed' | 'key-missing' | 'unsealed' | 'checking';
  last: { scope: 'full' | 'start'; auditRows: number; sealedRows: number; ms: number; head: RecordHead; keyId: string | null; at: number } | null;
  problems: SealProblemView[];
  problemCount: number;
  running: boolean;
  progress: { done: number; total: number } | null;
  /** The key this database is sealed with (also when it is missing here). */
  keyId: string | null;
}

export interface RecordVerifyView {
  state: 'ok' | 'failed' | 'key-missing' | 'unsealed';
  auditRows: number;
  sealedRows: number;
  ms: number;
  head: RecordHead;
  keyId: string | null;
  anchor: { ok: boolean; detail: string } | null;
  problems: SealProblemView[];
  problemCount: number;
}

const passphrase = z.string().min(10, { error: 'seal.passphraseShort' }).max(1000);

export const auditMethods = {
  'audit.status': method<RecordStatusView>()(noInput),
  /** The whole record verified now (off the main thread), optionally against a printed anchor. */
  'audit.verify': method<RecordVerifyView>()(
    z.object({ anchor: z.string().trim().max(80).regex(/^(\d{1,15}\s*[:：]\s*[0-9a-fA-F]{8,64})?$/, { error: 'seal.anchorInvalid' }).optional() }).strict(),
  ),
  'audit.keyExport': method<FilePayload & { keyId: string }>()(z.object({ passphrase }).strict()),
  'audit.keyImport': method<{ keyId: string; matches: boolean; unverified: [number, number] | null; need: string | null }>()(
    z.object({ contentBase64: z.string().min(1).max(100_000), passphrase }).strict(),
  ),
  'audit.keyRotate': method<{ from: string; to: string }>()(z.object({ reason: z.string().trim().min(1, { error: 'seal.reasonRequired' }).max(500) }).strict()),
} as const;
