// Pure code: runs anywhere. Contract methods of the rule set in force (Settings → 报送时限规则):
// read any stored version, preview a change against the open incidents, save a new version,
// read a rule-set file, export one.
import { z } from 'zod';
import type { FlagCode } from '../../domain/rules/flag.js';
import type { NoticeFlagCode } from '../../domain/notice.js';
import type { RuleSetV2 } from '../../domain/rules/rule-set.js';
import { method, noInput } from '../method.js';

const versionSchema = z.number({ error: 'validation.id' }).int({ error: 'validation.id' }).positive({ error: 'validation.id' });

export interface RuleSetInfo {
  version: number;
  inForce: boolean;
  /** What it was started from: a pack id, v<N>, 'file' or 'built-in'. */
  basedOn: string;
  note: string;
  actor: string;
  /** The actor as a person reads it (the user's display name). */
  actorName: string;
  createdAt: number;
  /** As version 2 (a version-1 document read as rule-profiles.md says). */
  document: RuleSetV2;
  /** The document exactly as stored (version 1 or 2). */
  stored: unknown;
}

export type RuleSetVersionRow = Omit<RuleSetInfo, 'document' | 'stored' | 'inForce'>;

/** One flag a rule-set change raises, changes or clears. */
export interface RuleSetChange {
  incidentId: number;
  incidentNumber: string;
  kind: 'raised' | 'changed' | 'cleared';
  code: FlagCode;
  beforeStatus: string | null;
  afterStatus: string;
  beforeDeadline: number | null;
  afterDeadline: number | null;
}

/** A change to a relayed notice's flag (传达回执) a new version makes. */
export interface NoticeRuleSetChange {
  noticeId: number;
  noticeTitle: string;
  /** null: the duty room's own RELAY_LATE. */
  unitName: string | null;
  kind: 'raised' | 'changed' | 'cleared';
  code: NoticeFlagCode;
  beforeStatus: string | null;
  afterStatus: string;
  beforeDeadline: number | null;
  afterDeadline: number;
}

/** The notices of the last 7 days re-judged by a new version (its relay limits). */
export interface NoticeRejudge {
  /** Notices judged. */
  notices: number;
  noticesChanged: number;
  raised: number;
  changed: number;
  cleared: number;
  /** RELAY_LATE flags a leader confirmed or dismissed: left to the version that judged them. */
  keptReviewed: number;
  /** The first changes, in notice order. */
  changes: NoticeRuleSetChange[];
  truncated: boolean;
}

export interface RuleSetPreview {
  /** The version it would be saved as. */
  version: number;
  /** Open incidents judged. */
  incidents: number;
  incidentsChanged: number;
  raised: number;
  changed: number;
  cleared: number;
  /** Flags a leader confirmed or dismissed: never re-judged by another version. */
  keptReviewed: number;
  /** Incidents whose next deadline (the dashboard's countdown) moves. */
  nextDeadlineChanged: number;
  /** The first changes, in incident order. */
  changes: RuleSetChange[];
  truncated: boolean;
  /** What it does to the relayed notices' flags. */
  notices: NoticeRejudge;
}

export type RuleSetSaved = RuleSetPreview;

export interface RulePackInfo {
  id: string;
  name: string;
  sources: readonly string[];
  document: RuleSetV2;
}

const documentSchema = z.unknown().refine((v) => v !== undefined, { error: 'rules.documentRequired' });

export const ruleMethods = {
  'rules.get': method<RuleSetInfo>()(z.object({ version: versionSchema.optional() }).strict()),
  'rules.versions': method<RuleSetVersionRow[]>()(noInput),
  'rules.packs': method<RulePackInfo[]>()(noInput),
  /** A rule-set file's text, read and checked: refused naming the field, or the document as version 2. */
  'rules.read': method<{ document: RuleSetV2 }>()(z.object({ text: z.string().max(1_000_000, { error: 'rules.fileTooLarge' }) }).strict()),
  'rules.preview': method<RuleSetPreview>()(z.object({ document: documentSchema }).strict()),
  'rules.save': method<RuleSetSaved>()(
    z
      .object({
        document: documentSchema,
        basedOn: z.string().trim().min(1).max(100),
        basedOnVersion: versionSchema,
        note: z.string().trim().max(500, { error: 'rules.noteTooLong' }).default(''),
      })
      .strict(),
  ),
  'rules.export': method<{ fileName: string; text: string }>()(z.object({ version: versionSchema.optional() }).strict()),
} as const;
