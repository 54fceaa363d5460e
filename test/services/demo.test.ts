// The demo writes its history in the order it happened: no clock.behind rows in the audit chain
// (the clock-jump check would record every step back), the chain holds, and level III+ incidents
// mostly carry the duty room's upward reports.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verifyAudit } from '../../electron/services/audit.js';
import { runDemo } from '../../electron/services/demo/seeders.js';
import { testContext } from '../helpers/context.js';

test('a demo database reads in time order and its audit chain holds', () => {
  const ctx = testContext({ now: Date.UTC(2026, 10, 24, 1, 0, 0) });
  runDemo(ctx, { days: 20, seed: 11, now: ctx.now() });
  const behind = ctx.db.prepare("SELECT count(*) AS n FROM audit_log WHERE method = 'clock.behind'").get() as { n: number };
  assert.equal(behind.n, 0);
  const ats = (ctx.db.prepare('SELECT at FROM audit_log ORDER BY id').all() as { at: number }[]).map((r) => r.at);
  assert.ok(ats.every((at, k) => k === 0 || at >= ats[k - 1]!), 'audit stamps never go back');
  assert.ok(verifyAudit(ctx.db).ok);
  const serious = ctx.db.prepare("SELECT count(*) AS n FROM incidents WHERE current_level IN ('I', 'II', 'III')").get() as { n: number };
  const withUpward = ctx.db.prepare("SELECT count(DISTINCT i.id) AS n FROM incidents i JOIN upward_reports u ON u.incident_id = i.id WHERE i.current_level IN ('I', 'II', 'III')").get() as { n: number };
  // Seed 11 over 20 days makes 8 incidents of level III or above (the seeded generator is the same on any day).
  assert.ok(serious.n >= 3, `${serious.n} serious incidents in the demo`);
  assert.ok(withUpward.n >= serious.n * 0.5, `${withUpward.n} of ${serious.n} serious incidents reported upward`);
});
