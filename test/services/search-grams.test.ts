// Full-text search of the incident log: for any query of one to six characters, the indexes
// (trigram FTS5 for three and more, the character-run index for one and two) return exactly the
// incidents that a LIKE scan of the same index bodies returns, and keep doing so as reports are
// added. Property-based over a small alphabet of CJK, ASCII of both cases and punctuation, so
// queries hit often and the edges (case, a run across two words) come up.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { intakeSchema } from '../../shared/domain/incident.js';
import { likePattern } from '../../electron/db/repositories/units.js';
import { listIncidents } from '../../electron/db/repositories/incidents.js';
import { searchGrams, shortQueryToken } from '../../electron/db/search-grams.js';
import { addReport, createIncident } from '../../electron/services/incidents/intake.js';
import { ensureUnits, testContext } from '../helpers/context.js';
import { m0090SearchByReport } from '../../electron/db/migrations/0090-search-by-report.js';

const ALPHABET = [...'东城区建设大道路口火灾燃气泄漏aAbB1-，'];
const word = fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''));
const T0 = Date.UTC(2026, 10, 20, 1, 0, 0);

function likeIds(ctx: ReturnType<typeof testContext>, q: string): number[] {
  // The oracle: a LIKE scan of every index row (the incident's own and each report's), by incident.
  return (ctx.db.prepare("SELECT DISTINCT rowid >> 16 AS id FROM incidents_fts WHERE body LIKE ? ESCAPE '\\' ORDER BY id").all(likePattern(q)) as { id: number }[]).map((r) => r.id);
}

function searchIds(ctx: ReturnType<typeof testContext>, q: string, cap?: number): number[] {
  return listIncidents(ctx.db, { query: q, limit: 500, offset: 0 }, cap).rows.map((r) => r.id).sort((a, b) => a - b);
}

describe('search', () => {
  test('grams: one token per distinct 1- and 2-character run of each word, ASCII folded', () => {
    assert.equal(searchGrams('Ab\nb'), ['000061', '000062', '000061000062'].join(' '));
    assert.equal(shortQueryToken('aB'), '000061000062');
    assert.equal(shortQueryToken('区'), '00533a');
    assert.equal(shortQueryToken('abc'), null);
  });

  test('the indexes find exactly what a LIKE scan finds, for 1 to 6 characters', () => {
    const ctx = testContext({ now: T0 + 3_600_000 });
    ensureUnits(ctx, ['东城区', '西城区']);
    const places = fc.sample(word, { numRuns: 60, seed: 5 });
    const summaries = fc.sample(word, { numRuns: 60, seed: 6 });
    places.forEach((place, k) => {
      const { incident } = createIncident(
        ctx,
        intakeSchema.parse({
          category: 'fire',
          responsibleUnit: k % 2 ? '东城区' : '西城区',
          occurredAt: T0,
          place,
          report: { kind: 'initial', channel: 'phone', fromUnit: '东城区', receivedAt: T0 + 600_000, location: place, summary: summaries[k] },
        }),
       'incidents.create', { scripted: true });
      // A later report changes what the incident is found by: the index follows.
      if (k % 3 === 0) addReport(ctx, incident.id, intakeSchema.shape.report.parse({ kind: 'followup', channel: 'fax', fromUnit: '东城区', receivedAt: T0 + 1_200_000, summary: summaries[(k + 7) % 60] }));
    });
    const bodies = (ctx.db.prepare('SELECT body FROM incidents_fts').all() as { body: string }[]).map((r) => r.body);
    // Queries: substrings of what was typed (so they hit), and random strings (so they miss).
    const substring = fc.tuple(fc.constantFrom(...bodies), fc.nat(), fc.integer({ min: 1, max: 6 })).map(([b, at, len]) => {
      const cs = [...b];
      const from = at % cs.length;
      return cs.slice(from, from + len).join('').trim();
    });
    const random = fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));
    let hits = 0;
    fc.assert(
      fc.property(fc.oneof(substring, random), (q) => {
        if (!q || q.includes('\n')) return;
        const expected = likeIds(ctx, q);
        if (expected.length) hits++;
        assert.deepEqual(searchIds(ctx, q), expected, `query '${q}'`);
        // A broad search (more matches than it counts) walks the log instead: the same rows.
        assert.deepEqual(searchIds(ctx, q, 3), expected, `query '${q}', walked`);
      }),
      { numRuns: 400, seed: 8 },
    );
    assert.ok(hits > 100, `most queries hit something (${hits})`);
    // The count is bounded: past the cap the page says "at least".
    const broad = listIncidents(ctx.db, { query: '区', limit: 2, offset: 1 }, 3);
    assert.deepEqual([broad.total, broad.capped, broad.rows.length], [3, true, 2]);
    const all = listIncidents(ctx.db, { query: '区', limit: 3, offset: 0 }).rows.map((r) => r.id);
    assert.deepEqual(broad.rows.map((r) => r.id), all.slice(1, 3), 'the window, newest first');
  });

  test('migration 0090 rebuilds both indexes to exactly the rows that saving writes', () => {
    const ctx = testContext({ now: T0 + 3_600_000 });
    ensureUnits(ctx, ['东城区', '西城区']);
    for (let k = 0; k < 12; k++) {
      const { incident } = createIncident(
        ctx,
        intakeSchema.parse({
          category: 'fire',
          responsibleUnit: '东城区',
          occurredAt: T0,
          place: `建设大道${k}号`,
          report: { kind: 'initial', channel: 'phone', fromUnit: '东城区', callerName: '张三', receivedAt: T0 + 600_000, summary: `燃气泄漏${k}` },
        }),
       'incidents.create', { scripted: true });
      for (let j = 0; j < k % 3; j++) addReport(ctx, incident.id, intakeSchema.shape.report.parse({ kind: 'followup', channel: 'fax', fromUnit: '东城区', receivedAt: T0 + 1_200_000 + j, summary: `续报${j}火灾` }));
    }
    const rows = () => ctx.db.prepare('SELECT rowid, body FROM incidents_fts ORDER BY rowid').all();
    const grams = () => ctx.db.prepare("SELECT rowid FROM incidents_grams WHERE incidents_grams MATCH '00706b00707e' ORDER BY rowid").all();
    const queries = ['火灾', '建设大道1', '张三', '续报1', '2026', '东'];
    const before = { rows: rows(), grams: grams(), found: queries.map((q) => searchIds(ctx, q)) };
    assert.equal(before.rows.length, 12 + 12 + 4 + 4 * 2, 'a row per incident and per report');
    ctx.db.transaction(() => m0090SearchByReport.up(ctx.db))();
    assert.deepEqual({ rows: rows(), grams: grams(), found: queries.map((q) => searchIds(ctx, q)) }, before);
  });
});
