// Runs in plain Node: browser mode (`npm run serve [-- --port N --db PATH --now ISO]`, or
// `duty serve`). Opens the database, serves the renderer and the dispatcher on 127.0.0.1, prints the
// URL to open. `--now` runs a drill clock (演练) from that instant instead of the system's: every
// screen says so. It can also host the duty room (issue 19): with `--room [--bind ADDR] [--port N]`,
// or when the admin switched it on in Settings before (the setting is kept), the room's HTTPS
// server runs beside the loopback one (whose port is then --local-port, default 5178), and its
// address, certificate fingerprints and pairing code are printed.
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { closeDatabase, openDatabase } from '../db/connection.js';
import { defaultDbPath } from '../db/paths.js';
import { backupBeforeQuit, startBackupSchedule } from '../services/backup-schedule.js';
import { actorName } from '../services/actors.js';
import { drillClock, parseInstant, systemClock } from '../services/clock.js';
import { createContext, osActor } from '../services/context.js';
import { createDispatcher } from '../services/dispatcher.js';
import { startRulesClock } from '../services/incidents/rules-clock.js';
import { startRecordChecks } from '../services/record-status.js';
import { DEFAULT_ROOM_PORT, roomConfig, saveRoomConfig, statusFileOf } from '../services/room.js';
import { SessionStore } from '../services/sessions.js';
import { appVersion, rendererDir } from './app-root.js';
import { startBrowserServer } from './browser-server.js';
import { createLiveHub } from './live-events.js';
import { createRoomHost } from './room/host.js';

function fail(message: string, usage?: string): never {
  process.stderr.write(`serve: ${message}\n${usage ? usage + '\n' : ''}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const usage = 'usage: npm run serve -- [--port N] [--db PATH] [--now ISO-TIME (a drill clock)] [--room [--bind ADDR] [--port N] [--local-port N]]';
  let values: { port?: string; db?: string; now?: string; room?: boolean; bind?: string; 'local-port'?: string };
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string' }, db: { type: 'string' }, now: { type: 'string' }, room: { type: 'boolean' }, bind: { type: 'string' }, 'local-port': { type: 'string' } },
      strict: true,
    }));
  } catch (e) {
    fail((e as Error).message.split('\n')[0]!, usage);
  }
  let clock = systemClock;
  if (values.now !== undefined) {
    const start = parseInstant(values.now);
    if (start === null) fail(`--now must be an ISO time with its offset, such as 2026-11-24T09:00:00+08:00, not '${values.now}'`, usage);
    clock = drillClock(start);
  }
  const portOf = (flag: string, text: string | undefined, fallback: number): number => {
    const n = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`${flag} must be a whole number from 0 to 65535, not '${text}'`);
    return n;
  };
  if (!values.room && (values.bind !== undefined || values['local-port'] !== undefined)) fail('--bind and --local-port go with --room', usage);
  const port = portOf(values.room ? '--local-port' : '--port', values.room ? values['local-port'] : values.port, 5178);
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
  const sessions = new SessionStore(ctx);
  // The live channel: every committed write pushed to the seats' streams (GET /api/events).
  const calls = createDispatcher(ctx, { sessions });
  const live = createLiveHub({ bus: ctx.changes!, dispatch: calls, describe: (actor) => actorName(ctx, actor) });
  const dispatch = live.watch(calls);
  let host: ReturnType<typeof createRoomHost> | null = null;
  let server;
  try {
    server = await startBrowserServer({ dispatch, staticDir: rendererDir(), port, live, control: { newCode: () => (host?.server ? (host.newCode(osActor()), host.facts().code) : null) } });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EADDRINUSE' ? `port ${port} is in use (is Duty Desk already running? choose another with --port N)` : err.message;
    process.stderr.write(`serve: cannot listen on 127.0.0.1:${port}: ${why}\n`);
    closeDatabase(db);
    process.exit(1);
  }
  const loopback = server;
  host = createRoomHost({
    ctx,
    dispatch,
    staticDir: rendererDir(),
    dataDir: dirname(dbPath),
    statusFile: statusFileOf(dbPath),
    control: { url: `http://127.0.0.1:${loopback.port}`, token: loopback.token },
    userOf: (key) => sessions.usernameOf(key),
    log: (line) => process.stdout.write(`${line}\n`),
    live,
  });
  ctx.room = host;
  process.stdout.write(
    `应急值班台 (Duty Desk) browser mode\n  database: ${dbPath}\n` +
      (clock.kind === 'drill' ? `  clock:    演练时钟 (drill clock) from ${new Date(clock.now()).toISOString()}, NOT real time\n` : '') +
      `  open:     ${loopback.url}\n`,
  );
  // The room: asked for now, or left on by the admin before this restart.
  const saved = roomConfig(ctx);
  const wanted = values.room ? { bind: values.bind ?? '0.0.0.0', port: portOf('--port', values.port, DEFAULT_ROOM_PORT) } : saved.enabled ? { bind: saved.bind, port: saved.port } : null;
  if (wanted) {
    try {
      await host.start(wanted, osActor());
      if (values.room) saveRoomConfig(ctx, { enabled: true, ...wanted }, 'room.enable');
      const f = host.facts();
      process.stdout.write(
        `值班室主机 (duty room host) on ${wanted.bind}:${f.port}\n` +
          f.urls.map((u) => `  join:        ${u}\n`).join('') +
          `  fingerprint: ${f.fingerprint256} (SHA-256; compare it on each seat)\n  spki:        ${f.spki}\n` +
          `  code:        ${f.code?.code} (valid 10 minutes, once; a new one: duty room code --db ${dbPath})\n`,
      );
    } catch (e) {
      process.stderr.write(`serve: the duty room could not start on ${wanted.bind}:${wanted.port}: ${(e as Error).message}\n`);
      if (values.room) {
        await host.close();
        await loopback.close();
        closeDatabase(db);
        process.exit(1);
      }
    }
  }
  process.stdout.write('(Ctrl+C to stop)\n');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    stopBackups();
    live.close();
    void host
      .close()
      .then(() => loopback.close())
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
