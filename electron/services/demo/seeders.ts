// Runs in plain Node (the `duty demo` command, tests, benchmarks). The demo's ordered list of
// seeders: each fills its part of the database through the ordinary services (so the audit log
// records it) and says what it did in one line. Later seeders may read what earlier ones wrote.
import type { Rng } from '../../../shared/domain/random.js';
import type { ServiceContext } from '../context.js';
import { incidentsSeeder } from './incidents-seeder.js';
import { rngFor } from './rng.js';
import { rosterSeeder } from './roster-seeder.js';
import { unitsSeeder } from './units-seeder.js';

export interface DemoOptions {
  days: number;
  seed: number;
  now: number;
  /** Volume: incidents per day (default 4); benchmarks raise it. */
  perDay?: number | undefined;
}

export type DemoSeeder = { name: string; seed(ctx: ServiceContext, opts: DemoOptions, rng: Rng): string /* one summary line */ };

export const DEMO_SEEDERS: DemoSeeder[] = [unitsSeeder, rosterSeeder, incidentsSeeder];


/**
 * The seeders write as of the start of the demo's history (opts.now - days), and the incident
 * seeder moves its clock forward through that history: the audit log then reads in time order,
 * as a real one does, instead of going back days at the first incident (which the audit chain
 * would record as a clock set back).
 */
export function runDemo(ctx: ServiceContext, opts: DemoOptions): string[] {
  const historyStart = opts.now - opts.days * 24 * 60 * 60 * 1000;
  const atStart: ServiceContext = { ...ctx, now: () => historyStart };
  return DEMO_SEEDERS.map((s) => `${s.name}: ${s.seed(atStart, opts, rngFor(opts.seed, s.name))}`);
}
