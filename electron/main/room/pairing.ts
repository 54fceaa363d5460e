// Runs in plain Node and in Electron's main process; imports no electron. The room's pairing code
// (`K7QF-9M2X`: 8 characters of a 32-letter alphabet, 40 bits, valid 10 minutes, used once, a new
// one on demand), the throttle on guessing it, and the proof that binds it to the host's
// certificate: before a seat sends the code, the host shows it knows the code by answering a slow
// KDF (scrypt) of the code, the certificate's fingerprint and the seat's nonce. A host in the middle
// presents another certificate, so it cannot answer for the fingerprint the seat sees without the
// code, and the seat never sends the code to it (electron/main/room/pair-client.ts).
import { randomInt, scrypt, timingSafeEqual } from 'node:crypto';

/** No 0/O, 1/I: read across a room and typed without a doubt. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_TTL_MS = 10 * 60_000;
/** Wrong codes, from anywhere, after which the code in force is void (a new one must be shown). */
export const CODE_MAX_WRONG = 20;
/** Per source: wrong codes allowed before it must wait, and the longest wait. */
const FREE_TRIES = 3;
const MAX_WAIT_MS = 5 * 60_000;
/** Per source: proofs asked for per code (each costs the host a scrypt). */
const MAX_PROOFS = 10;

export function newPairingCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** The code as typed, upper-cased without spaces and dashes (`k7qf 9m2x` → `K7QF9M2X`). */
export function normalCode(text: string): string {
  return text.toUpperCase().replace(/[\s\-_]/g, '');
}

const SCRYPT = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** The host's proof of the code for a certificate and a nonce: scrypt(code; fingerprint, nonce), 32 bytes. */
export function pairingProof(code: string, fingerprint256: string, nonce: string): Promise<Buffer> {
  const salt = `duty-room-pair/1\u0000${fingerprint256.toUpperCase()}\u0000${nonce}`;
  return new Promise((ok, fail) => scrypt(normalCode(code), salt, 32, SCRYPT, (e, key) => (e ? fail(e) : ok(key))));
}

export interface IssuedCode {
  id: number;
  code: string;
  /** The actor who had it shown (recorded on the seat that pairs with it). */
  by: string;
  expiresAt: number;
}

interface Source {
  wrong: number;
  until: number;
  proofs: number;
  codeId: number;
  touched: number;
}

export type Attempt =
  | { ok: true; code: IssuedCode }
  | { ok: false; why: 'wrong' | 'none' }
  | { ok: false; why: 'wait'; waitMs: number };

/** The code in force and the throttle on it, per source address. */
export class PairingCodes {
  private current: IssuedCode | null = null;
  private wrongTotal = 0;
  private nextId = 1;
  private readonly sources = new Map<string, Source>();

  constructor(private readonly now: () => number) {}

  /** A new code; the one before stops working. The guessing budget is per code: the waits start over. */
  issue(by: string): IssuedCode {
    this.current = { id: this.nextId++, code: newPairingCode(), by, expiresAt: this.now() + CODE_TTL_MS };
    this.wrongTotal = 0;
    this.sources.clear();
    return this.current;
  }

  /** The code in force, or null once it expired, was used, or was guessed at too often. */
  inForce(): IssuedCode | null {
    if (this.current && this.now() >= this.current.expiresAt) this.current = null;
    return this.current;
  }

  private source(address: string): Source {
    const now = this.now();
    let s = this.sources.get(address);
    if (this.sources.size > 1000) for (const [k, v] of this.sources) if (now - v.touched > 3600_000) this.sources.delete(k);
    if (!s) this.sources.set(address, (s = { wrong: 0, until: 0, proofs: 0, codeId: 0, touched: now }));
    s.touched = now;
    return s;
  }

  /** How long the source must wait before its next try, or null. */
  waitMs(address: string): number | null {
    const s = this.sources.get(address);
    const left = s ? s.until - this.now() : 0;
    return left > 0 ? left : null;
  }

  /** Whether the source may have one more proof computed for the code in force. */
  mayProve(address: string): { ok: true; code: IssuedCode } | { ok: false; why: 'none' } | { ok: false; why: 'wait'; waitMs: number } {
    const wait = this.waitMs(address);
    if (wait !== null) return { ok: false, why: 'wait', waitMs: wait };
    const code = this.inForce();
    if (!code) return { ok: false, why: 'none' };
    const s = this.source(address);
    if (s.codeId !== code.id) Object.assign(s, { codeId: code.id, proofs: 0 });
    if (s.proofs >= MAX_PROOFS) return { ok: false, why: 'wait', waitMs: Math.max(1000, code.expiresAt - this.now()) };
    s.proofs++;
    return { ok: true, code };
  }

  /** Checks a code typed at a seat: right, it is used up; wrong, the source waits longer each time. */
  attempt(address: string, given: string): Attempt {
    const wait = this.waitMs(address);
    if (wait !== null) return { ok: false, why: 'wait', waitMs: wait };
    const code = this.inForce();
    const s = this.source(address);
    const a = Buffer.from(normalCode(given));
    const b = Buffer.from(code ? normalCode(code.code) : '');
    if (code && a.length === b.length && timingSafeEqual(a, b)) {
      this.current = null;
      s.wrong = 0;
      return { ok: true, code };
    }
    s.wrong++;
    if (s.wrong >= FREE_TRIES) s.until = this.now() + Math.min(MAX_WAIT_MS, 5000 * 2 ** (s.wrong - FREE_TRIES));
    if (code && ++this.wrongTotal >= CODE_MAX_WRONG) this.current = null;
    return { ok: false, why: code ? 'wrong' : 'none' };
  }
}
