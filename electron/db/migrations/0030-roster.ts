// Runs in Electron's main process and in plain Node.
// The duty roster: people, the holiday calendar, leave, fixed assignments, the roster itself (as
// assignments that a later change ends, never deletes), swaps, check-ins and signed handovers.
import type { Migration } from './types.js';

const noDelete = (table: string) => `
  CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
    BEGIN SELECT RAISE(ABORT, '${table}: nothing is deleted; record a correction instead'); END;`;

export const m0030Roster: Migration = {
  version: 30,
  name: 'roster',
  up(db) {
    db.exec(`
      CREATE TABLE people (
        id         INTEGER PRIMARY KEY,
        name       TEXT    NOT NULL,
        phone      TEXT    NOT NULL,
        is_leader  INTEGER NOT NULL CHECK (is_leader IN (0, 1)),
        is_officer INTEGER NOT NULL CHECK (is_officer IN (0, 1)),
        -- The app account linked to this person (issue 7); null until then.
        account    TEXT,
        notes      TEXT    NOT NULL DEFAULT '',
        active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK (is_leader + is_officer >= 1)
      ) STRICT;
      CREATE UNIQUE INDEX people_name ON people(name);
      ${noDelete('people')}

      -- The holiday calendar the admin edits: holidays, make-up working days (调休), special periods.
      CREATE TABLE calendar_entries (
        id         INTEGER PRIMARY KEY,
        kind       TEXT    NOT NULL CHECK (kind IN ('holiday', 'workday', 'special')),
        name       TEXT    NOT NULL,
        from_day   TEXT    NOT NULL,
        to_day     TEXT    NOT NULL,
        leaders    INTEGER,
        officers   INTEGER,
        active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at INTEGER NOT NULL,
        CHECK (from_day <= to_day)
      ) STRICT;
      ${noDelete('calendar_entries')}

      -- Leave, trips: the person is not rostered on these duty days. Withdrawn, never deleted.
      CREATE TABLE unavailability (
        id         INTEGER PRIMARY KEY,
        person_id  INTEGER NOT NULL REFERENCES people(id),
        from_day   TEXT    NOT NULL,
        to_day     TEXT    NOT NULL,
        reason     TEXT    NOT NULL,
        active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at INTEGER NOT NULL,
        CHECK (from_day <= to_day)
      ) STRICT;
      CREATE INDEX unavailability_person ON unavailability(person_id);
      ${noDelete('unavailability')}

      -- Fixed assignments the generator keeps (slot_key = 'YYYY-MM-DD#n').
      CREATE TABLE roster_fixed (
        id         INTEGER PRIMARY KEY,
        slot_key   TEXT    NOT NULL,
        person_id  INTEGER NOT NULL REFERENCES people(id),
        role       TEXT    NOT NULL CHECK (role IN ('leader', 'officer')),
        reason     TEXT    NOT NULL DEFAULT '',
        active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at INTEGER NOT NULL
      ) STRICT;
      ${noDelete('roster_fixed')}

      -- A shift as rostered: its instants are stored, so a later change of the pattern never
      -- rewrites who was on duty when.
      CREATE TABLE roster_shifts (
        id               INTEGER PRIMARY KEY,
        day              TEXT    NOT NULL,
        shift_index      INTEGER NOT NULL,
        name             TEXT    NOT NULL,
        start_at         INTEGER NOT NULL,
        end_at           INTEGER NOT NULL,
        kind             TEXT    NOT NULL CHECK (kind IN ('holiday', 'weekend', 'workday')),
        labels           TEXT    NOT NULL DEFAULT '[]',
        leaders_needed   INTEGER NOT NULL,
        officers_needed  INTEGER NOT NULL,
        created_at       INTEGER NOT NULL,
        CHECK (start_at < end_at)
      ) STRICT;
      CREATE UNIQUE INDEX roster_shifts_identity ON roster_shifts(start_at, end_at, name);
      CREATE INDEX roster_shifts_day ON roster_shifts(day);
      ${noDelete('roster_shifts')}
      CREATE TRIGGER roster_shifts_no_update BEFORE UPDATE ON roster_shifts
        BEGIN SELECT RAISE(ABORT, 'roster_shifts: a rostered shift does not change'); END;

      -- Every change of the roster: a saved proposal, an import, an edit, a swap (换班), a
      -- substitute (代班). Who confirmed it (both people or a leader) and why.
      CREATE TABLE roster_changes (
        id           INTEGER PRIMARY KEY,
        kind         TEXT    NOT NULL CHECK (kind IN ('generate', 'import', 'edit', 'swap', 'substitute')),
        month        TEXT,
        reason       TEXT    NOT NULL DEFAULT '',
        confirmed_by TEXT    NOT NULL DEFAULT '[]',
        confirmed_at INTEGER,
        actor        TEXT    NOT NULL,
        at           INTEGER NOT NULL
      ) STRICT;
      ${noDelete('roster_changes')}
      CREATE TRIGGER roster_changes_no_update BEFORE UPDATE ON roster_changes
        BEGIN SELECT RAISE(ABORT, 'roster_changes is append-only'); END;

      -- One person on one shift in one role, from the change that added it until the change that
      -- ended it (null: in the final roster).
      CREATE TABLE roster_assignments (
        id           INTEGER PRIMARY KEY,
        shift_id     INTEGER NOT NULL REFERENCES roster_shifts(id),
        person_id    INTEGER NOT NULL REFERENCES people(id),
        role         TEXT    NOT NULL CHECK (role IN ('leader', 'officer')),
        position     INTEGER NOT NULL DEFAULT 0,
        added_by     INTEGER NOT NULL REFERENCES roster_changes(id),
        ended_by     INTEGER REFERENCES roster_changes(id)
      ) STRICT;
      CREATE INDEX roster_assignments_shift ON roster_assignments(shift_id) WHERE ended_by IS NULL;
      CREATE INDEX roster_assignments_person ON roster_assignments(person_id) WHERE ended_by IS NULL;
      ${noDelete('roster_assignments')}
      -- The only change ever made to an assignment is ending it, once.
      CREATE TRIGGER roster_assignments_end_only BEFORE UPDATE ON roster_assignments
        WHEN OLD.ended_by IS NOT NULL OR NEW.ended_by IS NULL OR NEW.shift_id != OLD.shift_id
          OR NEW.person_id != OLD.person_id OR NEW.role != OLD.role OR NEW.added_by != OLD.added_by
        BEGIN SELECT RAISE(ABORT, 'roster_assignments: an assignment is only ever ended'); END;

      CREATE TABLE checkins (
        id         INTEGER PRIMARY KEY,
        shift_id   INTEGER NOT NULL REFERENCES roster_shifts(id),
        person_id  INTEGER NOT NULL REFERENCES people(id),
        at         INTEGER NOT NULL,
        actor      TEXT    NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX checkins_once ON checkins(shift_id, person_id);
      ${noDelete('checkins')}
      CREATE TRIGGER checkins_no_update BEFORE UPDATE ON checkins
        BEGIN SELECT RAISE(ABORT, 'checkins are append-only'); END;

      -- The outgoing shift's handover record: a snapshot taken when it is created (evidence), the
      -- outgoing notes, and the incoming side's acknowledgement, after which it is read-only.
      CREATE TABLE handovers (
        id             INTEGER PRIMARY KEY,
        shift_id       INTEGER NOT NULL REFERENCES roster_shifts(id),
        next_shift_id  INTEGER REFERENCES roster_shifts(id),
        summary        TEXT    NOT NULL,
        checkins       TEXT    NOT NULL,
        notes          TEXT    NOT NULL DEFAULT '',
        created_at     INTEGER NOT NULL,
        created_by     TEXT    NOT NULL,
        updated_at     INTEGER NOT NULL,
        ack_person_id  INTEGER REFERENCES people(id),
        ack_name       TEXT,
        ack_at         INTEGER,
        ack_remarks    TEXT
      ) STRICT;
      CREATE UNIQUE INDEX handovers_shift ON handovers(shift_id);
      ${noDelete('handovers')}
      CREATE TRIGGER handovers_read_only_once_acknowledged BEFORE UPDATE ON handovers
        WHEN OLD.ack_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'handovers: an acknowledged handover is read-only'); END;
    `);
  },
};
