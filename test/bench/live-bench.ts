// Benchmark (plain Node, Linux): the live channel (GET /api/events) of a host serving seats.
// `npx tsx test/bench/live-bench.ts [--writes 60] [--seats 5] [--hold 20] [--idle-s 30] [--json]`
// starts the host as browser mode does (`electron/main/serve.ts` in a child process, loopback HTTP,
// its own database on a drill clock, rules clock and backups running as shipped), signs seats in
// through the API and opens their streams as Node clients reading server-sent events (not
// browsers: what is measured is the host and the wire, not a page's rendering). Figures:
//   propagation: one seat saves (units.create, a write every second) and the other seats' streams
//     hear it; p50/p95/max from sending the save to each seat's event, and from the save's answer;
//   idle CPU: the host's CPU (utime+stime from /proc/<pid>/stat) over --idle-s with no stream open,
//     then with --hold seats connected and nothing written; the difference as a share of one core;
//   hold: --hold seats connected, a burst of writes: every seat hears every commit (no gap).
// Against a host already running (the room's HTTPS server): --url https://host:port --token T
// (or none) --ca cert.pem --user U --password P --pid PID (for the CPU figure, same machine).
// --room: the host is serve.ts hosting the room (HTTPS, TLS 1.3) on 127.0.0.1; every seat pairs
// with its own code (from the host's loopback control, as `duty room code`) and trusts only the
// host's certificate.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { closeDatabase, openDatabase } from '../../electron/db/connection.js';
import { createContext } from '../../electron/services/context.js';
import { createUser } from '../../electron/services/users.js';
import { REPO } from '../helpers/cli.js';
import { openStream, type SseEvent, type SseStream } from '../helpers/sse.js';
import { tempDbPath } from '../helpers/temp.js';

const { values: opt } = parseArgs({
  options: {
    writes: { type: 'string', default: '60' },
    seats: { type: 'string', default: '5' },
    hold: { type: 'string', default: '20' },
    'idle-s': { type: 'string', default: '30' },
    url: { type: 'string' },
    token: { type: 'string' },
    ca: { type: 'string' },
    user: { type: 'string', default: 'bench-admin' },
    password: { type: 'string', default: 'bench-password-1' },
    pid: { type: 'string' },
    json: { type: 'boolean', default: false },
    room: { type: 'boolean', default: false },
  },
});
const WRITES = Number(opt.writes);
const SEATS = Number(opt.seats);
const HOLD = Number(opt.hold);
const IDLE_S = Number(opt['idle-s']);
let ca = opt.ca ? readFileSync(opt.ca) : undefined;

const log = (line: string) => void (!opt.json && process.stderr.write(line + '\n'));

/** Starts serve.ts on a fresh database with one admin; answers its URL, token and process. */
async function startHost(): Promise<{ base: string; token: string; child: ChildProcess }> {
  const db = tempDbPath('live-bench.db');
  const d = openDatabase(db);
  const ctx = createContext(d, { dbPath: db, transport: 'http', version: 'bench' }, 'bench:setup');
  await createUser(ctx, { username: opt.user!, displayName: '压测管理员', role: 'admin', password: opt.password!, personId: null });
  closeDatabase(d);
  const roomPort = opt.room ? await freePort() : 0;
  const args = opt.room ? ['--room', '--bind', '127.0.0.1', '--port', String(roomPort), '--local-port', '0'] : ['--port', '0'];
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'electron/main/serve.ts'), ...args, '--db', db, '--now', '2026-11-24T14:00:00+08:00'], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
  const out = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (c: Buffer) => {
      text += c.toString();
      if (/open:\s+\S+/.test(text) && (!opt.room || /code:\s+\S+/.test(text))) resolve(text);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${text}`)));
  });
  const local = new URL(/open:\s+(\S+)/.exec(out)![1]!);
  const token = local.searchParams.get('token')!;
  if (!opt.room) return { base: `${local.protocol}//${local.host}`, token, child };
  // The room: only its certificate is trusted; each seat pairs with a code of its own.
  ca = readFileSync(join(dirname(db), 'room-cert.pem'));
  const join_ = /join:\s+(\S+)/.exec(out)![1]!.replace(/\/$/, '');
  room = { control: `${local.protocol}//${local.host}`, token };
  return { base: join_, token: '', child };
}

/** The loopback control of a room host (as `duty room code`), when the bench hosts the room. */
let room: { control: string; token: string } | null = null;

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => ok(p));
    });
  });
}

/** A new seat of the room: a code from the host's control, paired on /pair; answers its token. */
async function pairSeat(base: string, name: string): Promise<string> {
  const code = (await (await fetch(`${room!.control}/room/code`, { method: 'POST', headers: { 'X-Duty-Token': room!.token } })).json()) as { value: { code: string } };
  const r = await call(base, {}, '', { code: code.value.code, seatName: name }, '/pair');
  const token = /duty_seat=([\w-]+)/.exec(r.setCookie)?.[1];
  if (!token) throw new Error(`pairing refused: ${JSON.stringify(r.body)}`);
  return token;
}

interface Seat {
  cookie: string;
}

function call(base: string, headers: Record<string, string>, method: string, input: unknown, path = `/api/${method}`): Promise<{ body: { ok: boolean; error?: { message: string } }; setCookie: string }> {
  const u = new URL(`${base}${path}`);
  const request = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { Host: u.host, 'Content-Type': 'application/json', ...headers }, ...(ca ? { ca } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')), setCookie: String(res.headers['set-cookie'] ?? '') }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(input));
  });
}

/** utime + stime of a process, in seconds (Linux /proc). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state is field 3; utime and stime are fields 14 and 15 (1-based) of the line.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function main(): Promise<void> {
  const host = opt.url ? { base: opt.url.replace(/\/$/, ''), token: opt.token ?? '', child: null } : await startHost();
  const pid = opt.pid ? Number(opt.pid) : host.child?.pid;
  const tokenHeader: Record<string, string> = host.token ? { 'X-Duty-Token': host.token } : {};
  const port = new URL(host.base).port;
  const cookieName = `duty_session_${port}`;

  let seatNo = 0;
  const signIn = async (): Promise<Seat> => {
    // In the room each seat is a paired PC of its own, then a person signed in there.
    const seatCookie = room ? `duty_seat=${await pairSeat(host.base, `压测席位${++seatNo}`)}` : '';
    const r = await call(host.base, { ...tokenHeader, ...(seatCookie ? { Cookie: seatCookie } : {}) }, 'auth.login', { username: opt.user, password: opt.password });
    if (!r.body.ok) throw new Error(`sign-in: ${r.body.error?.message}`);
    const m = /(duty_session(?:_\d+)?)=([\w-]+)/.exec(r.setCookie);
    const session = m ? `${m[1]}=${m[2]}` : `${cookieName}=`;
    return { cookie: seatCookie ? `${seatCookie}; ${session}` : session };
  };
  const writer = await signIn();
  const seats: Seat[] = [];
  for (let i = 0; i < Math.max(SEATS, HOLD); i++) seats.push(await signIn());
  const open = (seat: Seat, onEvent?: (e: SseEvent) => void) =>
    openStream(`${host.base}/api/events`, { ...tokenHeader, Cookie: seat.cookie }, { ...(ca ? { ca } : {}), ...(onEvent ? { onEvent } : {}) });
  let n = 0;
  const write = () => call(host.base, { ...tokenHeader, Cookie: writer.cookie }, 'units.create', { name: `压测单位${++n}`, kind: 'district', dutyPhone: '027-85550000' });
  await sleep(2000); // the host's start-up work (record check, first rules-clock tick) out of the way

  // 1. Idle CPU: no stream, then HOLD streams, nothing written.
  let idle: { base: number; held: number; added: number } | null = null;
  if (pid !== undefined) {
    const c0 = cpuSeconds(pid);
    await sleep(IDLE_S * 1000);
    const base = (cpuSeconds(pid) - c0) / IDLE_S;
    const held: SseStream[] = [];
    for (let i = 0; i < HOLD; i++) held.push(await open(seats[i]!));
    await Promise.all(held.map((s) => s.next('hello')));
    await sleep(1000);
    const c1 = cpuSeconds(pid);
    await sleep(IDLE_S * 1000);
    const withSeats = (cpuSeconds(pid) - c1) / IDLE_S;
    for (const s of held) s.close();
    idle = { base, held: withSeats, added: withSeats - base };
    log(`idle CPU over ${IDLE_S} s: ${(base * 100).toFixed(2)} % of a core without streams, ${(withSeats * 100).toFixed(2)} % with ${HOLD} seats: added ${(idle.added * 100).toFixed(2)} %`);
    await sleep(500);
  }

  // 2. Propagation: SEATS streams, a write every second.
  const sentAt = new Map<number, { sent: number; answered: number }>();
  const fromSend: number[] = [];
  const fromAnswer: number[] = [];
  const heardBySeq: { seq: number; at: number }[][] = [];
  const streams: SseStream[] = [];
  for (let i = 0; i < SEATS; i++) {
    const mine: { seq: number; at: number }[] = [];
    heardBySeq.push(mine);
    streams.push(
      await open(seats[i]!, (e) => {
        if (e.event === 'change') {
          const b = JSON.parse(e.data) as { seq: number; from: number };
          for (let s = b.from; s <= b.seq; s++) mine.push({ seq: s, at: e.receivedAt });
        }
      }),
    );
  }
  const hellos = await Promise.all(streams.map((s) => s.next('hello')));
  const seq0 = (JSON.parse(hellos[0]!.data) as { seq: number }).seq;
  for (let i = 0; i < WRITES; i++) {
    const sent = performance.now();
    const r = await write();
    if (!r.body.ok) throw new Error(`write: ${r.body.error?.message}`);
    sentAt.set(seq0 + i + 1, { sent, answered: performance.now() });
    await sleep(Math.max(0, 1000 - (performance.now() - sent)));
  }
  await sleep(500);
  let missing = 0;
  for (const mine of heardBySeq)
    for (const [seq, t] of sentAt) {
      const h = mine.find((x) => x.seq === seq);
      if (!h) {
        missing += 1;
        continue;
      }
      fromSend.push(h.at - t.sent);
      fromAnswer.push(h.at - t.answered);
    }
  for (const s of streams) s.close();
  const propagation = {
    seats: SEATS,
    writes: WRITES,
    p50_ms: pct(fromSend, 50),
    p95_ms: pct(fromSend, 95),
    max_ms: Math.max(...fromSend),
    after_answer_p95_ms: pct(fromAnswer, 95),
    missing,
  };
  log(`propagation, ${SEATS} seats × ${WRITES} writes (1/s): save sent → event p50 ${propagation.p50_ms.toFixed(1)} ms, p95 ${propagation.p95_ms.toFixed(1)} ms, max ${propagation.max_ms.toFixed(1)} ms; after the save's answer p95 ${propagation.after_answer_p95_ms.toFixed(1)} ms; missing ${missing}`);

  // 3. Hold: HOLD seats, a burst of writes (10 a second): every seat hears every commit.
  const heard: Set<number>[] = [];
  const held: SseStream[] = [];
  for (let i = 0; i < HOLD; i++) {
    const mine = new Set<number>();
    heard.push(mine);
    held.push(
      await open(seats[i]!, (e) => {
        if (e.event !== 'change') return;
        const b = JSON.parse(e.data) as { seq: number; from: number };
        for (let s = b.from; s <= b.seq; s++) mine.add(s);
      }),
    );
  }
  const helloSeqs = (await Promise.all(held.map((s) => s.next('hello')))).map((e) => (JSON.parse(e.data) as { seq: number }).seq);
  const first = Math.max(...helloSeqs) + 1;
  const burst = 50;
  for (let i = 0; i < burst; i++) {
    await write();
    await sleep(100);
  }
  await sleep(500);
  const last = first + burst - 1;
  const complete = heard.filter((mine) => {
    for (let s = first; s <= last; s++) if (!mine.has(s)) return false;
    return true;
  }).length;
  const open_ = held.filter((s) => !s.response?.readableEnded && !s.response?.destroyed).length;
  for (const s of held) s.close();
  const hold = { seats: HOLD, writes: burst, complete, stillOpen: open_ };
  log(`hold: ${HOLD} seats, ${burst} writes at 10/s: ${complete}/${HOLD} heard every commit, ${open_}/${HOLD} still connected`);

  const result = { propagation, idle_cpu: idle, hold };
  if (opt.json) process.stdout.write(JSON.stringify(result) + '\n');
  host.child?.kill('SIGTERM');
}

await main();
