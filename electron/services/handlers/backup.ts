// Runs in Electron's main process and in plain Node. Handlers of backup.*.
import { AppError } from '../../../shared/api/app-error.js';
import { BackupError } from '../backup.js';
import { backupFolder, backupNow, listBackups, restoreInPlace } from '../backup-schedule.js';
import type { HandlersOf } from './types.js';

export const backupHandlers: HandlersOf<'backup.'> = {
  'backup.list': (ctx) => {
    const dir = backupFolder(ctx);
    return { dir, files: listBackups(dir) };
  },
  'backup.now': async (ctx) => {
    try {
      return (await backupNow(ctx, 'manual')).file;
    } catch (e) {
      if (e instanceof BackupError) throw new AppError('conflict', 'backup.failed', { message: e.message });
      throw e;
    }
  },
  'backup.restore': (ctx, { path }) => {
    try {
      const r = restoreInPlace(ctx, path);
      return { restoredFrom: path, replacedKeptAt: r.replacedKeptAt, auditRows: r.restored.auditRows };
    } catch (e) {
      if (e instanceof BackupError) throw new AppError('conflict', 'backup.restoreRefused', { message: e.message });
      throw e;
    }
  },
};
