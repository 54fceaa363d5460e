// Runs in Electron's main process and in plain Node.
// The search indexes keyed by report instead of by incident: a row for each incident's own words
// (number, unit, place) and one per report, rowid = incident id × 2^16 + part (0 for the incident,
// the report's seq for a report). Saving a report then adds one small row instead of deleting and
// rewriting the whole incident's text in both FTS5 tables, which was most of the pages a save
// wrote and the merges behind its slow tail. Both indexes are rebuilt from the tables here.
import { incidentWords, reportWords, searchGrams, searchRowBody, searchRowId } from '../search-grams.js';
import type { Migration } from './types.js';

const CHUNK = 5000;

export const m0090SearchByReport: Migration = {
  version: 90,
  name: 'search-by-report',
  up(db) {
    db.exec(`
      DROP TABLE incidents_fts;
      DROP TABLE incidents_grams;
      CREATE VIRTUAL TABLE incidents_fts USING fts5(body, tokenize = 'trigram');
      CREATE VIRTUAL TABLE incidents_grams USING fts5(grams, content = '', contentless_delete = 1, detail = 'none', tokenize = 'ascii');
    `);
    const fts = db.prepare('INSERT INTO incidents_fts (rowid, body) VALUES (?, ?)');
    const grams = db.prepare('INSERT INTO incidents_grams (rowid, grams) VALUES (?, ?)');
    const index = (rowid: number, body: string) => {
      if (!body) return;
      fts.run(rowid, body);
      grams.run(rowid, searchGrams(body));
    };
    const heads = db.prepare('SELECT id, number, responsible_unit AS responsibleUnit, place FROM incidents WHERE id > ? AND id <= ? ORDER BY id');
    const reports = db.prepare(
      `SELECT incident_id AS incidentId, seq, from_unit AS fromUnit, caller_name AS callerName, location, summary,
              measures_taken AS measuresTaken, correction_reason AS correctionReason
         FROM incident_reports WHERE incident_id > ? AND incident_id <= ? ORDER BY incident_id, seq`,
    );
    type Head = { id: number; number: string; responsibleUnit: string; place: string };
    type Report = Parameters<typeof reportWords>[0] & { incidentId: number; seq: number };
    const max = (db.prepare('SELECT MAX(id) AS n FROM incidents').get() as { n: number | null }).n ?? 0;
    // In chunks: better-sqlite3 cannot write while a statement is still being iterated.
    for (let from = 0; from < max; from += CHUNK) {
      for (const h of heads.all(from, from + CHUNK) as Head[]) index(searchRowId(h.id, 0), searchRowBody(incidentWords(h)));
      for (const r of reports.all(from, from + CHUNK) as Report[]) index(searchRowId(r.incidentId, r.seq), searchRowBody(reportWords(r)));
    }
    db.exec(`INSERT INTO incidents_fts (incidents_fts) VALUES ('optimize'); INSERT INTO incidents_grams (incidents_grams) VALUES ('optimize');`);
  },
};
