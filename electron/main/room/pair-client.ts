// Runs in plain Node and in Electron's main process; imports no electron. A seat of our app joining
// a room: `pairWithHost({ url, code, seatName })`. The code never goes to a host whose certificate
// the seat has not verified:
//   1. a TLS connection that sends nothing, only to read the host's certificate (its SHA-256
//      fingerprint and SPKI pin); refused at once if the caller expected another fingerprint;
//   2. over a connection pinned to that certificate, a random nonce; the host answers
//      scrypt(code; its fingerprint, nonce) (electron/main/room/pairing.ts), which the seat
//      recomputes with the code typed and the fingerprint it saw: a host in the middle, showing its
//      own certificate, cannot answer for it without the code; on a mismatch the seat stops here;
//   3. only then the code and the seat's name, over a pinned connection: the seat's token back.
// The Electron seat keeps { url, fingerprint256, spki, seatToken } and pins every later connection.
import { randomBytes, timingSafeEqual, X509Certificate } from 'node:crypto';
import { request, type RequestOptions } from 'node:https';
import { connect, type PeerCertificate } from 'node:tls';
import { identityOf, normalFingerprint } from './cert.js';
import { pairingProof } from './pairing.js';

export interface PairedHost {
  /** The host's origin: `https://192.168.1.20:5443`. */
  url: string;
  fingerprint256: string;
  spki: string;
  seatToken: string;
  seatName: string;
}

export type PairFailure = 'bad-url' | 'unreachable' | 'fingerprint' | 'proof' | 'refused' | 'protocol';

export class PairError extends Error {
  constructor(
    readonly reason: PairFailure,
    message: string,
    /** The host's own words, when it refused (wrong code, wait). */
    readonly hostMessage?: string,
  ) {
    super(message);
    this.name = 'PairError';
  }
}

export interface PairOptions {
  url: string;
  code: string;
  seatName: string;
  /** The fingerprint read off the host's screen, when typed: anything else is refused before the code is used. */
  expectFingerprint256?: string;
  timeoutMs?: number;
}

function originOf(text: string): URL {
  let u: URL;
  try {
    u = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new PairError('bad-url', `not an address: ${text}`);
  }
  if (u.protocol !== 'https:') throw new PairError('bad-url', 'the room is reached over https only');
  return u;
}

/** The certificate a host presents, read on a connection that sends no data. */
export function peerCertificate(url: URL, timeoutMs = 10_000): Promise<X509Certificate> {
  return new Promise((ok, fail) => {
    const sock = connect({ host: url.hostname, port: Number(url.port || 443), rejectUnauthorized: false, minVersion: 'TLSv1.3', ...(/^[\d.]+$/.test(url.hostname) ? {} : { servername: url.hostname }) });
    sock.setTimeout(timeoutMs, () => sock.destroy(new Error('timed out')));
    sock.once('secureConnect', () => {
      const cert = sock.getPeerX509Certificate();
      sock.destroy();
      if (cert) ok(cert);
      else fail(new PairError('protocol', 'the host presented no certificate'));
    });
    sock.once('error', (e) => fail(new PairError('unreachable', `cannot reach ${url.host}: ${e.message}`)));
  });
}

/** HTTPS options that accept only the certificate with this fingerprint (TLS 1.3). */
export function pinnedOptions(certPem: string, fingerprint256: string): Pick<RequestOptions, 'ca' | 'checkServerIdentity' | 'minVersion' | 'rejectUnauthorized' | 'agent'> {
  return {
    ca: certPem,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.3',
    agent: false,
    checkServerIdentity: (_host: string, cert: PeerCertificate) =>
      normalFingerprint(cert.fingerprint256) === normalFingerprint(fingerprint256) ? undefined : new Error(`the host's certificate is not the pinned one (${cert.fingerprint256})`),
  };
}

function postJson(url: URL, path: string, body: unknown, pin: ReturnType<typeof pinnedOptions>, timeoutMs: number): Promise<{ status: number; json: { ok: boolean; value?: Record<string, string>; error?: { message: string } } }> {
  return new Promise((ok, fail) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = request(
      { host: url.hostname, port: Number(url.port || 443), path, method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': data.length, Origin: url.origin }, timeout: timeoutMs, ...pin },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            ok({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as never });
          } catch {
            fail(new PairError('protocol', `the host's answer to ${path} is not JSON (status ${res.statusCode})`));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (e) => fail(e instanceof PairError ? e : new PairError('unreachable', `${url.host}${path}: ${e.message}`)));
    req.end(data);
  });
}

export async function pairWithHost(o: PairOptions): Promise<PairedHost> {
  const url = originOf(o.url);
  const timeout = o.timeoutMs ?? 15_000;
  const cert = await peerCertificate(url, timeout);
  const { fingerprint256, spki } = identityOf(cert);
  if (o.expectFingerprint256 !== undefined && normalFingerprint(o.expectFingerprint256) !== fingerprint256) {
    throw new PairError('fingerprint', `the host's certificate fingerprint is ${fingerprint256}, not the one expected`);
  }
  const pin = pinnedOptions(cert.toString(), fingerprint256);
  const nonce = randomBytes(24).toString('base64url');
  const proof = await postJson(url, '/pair/proof', { nonce }, pin, timeout);
  if (!proof.json.ok || typeof proof.json.value?.proof !== 'string') {
    throw new PairError('refused', `the host refused: ${proof.json.error?.message ?? proof.status}`, proof.json.error?.message);
  }
  const expected = await pairingProof(o.code, fingerprint256, nonce);
  const given = Buffer.from(proof.json.value.proof, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    // Either the code was mistyped or this is not the host that shows it (someone in between).
    throw new PairError('proof', 'the host could not prove it knows this code for the certificate it shows: check the code, and the fingerprint on the host\'s screen');
  }
  const paired = await postJson(url, '/pair', { code: o.code, seatName: o.seatName }, pin, timeout);
  if (!paired.json.ok || typeof paired.json.value?.seatToken !== 'string') {
    throw new PairError('refused', `the host refused: ${paired.json.error?.message ?? paired.status}`, paired.json.error?.message);
  }
  return { url: url.origin, fingerprint256, spki, seatToken: paired.json.value.seatToken, seatName: paired.json.value.seatName ?? o.seatName };
}
