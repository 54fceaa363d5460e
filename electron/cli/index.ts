// Runs in plain Node: the `duty` command line (`npm run --silent duty -- <command>`), over the
// same services as the app. Each command lives in commands/ and is listed once in COMMANDS.
import { UsageError, type CliIo, type Command } from './io.js';

type Entry = { summary: string; run: () => Promise<Command> };

// Commands are loaded lazily so `duty rules check` never opens SQLite and starts fast.
export const COMMANDS: Record<string, Entry> = {
  'rules check': { summary: 'evaluate incidents in a JSON file against a rule set: --rules FILE or --pack ID, default cn-default (no database)', run: async () => (await import('./commands/rules-check.js')).rulesCheck },
  'rules packs': { summary: 'list the shipped rule packs: id, name, sources', run: async () => (await import('./commands/rules-check.js')).rulesPacks },
  'rules export': { summary: 'print a rule-set file: a shipped pack (--pack ID) or a version stored in a database (--db PATH [--version N], default the one in force)', run: async () => (await import('./commands/rules-check.js')).rulesExport },
  'rules versions': { summary: 'list the rule-set versions stored in the database, newest (in force) first --db PATH', run: async () => (await import('./commands/rules-db.js')).rulesVersions },
  'rules import': { summary: 'save a rule-set file as the next version and re-judge the open incidents: FILE --db PATH [--note TEXT] [--dry-run]', run: async () => (await import('./commands/rules-db.js')).rulesImport },
  init: { summary: 'create the database and bring its schema up to date (idempotent)', run: async () => (await import('./commands/init.js')).init },
  backup: { summary: 'write a verified backup of the database (--db PATH --out FILE)', run: async () => (await import('./commands/backup.js')).backup },
  restore: { summary: 'replace the database with a verified backup, keeping the old file (--db PATH --from FILE)', run: async () => (await import('./commands/backup.js')).restore },
  'audit verify': { summary: 'verify the record: chain, schema, every row\'s seal [--anchor ROW:HASH]; exit 1 naming each table and row', run: async () => (await import('./commands/audit-verify.js')).auditVerify },
  'audit key export': { summary: 'write the seal key to --out FILE under a passphrase (read from stdin)', run: async () => (await import('./commands/audit-key.js')).auditKeyExport },
  'audit key import': { summary: 'add an exported seal key FILE (passphrase on stdin); a read-only database becomes writable', run: async () => (await import('./commands/audit-key.js')).auditKeyImport },
  'audit key rotate': { summary: 'verify, then reseal every row under a new key --reason TEXT (recorded)', run: async () => (await import('./commands/audit-key.js')).auditKeyRotate },
  'audit key reset': { summary: 'only when the key is lost for good: a new key, recorded with --reason TEXT', run: async () => (await import('./commands/audit-key.js')).auditKeyReset },
  serve: { summary: 'browser mode without a window; --room hosts the duty room [--bind ADDR] [--port N] [--db PATH] [--now ISO]', run: async () => (await import('./commands/room.js')).serve },
  'room status': { summary: 'whether a room host runs on --db PATH, and its seats (from the status file beside the database) [--json]', run: async () => (await import('./commands/room.js')).roomStatus },
  'room code': { summary: 'a new pairing code from the room host running on --db PATH', run: async () => (await import('./commands/room.js')).roomCode },
  demo: { summary: 'fill a database with reproducible demo data --db PATH [--days N] [--seed S] [--per-day N]', run: async () => (await import('./commands/demo.js')).demo },
  'incidents export': { summary: 'write incidents as rules-check input --db PATH --from DATE --to DATE --out FILE.json', run: async () => (await import('./commands/incidents-export.js')).incidentsExport },
  'notices list': { summary: 'list the notices relayed in the last --days N (default 3): units relayed, confirmed, fed back, who is missing --db PATH [--json]', run: async () => (await import('./commands/notices.js')).noticesList },
  'notices show': { summary: "one notice --id N: each unit's relay, receipt and feedback, and every row logged --db PATH [--json]", run: async () => (await import('./commands/notices.js')).noticesShow },
  'notices export': { summary: 'write the relay grid (--id N ... or --days N) to --out FILE.xlsx --db PATH', run: async () => (await import('./commands/notices.js')).noticesExport },
  'units list': { summary: 'list reporting units [--all] [--query Q] [--json]', run: async () => (await import('./commands/units.js')).unitsList },
  'units add': { summary: 'add a reporting unit --name N --phone P [--kind K ...]', run: async () => (await import('./commands/units.js')).unitsAdd },
  'units deactivate': { summary: 'deactivate a unit (--id N | --name NAME); units are never deleted', run: async () => (await import('./commands/units.js')).unitsDeactivate },
  'roster generate': { summary: 'print a roster proposal for --month YYYY-MM and its fairness counts; saves only with --save', run: async () => (await import('./commands/roster.js')).rosterGenerate },
  bulletin: { summary: 'write the daily bulletin of --date YYYY-MM-DD to --out FILE.xlsx (latest issued revision, else the draft)', run: async () => (await import('./commands/bulletin.js')).bulletin },
  stats: { summary: 'write the period report against last year --db PATH --from DATE --to DATE --out FILE.xlsx', run: async () => (await import('./commands/stats.js')).stats },
  'roster export': { summary: 'write the roster of --month YYYY-MM to --out FILE.xlsx (A4, one page)', run: async () => (await import('./commands/roster.js')).rosterExport },
  'roster import': { summary: 'import a filled-in roster workbook --file FILE.xlsx (checked whole; a refused file is said in words)', run: async () => (await import('./commands/roster.js')).rosterImport },
};

const USAGE = () =>
  'usage: duty <command> [options]\n\ncommands:\n' +
  Object.entries(COMMANDS)
    .map(([name, e]) => `  ${name.padEnd(18)} ${e.summary}`)
    .join('\n');

/** Finds the longest command name that prefixes argv ("units add" before "units"). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(USAGE());
    return argv.length === 0 ? 2 : 0;
  }
  for (let n = Math.min(argv.length, 3); n >= 1; n--) {
    const name = argv.slice(0, n).join(' ');
    const entry = COMMANDS[name];
    if (!entry) continue;
    try {
      const command = await entry.run();
      return await command(argv.slice(n), io);
    } catch (e) {
      if (e instanceof UsageError) {
        io.err(`duty ${name}: ${e.message}`);
        return 2;
      }
      io.err(`duty ${name}: ${(e as Error).message}`);
      return 1;
    }
  }
  io.err(`duty: unknown command '${argv.slice(0, 2).join(' ')}'. Run 'duty --help' for the list.`);
  return 2;
}
