// Runs in plain Node, as a child of test/bench/run.ts: `tsx test/bench/intake.ts DB NOW`. Saves 220
// follow-up reports to recent incidents of DB (a copy the parent made), each committed as the app
// commits it (insert, audit row, re-judge the incident, synchronous = FULL), and prints the times
// of the last 200 as one JSON line. A process of its own, like the app's main process: the bench's
// other figures leave a heap of a decade's incidents behind, whose collection is not a save's cost.
import { performance } from 'node:perf_hooks';
import { closeDatabase, openDatabase } from '../../electron/db/connection.js';
import { createContext, type ServiceContext } from '../../electron/services/context.js';
import { addReport } from '../../electron/services/incidents/intake.js';
import { reportFieldsSchema } from '../../shared/domain/incident.js';
import { seededRng } from '../../shared/domain/random.js';

const [dbPath, nowText] = process.argv.slice(2);
const db = openDatabase(dbPath!);
try {
  const rng = seededRng(10);
  const ids = db.prepare('SELECT id, responsible_unit AS unit FROM incidents ORDER BY occurred_at DESC LIMIT 2000').all() as { id: number; unit: string }[];
  let now = Number(nowText);
  const ctx: ServiceContext = { ...createContext(db, { dbPath: dbPath!, transport: 'http', version: 'bench' }, 'bench'), now: () => now };
  const runs: number[] = [];
  for (let k = 0; k < 220; k++) {
    const i = rng.pick(ids);
    now += 60_000;
    const fields = reportFieldsSchema.parse({ kind: 'followup', channel: 'phone', fromUnit: i.unit, receivedAt: now, summary: '现场续报：人员已全部撤离', deaths: 0, injured: rng.int(0, 3) });
    const t = performance.now();
    addReport(ctx, i.id, fields);
    if (k >= 20) runs.push(performance.now() - t);
  }
  process.stdout.write(`${JSON.stringify({ runs })}\n`);
} finally {
  closeDatabase(db);
}
