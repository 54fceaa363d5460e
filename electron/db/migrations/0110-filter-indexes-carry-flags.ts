// Runs in Electron's main process and in plain Node.
// The log's category, unit and level indexes carry each incident's live flag codes and the other
// filtered columns, so whatever is filtered beside one of them is tested in the index: only the
// incidents that match are read from the table. Before, each incident of the category (4,000 on
// a decade) was read to look at its flags or level: 10-17 ms for a count of 'fireworks +
// LATE_FOLLOWUP', now 1-2 ms. The indexes keep their names and leading columns.
import type { Migration } from './types.js';

const INDEXES = [
  ['incidents_cat_occurred', 'category', 'current_level, responsible_unit, status'],
  ['incidents_unit_occurred', 'responsible_unit', 'current_level, category, status'],
  ['incidents_level_occurred', 'current_level', 'category, responsible_unit, status'],
] as const;

export const m0110FilterIndexesCarryFlags: Migration = {
  version: 110,
  name: 'filter-indexes-carry-flags',
  up(db) {
    for (const [name, column, others] of INDEXES) {
      db.exec(`DROP INDEX IF EXISTS ${name}`);
      db.exec(`CREATE INDEX ${name} ON incidents(${column}, occurred_at DESC, flag_codes, ${others})`);
    }
    // Statistics from every row, as migration 0100 takes them (a sample misled the planner).
    db.exec('ANALYZE incidents');
  },
};
