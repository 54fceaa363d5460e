// Test helper (plain Node, run as a child process): writes through the real services in a loop
// and prints "ack <name>" after each write has committed, until it is killed.
// usage: node --import tsx test/helpers/crash-writer.ts DB_PATH RUN_ID
import { writeSync } from 'node:fs';
import { unitFieldsSchema } from '../../shared/domain/unit.js';
import { openDatabase } from '../../electron/db/connection.js';
import { createContext } from '../../electron/services/context.js';
import { createUnit, setUnitActive } from '../../electron/services/units.js';

const [dbPath, run] = process.argv.slice(2) as [string, string];
const db = openDatabase(dbPath);
const ctx = createContext(db, { dbPath, transport: 'http', version: 'crash-test' }, 'test:crash-writer');
writeSync(1, 'ready\n');
for (let i = 0; ; i++) {
  const name = `r${run}-${i}`;
  const u = createUnit(ctx, unitFieldsSchema.parse({ name, kind: 'other', dutyPhone: '12345', notes: 'x'.repeat(i % 500) }));
  if (i % 3 === 0) setUnitActive(ctx, u.id, false, 'units.deactivate');
  // Synchronous write to the pipe: once the parent reads "ack", the commit had returned.
  writeSync(1, `ack ${name}\n`);
}
