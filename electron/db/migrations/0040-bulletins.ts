// Runs in Electron's main process and in plain Node.
// Issued daily bulletins (值班日报): one row per issue of a duty day, numbered 1, 2, 3... (a later
// issue of the same day is a revision, 第2版). The row keeps the whole bulletin as JSON with its
// SHA-256, so an export of an issued revision is built from what was issued, never from the live
// log. Append-only, like the audit log: a correction is a new revision.
import type { Migration } from './types.js';

export const m0040Bulletins: Migration = {
  version: 40,
  name: 'bulletins',
  up(db) {
    db.exec(`
      CREATE TABLE bulletins (
        id         INTEGER PRIMARY KEY,
        duty_day   TEXT    NOT NULL CHECK (duty_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        revision   INTEGER NOT NULL CHECK (revision >= 1),
        issued_at  INTEGER NOT NULL,
        issued_by  TEXT    NOT NULL,
        -- Required when the completeness check found problems (the service enforces it).
        note       TEXT    NOT NULL DEFAULT '',
        -- The completeness problems seen when issuing, as JSON (an array).
        problems   TEXT    NOT NULL DEFAULT '[]',
        snapshot   TEXT    NOT NULL,
        sha256     TEXT    NOT NULL CHECK (length(sha256) = 64),
        UNIQUE (duty_day, revision)
      ) STRICT;
      CREATE TRIGGER bulletins_no_update BEFORE UPDATE ON bulletins
        BEGIN SELECT RAISE(ABORT, 'bulletins are append-only: issue a new revision'); END;
      CREATE TRIGGER bulletins_no_delete BEFORE DELETE ON bulletins
        BEGIN SELECT RAISE(ABORT, 'bulletins are append-only: issue a new revision'); END;
    `);
  },
};
