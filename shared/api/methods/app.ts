// Pure code: runs anywhere. Contract methods of the app itself and its settings.
import { settingsSchema, type Settings } from '../../domain/settings.js';
import { method, noInput } from '../method.js';

export interface AppInfo {
  productName: string;
  version: string;
  schemaVersion: number;
  dbPath: string;
  transport: 'electron' | 'http';
  now: number;
  clock: 'system' | 'drill';
}

/** The system clock against the newest stamped entry (a clock set back is warned of). */
export interface ClockStatus {
  now: number;
  lastStampedAt: number | null;
  behind: boolean;
  clock: 'system' | 'drill';
}

/** What opening the live channel answers: the last change's number, and who the stream is for. */
export interface LiveOpen {
  seq: number;
  user: string;
}

/** One burst of committed writes, as every seat hears it (GET /api/events `change`, the window's duty:change). */
export interface LiveBatch {
  /** The last commit's number. */
  seq: number;
  /** The first commit's number: a seat whose last heard was below from - 1 missed some. */
  from: number;
  /** The last commit's instant (the host's clock). */
  at: number;
  /** Every table the burst wrote, sorted. */
  tables: string[];
  /** Who wrote, as people read it (display names). */
  by: string[];
  /** The seats that wrote, when the writes came from seats. */
  seats: string[];
}

export const appMethods = {
  'app.info': method<AppInfo>()(noInput),
  'app.clock': method<ClockStatus>()(noInput),
  'settings.get': method<Settings>()(noInput),
  'settings.update': method<Settings>()(settingsSchema.partial().strict()),
  // The live channel (GET /api/events, the window's change channel): asked when a stream opens and
  // again while it is open, so a session locked, expired or signed out stops hearing of changes.
  'live.open': method<LiveOpen>()(noInput),
} as const;
