// Runs in Electron's main process; imports no electron (the session is a parameter). A desk that
// joined a room is a seat: its window shows the host's pages over HTTPS instead of app://duty, and
// trusts exactly one certificate, the one pinned by fingerprint when it paired (not the system's
// authorities, and no other certificate even for the same address). What pairing left behind is
// one owner-only file beside the database: the host's address, the pin and the seat's token,
// which goes to the host as the `duty_seat` cookie and nowhere else.
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Session } from 'electron';
import { writeFileAtomic } from '../db/paths.js';
import { SEAT_COOKIE } from './room/pair-page.js';

export { SEAT_COOKIE };

export const SEAT_FILE = 'room-seat.json';

export interface SeatConfig {
  /** The host's address, `https://192.168.1.10:5179/`. */
  url: string;
  /** The host certificate's SHA-256 fingerprint, as browsers show it (`AB:CD:…`). */
  fingerprint256: string;
  /** The base64 SHA-256 of its public key (SPKI), for Chromium's pin flag. */
  spki: string;
  seatToken: string;
  seatName: string;
  pairedAt: number;
}

const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

/** The seat's file as a config, or null (none, or not one this app wrote: then the desk is local). */
export function parseSeat(text: string): SeatConfig | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.url !== 'string' || typeof o.fingerprint256 !== 'string' || typeof o.seatToken !== 'string' || typeof o.seatName !== 'string') return null;
  let u: URL;
  try {
    u = new URL(o.url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || u.username || u.password) return null;
  const fingerprint256 = o.fingerprint256.toUpperCase();
  if (!FINGERPRINT.test(fingerprint256) || !/^[A-Za-z0-9_-]{20,200}$/.test(o.seatToken)) return null;
  return {
    url: `${u.origin}/`,
    fingerprint256,
    spki: typeof o.spki === 'string' ? o.spki : '',
    seatToken: o.seatToken,
    seatName: o.seatName,
    pairedAt: typeof o.pairedAt === 'number' ? o.pairedAt : 0,
  };
}

export function readSeat(dataDir: string): SeatConfig | null {
  const file = join(dataDir, SEAT_FILE);
  if (!existsSync(file)) return null;
  try {
    return parseSeat(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Written whole or not at all, readable by its owner only (it holds the seat's token). */
export function writeSeat(dataDir: string, seat: SeatConfig): void {
  writeFileAtomic(join(dataDir, SEAT_FILE), JSON.stringify(seat, null, 2), 0o600);
}

export function removeSeat(dataDir: string): void {
  rmSync(join(dataDir, SEAT_FILE), { force: true });
}

/** The host name as Chromium gives it to the verify proc: IPv6 without its brackets. */
function bare(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/** True when `url` is a page of the seat's host (same scheme, host and port). */
export function isSeatUrl(url: string, seat: SeatConfig | null): boolean {
  if (!seat) return false;
  try {
    const u = new URL(url);
    return u.origin === new URL(seat.url).origin && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** The SHA-256 fingerprint of a PEM certificate, or null when it is not one. */
export function fingerprintOf(pem: string): string | null {
  try {
    return new X509Certificate(pem).fingerprint256.toUpperCase();
  } catch {
    return null;
  }
}

export interface VerifyRequest {
  hostname: string;
  certificate: { data: string };
}

/**
 * Chromium's answer for a TLS certificate: 0 (trusted) only for the seat's host presenting the
 * pinned certificate; -2 (refused) for anything else, the same host with another certificate
 * included. The window loads nothing but the host, so nothing else needs trusting.
 */
export function verifyPinned(seat: SeatConfig, request: VerifyRequest): 0 | -2 {
  if (bare(request.hostname) !== bare(new URL(seat.url).hostname)) return -2;
  return fingerprintOf(request.certificate.data) === seat.fingerprint256 ? 0 : -2;
}

/** Pins the certificate and hands the seat's token to the host, on the window's session. */
export async function applySeat(session: Pick<Session, 'setCertificateVerifyProc' | 'cookies'>, seat: SeatConfig): Promise<void> {
  // electronegativity: CERTIFICATE_VERIFY_PROC_JS_CHECK justified: a pin, stricter than the default: only the host's own certificate (fingerprint from pairing) is trusted, everything else refused (test/main/seat.test.ts)
  session.setCertificateVerifyProc((request, callback) => callback(verifyPinned(seat, request)));
  await session.cookies.set({ url: seat.url, name: SEAT_COOKIE, value: seat.seatToken, secure: true, httpOnly: true, sameSite: 'strict', path: '/' });
}
