// Runs in Electron's main process and in plain Node. Installation-wide settings with defaults.
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../shared/domain/settings.js';
import { readSettingsRows, writeSetting } from '../db/repositories/settings.js';
import { appendAudit } from './audit.js';
import { inWriteTransaction, type ServiceContext } from './context.js';

/** Stored values over the defaults; a stored value that no longer validates falls back to its default. */
export function getSettings(ctx: Pick<ServiceContext, 'db'>): Settings {
  const stored = readSettingsRows(ctx.db);
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    if (!stored.has(key)) continue;
    const field = settingsSchema.shape[key].safeParse(stored.get(key));
    if (field.success) merged[key] = field.data;
  }
  return merged as Settings;
}

export function updateSettings(ctx: ServiceContext, patch: Partial<Settings>, method = 'settings.update'): Settings {
  return inWriteTransaction(ctx, () => {
    const before = getSettings(ctx);
    const changed = (Object.keys(patch) as (keyof Settings)[]).filter((k) => patch[k] !== undefined && patch[k] !== before[k]);
    if (changed.length === 0) return before;
    for (const k of changed) writeSetting(ctx.db, k, patch[k]);
    const after = getSettings(ctx);
    appendAudit(ctx, {
      method,
      entity: 'settings',
      entityId: null,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
    return after;
  });
}
