// Runs in Electron's main process and in plain Node. The seal key: a per-installation secret kept
// outside the database, which the seals of the record (electron/db/seal.ts) depend on. A key ring
// holds the installation's current key and any imported ones (found by their id), and remembers
// which database files it has sealed, so a file stripped of its seals (or rolled back) is noticed.
// Stored by a KeyStore: a file readable by its owner only (CLI, browser mode, tests), or Electron's
// safeStorage in the app (electron/main/seal-key-store.ts). Moved between machines as a file
// protected by a passphrase (scrypt + AES-256-GCM).
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scryptSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from './paths.js';
import { dirname } from 'node:path';

export interface SealKey {
  /** 16 hex characters, derived from the key (never the key itself). */
  readonly id: string;
  readonly secret: Buffer;
}

/** What the key ring remembers of a database it sealed: its path and the newest checkpoint it saw. */
export interface SealedFile {
  keyId: string;
  seq: number;
  auditId: number;
}

export interface KeyRingData {
  /** The key new seals are made with. */
  current: string | null;
  keys: Record<string, string>;
  sealed: Record<string, SealedFile>;
}

/** Where a key ring lives. load() answers null when there is none yet. */
export interface KeyStore {
  /** For messages: where the keys are kept ("the key file /home/…", "the system keychain"). */
  readonly where: string;
  load(): KeyRingData | null;
  save(data: KeyRingData): void;
}

export class SealKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealKeyError';
  }
}

export function keyIdOf(secret: Buffer): string {
  return createHmac('sha256', secret).update('duty-desk seal key id').digest('hex').slice(0, 16);
}

export function newSealKey(): SealKey {
  const secret = randomBytes(32);
  return { id: keyIdOf(secret), secret };
}

/** The key ring over a store: reads it on each question (another process may have imported a key). */
export class KeyRing {
  constructor(readonly store: KeyStore) {}

  private data(): KeyRingData {
    const d = this.store.load();
    return d ? { current: d.current ?? null, keys: { ...(d.keys ?? {}) }, sealed: { ...(d.sealed ?? {}) } } : { current: null, keys: {}, sealed: {} };
  }

  byId(id: string): SealKey | null {
    const b64 = this.data().keys[id];
    return b64 ? { id, secret: Buffer.from(b64, 'base64') } : null;
  }

  current(): SealKey | null {
    const d = this.data();
    return d.current ? this.byId(d.current) : null;
  }

  /** The current key, made and saved if the ring has none (a new installation). */
  currentOrCreate(): SealKey {
    const have = this.current();
    if (have) return have;
    const key = newSealKey();
    this.add(key, true);
    return key;
  }

  /** Adds a key (an import, a rotation); `makeCurrent` seals with it from now on. */
  add(key: SealKey, makeCurrent: boolean): void {
    const d = this.data();
    d.keys[key.id] = key.secret.toString('base64');
    if (makeCurrent || !d.current) d.current = key.id;
    this.store.save(d);
  }

  sealedFile(path: string): SealedFile | null {
    return this.data().sealed[path] ?? null;
  }

  /** Forgets what it saw of a file (a restore puts an older checkpoint there on purpose). */
  forgetSealed(path: string): void {
    const d = this.data();
    if (!(path in d.sealed)) return;
    delete d.sealed[path];
    this.store.save(d);
  }

  /** Remembers the newest checkpoint seen of a file (never lowers it: a lower one is a rollback). */
  rememberSealed(path: string, f: SealedFile): void {
    const d = this.data();
    const had = d.sealed[path];
    if (had && had.keyId === f.keyId && had.seq >= f.seq) return;
    d.sealed[path] = f;
    this.store.save(d);
  }
}

/** A key ring in a JSON file that only its owner may read or write (0600), in a folder of its own (0700). */
export function fileKeyStore(path: string): KeyStore {
  return {
    where: path,
    load() {
      if (!existsSync(path)) return null;
      try {
        return JSON.parse(readFileSync(path, 'utf8')) as KeyRingData;
      } catch (e) {
        throw new SealKeyError(`the seal key file ${path} cannot be read: ${(e as Error).message}`);
      }
    },
    save(data) {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileAtomic(path, `${JSON.stringify(data, null, 2)}\n`, 0o600);
    },
  };
}

/** A key ring in memory (tests of one process). */
export function memoryKeyStore(initial: KeyRingData | null = null): KeyStore {
  let data = initial ? (JSON.parse(JSON.stringify(initial)) as KeyRingData) : null;
  return {
    where: 'memory',
    load: () => (data ? (JSON.parse(JSON.stringify(data)) as KeyRingData) : null),
    save: (d) => void (data = JSON.parse(JSON.stringify(d)) as KeyRingData),
  };
}

const EXPORT_FORMAT = 'duty-desk-seal-key/1';
/** scrypt at N=2^17: about a third of a second and 128 MiB, once per export or import. */
const SCRYPT = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 } as const;
export const MIN_PASSPHRASE = 10;

/** The key as a file to carry to another machine: the secret sealed by a passphrase (scrypt, AES-256-GCM). */
export function exportSealKey(key: SealKey, passphrase: string): string {
  if (passphrase.length < MIN_PASSPHRASE) throw new SealKeyError(`the passphrase must have at least ${MIN_PASSPHRASE} characters`);
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const k = scryptSync(passphrase.normalize('NFC'), salt, 32, SCRYPT);
  const cipher = createCipheriv('aes-256-gcm', k, iv);
  cipher.setAAD(Buffer.from(`${EXPORT_FORMAT}\n${key.id}`));
  const data = Buffer.concat([cipher.update(key.secret), cipher.final()]);
  const body = {
    format: EXPORT_FORMAT,
    keyId: key.id,
    kdf: { name: 'scrypt', N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, salt: salt.toString('base64') },
    cipher: { name: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') },
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** Opens an exported key; a wrong passphrase or a changed file is refused in words. */
export function importSealKey(text: string, passphrase: string): SealKey {
  let body: { format?: string; keyId?: string; kdf?: { N?: number; r?: number; p?: number; salt?: string }; cipher?: { iv?: string; tag?: string; data?: string } };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new SealKeyError('this is not an exported seal key (not JSON)');
  }
  if (body.format !== EXPORT_FORMAT || typeof body.keyId !== 'string' || !body.kdf || !body.cipher) throw new SealKeyError('this is not an exported seal key');
  const { N, r, p, salt } = body.kdf;
  if (N !== SCRYPT.N || r !== SCRYPT.r || p !== SCRYPT.p || !salt || !body.cipher.iv || !body.cipher.tag || !body.cipher.data) {
    throw new SealKeyError('the exported key names parameters this version does not use');
  }
  const k = scryptSync(passphrase.normalize('NFC'), Buffer.from(salt, 'base64'), 32, SCRYPT);
  const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(body.cipher.iv, 'base64'));
  decipher.setAAD(Buffer.from(`${EXPORT_FORMAT}\n${body.keyId}`));
  decipher.setAuthTag(Buffer.from(body.cipher.tag, 'base64'));
  let secret: Buffer;
  try {
    secret = Buffer.concat([decipher.update(Buffer.from(body.cipher.data, 'base64')), decipher.final()]);
  } catch {
    throw new SealKeyError('wrong passphrase, or the exported key file was changed');
  }
  if (secret.length !== 32 || keyIdOf(secret) !== body.keyId) throw new SealKeyError('the exported key does not match its id');
  return { id: body.keyId, secret };
}
