// Runs in Electron's main process and in plain Node.
// Issue 19: a duty room of several seats. Each seat (another PC) pairs with the host once, with a
// short code the host shows, and is given a long random token it keeps; only the token's SHA-256
// is stored here, with the seat's name, when and from where it paired and with which code, and
// when (and by whom) it was revoked. Seats are revoked, never deleted. The audit log names the
// seat a write came from (null for the host's own window, the CLI and every row written before):
// the row's hash covers the seat only when it is not null, so older rows keep their hashes.
import type { Migration } from './types.js';

export const m0190RoomSeats: Migration = {
  version: 190,
  name: 'room-seats',
  up(db) {
    db.exec(`
      CREATE TABLE room_seats (
        id          INTEGER PRIMARY KEY,
        name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
        -- SHA-256 (hex) of the seat's token; the token itself is never stored.
        token_hash  TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64),
        paired_at   INTEGER NOT NULL,
        -- The peer's address at pairing, and the code's number and who had it shown.
        paired_from TEXT    NOT NULL,
        code_id     INTEGER NOT NULL,
        code_by     TEXT    NOT NULL,
        revoked_at  INTEGER,
        revoked_by  TEXT
      ) STRICT;
      CREATE TRIGGER room_seats_no_delete BEFORE DELETE ON room_seats
        BEGIN SELECT RAISE(ABORT, 'seats are revoked, never deleted'); END;
      CREATE TRIGGER room_seats_revoke_once BEFORE UPDATE ON room_seats
        WHEN OLD.revoked_at IS NOT NULL OR NEW.token_hash IS NOT OLD.token_hash OR NEW.name IS NOT OLD.name
          OR NEW.paired_at IS NOT OLD.paired_at OR NEW.paired_from IS NOT OLD.paired_from
          OR NEW.code_id IS NOT OLD.code_id OR NEW.code_by IS NOT OLD.code_by
        BEGIN SELECT RAISE(ABORT, 'a seat is only ever revoked, once'); END;

      ALTER TABLE audit_log ADD COLUMN seat TEXT;
    `);
  },
};
