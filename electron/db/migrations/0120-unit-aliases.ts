// Runs in Electron's main process and in plain Node.
// Issue 15 (intake a tired officer can trust): the names a unit is also called by (简称, 别名:
// 东城 for 东城区, 市交警支队 for 市公安局交通管理局), kept by the admin on the unit, so intake finds
// the unit of the directory from what a caller says, and nothing else is ever taken for a unit.
// A JSON array of strings; an index is not needed for the directory's size (tens of units).
import type { Migration } from './types.js';

export const m0120UnitAliases: Migration = {
  version: 120,
  name: 'unit-aliases',
  up(db) {
    db.exec(`ALTER TABLE units ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases) AND json_type(aliases) = 'array');`);
  },
};
