// Runs in Electron's main process and in plain Node.
// Migrations: one file each, numbered in tens, listed once in MIGRATIONS, applied in one
// transaction; the schema version lives in `PRAGMA user_version`. Shipped migrations are only
// ever added to, never edited (test/db/migrations.test.ts pins their checksums).
import type Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.js';
import { afterMigrations, beforeMigrations } from './seal.js';
import type { KeyRing } from './seal-keys.js';

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This database was written by a newer version of Duty Desk (schema ${found}; this version knows up to ${supported}). ` +
        'Install the newer version, or open a different database file. Nothing was changed.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function latestVersion(): number {
  return MIGRATIONS.at(-1)?.version ?? 0;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every pending migration in one transaction. Returns the versions applied. With a key
 * ring, a sealed database is checked before and what the migrations changed is resealed after
 * (electron/db/seal.ts), in the same transaction; without one (the expected schema of a version,
 * electron/db/schema-check.ts) nothing is sealed.
 */
export function migrate(db: Database.Database, options: { dryRun?: boolean; ring?: KeyRing } = {}): number[] {
  assertOrdered();
  const current = schemaVersion(db);
  const latest = latestVersion();
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  const pending = MIGRATIONS.filter((m) => m.version > current);
  if (pending.length === 0 || options.dryRun) return pending.map((m) => m.version);
  const ring = options.ring;
  db.transaction(() => {
    const now = current >= 10 ? ((db.prepare('SELECT max(at) FROM audit_log').pluck().get() as number | null) ?? 0) : 0;
    const before = ring ? beforeMigrations(db, ring, now) : null;
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
    if (ring && before) afterMigrations(db, ring, before, now);
  }).immediate();
  return pending.map((m) => m.version);
}

function assertOrdered(): void {
  let previous = 0;
  for (const m of MIGRATIONS) {
    if (!(m.version > previous) || m.version % 10 !== 0) {
      throw new Error(`Migration list is out of order or not numbered in tens at ${m.version} (${m.name}).`);
    }
    previous = m.version;
  }
}
