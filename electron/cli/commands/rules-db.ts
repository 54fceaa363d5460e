// Runs in plain Node: the rule set stored in a database (Settings → 报送时限规则), through the app's
// own dispatcher: `duty rules versions`, `duty rules export [--version N]` (the version in force
// unless told) and `duty rules import FILE [--note TEXT] [--dry-run]`, which previews what the
// file would do to the open incidents' flags and, unless --dry-run, saves it as the next version.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { RuleSetInfo, RuleSetPreview, RuleSetVersionRow } from '../../../shared/api/methods/rules.js';
import type { RuleSetV2 } from '../../../shared/domain/rules/rule-set.js';
import { DB_OPTION } from '../db-flag.js';
import { parseFlags, UsageError, type CliIo, type Command } from '../io.js';
import { withDispatcher } from '../with-dispatcher.js';

const iso = (ms: number) => new Date(ms).toISOString();

export const rulesVersions: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { ...DB_OPTION });
  return withDispatcher(
    io,
    values,
    async (call) => {
      const rows = await call<RuleSetVersionRow[]>('rules.versions', {});
      io.out(['version', 'saved_at', 'actor', 'based_on', 'note'].join('\t'));
      for (const r of rows) io.out([r.version, iso(r.createdAt), r.actor, r.basedOn, r.note].join('\t'));
      return 0;
    },
    { readonly: true },
  );
};

/** A stored version as a version-2 rule-set file (`--rules` and `rules import` read it back). */
export async function exportStored(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, { ...DB_OPTION, version: { type: 'string' } });
  const version = values.version === undefined ? undefined : Number(values.version);
  if (version !== undefined && !(Number.isInteger(version) && version > 0)) throw new UsageError(`--version must be a version number such as 2, not '${values.version}'`);
  return withDispatcher(
    io,
    values,
    async (call) => {
      const file = await call<{ text: string }>('rules.export', version === undefined ? {} : { version });
      io.out(file.text.trimEnd());
      return 0;
    },
    { readonly: true },
  );
}

function summary(p: RuleSetPreview): string {
  return `${p.incidents} open incidents judged, ${p.incidentsChanged} changed: ${p.raised} flags raised, ${p.changed} changed, ${p.cleared} cleared; ${p.keptReviewed} reviewed flags kept by their own version; ${p.nextDeadlineChanged} next deadlines moved`;
}

export const rulesImport: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, { ...DB_OPTION, note: { type: 'string' }, 'dry-run': { type: 'boolean' } }, true);
  if (positionals.length !== 1) throw new UsageError('usage: duty rules import RULESET.json [--note TEXT] [--dry-run] [--db PATH] [--now ISO]');
  const file = positionals[0]!;
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return withDispatcher(io, values, async (call) => {
    const { document } = await call<{ document: RuleSetV2 }>('rules.read', { text });
    const inForce = await call<RuleSetInfo>('rules.get', {});
    const preview = await call<RuleSetPreview>('rules.preview', { document });
    if (values['dry-run']) {
      io.out(`would save version ${preview.version} (in force: ${inForce.version}): ${summary(preview)}`);
      return 0;
    }
    const saved = await call<RuleSetPreview>('rules.save', { document, basedOn: 'file', basedOnVersion: inForce.version, note: values.note ?? '' });
    io.out(`saved version ${saved.version}: ${summary(saved)}`);
    return 0;
  });
};
