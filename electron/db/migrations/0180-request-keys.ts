// Runs in Electron's main process and in plain Node.
// Issue 19: a seat that lost the host sends its save again when the host is back, with the same
// Idempotency-Key it made for that submission. A key lands in this table in the same transaction
// as the write it guards (electron/services/context.ts `inWriteTransaction`), so a retry of a save
// that committed is answered without saving twice, and a save that rolled back left no key. The
// answer is added once the handler has returned (NULL when the host stopped in between: the retry
// is then answered 已保存). Not part of the sealed record (electron/db/seal.ts LEFT_OUT): the write
// each key guards is sealed and on the audit chain; keys older than 7 days are pruned.
import type { Migration } from './types.js';

export const m0180RequestKeys: Migration = {
  version: 180,
  name: 'request-keys',
  up(db) {
    db.exec(`
      CREATE TABLE request_keys (
        key     TEXT    PRIMARY KEY,
        -- Who sent it (user:<name>) and which contract method: the same key from another is refused.
        actor   TEXT    NOT NULL,
        method  TEXT    NOT NULL,
        -- The server's clock when the guarded write committed.
        at      INTEGER NOT NULL,
        -- The first answer's value as JSON, or NULL while (or when) it is not known.
        answer  TEXT
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX request_keys_at ON request_keys(at);
    `);
  },
};
