// Automatic and on-demand backups, and restoring the running instance in place.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { createDispatcher } from '../../electron/services/dispatcher.js';
import { backupBeforeQuit, backupFolder, backupIfDue, backupNow, DAY_MS, listBackups, restoreInPlace } from '../../electron/services/backup-schedule.js';
import { verifyAudit } from '../../electron/services/audit.js';
import { updateSettings } from '../../electron/services/settings.js';
import { testContext } from '../helpers/context.js';
import { tempDir } from '../helpers/temp.js';

describe('backup schedule', () => {
  test('the folder: beside the database by default, or from settings (relative to the database)', () => {
    const ctx = testContext();
    assert.equal(backupFolder(ctx), join(dirname(ctx.path), 'backups'));
    updateSettings(ctx, { backupDir: 'elsewhere' });
    assert.equal(backupFolder(ctx), join(dirname(ctx.path), 'elsewhere'));
    const abs = tempDir();
    updateSettings(ctx, { backupDir: abs });
    assert.equal(backupFolder(ctx), abs);
  });

  test('daily: taken when none exists or the newest is a day old, not before', async () => {
    const ctx = testContext({ now: Date.UTC(2026, 10, 24, 0, 30, 0) });
    assert.equal(await backupIfDue(ctx), true);
    ctx.setNow(ctx.now() + DAY_MS - 1000);
    assert.equal(await backupIfDue(ctx), false);
    ctx.setNow(ctx.now() + 1000);
    assert.equal(await backupIfDue(ctx), true);
    assert.deepEqual(listBackups(backupFolder(ctx)).map((f) => f.name), ['duty-desk-20261125-003000.db', 'duty-desk-20261124-003000.db']);
    const methods = ctx.db.prepare("SELECT method FROM audit_log WHERE entity = 'database'").all() as { method: string }[];
    assert.deepEqual(methods.map((m) => m.method), ['backup.daily', 'backup.daily']);
    assert.ok(verifyAudit(ctx.db).ok);
  });

  test('keeps the number of backups the settings say', async () => {
    const ctx = testContext({ now: Date.UTC(2026, 0, 1) });
    updateSettings(ctx, { backupKeep: 2 });
    for (let i = 0; i < 4; i++) {
      ctx.setNow(ctx.now() + DAY_MS);
      await backupNow(ctx, 'daily');
    }
    assert.equal(listBackups(backupFolder(ctx)).length, 2);
  });
});

describe('restore in place', () => {
  test('the running instance sees the restored data; the old file is kept; the dispatcher keeps working', async () => {
    const ctx = testContext({ now: Date.UTC(2026, 10, 24, 1, 0, 0) });
    const dispatch = createDispatcher(ctx);
    await dispatch('units.create', { name: '东城区', kind: 'district', dutyPhone: '123' });
    const backup = await dispatch('backup.now', {});
    assert.equal(backup.ok, true);
    await dispatch('units.create', { name: '西城区', kind: 'district', dutyPhone: '123' });
    ctx.setNow(ctx.now() + 60_000);
    const path = (backup.ok && (backup.value as { path: string }).path) as string;
    const r = await dispatch('backup.restore', { path });
    assert.equal(r.ok, true, JSON.stringify(r));
    const kept = (r.ok && (r.value as { replacedKeptAt: string }).replacedKeptAt) as string;
    assert.ok(existsSync(kept));
    const units = await dispatch('units.list', {});
    assert.deepEqual(units.ok && (units.value as { name: string }[]).map((u) => u.name), ['东城区']);
    assert.ok(verifyAudit(ctx.db).ok);
  });

  test('a refused restore leaves the running database open and unchanged, with a message saying so', async () => {
    const ctx = testContext();
    const dispatch = createDispatcher(ctx);
    await dispatch('units.create', { name: '东城区', kind: 'district', dutyPhone: '123' });
    const junk = join(tempDir(), 'junk.db');
    writeFileSync(junk, 'not a database');
    const r = await dispatch('backup.restore', { path: junk });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error.message : '', /^已拒绝恢复，当前数据库未被修改：/);
    const units = await dispatch('units.list', {});
    assert.deepEqual(units.ok && (units.value as { name: string }[]).map((u) => u.name), ['东城区']);
    assert.throws(() => restoreInPlace(ctx, '/nonexistent/x.db'), /no such file/);
    assert.equal(ctx.db.open, true);
  });
});

describe('backup at quit', () => {
  test('taken unless one was taken in the last minute', async () => {
    const ctx = testContext({ now: Date.UTC(2026, 10, 24, 1, 0, 0) });
    assert.equal(await backupBeforeQuit(ctx), true);
    ctx.setNow(ctx.now() + 59_000);
    assert.equal(await backupBeforeQuit(ctx), false);
    ctx.setNow(ctx.now() + 1_000);
    assert.equal(await backupBeforeQuit(ctx), true);
    const methods = ctx.db.prepare("SELECT method FROM audit_log WHERE entity = 'database'").all() as { method: string }[];
    assert.deepEqual(methods.map((m) => m.method), ['backup.quit', 'backup.quit']);
  });
});
