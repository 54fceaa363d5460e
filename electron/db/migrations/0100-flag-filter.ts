// Runs in Electron's main process and in plain Node.
// The log's flag filter through partial indexes of the incidents themselves, in the log's order:
// one per flag code (the incidents whose live flags, kept in flag_codes, include it) and one for
// "any flag". The filter used to collect the code's live flags from the flags table (a quarter of
// a decade's incidents for LATE_FIRST) before counting and paging: 20-60 ms; through these, 1 ms.
// The WHERE of each index is the very term listIncidents writes (flagFilterTerm); a code added to
// the engine later needs its index in a migration of its own (a test checks every code has one).
import type { Migration } from './types.js';

const CODES = [
  'LATE_FINAL',
  'LATE_FIRST',
  'LATE_FOLLOWUP',
  'LATE_WRITTEN',
  'OMITTED_FIELDS',
  'OMITTED_UNREPORTED',
  'OUTSIDE_SUPPLEMENT_WINDOW',
  'SUSPECT_CONCEALED',
  'SUSPECT_FALSE',
  'UPWARD_LATE',
];

export const m0100FlagFilter: Migration = {
  version: 100,
  name: 'flag-filter',
  up(db) {
    for (const code of CODES) {
      db.exec(`CREATE INDEX incidents_flag_${code.toLowerCase()} ON incidents(occurred_at DESC, id DESC) WHERE instr(' ' || flag_codes || ' ', ' ${code} ') > 0`);
    }
    db.exec(`CREATE INDEX incidents_flagged ON incidents(occurred_at DESC, id DESC) WHERE flag_codes <> ''`);
    // Statistics for the new indexes from every row (about a second on a decade). Left to the
    // close's PRAGMA optimize, they come from a 400-row sample, which on a decade made the planner
    // walk a status index for a unit and a status (40 ms instead of 2).
    db.exec('ANALYZE incidents');
  },
};
