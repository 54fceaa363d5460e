// The log page's filters on a skewed log (nearly every incident closed and level IV, as in any
// duty room after a while), with full statistics: a flag filter with a bulk status or level
// counts and pages through the flag's partial index, not through the status or level index
// (on a decade the latter walked 100,000 rows: 60-130 ms instead of 1-15); beside a category, unit
// or level the flags are tested in that index (migration 0110).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Db } from '../../electron/db/connection.js';
import { listIncidents } from '../../electron/db/repositories/incidents.js';
import { runBulkDemo } from '../../electron/services/demo/bulk-history.js';
import type { LogQuery } from '../../shared/domain/incident.js';
import { testContext } from '../helpers/context.js';

test('a flag filter with a bulk status or level walks the flag index, a rare status its own', () => {
  const now = Date.UTC(2026, 5, 1, 1, 0, 0);
  const ctx = testContext({ now });
  runBulkDemo(ctx, { years: 0.5, seed: 3, now });
  ctx.db.exec('ANALYZE');
  const counts = ctx.db.prepare("SELECT status, COUNT(*) AS n FROM incidents GROUP BY status").all() as { status: string; n: number }[];
  const closed = counts.find((c) => c.status === 'closed')?.n ?? 0;
  assert.ok(closed > 0.9 * counts.reduce((n, c) => n + c.n, 0), JSON.stringify(counts));
  // Every statement listIncidents prepares for a query, and the plan SQLite makes for each.
  const plans = (q: LogQuery) => {
    const seen: string[] = [];
    const spy = new Proxy(ctx.db, {
      get(target, key) {
        if (key === 'prepare') return (sql: string) => (seen.push(sql), target.prepare(sql));
        const v = Reflect.get(target, key) as unknown;
        return typeof v === 'function' ? v.bind(target) : v;
      },
    }) as Db;
    const result = listIncidents(spy, q);
    const all: Record<string, unknown> = { category: q.category, unit: q.unit, status: q.status, level: q.level, limit: q.limit, offset: q.offset };
    const explain = (sql: string) =>
      (ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(Object.fromEntries(Object.entries(all).filter(([k]) => sql.includes(`@${k}`)))) as { detail: string }[]).map((r) => r.detail).join(' | ');
    return { result, plans: seen.map(explain), countPlan: explain(seen.find((sql) => sql.startsWith('SELECT COUNT(*)'))!) };
  };
  const code = (ctx.db.prepare("SELECT code, COUNT(DISTINCT incident_id) AS n FROM flags WHERE status <> 'cleared' GROUP BY code ORDER BY n LIMIT 1").get() as { code: string; n: number }).code;
  const index = `incidents_flag_${code.toLowerCase()}`;
  for (const q of [
    { status: 'closed', flag: code },
    { level: 'IV', flag: code },
  ] as const) {
    const { plans: p, result } = plans({ ...q, offset: 0, limit: 100 } as LogQuery);
    assert.ok(p.length >= 2, 'a count and a page');
    for (const plan of p) assert.match(plan, new RegExp(index), `${JSON.stringify(q)}: ${plan}`);
    const expected = ctx.db.prepare(`SELECT COUNT(*) AS n FROM incidents WHERE ${q.status ? 'status' : 'current_level'} = ? AND instr(' ' || flag_codes || ' ', ' ${code} ') > 0`).get(q.status ?? q.level) as { n: number };
    assert.equal(result.total, expected.n);
  }
  // A category, unit or level with a flag is counted in its index, which carries the flag codes
  // (migration 0110): no incident is read from the table to look at its flags.
  const unit = (ctx.db.prepare('SELECT responsible_unit AS u FROM incidents LIMIT 1').get() as { u: string }).u;
  for (const [q, index] of [
    [{ category: 'fire', flag: code }, 'incidents_cat_occurred'],
    [{ unit, flag: 'any' }, 'incidents_unit_occurred'],
    [{ level: 'II', flag: code }, 'incidents_level_occurred'],
  ] as const) {
    const { countPlan: plan } = plans({ ...q, offset: 0, limit: 100 } as LogQuery);
    assert.match(plan, new RegExp(`COVERING INDEX ${index}`), `${JSON.stringify(q)}: ${plan}`);
  }
  // A rare status (live work) is the shorter walk: its own index.
  const open = plans({ status: 'open', flag: code, offset: 0, limit: 100 } as LogQuery);
  assert.match(open.plans[0]!, /incidents_status_occurred/);
});
