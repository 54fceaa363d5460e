// Runs in Electron's main process and in plain Node.
// One- and two-character search (a two-character place or name is the commonest query): a second,
// contentless FTS5 index of each word's character runs (electron/db/search-grams.ts), doclists
// only, filled here from the trigram index's bodies. And the log's flag filter through the flags
// themselves (live flags by code) instead of a LIKE over every incident's flag codes.
import { searchGrams } from '../search-grams.js';
import type { Migration } from './types.js';

export const m0060SearchGrams: Migration = {
  version: 60,
  name: 'search-grams',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE incidents_grams USING fts5(grams, content = '', contentless_delete = 1, detail = 'none', tokenize = 'ascii');
      CREATE INDEX flags_live_code ON flags(code, incident_id) WHERE status <> 'cleared';
    `);
    const insert = db.prepare('INSERT INTO incidents_grams (rowid, grams) VALUES (?, ?)');
    for (const r of db.prepare('SELECT rowid AS id, body FROM incidents_fts').all() as { id: number; body: string }[]) {
      insert.run(r.id, searchGrams(r.body));
    }
  },
};
