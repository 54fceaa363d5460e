// Runs in Electron's main process and in plain Node. The rule set in force (issue 17 item 3): the
// newest version stored in rule_sets, read once per version and kept. Saving a new version is
// audited and re-judges the open incidents in the same transaction; a preview runs the same
// re-judging without writing. Every screen and CLI command that judges reads ruleSetInForce.
import { RULE_PACKS } from '../../shared/domain/rules/packs/index.js';
import { formatFieldError } from '../../shared/domain/rules/field-error.js';
import { parseRuleSet, toVersion2, type RuleSet, type RuleSetV2 } from '../../shared/domain/rules/rule-set.js';
import type { RuleSetChange, RuleSetInfo, RuleSetPreview, RuleSetSaved, RuleSetVersionRow } from '../../shared/api/methods/rules.js';
import { actorName, actorNamer } from './actors.js';
import { AppError } from '../../shared/api/app-error.js';
import type { Db } from '../db/connection.js';
import * as repo from '../db/repositories/rule-sets.js';
import * as incidentsRepo from '../db/repositories/incidents.js';
import { appendAudit } from './audit.js';
import { inWriteTransaction, type ServiceContext } from './context.js';
import { judgeStored } from './incidents/evaluate.js';
import { rejudgeRecentNotices } from './notices/judge.js';

/** A stored version, parsed. */
export interface VersionedRuleSet {
  version: number;
  ruleSet: RuleSet;
}

const parsed = new WeakMap<Db, Map<number, RuleSet>>();

/** One stored version, parsed once per connection (versions never change). */
export function ruleSetVersion(db: Db, version: number): RuleSet {
  let byVersion = parsed.get(db);
  if (!byVersion) parsed.set(db, (byVersion = new Map()));
  let rs = byVersion.get(version);
  if (rs) return rs;
  const row = repo.findRuleSet(db, version);
  if (!row) throw new Error(`rule set version ${version} is not stored`);
  const result = parseRuleSet(JSON.parse(row.document));
  // Saved documents were validated when saved; one that no longer reads was changed behind the app.
  if (!result.ok) throw new Error(`stored rule set version ${version} does not read: ${formatFieldError(result.error)}`);
  rs = result.value;
  byVersion.set(version, rs);
  return rs;
}

/** The rule set in force: the newest stored version. */
export function ruleSetInForce(ctx: Pick<ServiceContext, 'db'>): VersionedRuleSet {
  const version = repo.latestVersion(ctx.db);
  if (version === null) throw new Error('no rule set is stored (migration 0140 stores version 1)');
  return { version, ruleSet: ruleSetVersion(ctx.db, version) };
}

export function ruleSetInfo(ctx: ServiceContext, version?: number): RuleSetInfo {
  const latest = repo.latestVersion(ctx.db)!;
  const v = version ?? latest;
  const row = repo.findRuleSet(ctx.db, v);
  if (!row) throw new AppError('not_found', 'rules.noSuchVersion', { version: v });
  return {
    version: row.version,
    inForce: v === latest,
    basedOn: row.basedOn,
    note: row.note,
    actor: row.actor,
    actorName: actorName(ctx, row.actor),
    createdAt: row.createdAt,
    document: toVersion2(ruleSetVersion(ctx.db, v)),
    stored: JSON.parse(row.document) as unknown,
  };
}

export function listVersions(ctx: ServiceContext): RuleSetVersionRow[] {
  const name = actorNamer(ctx);
  return repo.listRuleSets(ctx.db).map((r) => ({ ...r, actorName: name(r.actor) }));
}

/** A document from the editor or a file: valid, or refused naming the field. */
export function readDocument(document: unknown): RuleSet {
  const result = parseRuleSet(document);
  if (!result.ok) throw new AppError('invalid_input', 'rules.invalid', { path: result.error.path || '（整个文件）', message: result.error.message });
  return result.value;
}

const CHANGE_LIMIT = 500;

function rejudgeOpen(ctx: ServiceContext, candidate: VersionedRuleSet, method: string, dryRun: boolean): Omit<RuleSetPreview, 'version' | 'notices'> {
  // The open incidents: everything not closed.
  const ids = incidentsRepo.unclosedIncidentIds(ctx.db);
  const changes: RuleSetChange[] = [];
  const counts = { raised: 0, changed: 0, cleared: 0, keptReviewed: 0, incidentsChanged: 0, nextDeadlineChanged: 0 };
  for (const id of ids) {
    const r = judgeStored(ctx, id, method, candidate, dryRun);
    if (!r) continue;
    counts.keptReviewed += r.keptReviewed;
    if (r.nextDeadlineBefore !== r.nextDeadlineAfter) counts.nextDeadlineChanged++;
    if (r.changes.length === 0 && r.nextDeadlineBefore === r.nextDeadlineAfter) continue;
    counts.incidentsChanged++;
    for (const c of r.changes) {
      counts[c.kind]++;
      if (changes.length < CHANGE_LIMIT) changes.push({ ...c, incidentId: id, incidentNumber: r.number });
    }
  }
  return { incidents: ids.length, ...counts, changes, truncated: changes.length < counts.raised + counts.changed + counts.cleared };
}

/** What saving `document` would do to the open incidents' flags and the recent notices', written nowhere. */
export function previewRuleSet(ctx: ServiceContext, document: unknown): RuleSetPreview {
  const ruleSet = readDocument(document);
  const version = (repo.latestVersion(ctx.db) ?? 0) + 1;
  // A read-only transaction that is rolled back: the preview sees one state of the log.
  let out!: RuleSetPreview;
  ctx.db.transaction(() => {
    const candidate = { version, ruleSet };
    out = { version, ...rejudgeOpen(ctx, candidate, 'rules.preview', true), notices: rejudgeRecentNotices(ctx, 'rules.preview', candidate, true) };
  })();
  return out;
}

/**
 * Saves `document` as the next version and re-judges the open incidents by it. Refused when the
 * version in force is no longer `basedOnVersion` (someone saved meanwhile) or nothing changed.
 */
export function saveRuleSet(
  ctx: ServiceContext,
  input: { document: unknown; basedOn: string; basedOnVersion: number; note: string },
  method = 'rules.save',
): RuleSetSaved {
  const ruleSet = readDocument(input.document);
  return inWriteTransaction(ctx, () => {
    const current = ruleSetInForce(ctx);
    if (current.version !== input.basedOnVersion) {
      const row = repo.findRuleSet(ctx.db, current.version)!;
      throw new AppError('conflict', 'rules.changedMeanwhile', { version: current.version, actor: actorName(ctx, row.actor) });
    }
    const stored = JSON.stringify(ruleSet);
    if (stored === repo.findRuleSet(ctx.db, current.version)!.document) throw new AppError('conflict', 'rules.unchanged', { version: current.version });
    const version = current.version + 1;
    const at = ctx.now();
    repo.insertRuleSet(ctx.db, { version, document: stored, basedOn: input.basedOn, note: input.note, actor: ctx.actor, createdAt: at });
    appendAudit(ctx, {
      method,
      entity: 'rule_set',
      entityId: version,
      before: { version: current.version },
      after: { version, basedOn: input.basedOn, note: input.note, document: ruleSet },
    });
    const summary = rejudgeOpen(ctx, { version, ruleSet }, method, false);
    // The relayed notices of the last days: the duty room's relay limits are in the rule set too.
    return { version, ...summary, notices: rejudgeRecentNotices(ctx, method, { version, ruleSet }) };
  });
}

/** A version (default: in force) as a version-2 rule-set file. */
export function exportRuleSet(ctx: ServiceContext, version?: number): { fileName: string; text: string } {
  const info = ruleSetInfo(ctx, version);
  const doc: RuleSetV2 = info.document;
  return { fileName: `rule-set-v${info.version}.json`, text: `${JSON.stringify(doc, null, 2)}\n` };
}

export function listPacks(): { id: string; name: string; sources: readonly string[]; document: RuleSetV2 }[] {
  return RULE_PACKS.map((p) => ({ id: p.id, name: p.name, sources: p.sources, document: p.ruleSet }));
}
