// The bulk demo (`duty demo --years`): reproducible for a seed (same counts, same rows), its
// audit chain holds and reads in time order, and its flags are exactly what the rule engine
// stores: re-judging an incident with the ordinary service changes nothing.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { verifyAudit } from '../../electron/services/audit.js';
import { runBulkDemo } from '../../electron/services/demo/bulk-history.js';
import { reevaluate } from '../../electron/services/incidents/evaluate.js';
import { testContext } from '../helpers/context.js';

const NOW = Date.UTC(2026, 10, 24, 1, 0, 0);

function sampleHash(ctx: ReturnType<typeof testContext>): string {
  const h = createHash('sha256');
  for (const sql of [
    'SELECT number, category, responsible_unit, occurred_at, closed_at, current_level, status, flag_codes, next_deadline FROM incidents WHERE id % 7 = 0 ORDER BY id',
    'SELECT incident_id, seq, kind, channel, received_at, summary, deaths FROM incident_reports WHERE id % 11 = 0 ORDER BY id',
    'SELECT incident_id, code, slot, status, deadline, actual, review, on_duty_text FROM flags ORDER BY id',
    'SELECT id, at, hash FROM audit_log WHERE id % 13 = 0 ORDER BY id',
  ])
    h.update(JSON.stringify(ctx.db.prepare(sql).all()));
  return h.digest('hex');
}

describe('bulk demo', () => {
  const a = testContext({ now: NOW });
  const ra = runBulkDemo(a, { years: 0.08, seed: 5, now: NOW });

  test('the same seed gives the same database; another seed another', () => {
    const b = testContext({ now: NOW });
    const rb = runBulkDemo(b, { years: 0.08, seed: 5, now: NOW });
    assert.deepEqual(rb.counts, ra.counts);
    assert.equal(sampleHash(b), sampleHash(a));
    const c = testContext({ now: NOW });
    runBulkDemo(c, { years: 0.08, seed: 6, now: NOW });
    assert.notEqual(sampleHash(c), sampleHash(a));
  });

  test('a busy city: 60 units, ~27 incidents a day, ~4 reports each, flags, reviews, follow-ups, a roster', () => {
    const n = ra.counts;
    assert.equal(n.units, 60);
    assert.ok(n.incidents > 700 && n.incidents < 900, `${n.incidents} incidents in 29 days`);
    assert.ok(n.reports / n.incidents > 3.6 && n.reports / n.incidents < 4.4, `${n.reports} reports`);
    assert.ok(n.flags > 0 && n.reviews > 0 && n.followups > 0 && n.upward > 0, JSON.stringify(n));
    const days = a.db.prepare('SELECT COUNT(DISTINCT day) AS n FROM roster_shifts').get() as { n: number };
    assert.ok(days.n >= 29, `${days.n} rostered days`);
    // The search indexes: a row for each incident's own words and one for each report.
    const fts = a.db
      .prepare('SELECT (SELECT COUNT(*) FROM incidents_fts) AS f, (SELECT COUNT(*) FROM incidents_grams) AS g, (SELECT COUNT(*) FROM incidents) AS i, (SELECT COUNT(*) FROM incident_reports) AS r')
      .get() as { f: number; g: number; i: number; r: number };
    assert.equal(fts.f, fts.i + fts.r);
    assert.equal(fts.g, fts.f);
  });

  test('the audit chain holds, every write has its row, stamps never go back', () => {
    const v = verifyAudit(a.db);
    assert.ok(v.ok, JSON.stringify(v));
    const per = (entity: string) => (a.db.prepare('SELECT COUNT(DISTINCT entity_id) AS n FROM audit_log WHERE entity = ?').get(entity) as { n: number }).n;
    assert.equal(per('incident'), ra.counts.incidents);
    assert.equal(per('report'), ra.counts.reports);
    assert.equal(per('flag'), ra.counts.flags);
    const back = a.db.prepare('SELECT COUNT(*) AS n FROM audit_log x JOIN audit_log y ON y.id = x.id + 1 WHERE y.at < x.at').get() as { n: number };
    assert.equal(back.n, 0);
  });

  test('the flags are the engine’s: re-judging with the ordinary service changes nothing', () => {
    const ids = (a.db.prepare('SELECT id FROM incidents WHERE id % 5 = 0').all() as { id: number }[]).map((r) => r.id);
    const changed = a.db.transaction(() => ids.reduce((s, id) => s + reevaluate(a, id, 'test'), 0));
    const before = a.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get();
    assert.equal(changed.immediate(), 0);
    assert.deepEqual(a.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get(), before);
  });
});
