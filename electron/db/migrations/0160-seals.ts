// Runs in Electron's main process and in plain Node.
// Issue 18 (a record no one can rewrite unseen): the seals of the record (electron/db/seal.ts).
// `seals` holds a keyed MAC of every row of every table of the record (all ordinary tables but the
// few listed in LEFT_OUT), `seal_checkpoint` one keyed MAC over the audit chain's head and each
// table's seal count, digest and highest id, `seal_findings` the rows the app found changed behind
// its back when it next wrote them. The key is outside the file; the migration runner seals every
// row right after this migration, in the same transaction (afterMigrations).
import type { Migration } from './types.js';

export const m0160Seals: Migration = {
  version: 160,
  name: 'seals',
  up(db) {
    db.exec(`
      CREATE TABLE seals (
        tbl  TEXT    NOT NULL,
        k    ANY     NOT NULL,
        mac  BLOB    NOT NULL CHECK (length(mac) = 16),
        -- The checkpoint sequence that wrote it: the start check verifies what came after the last full check.
        seq  INTEGER NOT NULL,
        PRIMARY KEY (tbl, k)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX seals_seq ON seals(seq);

      CREATE TABLE seal_checkpoint (
        one               INTEGER PRIMARY KEY CHECK (one = 1),
        key_id            TEXT    NOT NULL,
        seq               INTEGER NOT NULL,
        audit_id          INTEGER NOT NULL,
        audit_hash        TEXT    NOT NULL,
        schema_version    INTEGER NOT NULL,
        tables            TEXT    NOT NULL,
        verified_seq      INTEGER NOT NULL,
        verified_audit_id INTEGER NOT NULL,
        mac               BLOB    NOT NULL
      ) STRICT;

      CREATE TABLE seal_findings (
        id        INTEGER PRIMARY KEY,
        tbl       TEXT    NOT NULL,
        k         TEXT    NOT NULL,
        kind      TEXT    NOT NULL CHECK (kind IN ('changed', 'inserted', 'removed')),
        -- The row as it was found (JSON), before the app's write went over it.
        content   TEXT,
        found_at  INTEGER NOT NULL,
        found_seq INTEGER NOT NULL
      ) STRICT;
      CREATE TRIGGER seal_findings_no_update BEFORE UPDATE ON seal_findings
        BEGIN SELECT RAISE(ABORT, 'seal findings are never changed'); END;
      CREATE TRIGGER seal_findings_no_delete BEFORE DELETE ON seal_findings
        BEGIN SELECT RAISE(ABORT, 'seal findings are never deleted'); END;
    `);
  },
};
