// Runs in plain Node: `duty rules check FILE.json [--rules RULESET.json | --pack ID]`, `duty rules
// packs` and `duty rules export --pack ID`. Evaluates incidents from a JSON file (or `-` for
// standard input) against a rule set (a file, or a shipped pack: cn-default unless told), without
// any database, and prints the evaluation as JSON (docs/rules.md "The command-line contract").
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { evaluateIncidents } from '../../../shared/domain/rules/evaluate-incident.js';
import { formatFieldError, type ParseResult } from '../../../shared/domain/rules/field-error.js';
import { DEFAULT_PACK_ID, RULE_PACKS, rulePack, type RulePack } from '../../../shared/domain/rules/packs/index.js';
import { parseRuleSet, type RuleSet } from '../../../shared/domain/rules/rule-set.js';
import { parseRulesCheckInput, serializeRulesCheckOutput } from '../../../shared/domain/rules/rules-check-json.js';
import { parseFlags, UsageError, type CliIo, type Command } from '../io.js';

const USAGE = `usage: duty rules check FILE.json [--rules RULESET.json | --pack ID]   (FILE may be - for standard input; default pack ${DEFAULT_PACK_ID})`;

/** A shipped pack by id; an unknown id is bad usage, in one line naming the known ones. */
function packOf(id: string): RulePack {
  const pack = rulePack(id);
  if (!pack) throw new UsageError(`unknown pack ${JSON.stringify(id)} (known: ${RULE_PACKS.map((p) => p.id).join(', ')})`);
  return pack;
}

/** Bad input: one line on standard error, nothing on standard output, exit status 2. */
class InputError extends Error {}

async function readText(io: CliIo, file: string, what: string): Promise<string> {
  if (file === '-') return io.readStdin();
  try {
    return await readFile(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`duty rules check: cannot read ${what} ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new InputError(`(root): not valid JSON: ${(e as Error).message.split('\n')[0]} (in ${where})`);
  }
}

function valueOf<T>(result: ParseResult<T>, where: string): T {
  if (!result.ok) throw new InputError(`${formatFieldError(result.error)} (in ${where})`);
  return result.value;
}

export const rulesCheck: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, { rules: { type: 'string' }, pack: { type: 'string' } }, true);
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? `missing FILE.json; ${USAGE}` : `one FILE.json only; ${USAGE}`);
  const file = positionals[0]!;
  if (values.rules === '-' && file === '-') throw new UsageError('standard input can carry the incidents or the rule set, not both');
  if (values.rules !== undefined && values.pack !== undefined) throw new UsageError(`--rules or --pack, not both; ${USAGE}`);
  let ruleSet: RuleSet = packOf(values.pack ?? DEFAULT_PACK_ID).ruleSet;
  try {
    if (values.rules !== undefined) {
      const where = `rule set ${values.rules === '-' ? 'on standard input' : values.rules}`;
      ruleSet = valueOf(parseRuleSet(parseJson(await readText(io, values.rules, 'rule set'), where)), where);
    }
    const where = file === '-' ? 'standard input' : file;
    const input = valueOf(parseRulesCheckInput(parseJson(await readText(io, file, 'file'), where)), where);
    const now = input.now ?? Date.now();
    io.out(JSON.stringify(serializeRulesCheckOutput(evaluateIncidents(input.incidents, ruleSet, now)), null, 2));
    return 0;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.err(e.message);
    return 2;
  }
};

/** `duty rules packs`: one line per shipped pack: id, name, sources (tab-separated). */
export const rulesPacks: Command = async (argv, io) => {
  parseFlags(argv, {});
  io.out(RULE_PACKS.map((p) => `${p.id}\t${p.name}\t${p.sources.join('; ')}`).join('\n'));
  return 0;
};

/**
 * `duty rules export --pack ID`: the pack as a version-2 rule-set file, which --rules reads back.
 * Without --pack, the version stored in the database (rules-db.ts: `[--db PATH] [--version N]`).
 */
export const rulesExport: Command = async (argv, io) => {
  const given = (flag: string) => argv.some((a) => a === flag || a.startsWith(`${flag}=`));
  if (!given('--pack') && given('--db')) return (await import('./rules-db.js')).exportStored(argv, io);
  const { values } = parseFlags(argv, { pack: { type: 'string' } });
  if (values.pack === undefined)
    throw new UsageError(
      `missing --pack ID or --db PATH; usage: duty rules export --pack ID (one of ${RULE_PACKS.map((p) => p.id).join(', ')}) | --db PATH [--version N]`,
    );
  io.out(JSON.stringify(packOf(values.pack).ruleSet, null, 2));
  return 0;
};
