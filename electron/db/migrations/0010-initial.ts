// Runs in Electron's main process and in plain Node.
// The first schema: settings, the audit chain, and the directory of reporting units.
import type { Migration } from './types.js';

export const m0010Initial: Migration = {
  version: 10,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- Every write appends one row here in the same transaction. Rows are chained: hash =
      -- SHA-256 over the previous row's hash and this row's fields (see electron/services/audit.ts).
      CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY,
        at        INTEGER NOT NULL,
        actor     TEXT    NOT NULL,
        method    TEXT    NOT NULL,
        entity    TEXT    NOT NULL,
        entity_id TEXT,
        before    TEXT,
        after     TEXT,
        prev_hash TEXT    NOT NULL,
        hash      TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
      -- The newest row's id and hash, so removing rows from the end of the chain is caught too.
      CREATE TABLE audit_head (
        one       INTEGER PRIMARY KEY CHECK (one = 1),
        last_id   INTEGER NOT NULL,
        last_hash TEXT    NOT NULL
      ) STRICT;
      -- Append-only, so that a slip in app code cannot rewrite history. A person with the file and
      -- a SQLite shell can drop these; the hash chain is what catches that.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

      CREATE TABLE units (
        id            INTEGER PRIMARY KEY,
        name          TEXT    NOT NULL,
        kind          TEXT    NOT NULL CHECK (kind IN ('district', 'county', 'department', 'enterprise', 'other')),
        duty_phone    TEXT    NOT NULL,
        fax           TEXT    NOT NULL DEFAULT '',
        contact_name  TEXT    NOT NULL DEFAULT '',
        contact_title TEXT    NOT NULL DEFAULT '',
        contact_phone TEXT    NOT NULL DEFAULT '',
        address       TEXT    NOT NULL DEFAULT '',
        notes         TEXT    NOT NULL DEFAULT '',
        active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX units_name ON units(name);
      CREATE TRIGGER units_no_delete BEFORE DELETE ON units
        BEGIN SELECT RAISE(ABORT, 'units are deactivated, never deleted'); END;
    `);
  },
};
