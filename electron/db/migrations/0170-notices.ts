// Runs in Electron's main process and in plain Node.
// Issue 20: relaying notices downward with receipts (传达与回执). A notice (上级通知, 预警信息, 领导批示,
// 本级指令) is kept as revisions (the first as saved, then corrections with their reasons), never
// changed; each relay to a unit, each unit's receipt and its feedback is a step row, never changed
// (a correction is a new row naming the row it corrects); unit groups the admin keeps are changed
// only by audited updates and retired, never deleted. Notice flags (RELAY_LATE, RECEIPT_*,
// FEEDBACK_*) keep their identity per notice, unit and step, with the leader's review, and are
// cleared, never deleted.
import type { Migration } from './types.js';

export const m0170Notices: Migration = {
  version: 170,
  name: 'notices',
  up(db) {
    db.exec(`
      CREATE TABLE unit_groups (
        id          INTEGER PRIMARY KEY,
        name        TEXT    NOT NULL,
        -- JSON array of unit ids, in the order picked.
        unit_ids    TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(unit_ids)),
        retired     INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
        created_at  INTEGER NOT NULL,
        created_by  TEXT    NOT NULL,
        updated_at  INTEGER NOT NULL
      ) STRICT;
      CREATE TRIGGER unit_groups_no_delete BEFORE DELETE ON unit_groups
        BEGIN SELECT RAISE(ABORT, 'unit groups are retired, never deleted'); END;

      CREATE TABLE notices (
        id          INTEGER PRIMARY KEY,
        -- The server's clock when the notice was first saved.
        entered_at  INTEGER NOT NULL,
        created_by  TEXT    NOT NULL,
        -- Derived: the earliest deadline still to pass (the rules clock re-judges the notice then).
        next_check  INTEGER
      ) STRICT;
      CREATE INDEX notices_next_check ON notices(next_check) WHERE next_check IS NOT NULL;
      CREATE TRIGGER notices_no_delete BEFORE DELETE ON notices
        BEGIN SELECT RAISE(ABORT, 'notices are never deleted'); END;

      -- Every revision of a notice's fields; the newest is in force.
      CREATE TABLE notice_revisions (
        id                   INTEGER PRIMARY KEY,
        notice_id            INTEGER NOT NULL REFERENCES notices(id),
        revision             INTEGER NOT NULL CHECK (revision >= 1),
        kind                 TEXT    NOT NULL CHECK (kind IN ('superior', 'warning', 'instruction', 'local')),
        source               TEXT    NOT NULL,
        doc_number           TEXT    NOT NULL DEFAULT '',
        level_text           TEXT    NOT NULL DEFAULT '',
        text                 TEXT    NOT NULL,
        incident_id          INTEGER REFERENCES incidents(id),
        received_at          INTEGER NOT NULL,
        receipt_deadline_min INTEGER NOT NULL CHECK (receipt_deadline_min >= 1),
        feedback_due_at      INTEGER,
        feedback_required    TEXT    NOT NULL DEFAULT '',
        unit_ids             TEXT    NOT NULL CHECK (json_valid(unit_ids)),
        reason               TEXT,
        actor                TEXT    NOT NULL,
        created_at           INTEGER NOT NULL,
        UNIQUE (notice_id, revision),
        CHECK (revision = 1 OR reason IS NOT NULL)
      ) STRICT;
      CREATE INDEX notice_revisions_received ON notice_revisions(received_at);
      CREATE TRIGGER notice_revisions_no_update BEFORE UPDATE ON notice_revisions
        BEGIN SELECT RAISE(ABORT, 'notices are never changed: save a revision with a reason'); END;
      CREATE TRIGGER notice_revisions_no_delete BEFORE DELETE ON notice_revisions
        BEGIN SELECT RAISE(ABORT, 'notices are never deleted'); END;

      -- A relay to a unit, a unit's receipt, or its feedback; or a correction of one.
      CREATE TABLE notice_steps (
        id                 INTEGER PRIMARY KEY,
        notice_id          INTEGER NOT NULL REFERENCES notices(id),
        unit_id            INTEGER NOT NULL REFERENCES units(id),
        step               TEXT    NOT NULL CHECK (step IN ('relay', 'receipt', 'feedback')),
        at                 INTEGER NOT NULL,
        entered_at         INTEGER NOT NULL,
        means              TEXT    CHECK (means IS NULL OR means IN ('fax', 'sms_platform', 'system', 'phone')),
        person             TEXT    NOT NULL DEFAULT '',
        text               TEXT    NOT NULL DEFAULT '',
        corrects_id        INTEGER REFERENCES notice_steps(id),
        correction_reason  TEXT,
        actor              TEXT    NOT NULL,
        CHECK (corrects_id IS NULL OR correction_reason IS NOT NULL),
        CHECK ((step = 'relay') = (means IS NOT NULL))
      ) STRICT;
      CREATE INDEX notice_steps_notice ON notice_steps(notice_id, unit_id, step);
      CREATE INDEX notice_steps_at ON notice_steps(at);
      CREATE TRIGGER notice_steps_no_update BEFORE UPDATE ON notice_steps
        BEGIN SELECT RAISE(ABORT, 'relay steps are never changed: add a correcting row with a reason'); END;
      CREATE TRIGGER notice_steps_no_delete BEFORE DELETE ON notice_steps
        BEGIN SELECT RAISE(ABORT, 'relay steps are never deleted'); END;

      CREATE TABLE notice_flags (
        id               INTEGER PRIMARY KEY,
        notice_id        INTEGER NOT NULL REFERENCES notices(id),
        -- NULL: the duty room's own RELAY_LATE.
        unit_id          INTEGER REFERENCES units(id),
        step             TEXT    NOT NULL CHECK (step IN ('relay', 'receipt', 'feedback')),
        code             TEXT    NOT NULL CHECK (code IN ('RELAY_LATE', 'RECEIPT_LATE', 'RECEIPT_MISSING', 'FEEDBACK_LATE', 'FEEDBACK_MISSING')),
        status           TEXT    NOT NULL CHECK (status IN ('late', 'overdue', 'cleared')),
        deadline         INTEGER NOT NULL,
        actual           INTEGER,
        minutes_late     INTEGER,
        on_duty_text     TEXT,
        on_duty_ids      TEXT,
        rule_set_version INTEGER REFERENCES rule_sets(version),
        raised_at        INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL,
        review           TEXT    NOT NULL DEFAULT 'pending' CHECK (review IN ('pending', 'confirmed', 'dismissed')),
        reviewed_by      TEXT,
        review_reason    TEXT,
        reviewed_at      INTEGER
      ) STRICT;
      CREATE UNIQUE INDEX notice_flags_key ON notice_flags(notice_id, step, IFNULL(unit_id, 0));
      CREATE INDEX notice_flags_queue ON notice_flags(review, status, deadline);
      CREATE TRIGGER notice_flags_no_delete BEFORE DELETE ON notice_flags
        BEGIN SELECT RAISE(ABORT, 'flags are cleared, never deleted'); END;
    `);
  },
};
