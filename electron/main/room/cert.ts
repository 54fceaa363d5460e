// Runs in plain Node and in Electron's main process; imports no electron. The room host's
// certificate: a self-signed ECDSA P-256 X.509 v3 certificate, made with Node's own crypto (a small
// DER writer, `crypto.sign`), no dependency. Its subjectAltName lists the addresses and names the
// host answers to; the key is kept beside it (0600) and reused when the certificate is issued again
// for a new address, so the key's pin (the SPKI hash) holds across re-issues.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { isIPv4, isIPv6 } from 'node:net';
import { join } from 'node:path';
import { writeFileAtomic } from '../../db/paths.js';

// ---- DER -------------------------------------------------------------------------------------

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, body: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), len(body.length), body]);
const seq = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
const octets = (b: Buffer): Buffer => tlv(0x04, b);
const bits = (b: Buffer): Buffer => tlv(0x03, Buffer.concat([Buffer.from([0]), b]));
const utf8 = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'));
const bool = (v: boolean): Buffer => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const explicit = (n: number, body: Buffer): Buffer => tlv(0xa0 + n, body);

function integer(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0 && (b[i + 1]! & 0x80) === 0) i++;
  const v = b.subarray(i);
  return tlv(0x02, (v[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), v]) : v);
}

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 4.1.2.5). */
function time(ms: number): Buffer {
  const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  const year = Number(iso.slice(0, 4));
  return year < 2050 ? tlv(0x17, Buffer.from(digits.slice(2) + 'Z', 'ascii')) : tlv(0x18, Buffer.from(digits + 'Z', 'ascii'));
}

function ipBytes(ip: string): Buffer {
  if (isIPv4(ip)) return Buffer.from(ip.split('.').map(Number));
  // IPv6: expand '::' and write the eight groups.
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return Buffer.concat(groups.map((g) => { const b = Buffer.alloc(2); b.writeUInt16BE(parseInt(g || '0', 16)); return b; }));
}

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
}

export interface CertificateRequest {
  /** IP addresses (v4 or v6) and DNS names the certificate is for (subjectAltName). */
  names: string[];
  commonName?: string;
  /** The instant it is valid from (a day earlier, for clocks slightly behind); Date.now() by default. */
  now?: number;
  /** How long it is valid; 5 years by default. */
  days?: number;
}

/** A self-signed certificate for `key` (an EC P-256 private key), as PEM. */
export function selfSignedCertificate(key: KeyObject, req: CertificateRequest): string {
  const now = req.now ?? Date.now();
  const days = req.days ?? 5 * 365;
  const spki = createPublicKeyDer(key);
  const name = seq(set(seq(oid('2.5.4.3'), utf8(req.commonName ?? '应急值班台 值班室主机 (Duty Desk room host)'))));
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  serial[0]! |= 0x01; // positive and not zero-led
  const sans = req.names.map((n) => (isIPv4(n) || isIPv6(n) ? tlv(0x87, ipBytes(n)) : tlv(0x82, Buffer.from(n, 'ascii'))));
  const extensions = seq(
    extension('2.5.29.19', true, seq()), // basicConstraints: not a CA
    extension('2.5.29.15', true, bits(Buffer.from([0x80]))), // keyUsage: digitalSignature
    extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))), // extKeyUsage: serverAuth
    extension('2.5.29.17', false, seq(...sans)), // subjectAltName
    extension('2.5.29.14', false, octets(createHash('sha1').update(spki).digest())), // subjectKeyIdentifier
  );
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(serial),
    ECDSA_SHA256,
    name,
    seq(time(now - 24 * 3600_000), time(now + days * 24 * 3600_000)),
    name,
    spki,
    explicit(3, extensions),
  );
  const signature = sign('sha256', tbs, { key, dsaEncoding: 'der' });
  const der = seq(tbs, ECDSA_SHA256, bits(signature));
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
}

function createPublicKeyDer(key: KeyObject): Buffer {
  return (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' });
}

// ---- identities ------------------------------------------------------------------------------

export interface CertIdentity {
  /** SHA-256 of the certificate's DER as browsers show it: `AB:CD:…` (32 pairs). */
  fingerprint256: string;
  /** Base64 SHA-256 of the public key's SPKI: what Chromium's --ignore-certificate-errors-spki-list takes. */
  spki: string;
}

export function identityOf(cert: X509Certificate): CertIdentity {
  return { fingerprint256: cert.fingerprint256, spki: spkiHash(cert.publicKey.export({ type: 'spki', format: 'der' })) };
}

export function spkiHash(spkiDer: Buffer): string {
  return createHash('sha256').update(spkiDer).digest('base64');
}

/** Browsers' form of a fingerprint, whatever the case or separators it was typed with ('' when not 32 bytes). */
export function normalFingerprint(text: string): string {
  const hex = text.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  return hex.length === 64 ? hex.match(/../g)!.join(':') : '';
}

// ---- the files -------------------------------------------------------------------------------

export interface HostCertificate extends CertIdentity {
  certPem: string;
  keyPem: string;
  /** The names and addresses in its subjectAltName. */
  names: string[];
  certFile: string;
  keyFile: string;
}

export const CERT_FILE = 'room-cert.pem';
export const KEY_FILE = 'room-key.pem';

function namesOf(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? '')
    .split(', ')
    .map((s) => s.replace(/^(DNS|IP Address):/, ''))
    .filter(Boolean);
}

/**
 * The host's certificate in `dir`: made at first use (the key written 0600), reused while it covers
 * every name in `names` and has more than 30 days left; otherwise issued again with the same key
 * (the SPKI pin holds, the fingerprint changes) for the union of the old and new names.
 */
export function loadOrCreateCertificate(dir: string, names: string[], now = Date.now()): HostCertificate {
  mkdirSync(dir, { recursive: true });
  const certFile = join(dir, CERT_FILE);
  const keyFile = join(dir, KEY_FILE);
  let keyPem: string;
  if (existsSync(keyFile)) keyPem = readFileSync(keyFile, 'utf8');
  else {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    writeFileAtomic(keyFile, keyPem, 0o600);
  }
  const key = createPrivateKey(keyPem);
  let certPem = existsSync(certFile) ? readFileSync(certFile, 'utf8') : '';
  let cert: X509Certificate | null = null;
  try {
    if (certPem) cert = new X509Certificate(certPem);
  } catch {
    cert = null;
  }
  const have = cert ? namesOf(cert) : [];
  const canon = (n: string) => (isIPv4(n) || isIPv6(n) ? ipBytes(n).toString('hex') : n.toLowerCase());
  const haveCanon = new Set(have.map(canon));
  const fresh =
    cert !== null &&
    cert.checkPrivateKey(key) &&
    names.every((n) => haveCanon.has(canon(n))) &&
    Date.parse(cert.validTo) - now > 30 * 24 * 3600_000;
  if (!fresh) {
    const all = [...new Map([...have, ...names].map((n) => [canon(n), n])).values()];
    certPem = selfSignedCertificate(key, { names: all, now });
    writeFileAtomic(certFile, certPem, 0o644);
    cert = new X509Certificate(certPem);
  }
  return { certPem, keyPem, names: namesOf(cert!), certFile, keyFile, ...identityOf(cert!) };
}

