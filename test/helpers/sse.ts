// Test helper (plain Node): a seat's live stream (`GET /api/events`) read as EventSource reads it,
// over http: or https: (the room's server; pass its certificate as `ca`), for the live-events tests
// and the propagation bench.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface SseEvent {
  event: string;
  id?: string;
  data: string;
  /** performance.now() when the event's last byte was read. */
  receivedAt: number;
}

export interface SseStream {
  status: number;
  /** The body when the server refused (not an event stream). */
  refusal: string;
  events: SseEvent[];
  /** Resolves with the next event named `name` not yet taken (waits up to `timeoutMs`). */
  next(name: string, timeoutMs?: number): Promise<SseEvent>;
  /** Stops reading (the socket's buffers fill: a slow seat). */
  pause(): void;
  /** Resolves when the server ended or dropped the stream. */
  ended: Promise<void>;
  close(): void;
  response: IncomingMessage | null;
}

export function openStream(url: string, headers: Record<string, string>, opts: { ca?: string | Buffer; onEvent?: (e: SseEvent) => void } = {}): Promise<SseStream> {
  const u = new URL(url);
  const request = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const events: SseEvent[] = [];
    const taken = new Set<SseEvent>();
    const waiters: (() => void)[] = [];
    let endedResolve!: () => void;
    const ended = new Promise<void>((r) => (endedResolve = r));
    const req = request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'GET', headers: { Host: u.host, Accept: 'text/event-stream', ...headers }, ...(opts.ca ? { ca: opts.ca } : {}) },
      (res) => {
        let buffer = '';
        let refusal = '';
        const isStream = (res.headers['content-type'] ?? '').startsWith('text/event-stream');
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (!isStream) return void (refusal += chunk);
          buffer += chunk;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const e: SseEvent = { event: 'message', data: '', receivedAt: performance.now() };
            let hasData = false;
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) continue;
              const i = line.indexOf(':');
              const field = i < 0 ? line : line.slice(0, i);
              const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
              if (field === 'event') e.event = value;
              else if (field === 'id') e.id = value;
              else if (field === 'data') {
                e.data += (hasData ? '\n' : '') + value;
                hasData = true;
              }
            }
            if (!hasData) continue;
            events.push(e);
            opts.onEvent?.(e);
            for (const w of waiters.splice(0)) w();
          }
        });
        const done = () => {
          endedResolve();
          for (const w of waiters.splice(0)) w();
        };
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
        const stream: SseStream = {
          status: res.statusCode ?? 0,
          get refusal() {
            return refusal;
          },
          events,
          response: res,
          ended,
          pause: () => {
            res.pause();
            res.socket.pause();
          },
          close: () => {
            req.destroy();
          },
          next: (name, timeoutMs = 2000) =>
            new Promise((ok, fail) => {
              const timer = setTimeout(() => fail(new Error(`no '${name}' event within ${timeoutMs} ms (got ${events.map((e) => e.event).join(', ')})`)), timeoutMs);
              const look = () => {
                const found = events.find((e) => e.event === name && !taken.has(e));
                if (found) {
                  taken.add(found);
                  clearTimeout(timer);
                  return ok(found);
                }
                if (res.closed || res.readableEnded) {
                  clearTimeout(timer);
                  return fail(new Error(`the stream ended without a '${name}' event (got ${events.map((e) => e.event).join(', ')})`));
                }
                waiters.push(look);
              };
              look();
            }),
        };
        resolve(stream);
      },
    );
    req.on('error', reject);
    req.end();
  });
}
