// Runs in Electron's main process and in plain Node.
// Special periods (重点时段) and their daily reports (每日报告 / 零报告): a period names the units
// that must report every day by a cutoff; the duty room logs (or imports) each unit's report; a
// unit without one at the cutoff is flagged (漏报), one that came after it is late. Nothing is
// deleted; reports are never changed (a correction is a new row); a period's settings are changed
// only by an audited update.
import type { Migration } from './types.js';

export const m0050ZeroReports: Migration = {
  version: 50,
  name: 'zero-reports',
  up(db) {
    db.exec(`
      CREATE TABLE special_periods (
        id          INTEGER PRIMARY KEY,
        name        TEXT    NOT NULL,
        start_day   TEXT    NOT NULL CHECK (start_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        end_day     TEXT    NOT NULL CHECK (end_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        -- Local HH:MM by which each day's report is due.
        cutoff      TEXT    NOT NULL DEFAULT '16:00' CHECK (cutoff GLOB '[0-2][0-9]:[0-5][0-9]'),
        -- JSON arrays: the designated units' ids, and the items a report covers.
        unit_ids    TEXT    NOT NULL DEFAULT '[]',
        covers      TEXT    NOT NULL DEFAULT '[]',
        notes       TEXT    NOT NULL DEFAULT '',
        created_at  INTEGER NOT NULL,
        created_by  TEXT    NOT NULL,
        updated_at  INTEGER NOT NULL,
        CHECK (start_day <= end_day)
      ) STRICT;
      CREATE INDEX special_periods_days ON special_periods(start_day, end_day);
      CREATE TRIGGER special_periods_no_delete BEFORE DELETE ON special_periods
        BEGIN SELECT RAISE(ABORT, 'special periods are never deleted'); END;

      -- A unit's daily report for a day of a period, as received.
      CREATE TABLE daily_reports (
        id                 INTEGER PRIMARY KEY,
        period_id          INTEGER NOT NULL REFERENCES special_periods(id),
        unit_id            INTEGER NOT NULL REFERENCES units(id),
        day                TEXT    NOT NULL,
        received_at        INTEGER NOT NULL,
        entered_at         INTEGER NOT NULL,
        -- 零报告: nothing to report on any item.
        nothing_to_report  INTEGER NOT NULL CHECK (nothing_to_report IN (0, 1)),
        -- JSON object: covered item -> what the unit said ('无' for nothing).
        contents           TEXT    NOT NULL DEFAULT '{}',
        channel            TEXT    NOT NULL DEFAULT 'phone',
        note               TEXT    NOT NULL DEFAULT '',
        source             TEXT    NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'import')),
        corrects_id        INTEGER REFERENCES daily_reports(id),
        correction_reason  TEXT,
        actor              TEXT    NOT NULL,
        created_at         INTEGER NOT NULL,
        CHECK (corrects_id IS NULL OR correction_reason IS NOT NULL)
      ) STRICT;
      CREATE INDEX daily_reports_period_day ON daily_reports(period_id, day, unit_id);
      CREATE INDEX daily_reports_received ON daily_reports(received_at);
      CREATE TRIGGER daily_reports_no_update BEFORE UPDATE ON daily_reports
        BEGIN SELECT RAISE(ABORT, 'daily reports are never changed: add a correcting report with a reason'); END;
      CREATE TRIGGER daily_reports_no_delete BEFORE DELETE ON daily_reports
        BEGIN SELECT RAISE(ABORT, 'daily reports are never deleted'); END;

      -- ZERO_REPORT_MISSING flags: one per period, unit and day, with the statuses and review of
      -- the incident flags (the flags table requires an incident).
      CREATE TABLE zero_flags (
        id              INTEGER PRIMARY KEY,
        period_id       INTEGER NOT NULL REFERENCES special_periods(id),
        unit_id         INTEGER NOT NULL REFERENCES units(id),
        day             TEXT    NOT NULL,
        code            TEXT    NOT NULL DEFAULT 'ZERO_REPORT_MISSING',
        status          TEXT    NOT NULL CHECK (status IN ('late', 'overdue', 'cleared')),
        deadline        INTEGER NOT NULL,
        actual          INTEGER,
        minutes_late    INTEGER,
        report_id       INTEGER REFERENCES daily_reports(id),
        on_duty_text    TEXT,
        on_duty_ids     TEXT,
        raised_at       INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        review          TEXT    NOT NULL DEFAULT 'pending' CHECK (review IN ('pending', 'confirmed', 'dismissed')),
        reviewed_by     TEXT,
        review_reason   TEXT,
        reviewed_at     INTEGER,
        UNIQUE (period_id, unit_id, day)
      ) STRICT;
      CREATE INDEX zero_flags_deadline ON zero_flags(deadline);
      CREATE INDEX zero_flags_queue ON zero_flags(review, status, deadline);
      CREATE TRIGGER zero_flags_no_delete BEFORE DELETE ON zero_flags
        BEGIN SELECT RAISE(ABORT, 'flags are cleared, never deleted'); END;
    `);
  },
};
