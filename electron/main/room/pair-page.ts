// Runs in plain Node and in Electron's main process; imports no electron. The room host's pairing
// endpoints, the only ones answered without a seat's cookie (electron/main/browser-server.ts):
//   GET  /pair         the page a browser (Chromium, Edge) pairs on: type the code and a name
//   POST /pair/proof   { nonce } → { ok, proof }: the host's proof that it knows the code, bound
//                      to its certificate (electron/main/room/pairing.ts), asked for by our app
//                      before it sends the code
//   POST /pair         { code, seatName } (JSON, from our app: answers { ok, value: { seatToken,
//                      seatName } }) or the page's form (answers 303 to / with the cookie)
// Either way a paired seat gets the `duty_seat` cookie: Secure, HttpOnly, SameSite=Strict.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { translate, type MessageKey } from '../../../shared/i18n/index.js';

export const SEAT_COOKIE = 'duty_seat';
/** A paired seat keeps its cookie for five years (until revoked). */
const SEAT_COOKIE_MAX_AGE = 5 * 365 * 24 * 3600;

export interface RoomSeat {
  id: number;
  name: string;
}

export type PairRefusal = { ok: false; status: number; key: MessageKey; params?: Record<string, string | number> };

/** What the pairing endpoints and the seat check ask of the host (electron/main/room/host.ts). */
export interface SeatGate {
  /** The paired, unrevoked seat of a `duty_seat` cookie, or null. */
  seatOf(token: string | undefined): RoomSeat | null;
  /** Each API call from a seat: when, from where, with which session (for the host's seat list). */
  seen(seat: RoomSeat, info: { address: string; session: string }): void;
  proof(address: string, nonce: string): Promise<{ ok: true; proof: string } | PairRefusal>;
  pair(address: string, code: string, seatName: string): Promise<{ ok: true; token: string; seat: RoomSeat } | PairRefusal>;
}

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const t = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params);

function page(error: string | null, seatName: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${esc(t('room.pairTitle'))}</title>
<style>body{font:16px system-ui,sans-serif;max-width:32em;margin:4em auto;padding:0 1em}label{display:block;margin:1em 0 .3em}
input{font-size:1.4em;width:100%;box-sizing:border-box;padding:.3em}button{margin-top:1.2em;font-size:1.2em;padding:.4em 1.5em}
.err{color:#b00;margin-top:1em}</style></head>
<body><h1>${esc(t('room.pairTitle'))}</h1><p>${esc(t('room.pairIntro'))}</p>
<form method="post" action="/pair">
<label for="code">${esc(t('room.pairCode'))}</label><input id="code" name="code" data-testid="pair-code" autocomplete="off" autofocus required maxlength="20" placeholder="K7QF-9M2X">
<label for="seatName">${esc(t('room.pairSeatName'))}</label><input id="seatName" name="seatName" data-testid="pair-seat-name" required maxlength="40" value="${esc(seatName)}" placeholder="${esc(t('room.pairSeatNameHint'))}">
<button type="submit" data-testid="pair-submit">${esc(t('room.pairSubmit'))}</button>
${error ? `<p class="err" role="alert" data-testid="pair-error">${esc(error)}</p>` : ''}
</form></body></html>`;
}

type ReadBody = (req: IncomingMessage) => Promise<string | 'tooLarge' | 'abusive'>;

/** Answers the pairing endpoints; false for any other request. */
export async function handlePairing(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  o: { gate: SeatGate; address: string; headers: Record<string, string>; readBody: ReadBody },
): Promise<boolean> {
  const path = url.pathname;
  if (path !== '/pair' && path !== '/pair/proof') return false;
  const html = (status: number, error: string | null, seatName = '') => {
    // same-origin, not no-referrer: under no-referrer Chromium sends the form with `Origin: null`, which the Origin check refuses.
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...o.headers, 'Content-Security-Policy': PAGE_CSP, 'Referrer-Policy': 'same-origin' });
    res.end(page(error, seatName));
  };
  const json = (status: number, body: unknown, extra: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...o.headers, ...extra });
    res.end(JSON.stringify(body));
  };
  const refusal = (r: PairRefusal) => ({ ok: false, error: { code: r.status === 429 ? 'too_many_attempts' : 'unauthenticated', message: t(r.key, r.params) } });

  if (req.method === 'GET' && path === '/pair') {
    html(200, null);
    return true;
  }
  if (req.method !== 'POST') {
    res.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8', ...o.headers });
    res.end('Method not allowed\n');
    return true;
  }
  const type = req.headers['content-type'] ?? '';
  const form = type.startsWith('application/x-www-form-urlencoded');
  const raw = await o.readBody(req);
  let fields: Record<string, unknown> = {};
  if (typeof raw === 'string' && raw.length <= 4096) {
    try {
      fields = form ? Object.fromEntries(new URLSearchParams(raw)) : (JSON.parse(raw) as Record<string, unknown>);
    } catch {
      fields = {};
    }
  }
  const str = (k: string) => (typeof fields?.[k] === 'string' ? (fields[k] as string) : '');

  if (path === '/pair/proof') {
    const nonce = str('nonce');
    if (!/^[A-Za-z0-9_-]{22,86}$/.test(nonce)) return json(400, { ok: false, error: { code: 'invalid_input', message: t('room.pairBad') } }), true;
    const r = await o.gate.proof(o.address, nonce);
    json(r.ok ? 200 : r.status, r.ok ? { ok: true, value: { proof: r.proof } } : refusal(r));
    return true;
  }

  const r = await o.gate.pair(o.address, str('code'), str('seatName'));
  if (!r.ok) {
    if (form) html(r.status, t(r.key, r.params), str('seatName'));
    else json(r.status, refusal(r));
    return true;
  }
  const setCookie = `${SEAT_COOKIE}=${r.token}; Secure; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SEAT_COOKIE_MAX_AGE}`;
  if (form) {
    res.writeHead(303, { Location: '/', 'Set-Cookie': setCookie, 'Cache-Control': 'no-store', ...o.headers });
    res.end();
  } else json(200, { ok: true, value: { seatToken: r.token, seatName: r.seat.name } }, { 'Set-Cookie': setCookie });
  return true;
}
