// Pure domain code: runs anywhere. Installation-wide settings, stored in the settings table.
import { z } from 'zod';
import { lineText } from './safe-text.js';
import { LOCALES } from '../i18n/index.js';

export const THEMES = ['day', 'night'] as const;
export type Theme = (typeof THEMES)[number];

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const settingsSchema = z.object({
  locale: z.enum(LOCALES),
  theme: z.enum(THEMES),
  /** IANA zone of the duty room; applied only where a person reads or types a time. */
  timeZone: z.string().refine(isTimeZone, { error: 'settings.badTimeZone' }),
  /** Start of the duty day, HH:MM local. */
  dutyBoundary: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'settings.badBoundary' }),
  bureauName: lineText(z.string().trim().min(1).max(60)),
  /** Folder for the automatic backups; empty means "backups" beside the database. */
  backupDir: z.string().trim().max(400),
  /** How many automatic backups to keep (one a day, and one at each quit). */
  backupKeep: z.number().int().min(1).max(3650),
  /** Minutes without a person using the UI before the screen locks and the session stops answering. */
  lockMinutes: z.number({ error: 'settings.badLockMinutes' }).int({ error: 'settings.badLockMinutes' }).min(1, { error: 'settings.badLockMinutes' }).max(240, { error: 'settings.badLockMinutes' }),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  locale: 'zh-CN',
  theme: 'day',
  timeZone: 'Asia/Shanghai',
  dutyBoundary: '08:30',
  bureauName: '市应急管理局',
  backupDir: '',
  backupKeep: 30,
  lockMinutes: 15,
};
