// Runs in a worker thread started by record-status.ts. Verifies the whole record from its own
// read-only connection, so the main process (and the window it answers) never waits on a decade's
// rows. The key ring comes from the parent (in the app it lives in the system keychain).
import { parentPort, workerData } from 'node:worker_threads';
import { closeDatabase, openDatabase } from '../db/connection.js';
import { KeyRing, memoryKeyStore, type KeyRingData } from '../db/seal-keys.js';
import { verifyRecord, type Anchor } from './record-verify.js';

const job = workerData as { dbPath: string; ring: KeyRingData | null; anchor?: Anchor };
const ring = new KeyRing(memoryKeyStore(job.ring));
try {
  const db = openDatabase(job.dbPath, { readonly: true, keys: ring });
  try {
    let last = 0;
    const result = verifyRecord(db, ring, {
      ...(job.anchor ? { anchor: job.anchor } : {}),
      onProgress: (done, total) => {
        const now = performance.now();
        if (now - last < 250) return;
        last = now;
        parentPort!.postMessage({ progress: { done, total } });
      },
    });
    parentPort!.postMessage({ result });
  } finally {
    closeDatabase(db);
  }
} catch (e) {
  parentPort!.postMessage({ error: (e as Error)?.stack ?? String(e) });
}
