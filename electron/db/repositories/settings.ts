// Runs in Electron's main process and in plain Node. All SQL for settings (key -> JSON value).
import { statement, type Db } from '../connection.js';

export function readSettingsRows(db: Db): Map<string, unknown> {
  const rows = statement(db, 'SELECT key, value FROM settings').all() as { key: string; value: string }[];
  return new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}

export function writeSetting(db: Db, key: string, value: unknown): void {
  statement(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  );
}
