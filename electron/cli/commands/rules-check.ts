// Runs in plain Node: `duty rules check FILE.json [--rules RULESET.json]`. Evaluates incidents
// from a JSON file (or `-` for standard input) against a rule set, without any database, and
// prints the evaluation as JSON (docs/rules.md "The command-line contract").
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULT_RULE_SET } from '../../../shared/domain/rules/default-rule-set.js';
import { evaluateIncidents } from '../../../shared/domain/rules/evaluate-incident.js';
import { formatFieldError, type ParseResult } from '../../../shared/domain/rules/field-error.js';
import { parseRuleSet, type RuleSet } from '../../../shared/domain/rules/rule-set.js';
import { parseRulesCheckInput, serializeRulesCheckOutput } from '../../../shared/domain/rules/rules-check-json.js';
import { parseFlags, UsageError, type CliIo, type Command } from '../io.js';

const USAGE = 'usage: duty rules check FILE.json [--rules RULESET.json]   (FILE may be - for standard input)';

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
  const { values, positionals } = parseFlags(argv, { rules: { type: 'string' } }, true);
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? `missing FILE.json; ${USAGE}` : `one FILE.json only; ${USAGE}`);
  const file = positionals[0]!;
  if (values.rules === '-' && file === '-') throw new UsageError('standard input can carry the incidents or the rule set, not both');
  try {
    let ruleSet: RuleSet = DEFAULT_RULE_SET;
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
