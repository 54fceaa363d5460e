// Runs in Electron's main process; imports no electron (safeStorage is passed in). The app's seal
// key ring (electron/db/seal-keys.ts) kept with Electron's safeStorage: encrypted by the operating
// system for this user (DPAPI on Windows, the Keychain on macOS, the Secret Service on Linux) in a
// file beside the database, so neither the file nor a copy of the folder carries a usable key.
// Where the OS offers no encryption (a Linux session without a keyring: safeStorage would fall back
// to a fixed password), the key ring stays in the CLI's key file, readable by its owner only.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../db/paths.js';
import { dirname } from 'node:path';
import { fileKeyStore, SealKeyError, type KeyRingData, type KeyStore } from '../db/seal-keys.js';

export interface SafeStorageApi {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no real keyring (a fixed password). */
  getSelectedStorageBackend?(): string;
}

export function safeStorageUsable(safeStorage: SafeStorageApi, platform: NodeJS.Platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return false;
  return true;
}

/** The key ring in `path`, encrypted by safeStorage; the key file at `fallback` where it cannot be. */
export function appKeyStore(safeStorage: SafeStorageApi, path: string, fallback: string, platform: NodeJS.Platform = process.platform): KeyStore {
  if (!safeStorageUsable(safeStorage, platform)) return fileKeyStore(fallback);
  return {
    where: `the system keychain (${path})`,
    load(): KeyRingData | null {
      if (!existsSync(path)) return null;
      try {
        return JSON.parse(safeStorage.decryptString(readFileSync(path))) as KeyRingData;
      } catch (e) {
        throw new SealKeyError(`the seal keys in ${path} cannot be decrypted for this user: ${(e as Error).message}`);
      }
    },
    save(data: KeyRingData): void {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileAtomic(path, safeStorage.encryptString(JSON.stringify(data)), 0o600);
    },
  };
}
