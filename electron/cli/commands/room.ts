// Runs in plain Node: the duty room from the command line (issue 19).
//   duty serve [--room [--bind ADDR] [--port N]] [--db PATH] [--now ISO]   a host without a window
//     (browser mode's serve, electron/main/serve.ts, run as a child process: the CLI does not import
//     the main process's code)
//   duty room status [--db PATH] [--json]   whether a host runs on the database, and its seats, from
//     the status file it keeps beside the database (electron/services/room.ts RoomStatusFile)
//   duty room code [--db PATH]   a new pairing code, asked of the running host over its loopback
//     server with the token in that (0600) file
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { readHostState, statusFileOf } from '../../services/room.js';
import { dbPathOf, DB_OPTION } from '../db-flag.js';
import { parseFlags, type Command } from '../io.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + 'Z';

export const serve: Command = async (argv) => {
  // The same file as `npm run serve`: built JavaScript beside a built CLI, else the TypeScript (tsx).
  const ext = extname(import.meta.filename);
  const script = join(import.meta.dirname, '..', '..', 'main', `serve${ext}`);
  if (!existsSync(script)) throw new Error(`cannot find ${script}`);
  const child = spawn(process.execPath, [...process.execArgv, script, ...argv], { stdio: 'inherit' });
  const forward = (sig: NodeJS.Signals) => () => child.kill(sig);
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return new Promise((ok) =>
    child.on('exit', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      ok(code ?? (signal ? 1 : 0));
    }),
  );
};

export const roomStatus: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { ...DB_OPTION, json: { type: 'boolean' } });
  const path = dbPathOf(io, values.db);
  const h = readHostState(path, Date.now(), alive);
  if (values.json) {
    io.out(JSON.stringify(h.state === 'none' ? { state: 'none' } : { state: h.state, ageMs: h.ageMs, ...h.file, control: undefined }, null, 2));
    return h.state === 'running' ? 0 : 1;
  }
  if (h.state === 'none') {
    io.out(`no room host runs on ${path} (no status file ${statusFileOf(path)}): start one with duty serve --room --db ${path}`);
    return 1;
  }
  const f = h.file;
  if (h.state === 'gone') {
    io.out(`the room host is not running: its process ${f.pid} has ended (status file last written ${time(f.updatedAt)})`);
    return 1;
  }
  if (h.state === 'stale') {
    io.out(`the room host is not answering: its status file was last written ${Math.round(h.ageMs / 1000)} s ago (${time(f.updatedAt)}, process ${f.pid})`);
    return 1;
  }
  if (h.state === 'stopped') {
    io.out(`browser mode runs (process ${f.pid}) but the duty room is off: switch it on in Settings → 值班室, or restart with duty serve --room`);
    return 1;
  }
  const connected = f.seats.filter((s) => s.connected);
  io.out(
    [
      `room host running (process ${f.pid}) on ${f.bind}:${f.port}`,
      ...f.urls.map((u) => `  join:        ${u}`),
      `  fingerprint: ${f.fingerprint256}`,
      `  spki:        ${f.spki}`,
      `  code:        ${f.codeExpiresAt ? `one valid until ${time(f.codeExpiresAt)} (shown on the host)` : 'none in force (duty room code)'}`,
      `seats connected: ${connected.length}`,
      ...f.seats.map((s) => `  ${s.connected ? '●' : '○'} ${s.name}  ${s.address}  ${s.user ?? '(nobody signed in)'}  last seen ${time(s.lastSeen)}`),
    ].join('\n'),
  );
  return 0;
};

export const roomCode: Command = async (argv, io) => {
  const { values } = parseFlags(argv, DB_OPTION);
  const path = dbPathOf(io, values.db);
  const h = readHostState(path, Date.now(), alive);
  if (h.state !== 'running' || !h.file.control) {
    io.err(`no room host is running on ${path}${h.state === 'none' ? '' : ` (${h.state})`}`);
    return 1;
  }
  const res = await fetch(`${h.file.control.url}/room/code`, {
    method: 'POST',
    headers: { 'X-Duty-Token': h.file.control.token },
  });
  const body = (await res.json()) as { ok: boolean; value?: { code: string; expiresAt: number }; error?: { message: string } };
  if (!body.ok || !body.value) {
    io.err(`the host refused: ${body.error?.message ?? res.status}`);
    return 1;
  }
  io.out(`pairing code: ${body.value.code} (valid until ${time(body.value.expiresAt)}, once)`);
  return 0;
};
