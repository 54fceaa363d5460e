// Runs in Electron's main process and in plain Node. Handlers of app.*, settings.* and live.open.
import { schemaVersion } from '../../db/migrate.js';
import { checkClock } from '../audit.js';
import { getSettings, updateSettings } from '../settings.js';
import type { HandlersOf } from './types.js';

export const appHandlers: HandlersOf<'app.' | 'settings.' | 'live.'> = {
  'app.info': (ctx) => ({
    productName: '应急值班台',
    version: ctx.instance.version,
    schemaVersion: schemaVersion(ctx.db),
    dbPath: ctx.instance.dbPath,
    transport: ctx.instance.transport,
    now: ctx.now(),
    clock: ctx.instance.clock ?? 'system',
  }),
  'app.clock': (ctx) => ({ ...checkClock(ctx), clock: ctx.instance.clock ?? 'system' }),
  'settings.get': (ctx) => getSettings(ctx),
  'settings.update': (ctx, patch) => updateSettings(ctx, patch),
  'live.open': (ctx) => ({ seq: ctx.changes?.seq ?? 0, user: ctx.session?.user?.displayName ?? ctx.actor }),
};
