// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// The rule set as data: a versioned JSON document an admin can change, export and import. The
// engine reads only this, so a stricter local rule or another country's set is a new file, not
// new code. Version 1 (one table of limits) is still read, and judges as it always did; version 2
// (one profile per class of event, docs/rules.md) is what the packs are written in.
import { z } from 'zod';
import { CATEGORIES, CATEGORY_CODES, categoryClassOf, isCategory, type Category, type CategoryClass } from '../categories.js';
import type { Level, LevelThresholds } from '../levels.js';
import { REPORT_ITEMS, type ReportItem } from './incident.js';
import { fieldErrorOf, friendlyIssueMessage, type ParseResult } from './field-error.js';
import { isTimeZone } from './zone-clock.js';
import { NOTICE_KINDS } from '../notice.js';
import { DEFAULT_RELAY_LIMITS, type RelayLimits } from '../relay.js';

export const RULE_SET_SCHEMA_ID = 'duty-desk/ruleset';
/** The newest format version this code reads and writes. Adding an optional field keeps it; changing a meaning bumps it. */
export const RULE_SET_VERSION = 2;
/** Every version this code reads. */
export const RULE_SET_VERSIONS = [1, 2] as const;

/** The time limits for one level. Minutes where rules.md counts minutes, hours where it counts hours. */
export interface ReportLimits {
  /** First report on any official channel, after the clock start. */
  firstReportMin: number;
  /** First official written report, after the clock start. */
  writtenReportMin: number;
  /** Longest gap between official reports while the incident is open. */
  followupGapHours: number;
  /** Final report, after closedAt. */
  finalReportHours: number;
}

/**
 * The duty room's own upward reports (上报), per level, in minutes after the duty room received
 * the first official report (or the report that lifted the level there); null: not required.
 */
export interface UpwardLimits {
  /** The first upward report on any official channel. */
  firstMin: Readonly<Record<Level, number | null>>;
  /** An upward report by phone or SMS. */
  quickMin: Readonly<Record<Level, number | null>>;
  /** An upward written report (fax, document, system). */
  writtenMin: Readonly<Record<Level, number | null>>;
}

/** Decree 493 Art. 11 (III and above: within 2 h) and the 2015 national notice (I, II: phone 30 min, written 1 h). */
export const DEFAULT_UPWARD_LIMITS: UpwardLimits = {
  firstMin: { I: 120, II: 120, III: 120, IV: null },
  quickMin: { I: 30, II: 30, III: null, IV: null },
  writtenMin: { I: 60, II: 60, III: null, IV: null },
};

/** Format version 1: one table of limits for every class of event. */
export interface RuleSetV1 {
  schema: typeof RULE_SET_SCHEMA_ID;
  version: 1;
  name: string;
  description?: string;
  /** Least figures reaching each level, for the accident class. */
  levelThresholds: LevelThresholds;
  /** First-report and written limits use the initial level; gap and final limits the current one. */
  limits: Readonly<Record<Level, Readonly<ReportLimits>>>;
  /** 补报期, in 24 h days after the effective occurrence time. */
  supplementWindowDays: {
    default: number;
    byCategory: Readonly<Partial<Record<Category, number>>>;
  };
  /** SUSPECT_CONCEALED looks this long after the first report. */
  concealmentWindowHours: number;
  /** SUSPECT_FALSE when a stated occurrence time is more than this before the first known one. */
  occurrenceCorrectionMin: number;
  /** OMITTED_FIELDS: what an official quick or written report must state. */
  requiredItems: {
    quick: readonly ReportItem[];
    written: readonly ReportItem[];
  };
  /** UPWARD_LATE. Optional in a file (added after version 1 shipped): defaults to DEFAULT_UPWARD_LIMITS. */
  upward: UpwardLimits;
}

const POSITIVE = 'expected a positive number';
const NON_NEGATIVE = 'expected a number ≥ 0';

const positive = () =>
  z
    .number({ error: (i) => (i.input === undefined ? `required (${POSITIVE})` : POSITIVE) })
    .positive({ error: POSITIVE });

const nonNegative = () =>
  z
    .number({ error: (i) => (i.input === undefined ? `required (${NON_NEGATIVE})` : NON_NEGATIVE) })
    .nonnegative({ error: NON_NEGATIVE });

const thresholdSchema = z.strictObject({
  deathsAndMissing: positive(),
  seriouslyInjured: positive(),
  directLossYuan: positive(),
});

const limitsSchema = z.strictObject({
  firstReportMin: positive(),
  writtenReportMin: positive(),
  followupGapHours: positive(),
  finalReportHours: positive(),
});

const upwardLevelSchema = () => {
  const limit = positive().nullable();
  return z.strictObject({ I: limit, II: limit, III: limit, IV: limit });
};

const upwardSchema = z.strictObject({
  firstMin: upwardLevelSchema(),
  quickMin: upwardLevelSchema(),
  writtenMin: upwardLevelSchema(),
});

/** Supplement windows per category; in a profile (cls set) only that class's categories. */
function byCategorySchema(cls: CategoryClass | null) {
  return z.record(z.string(), positive()).superRefine((byCategory, ctx) => {
    for (const key of Object.keys(byCategory)) {
      if (!isCategory(key))
        ctx.addIssue({ code: 'custom', path: [key], message: `unknown category (expected one of ${CATEGORY_CODES.join(', ')})` });
      else if (cls !== null && categoryClassOf(key) !== cls)
        ctx.addIssue({ code: 'custom', path: [key], message: `not a category of class ${cls} (this profile judges only ${categoriesOf(cls).join(', ')})` });
    }
  });
}

const itemListSchema = z
  .array(z.enum(REPORT_ITEMS, { error: `expected one of ${REPORT_ITEMS.join(', ')}` }))
  .superRefine((items, ctx) => {
    items.forEach((item, i) => {
      if (items.indexOf(item) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `"${item}" is listed twice` });
    });
  });

function versionError(i: { input?: unknown }): string {
  return typeof i.input === 'number' && i.input > RULE_SET_VERSION
    ? `this app reads rule set versions ${RULE_SET_VERSIONS.join(' and ')}; the file is version ${i.input}: update the app`
    : `expected ${RULE_SET_VERSIONS.join(' or ')}`;
}

const levelThresholdsSchema = z
  .strictObject({ I: thresholdSchema, II: thresholdSchema, III: thresholdSchema })
  .superRefine((t, ctx) => {
    // A lower level asking for more than a higher one could never be reached.
    for (const [lower, higher] of [['II', 'I'], ['III', 'II']] as const) {
      for (const measure of ['deathsAndMissing', 'seriouslyInjured', 'directLossYuan'] as const) {
        if (t[lower][measure] > t[higher][measure])
          ctx.addIssue({
            code: 'custom',
            path: [lower, measure],
            message: `must not exceed level ${higher}'s ${t[higher][measure]}`,
          });
      }
    }
  });

/** Version 1's schema. */
export const ruleSetSchema = z.strictObject({
  schema: z.literal(RULE_SET_SCHEMA_ID, {
    error: `expected "${RULE_SET_SCHEMA_ID}" (this file is not a Duty Desk rule set)`,
  }),
  version: z.literal(1, { error: versionError }),
  name: z.string().trim().min(1, { error: 'expected a name' }),
  description: z.string().optional(),
  levelThresholds: levelThresholdsSchema,
  limits: z.strictObject({ I: limitsSchema, II: limitsSchema, III: limitsSchema, IV: limitsSchema }),
  supplementWindowDays: z.strictObject({
    default: positive(),
    byCategory: byCategorySchema(null),
  }),
  concealmentWindowHours: positive(),
  occurrenceCorrectionMin: nonNegative(),
  requiredItems: z.strictObject({ quick: itemListSchema, written: itemListSchema }),
  upward: upwardSchema.default(DEFAULT_UPWARD_LIMITS),
});

// Fails to compile if the schema's output drifts from the hand-written interface (the documentation).
type SchemaOutput = z.infer<typeof ruleSetSchema>;
type _SchemaMatchesRuleSet = SchemaOutput extends RuleSetV1 ? true : never;
const _schemaMatches: _SchemaMatchesRuleSet = true;
void _schemaMatches;

// --- Version 2: one profile per class of event (rule-profiles.md, docs/rules.md) ---

/** LATE_FOLLOWUP: the longest gap between official reports, or fixed local times every day. */
export type FollowupRule =
  | { readonly gapHours: number }
  /** Local `HH:MM` times, in the rule set's time zone, on each day after the first official report's. */
  | { readonly dailyAt: readonly string[] };

/** Where the first-report and written deadlines run from. */
export type ClockStart =
  /** learnedAt where it is set, else the effective occurrence time (version 1's only rule). */
  | 'learned'
  /** The effective occurrence time, even where learnedAt is set. */
  | 'occurrence';

/** UPWARD_LATE at one level: minutes after its clock start, null where not owed. */
export interface UpwardAtLevel {
  firstMin: number | null;
  quickMin: number | null;
  writtenMin: number | null;
}

/** The numbers of one level in one profile. */
export interface LevelRules {
  firstReportMin: number;
  /** null: no written deadline at this level (LATE_WRITTEN is never raised). */
  writtenReportMin: number | null;
  followup: FollowupRule;
  finalReportHours: number;
  clockStart: ClockStart;
  upward: UpwardAtLevel;
}

export interface SupplementWindow {
  default: number;
  byCategory: Readonly<Partial<Record<Category, number>>>;
}

/** How one class of event is judged. */
export interface Profile {
  /** decree493: every report graded from its figures; manual: the incident's level (IV where none). */
  levels: 'decree493' | 'manual';
  limits: Readonly<Record<Level, Readonly<LevelRules>>>;
  /** 补报期 in 24 h days; null: no window (every report grades; OUTSIDE_SUPPLEMENT_WINDOW never raised). */
  supplementWindowDays: SupplementWindow | null;
  requiredItems: {
    quick: readonly ReportItem[];
    written: readonly ReportItem[];
  };
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Format version 2. */
export interface RuleSetV2 {
  schema: typeof RULE_SET_SCHEMA_ID;
  version: 2;
  name: string;
  description?: string;
  /** IANA zone of the daily clock times (dailyAt). Optional in a file: Asia/Shanghai. */
  timeZone: string;
  levelThresholds: LevelThresholds;
  concealmentWindowHours: number;
  occurrenceCorrectionMin: number;
  profiles: Readonly<Record<CategoryClass, Readonly<Profile>>>;
  /**
   * RELAY_LATE (docs/rules.md "Relaying notices"): minutes from the duty room receiving a notice
   * to relaying it to every target unit. Optional: where left out, DEFAULT_RELAY_LIMITS
   * (shared/domain/relay.ts: a red warning 30 minutes, everything else 60).
   */
  relay?: RelayLimits;
  /**
   * Where the numbers come from: a dotted path into this document (`profiles.natural.limits.III`)
   * to the text of its source; a path covers every number under it, the longest path wins.
   */
  sources?: Readonly<Record<string, string>>;
}

/** Any rule set the engine judges by: a version-1 document is read as rule-profiles.md says. */
export type RuleSet = RuleSetV1 | RuleSetV2;

export function categoriesOf(cls: CategoryClass): Category[] {
  return CATEGORIES.filter((c) => c.class === cls).map((c) => c.code);
}

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const followupSchema = z.union(
  [
    z.strictObject({ gapHours: positive() }),
    z.strictObject({
      dailyAt: z
        .array(z.string().regex(CLOCK_TIME, { error: 'expected a local time HH:MM (00:00–23:59)' }), {
          error: 'expected a list of local times HH:MM',
        })
        .min(1, { error: 'expected at least one local time HH:MM' })
        .superRefine((times, ctx) => {
          times.forEach((x, i) => {
            if (times.indexOf(x) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `"${x}" is listed twice` });
          });
        }),
    }),
  ],
  { error: 'expected { "gapHours": H } or { "dailyAt": ["HH:MM", ...] }' },
);

const nullableLimit = () => positive().nullable();

const levelRulesSchema = z.strictObject({
  firstReportMin: positive(),
  writtenReportMin: nullableLimit(),
  followup: followupSchema,
  finalReportHours: positive(),
  clockStart: z.enum(['learned', 'occurrence'], { error: 'expected "learned" or "occurrence"' }),
  upward: z.strictObject({ firstMin: nullableLimit(), quickMin: nullableLimit(), writtenMin: nullableLimit() }),
});

const profileSchema = (cls: CategoryClass) =>
  z.strictObject({
    levels: z.enum(['decree493', 'manual'], { error: 'expected "decree493" or "manual"' }),
    limits: z.strictObject({ I: levelRulesSchema, II: levelRulesSchema, III: levelRulesSchema, IV: levelRulesSchema }),
    supplementWindowDays: z.strictObject({ default: positive(), byCategory: byCategorySchema(cls) }).nullable(),
    requiredItems: z.strictObject({ quick: itemListSchema, written: itemListSchema }),
  });

/** The value at a dotted path of a document, or undefined. */
function atPath(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

export const ruleSetV2Schema = z
  .strictObject({
    schema: z.literal(RULE_SET_SCHEMA_ID, {
      error: `expected "${RULE_SET_SCHEMA_ID}" (this file is not a Duty Desk rule set)`,
    }),
    version: z.literal(2, { error: versionError }),
    name: z.string().trim().min(1, { error: 'expected a name' }),
    description: z.string().optional(),
    timeZone: z
      .string({ error: 'expected an IANA time zone name, e.g. Asia/Shanghai' })
      .refine(isTimeZone, { error: (i) => `unknown time zone ${JSON.stringify(i.input)} (expected an IANA name, e.g. Asia/Shanghai)` })
      .default(DEFAULT_TIME_ZONE),
    levelThresholds: levelThresholdsSchema,
    concealmentWindowHours: positive(),
    occurrenceCorrectionMin: nonNegative(),
    profiles: z.strictObject({
      accident: profileSchema('accident'),
      natural: profileSchema('natural'),
      public_health: profileSchema('public_health'),
      social_security: profileSchema('social_security'),
    }),
    relay: z
      .strictObject({
        byKindMin: z.strictObject(Object.fromEntries(NOTICE_KINDS.map((k) => [k, positive()])) as Record<(typeof NOTICE_KINDS)[number], ReturnType<typeof positive>>),
        byLevelWordMin: z.record(z.string().trim().min(1, { error: 'expected a word of a level, e.g. 红色' }), positive()),
      })
      .optional(),
    sources: z.record(z.string(), z.string().trim().min(1, { error: 'expected the text of a source' })).optional(),
  })
  .superRefine((rs, ctx) => {
    // A source for a path that does not exist would silently describe nothing.
    for (const key of Object.keys(rs.sources ?? {}))
      if (atPath(rs, key) === undefined)
        ctx.addIssue({ code: 'custom', path: ['sources', key], message: 'names no value of this rule set' });
  });

type SchemaV2Output = z.infer<typeof ruleSetV2Schema>;
type _SchemaMatchesRuleSetV2 = SchemaV2Output extends RuleSetV2 ? true : never;
const _schemaV2Matches: _SchemaMatchesRuleSetV2 = true;
void _schemaV2Matches;

/**
 * Validates a parsed JSON value as a rule set of any version this app reads; the error names the
 * path of the first bad value. A version-1 document comes back as it was (the engine reads it as
 * version 2 by toVersion2); a version-2 one with its defaults filled in.
 */
export function parseRuleSet(json: unknown): ParseResult<RuleSet> {
  const isV2 = json !== null && typeof json === 'object' && (json as { version?: unknown }).version === 2;
  const result = (isV2 ? ruleSetV2Schema : ruleSetSchema).safeParse(json, { error: friendlyIssueMessage });
  if (!result.success) return { ok: false, error: fieldErrorOf(result.error) };
  return { ok: true, value: result.data };
}

/**
 * A version-1 rule set as version 2 (rule-profiles.md): all four profiles take its numbers,
 * decree493 levels for accidents and manual for the rest, gap follow-ups, clock start `learned`,
 * no null limits beyond its own upward ones. A version-2 rule set comes back unchanged.
 */
export function toVersion2(ruleSet: RuleSet): RuleSetV2 {
  if (ruleSet.version === 2) return ruleSet;
  const v1 = ruleSet;
  const profileOf = (cls: CategoryClass): Profile => {
    const byCategory: Partial<Record<Category, number>> = {};
    for (const [k, days] of Object.entries(v1.supplementWindowDays.byCategory))
      if (isCategory(k) && categoryClassOf(k) === cls && days !== undefined) byCategory[k] = days;
    const level = (l: Level): LevelRules => {
      const lim = v1.limits[l];
      return {
        firstReportMin: lim.firstReportMin,
        writtenReportMin: lim.writtenReportMin,
        followup: { gapHours: lim.followupGapHours },
        finalReportHours: lim.finalReportHours,
        clockStart: 'learned',
        upward: { firstMin: v1.upward.firstMin[l], quickMin: v1.upward.quickMin[l], writtenMin: v1.upward.writtenMin[l] },
      };
    };
    return {
      levels: cls === 'accident' ? 'decree493' : 'manual',
      limits: { I: level('I'), II: level('II'), III: level('III'), IV: level('IV') },
      supplementWindowDays: { default: v1.supplementWindowDays.default, byCategory },
      requiredItems: { quick: [...v1.requiredItems.quick], written: [...v1.requiredItems.written] },
    };
  };
  const out: RuleSetV2 = {
    schema: RULE_SET_SCHEMA_ID,
    version: 2,
    name: v1.name,
    timeZone: DEFAULT_TIME_ZONE,
    levelThresholds: v1.levelThresholds,
    concealmentWindowHours: v1.concealmentWindowHours,
    occurrenceCorrectionMin: v1.occurrenceCorrectionMin,
    profiles: {
      accident: profileOf('accident'),
      natural: profileOf('natural'),
      public_health: profileOf('public_health'),
      social_security: profileOf('social_security'),
    },
  };
  if (v1.description !== undefined) out.description = v1.description;
  return out;
}

/** The source text for a dotted path (the longest listed path that covers it), or null. */
export function sourceOf(ruleSet: RuleSetV2, path: string): string | null {
  const sources = ruleSet.sources ?? {};
  for (let p = path; p !== ''; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const s = sources[p];
    if (s !== undefined) return s;
  }
  return null;
}

/** The RELAY_LATE limits of a rule set: its `relay` section, else the defaults (version 1 has none). */
export function relayLimitsOf(ruleSet: RuleSet): RelayLimits {
  return (ruleSet.version === 2 ? ruleSet.relay : undefined) ?? DEFAULT_RELAY_LIMITS;
}
