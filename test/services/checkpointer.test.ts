// WAL checkpoints off the write path: while the checkpoint worker runs, what the app's connection
// commits reaches the database file without that connection checkpointing (its own threshold is
// only a backstop), and stopping the worker gives the connection SQLite's default back.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { closeDatabase, openDatabase } from '../../electron/db/connection.js';
import { BACKSTOP_AUTOCHECKPOINT_PAGES, DEFAULT_AUTOCHECKPOINT_PAGES, startCheckpointer } from '../../electron/services/checkpointer.js';
import { tempDbPath } from '../helpers/temp.js';

test('the worker checkpoints the WAL into the database file; the writer keeps a backstop only', async () => {
  const path = tempDbPath('checkpointer.db');
  const db = openDatabase(path);
  db.exec('CREATE TABLE scratch (x BLOB)');
  db.pragma('wal_checkpoint(TRUNCATE)');
  const before = statSync(path).size;
  const stop = startCheckpointer(db, path, { everyMs: 50 });
  try {
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), BACKSTOP_AUTOCHECKPOINT_PAGES);
    // About 6 MB in 60 commits: past SQLite's default threshold, far below the backstop.
    const insert = db.prepare('INSERT INTO scratch (x) VALUES (randomblob(100000))');
    for (let k = 0; k < 60; k++) insert.run();
    let grown = 0;
    for (let w = 0; w < 100 && grown < 5_000_000; w++) {
      await sleep(50);
      grown = statSync(path).size - before;
    }
    assert.ok(grown >= 5_000_000, `the database file took the committed pages (${grown} bytes)`);
  } finally {
    stop();
  }
  assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), DEFAULT_AUTOCHECKPOINT_PAGES);
  closeDatabase(db);
});

test('an in-memory database has no WAL to checkpoint: nothing starts', () => {
  const db = openDatabase(':memory:');
  const stop = startCheckpointer(db, ':memory:');
  assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), DEFAULT_AUTOCHECKPOINT_PAGES);
  stop();
  closeDatabase(db);
});
