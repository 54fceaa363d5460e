// Test helper (plain Node): a service context over a real SQLite file, with a settable clock.
import { closeDatabase, openDatabase, type Db } from '../../electron/db/connection.js';
import { findUnitByName } from '../../electron/db/repositories/units.js';
import type { ServiceContext } from '../../electron/services/context.js';
import { createUnit } from '../../electron/services/units.js';
import { unitFieldsSchema } from '../../shared/domain/unit.js';
import { onExit, tempDbPath } from './temp.js';

export interface TestContext extends ServiceContext {
  path: string;
  setNow(ms: number): void;
}

export function testContext(opts: { path?: string; actor?: string; now?: number } = {}): TestContext {
  const path = opts.path ?? tempDbPath();
  const db: Db = openDatabase(path);
  onExit(() => closeDatabase(db));
  let now = opts.now ?? Date.UTC(2026, 10, 24, 1, 0, 0);
  return {
    db,
    path,
    actor: opts.actor ?? 'test:officer',
    now: () => now,
    setNow: (ms) => {
      now = ms;
    },
    instance: { dbPath: path, transport: 'http', version: 'test' },
  };
}

/** Adds the units named (a district each) to the directory, where they are not there yet. */
export function ensureUnits(ctx: ServiceContext, names: readonly string[]): void {
  for (const name of names) if (!findUnitByName(ctx.db, name)) createUnit(ctx, unitFieldsSchema.parse({ name, kind: 'district', dutyPhone: '027-85550000' }));
}
