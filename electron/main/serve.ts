// Runs in plain Node: browser mode (`npm run serve [-- --port N --db PATH --now ISO]`). Opens the
// database, serves the renderer and the dispatcher on 127.0.0.1, prints the URL to open. `--now`
// runs a drill clock (演练) from that instant instead of the system's: every screen says so.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { closeDatabase, openDatabase } from '../db/connection.js';
import { defaultDbPath } from '../db/paths.js';
import { backupBeforeQuit, startBackupSchedule } from '../services/backup-schedule.js';
import { actorName } from '../services/actors.js';
import { drillClock, parseInstant, systemClock } from '../services/clock.js';
import { createContext, osActor } from '../services/context.js';
import { createSessionDispatcher } from '../services/dispatcher.js';
import { startRulesClock } from '../services/incidents/rules-clock.js';
import { startRecordChecks } from '../services/record-status.js';
import { appVersion, rendererDir } from './app-root.js';
import { startBrowserServer } from './browser-server.js';
import { createLiveHub } from './live-events.js';

async function main(): Promise<void> {
  const usage = 'usage: npm run serve -- [--port N] [--db PATH] [--now ISO-TIME (a drill clock)]';
  let values: { port?: string; db?: string; now?: string };
  try {
    ({ values } = parseArgs({ options: { port: { type: 'string' }, db: { type: 'string' }, now: { type: 'string' } }, strict: true }));
  } catch (e) {
    process.stderr.write(`serve: ${(e as Error).message.split('\n')[0]}\n${usage}\n`);
    process.exit(2);
  }
  let clock = systemClock;
  if (values.now !== undefined) {
    const start = parseInstant(values.now);
    if (start === null) {
      process.stderr.write(`serve: --now must be an ISO time with its offset, such as 2026-11-24T09:00:00+08:00, not '${values.now}'\n${usage}\n`);
      process.exit(2);
    }
    clock = drillClock(start);
  }
  const port = values.port === undefined ? 5178 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`serve: --port must be a whole number from 0 to 65535, not '${values.port}'\n`);
    process.exit(2);
  }
  const dbPath = values.db ? resolve(values.db) : defaultDbPath();
  let db;
  try {
    db = openDatabase(dbPath);
  } catch (e) {
    process.stderr.write(`serve: cannot open the database ${dbPath}: ${(e as Error).message}\n`);
    process.exit(1);
  }
  const ctx = createContext(db, { dbPath, transport: 'http', version: appVersion() }, osActor(), clock);
  // The record: what was written since the last full verification now, the rest in a worker thread.
  const first = startRecordChecks(ctx, (e) => process.stderr.write(`serve: verification failed to run: ${(e as Error).message}\n`));
  if (first.state === 'failed') process.stderr.write(`serve: the record does not verify (${first.problems.length} problem(s)); run duty audit verify --db ${dbPath}\n`);
  if (first.state === 'key-missing') process.stderr.write(`serve: the seal key ${first.keyId} is not in the key file: the record is read-only until it is imported (duty audit key import)\n`);
  startRulesClock(ctx); // ends with the process
  const stopBackups = startBackupSchedule(ctx);
  // The live channel: every committed write pushed to the seats' streams (GET /api/events).
  const dispatch = createSessionDispatcher(ctx);
  const live = createLiveHub({ bus: ctx.changes!, dispatch, describe: (actor) => actorName(ctx, actor) });
  let server;
  try {
    server = await startBrowserServer({ dispatch: live.watch(dispatch), staticDir: rendererDir(), port, live });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EADDRINUSE' ? `port ${port} is in use (is Duty Desk already running? choose another with --port N)` : err.message;
    process.stderr.write(`serve: cannot listen on 127.0.0.1:${port}: ${why}\n`);
    closeDatabase(db);
    process.exit(1);
  }
  process.stdout.write(
    `应急值班台 (Duty Desk) browser mode\n  database: ${dbPath}\n` +
      (clock.kind === 'drill' ? `  clock:    演练时钟 (drill clock) from ${new Date(clock.now()).toISOString()}, NOT real time\n` : '') +
      `  open:     ${server.url}\n(Ctrl+C to stop)\n`,
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    stopBackups();
    live.close();
    void server
      .close()
      .then(() => backupBeforeQuit(ctx))
      .catch((e: unknown) => process.stderr.write(`serve: backup at quit failed: ${(e as Error).message}\n`))
      .finally(() => {
        // A restore in place reopens the database on the context: close the one it holds now.
        closeDatabase(ctx.db);
        process.exit(0);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
