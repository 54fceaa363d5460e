// Runs in plain Node: `duty demo --db PATH [--days N] [--seed S] [--per-day N]`. Fills a database
// with realistic, reproducible data through the ordinary services (audited like any other write).
// `--years N` (a fraction allowed) builds a busy city's years in bulk instead (services/demo/bulk-history.ts).
import { closeDatabase, openDatabase } from '../../db/connection.js';
import { fixedClock } from '../../services/clock.js';
import { createContext } from '../../services/context.js';
import { runBulkDemo } from '../../services/demo/bulk-history.js';
import { runDemo } from '../../services/demo/seeders.js';
import { clockOf, dbPathOf, DB_OPTION } from '../db-flag.js';
import { parseFlags, UsageError, type Command } from '../io.js';

const USAGE = 'usage: duty demo --db PATH [--days N | --years N] [--seed S] [--per-day N] [--now ISO-TIME]';

function wholeNumber(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}, not '${value}'. ${USAGE}`);
  return n;
}

export const demo: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { ...DB_OPTION, days: { type: 'string' }, seed: { type: 'string' }, years: { type: 'string' }, 'per-day': { type: 'string' } });
  if (!values.db) throw new UsageError(`--db is required (the demo never fills your real database by accident). ${USAGE}`);
  const days = wholeNumber('days', values.days, 30, 1);
  const seed = wholeNumber('seed', values.seed, 1, 0);
  const years = values.years === undefined ? undefined : Number(values.years);
  if (years !== undefined && !(years > 0 && years <= 50)) throw new UsageError(`--years must be a number of years above 0 (a fraction allowed), not '${values.years}'. ${USAGE}`);
  const perDay = wholeNumber('per-day', values['per-day'], 4, 1);
  const now = clockOf(values.now).now();
  const path = dbPathOf(io, values.db);
  const db = openDatabase(path);
  try {
    const ctx = createContext(db, { dbPath: path, transport: 'http', version: 'cli' }, 'demo', fixedClock(now));
    if (years !== undefined) runBulkDemo(ctx, { years, seed, now, perDay: values['per-day'] === undefined ? undefined : perDay, progress: io.out });
    else for (const line of runDemo(ctx, { days, seed, now, perDay })) io.out(line);
    io.out(`demo data written to ${path}`);
    return 0;
  } finally {
    closeDatabase(db);
  }
};
