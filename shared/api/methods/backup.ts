// Pure code: runs anywhere. Contract methods of backups (settings page).
import { z } from 'zod';
import { method, noInput } from '../method.js';

export interface BackupFile {
  name: string;
  path: string;
  /** When it was taken (from its name, UTC ms). */
  at: number;
  size: number;
}

export interface BackupFolder {
  dir: string;
  files: BackupFile[];
}

export interface RestoreOutcome {
  restoredFrom: string;
  /** Where the replaced database now lies. */
  replacedKeptAt: string | null;
  auditRows: number;
}

export const backupMethods = {
  'backup.list': method<BackupFolder>()(noInput),
  'backup.now': method<BackupFile>()(noInput),
  /** Replaces the database with a backup (checked first; the old file is kept). */
  'backup.restore': method<RestoreOutcome>()(z.object({ path: z.string().trim().min(1, { error: 'backup.pathRequired' }).max(1000) }).strict()),
} as const;
