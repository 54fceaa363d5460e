// Runs in Electron's main process and in plain Node.
// Issue 16 item 5 (a bulletin worth sending): each incident's own description (事件经过), as
// revisions that are never changed. Revision 1 is normally the system's, from the first report that
// states a summary (source_report_id); a leader's edit is a new revision with a reason. A system
// revision also follows a correction of the report it came from, until a person has written one.
// Incidents logged before this migration (and the bulk demo history) have no rows: their
// description is read from their reports the same way (shared/domain/incident-description.ts), and
// the first edit stores that as revision 1 before the leader's.
import type { Migration } from './types.js';

export const m0130IncidentDescriptions: Migration = {
  version: 130,
  name: 'incident-descriptions',
  up(db) {
    db.exec(`
      CREATE TABLE incident_descriptions (
        id               INTEGER PRIMARY KEY,
        incident_id      INTEGER NOT NULL REFERENCES incidents(id),
        revision         INTEGER NOT NULL CHECK (revision >= 1),
        text             TEXT    NOT NULL CHECK (length(trim(text)) > 0),
        -- Why a person changed it; empty for the system's revisions.
        reason           TEXT    NOT NULL DEFAULT '',
        -- The report a system revision was written from; null for a person's.
        source_report_id INTEGER REFERENCES incident_reports(id),
        -- 'system', or who wrote it (user:<username>, os:<name>) and their name as it was then.
        actor            TEXT    NOT NULL,
        author_name      TEXT    NOT NULL,
        created_at       INTEGER NOT NULL,
        UNIQUE (incident_id, revision)
      ) STRICT;
      CREATE TRIGGER incident_descriptions_no_update BEFORE UPDATE ON incident_descriptions
        BEGIN SELECT RAISE(ABORT, 'descriptions are never changed: write a new revision'); END;
      CREATE TRIGGER incident_descriptions_no_delete BEFORE DELETE ON incident_descriptions
        BEGIN SELECT RAISE(ABORT, 'descriptions are never deleted'); END;
    `);
  },
};
