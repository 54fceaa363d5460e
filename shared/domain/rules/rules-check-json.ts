// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// The JSON form of `duty rules check` (docs/rules.md "The command-line contract"): parsing input
// into the engine's types with errors that name the bad field, and printing evaluations.
import { z } from 'zod';
import { CATEGORY_CODES, isAccidentCategory } from '../categories.js';
import { CHANNELS, OFFICIAL_CHANNELS, type Channel } from '../channels.js';
import { LEVELS, type Level } from '../levels.js';
import type { Evaluation } from './evaluate-incident.js';
import { describeValue, fieldErrorOf, friendlyIssueMessage, type ParseResult } from './field-error.js';
import type { FlagCode, FlagStatus } from './flag.js';
import { REPORT_KINDS, type Incident, type ReportItem } from './incident.js';
import { formatIsoInstant, parseIsoInstant } from './iso-instant.js';

export interface RulesCheckInput {
  /** Epoch ms, or null where the file leaves it out (the caller then uses the current time). */
  now: number | null;
  incidents: Incident[];
}

const INSTANT_HINT = 'an ISO 8601 time with an offset, e.g. 2026-11-24T09:00:00+08:00';

const instant = z
  .string({ error: (i) => (i.input === undefined ? `required (${INSTANT_HINT})` : `expected ${INSTANT_HINT}, got ${describeValue(i.input)}`) })
  .transform((text, ctx) => {
    const ms = parseIsoInstant(text);
    if (ms === null) {
      ctx.issues.push({ code: 'custom', input: text, message: `expected ${INSTANT_HINT}, got ${describeValue(text)}` });
      return z.NEVER;
    }
    return ms;
  });
const optionalInstant = instant.nullable().optional();

const COUNT = 'expected a whole number ≥ 0';
const count = z
  .number({ error: (i) => `${COUNT}, got ${describeValue(i.input)}` })
  .int({ error: (i) => `${COUNT}, got ${describeValue(i.input)}` })
  .nonnegative({ error: (i) => `${COUNT}, got ${describeValue(i.input)}` })
  .nullable()
  .optional();
const amount = z
  .number({ error: (i) => `expected a number ≥ 0, got ${describeValue(i.input)}` })
  .nonnegative({ error: (i) => `expected a number ≥ 0, got ${describeValue(i.input)}` })
  .nullable()
  .optional();
const text = z.string().nullable().optional();
// Trimmed because a stray space would silently make a unit's own report non-official.
const unitName = z.string().trim().min(1, { error: 'expected a unit name' });

const oneOf = (what: string, values: readonly string[]) => (i: { input?: unknown }) =>
  i.input === undefined
    ? `required (one of ${values.join(', ')})`
    : `unknown ${what} ${describeValue(i.input)} (expected one of ${values.join(', ')})`;

const reportSchema = z.strictObject({
  kind: z.enum(REPORT_KINDS, { error: oneOf('report kind', REPORT_KINDS) }),
  channel: z.enum(CHANNELS, { error: oneOf('channel', CHANNELS) }),
  fromUnit: unitName,
  receivedAt: instant,
  occurredAt: optionalInstant,
  location: text,
  summary: text,
  measuresTaken: text,
  deaths: count,
  missing: count,
  seriouslyInjured: count,
  injured: count,
  directLossYuan: amount,
  correctionReason: text,
});

const OFFICIAL = [...OFFICIAL_CHANNELS];
const upwardSchema = z.strictObject({
  to: z.string().trim().min(1, { error: 'expected to whom it was sent' }),
  channel: z.enum(OFFICIAL as [Channel, ...Channel[]], { error: oneOf('upward channel', OFFICIAL) }),
  sentAt: instant,
});

const incidentSchema = z
  .strictObject({
    id: z.string().min(1, { error: 'expected a non-empty id' }),
    category: z.enum(CATEGORY_CODES, { error: oneOf('category', CATEGORY_CODES) }),
    responsibleUnit: unitName,
    occurredAt: instant,
    learnedAt: optionalInstant,
    closedAt: optionalInstant,
    level: z.enum(LEVELS, { error: oneOf('level', LEVELS) }).nullable().optional(),
    reports: z.array(reportSchema),
    upward: z.array(upwardSchema).optional(),
  })
  .superRefine((incident, ctx) => {
    // The figures grade an accident; a manual level beside them would be silently ignored.
    if (incident.level != null && isAccidentCategory(incident.category))
      ctx.addIssue({
        code: 'custom',
        path: ['level'],
        message: `must be null for ${incident.category} (an accident: its level comes from the reported figures)`,
      });
  });

const inputSchema = z
  .strictObject({
    now: optionalInstant,
    incidents: z.array(incidentSchema),
  })
  .superRefine((input, ctx) => {
    const seen = new Map<string, number>();
    input.incidents.forEach((incident, i) => {
      const first = seen.get(incident.id);
      if (first !== undefined)
        ctx.addIssue({ code: 'custom', path: ['incidents', i, 'id'], message: `duplicate id ${JSON.stringify(incident.id)} (also incidents[${first}])` });
      else seen.set(incident.id, i);
    });
  });

/** Validates parsed JSON as rules-check input; the error names the path of the first bad field. */
export function parseRulesCheckInput(json: unknown): ParseResult<RulesCheckInput> {
  const result = inputSchema.safeParse(json, { error: friendlyIssueMessage });
  if (!result.success) return { ok: false, error: fieldErrorOf(result.error) };
  return { ok: true, value: { now: result.data.now ?? null, incidents: result.data.incidents } };
}

export interface SerializedFlag {
  code: FlagCode;
  status: FlagStatus;
  deadline: string | null;
  actual: string | null;
  minutesLate: number | null;
  fields?: ReportItem[];
}

export interface SerializedEvaluation {
  id: string;
  initialLevel: Level;
  currentLevel: Level;
  flags: SerializedFlag[];
}

export interface RulesCheckOutput {
  incidents: SerializedEvaluation[];
}

/** The contract's form: instants as UTC ISO text, and only the keys docs/rules.md promises. */
export function serializeEvaluation(evaluation: Evaluation): SerializedEvaluation {
  return {
    id: evaluation.id,
    initialLevel: evaluation.initialLevel,
    currentLevel: evaluation.currentLevel,
    flags: evaluation.flags.map((f) => {
      const out: SerializedFlag = {
        code: f.code,
        status: f.status,
        deadline: f.deadline === null ? null : formatIsoInstant(f.deadline),
        actual: f.actual === null ? null : formatIsoInstant(f.actual),
        minutesLate: f.minutesLate,
      };
      if (f.fields) out.fields = [...f.fields];
      return out;
    }),
  };
}

export function serializeRulesCheckOutput(evaluations: readonly Evaluation[]): RulesCheckOutput {
  return { incidents: evaluations.map(serializeEvaluation) };
}
