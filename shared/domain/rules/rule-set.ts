// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// The rule set as data: a versioned JSON document an admin can change, export and import. The
// engine reads only this, so a stricter local rule or another country's set is a new file, not
// new code.
import { z } from 'zod';
import { CATEGORY_CODES, isCategory, type Category } from '../categories.js';
import type { Level, LevelThresholds } from '../levels.js';
import { REPORT_ITEMS, type ReportItem } from './incident.js';
import { fieldErrorOf, friendlyIssueMessage, type ParseResult } from './field-error.js';

export const RULE_SET_SCHEMA_ID = 'duty-desk/ruleset';
/** The format version this code reads and writes. Adding an optional field keeps it; changing a meaning bumps it. */
export const RULE_SET_VERSION = 1;

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

export interface RuleSet {
  schema: typeof RULE_SET_SCHEMA_ID;
  version: typeof RULE_SET_VERSION;
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

const itemListSchema = z
  .array(z.enum(REPORT_ITEMS, { error: `expected one of ${REPORT_ITEMS.join(', ')}` }))
  .superRefine((items, ctx) => {
    items.forEach((item, i) => {
      if (items.indexOf(item) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `"${item}" is listed twice` });
    });
  });

export const ruleSetSchema = z.strictObject({
  schema: z.literal(RULE_SET_SCHEMA_ID, {
    error: `expected "${RULE_SET_SCHEMA_ID}" (this file is not a Duty Desk rule set)`,
  }),
  version: z.literal(RULE_SET_VERSION, {
    error: (i) =>
      typeof i.input === 'number' && i.input > RULE_SET_VERSION
        ? `this app reads rule set version ${RULE_SET_VERSION}; the file is version ${i.input}: update the app`
        : `expected ${RULE_SET_VERSION}`,
  }),
  name: z.string().trim().min(1, { error: 'expected a name' }),
  description: z.string().optional(),
  levelThresholds: z
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
    }),
  limits: z.strictObject({ I: limitsSchema, II: limitsSchema, III: limitsSchema, IV: limitsSchema }),
  supplementWindowDays: z.strictObject({
    default: positive(),
    byCategory: z.record(z.string(), positive()).superRefine((byCategory, ctx) => {
      for (const key of Object.keys(byCategory))
        if (!isCategory(key))
          ctx.addIssue({ code: 'custom', path: [key], message: `unknown category (expected one of ${CATEGORY_CODES.join(', ')})` });
    }),
  }),
  concealmentWindowHours: positive(),
  occurrenceCorrectionMin: nonNegative(),
  requiredItems: z.strictObject({ quick: itemListSchema, written: itemListSchema }),
  upward: upwardSchema.default(DEFAULT_UPWARD_LIMITS),
});

// Fails to compile if the schema's output drifts from the hand-written interface (the documentation).
type SchemaOutput = z.infer<typeof ruleSetSchema>;
type _SchemaMatchesRuleSet = SchemaOutput extends RuleSet ? true : never;
const _schemaMatches: _SchemaMatchesRuleSet = true;
void _schemaMatches;

/** Validates a parsed JSON value as a rule set; the error names the path of the first bad value. */
export function parseRuleSet(json: unknown): ParseResult<RuleSet> {
  const result = ruleSetSchema.safeParse(json, { error: friendlyIssueMessage });
  if (!result.success) return { ok: false, error: fieldErrorOf(result.error) };
  return { ok: true, value: result.data };
}
