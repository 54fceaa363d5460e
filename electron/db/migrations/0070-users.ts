// Runs in Electron's main process and in plain Node.
// The app's accounts: who signs in, with which role (admin, leader, officer), the scrypt hash of
// their password (salt and parameters inside it, see electron/services/passwords.ts), and
// optionally the roster person they are. Accounts are disabled, never deleted.
import type { Migration } from './types.js';

export const m0070Users: Migration = {
  version: 70,
  name: 'users',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id            INTEGER PRIMARY KEY,
        username      TEXT    NOT NULL,
        display_name  TEXT    NOT NULL,
        role          TEXT    NOT NULL CHECK (role IN ('admin', 'leader', 'officer')),
        password_hash TEXT    NOT NULL,
        person_id     INTEGER REFERENCES people(id),
        disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX users_username ON users(username);
      CREATE TRIGGER users_no_delete BEFORE DELETE ON users
        BEGIN SELECT RAISE(ABORT, 'users: nothing is deleted; disable the account instead'); END;
    `);
  },
};
