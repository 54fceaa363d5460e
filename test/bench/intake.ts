// Runs in plain Node, as a child of test/bench/run.ts: `tsx test/bench/intake.ts DB NOW`. Saves 220
// follow-up reports to recent incidents of DB (a copy the parent made), each committed as the app
// commits it (insert, audit row, re-judge the incident, synchronous = FULL), and prints the times
// of the last 200 as one JSON line. A process of its own, like the app's main process: the bench's
// other figures leave a heap of a decade's incidents behind, whose collection is not a save's cost.
import { performance } from 'node:perf_hooks';
import { closeDatabase, openDatabase } from '../../electron/db/connection.js';
import { markVerified, sealStateOf } from '../../electron/db/seal.js';
import { startCheck } from '../../electron/services/record-status.js';
import { verifyRecord } from '../../electron/services/record-verify.js';
import { createContext, type ServiceContext } from '../../electron/services/context.js';
import { addReport } from '../../electron/services/incidents/intake.js';
import { reportFieldsSchema } from '../../shared/domain/incident.js';
import { seededRng } from '../../shared/domain/random.js';

const [dbPath, nowText] = process.argv.slice(2);
let db = openDatabase(dbPath!);
// Issue 18: the whole record verified first (its time is verify_ms), and the start check's starting
// point moved up to it, so the start check after the saves below checks a busy day's writes.
const ring = sealStateOf(db)!.ring;
const v0 = performance.now();
const full = verifyRecord(db, ring);
const verifyMs = performance.now() - v0;
if (full.state !== 'ok') throw new Error(`the bench database does not verify: ${JSON.stringify(full.problems.slice(0, 3))}`);
markVerified(db, full.seq!, full.head.id);
let startCheckMs = 0;
let startCheckState = '';
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
  // The start after that day: open the file and check what was written since the full verification.
  closeDatabase(db);
  const s0 = performance.now();
  db = openDatabase(dbPath!);
  const check = startCheck({ ...createContext(db, { dbPath: dbPath!, transport: 'http', version: 'bench' }, 'bench'), now: () => now });
  startCheckMs = performance.now() - s0;
  startCheckState = check.state;
  process.stdout.write(`${JSON.stringify({ runs, verifyMs, verifyRows: full.auditRows + full.sealedRows, startCheckMs, startCheckState })}\n`);
} finally {
  closeDatabase(db);
}
