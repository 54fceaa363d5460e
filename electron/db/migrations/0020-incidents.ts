// Runs in Electron's main process and in plain Node.
// The incident log: incidents, their report chains (stated facts, never updated), upward reports,
// the flags the rules raise (stable identity, reviewed by a leader), follow-ups (督办/催报),
// acknowledged alarms, and the full-text index (FTS5 trigram) over what people typed.
import type { Migration } from './types.js';

export const m0020Incidents: Migration = {
  version: 20,
  name: 'incidents',
  up(db) {
    db.exec(`
      CREATE TABLE incidents (
        id                 INTEGER PRIMARY KEY,
        -- Human number, per year of the first receipt in the duty room's zone: 2026-0001.
        number             TEXT    NOT NULL UNIQUE,
        year               INTEGER NOT NULL,
        seq                INTEGER NOT NULL,
        category           TEXT    NOT NULL,
        unit_id            INTEGER REFERENCES units(id),
        -- The engine compares unit names; the name is kept as the snapshot it was logged with.
        responsible_unit   TEXT    NOT NULL,
        occurred_at        INTEGER NOT NULL,
        place              TEXT    NOT NULL DEFAULT '',
        learned_at         INTEGER,
        closed_at          INTEGER,
        manual_level       TEXT CHECK (manual_level IN ('I', 'II', 'III', 'IV')),
        important          INTEGER NOT NULL DEFAULT 0 CHECK (important IN (0, 1)),
        first_received_at  INTEGER NOT NULL,
        created_at         INTEGER NOT NULL,
        updated_at         INTEGER NOT NULL,
        -- Derived by the rule engine on every change and by the clock (a cache, not a fact).
        initial_level      TEXT    NOT NULL DEFAULT 'IV',
        current_level      TEXT    NOT NULL DEFAULT 'IV',
        status             TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'final_pending', 'closed')),
        next_deadline      INTEGER,
        next_deadline_code TEXT,
        -- The earliest instant at which the engine's verdict can change with time alone.
        next_check         INTEGER,
        -- Space-separated codes of live (not cleared) flags, for the flag filter.
        flag_codes         TEXT    NOT NULL DEFAULT '',
        UNIQUE (year, seq)
      ) STRICT;
      CREATE INDEX incidents_occurred ON incidents(occurred_at DESC, id DESC);
      CREATE INDEX incidents_cat_occurred ON incidents(category, occurred_at DESC);
      CREATE INDEX incidents_unit_occurred ON incidents(responsible_unit, occurred_at DESC);
      CREATE INDEX incidents_level_occurred ON incidents(current_level, occurred_at DESC);
      CREATE INDEX incidents_status_occurred ON incidents(status, occurred_at DESC);
      CREATE INDEX incidents_next_deadline ON incidents(next_deadline) WHERE next_deadline IS NOT NULL;
      CREATE INDEX incidents_next_check ON incidents(next_check) WHERE next_check IS NOT NULL;
      CREATE INDEX incidents_dup ON incidents(responsible_unit, category, occurred_at);
      CREATE TRIGGER incidents_no_delete BEFORE DELETE ON incidents
        BEGIN SELECT RAISE(ABORT, 'incidents are never deleted'); END;

      -- A report as received. Stated facts are never updated: a correction is a new row with a
      -- reason pointing at the report it corrects.
      CREATE TABLE incident_reports (
        id                 INTEGER PRIMARY KEY,
        incident_id        INTEGER NOT NULL REFERENCES incidents(id),
        seq                INTEGER NOT NULL,
        kind               TEXT    NOT NULL CHECK (kind IN ('initial', 'followup', 'final')),
        channel            TEXT    NOT NULL,
        from_unit          TEXT    NOT NULL,
        caller_name        TEXT    NOT NULL DEFAULT '',
        caller_title       TEXT    NOT NULL DEFAULT '',
        caller_phone       TEXT    NOT NULL DEFAULT '',
        -- entered_at: stamped by the system when the form opened; received_at: the real time of
        -- the call as typed (the engine judges by it).
        entered_at         INTEGER NOT NULL,
        received_at        INTEGER NOT NULL,
        occurred_at        INTEGER,
        location           TEXT,
        summary            TEXT,
        measures_taken     TEXT,
        deaths             INTEGER,
        missing            INTEGER,
        seriously_injured  INTEGER,
        injured            INTEGER,
        trapped            INTEGER,
        direct_loss_yuan   REAL,
        correction_reason  TEXT,
        corrects_report_id INTEGER REFERENCES incident_reports(id),
        actor              TEXT    NOT NULL,
        created_at         INTEGER NOT NULL,
        UNIQUE (incident_id, seq)
      ) STRICT;
      CREATE INDEX incident_reports_received ON incident_reports(received_at);
      CREATE TRIGGER incident_reports_no_update BEFORE UPDATE ON incident_reports
        BEGIN SELECT RAISE(ABORT, 'reports are never changed: add a correcting report with a reason'); END;
      CREATE TRIGGER incident_reports_no_delete BEFORE DELETE ON incident_reports
        BEGIN SELECT RAISE(ABORT, 'reports are never deleted'); END;

      -- 上报: what the duty room itself sent upward (issue 9 judges these: UPWARD_LATE).
      CREATE TABLE upward_reports (
        id          INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents(id),
        recipient   TEXT    NOT NULL,
        channel     TEXT    NOT NULL,
        sent_at     INTEGER NOT NULL,
        note        TEXT    NOT NULL DEFAULT '',
        actor       TEXT    NOT NULL,
        created_at  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX upward_reports_incident ON upward_reports(incident_id, sent_at);
      CREATE TRIGGER upward_reports_no_update BEFORE UPDATE ON upward_reports
        BEGIN SELECT RAISE(ABORT, 'upward reports are never changed'); END;
      CREATE TRIGGER upward_reports_no_delete BEFORE DELETE ON upward_reports
        BEGIN SELECT RAISE(ABORT, 'upward reports are never deleted'); END;

      -- A flag keeps its identity (incident, code, slot) while the engine's verdict moves
      -- (overdue -> late); one the engine no longer raises is marked cleared, never deleted.
      CREATE TABLE flags (
        id              INTEGER PRIMARY KEY,
        incident_id     INTEGER NOT NULL REFERENCES incidents(id),
        code            TEXT    NOT NULL,
        slot            TEXT    NOT NULL,
        status          TEXT    NOT NULL CHECK (status IN ('late', 'overdue', 'suspected', 'cleared')),
        reason          TEXT,
        fields          TEXT,
        deadline        INTEGER,
        actual          INTEGER,
        minutes_late    INTEGER,
        report_id       INTEGER REFERENCES incident_reports(id),
        -- The shift on duty at the deadline (or at the report, where there is no deadline): a
        -- text snapshot plus the roster's person ids; null where no roster was set.
        on_duty_text    TEXT,
        on_duty_ids     TEXT,
        raised_at       INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        review          TEXT    NOT NULL DEFAULT 'pending' CHECK (review IN ('pending', 'confirmed', 'dismissed')),
        reviewed_by     TEXT,
        review_reason   TEXT,
        reviewed_at     INTEGER,
        UNIQUE (incident_id, code, slot)
      ) STRICT;
      CREATE INDEX flags_queue ON flags(review, status, deadline);
      CREATE INDEX flags_reviewed ON flags(review, reviewed_at);
      CREATE TRIGGER flags_no_delete BEFORE DELETE ON flags
        BEGIN SELECT RAISE(ABORT, 'flags are cleared, never deleted'); END;

      -- 督办事项 and 催报: an owner, a due time and a result.
      CREATE TABLE followups (
        id          INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents(id),
        flag_id     INTEGER REFERENCES flags(id),
        kind        TEXT    NOT NULL CHECK (kind IN ('urge', 'supervise')),
        subject     TEXT    NOT NULL,
        owner       TEXT    NOT NULL,
        due_at      INTEGER NOT NULL,
        status      TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
        result      TEXT,
        created_at  INTEGER NOT NULL,
        created_by  TEXT    NOT NULL,
        done_at     INTEGER,
        done_by     TEXT
      ) STRICT;
      CREATE INDEX followups_open ON followups(status, due_at);
      CREATE INDEX followups_incident ON followups(incident_id);
      CREATE TRIGGER followups_no_delete BEFORE DELETE ON followups
        BEGIN SELECT RAISE(ABORT, 'follow-ups are never deleted'); END;

      -- An alarm (amber or overdue) the officer acknowledged: one per deadline and stage.
      CREATE TABLE alarm_acks (
        id          INTEGER PRIMARY KEY,
        alarm_key   TEXT    NOT NULL UNIQUE,
        incident_id INTEGER NOT NULL REFERENCES incidents(id),
        code        TEXT    NOT NULL,
        deadline    INTEGER NOT NULL,
        stage       TEXT    NOT NULL CHECK (stage IN ('amber', 'overdue')),
        acked_at    INTEGER NOT NULL,
        actor       TEXT    NOT NULL
      ) STRICT;
      CREATE TRIGGER alarm_acks_no_delete BEFORE DELETE ON alarm_acks
        BEGIN SELECT RAISE(ABORT, 'acknowledgements are never deleted'); END;

      -- Trigram full-text index over the incident's words (number, unit, place, what reports said).
      CREATE VIRTUAL TABLE incidents_fts USING fts5(body, tokenize = 'trigram');
    `);
  },
};
