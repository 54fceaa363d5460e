// Pure code: runs anywhere. English strings: the settings page and backups.
import type { settingsZhCN } from '../zh-cn/settings.js';

export const settingsEn: Record<keyof typeof settingsZhCN, string> = {
  'settings.bureauName': 'Bureau name (bulletin title)',
  'settings.saveGeneral': 'Save settings',
  'settings.badTimeZone': 'Unknown time zone; use an IANA name such as Asia/Shanghai',
  'settings.badBoundary': 'Enter a time as HH:MM, e.g. 08:30',
  'settings.backups': 'Backups',
  'settings.autoBackup': 'Automatic backups',
  'settings.backupDir': 'Folder for automatic backups',
  'settings.backupDirHint': 'Empty: a "backups" folder beside the database. One backup a day, and one at each quit.',
  'settings.backupKeep': 'Keep',
  'backup.now': 'Back up now',
  'backup.done': 'Backed up: {name}',
  'backup.failed': 'Backup failed: {message}',
  'backup.file': 'Backup file',
  'backup.at': 'Taken at',
  'backup.size': 'Size',
  'backup.restore': 'Restore',
  'backup.restoreConfirm': 'Replace the current database with "{name}"? The backup\'s integrity and audit chain are checked first; the current database is kept aside, not deleted.',
  'backup.restoreOther': 'Restore from another file',
  'backup.pathPlaceholder': 'Full path of the backup file',
  'backup.pathRequired': 'Enter the path of the backup file',
  'backup.restored': 'Restored. The previous database is kept at: {path}',
  'backup.restoreRefused': 'Restore refused; the current database was not changed: {message}',
  'backup.none': 'No backups yet',
  'backup.folder': 'Folder: {dir}',
};
