// Runs in plain Node (tests): builders for incidents and reports, so each test states only what
// its rule looks at.
import { DEFAULT_RULE_SET } from '../../../shared/domain/rules/default-rule-set.js';
import { evaluateIncident, type Evaluation } from '../../../shared/domain/rules/evaluate-incident.js';
import type { Flag, FlagCode } from '../../../shared/domain/rules/flag.js';
import type { Incident, Report } from '../../../shared/domain/rules/incident.js';
import { formatIsoInstant, parseIsoInstant } from '../../../shared/domain/rules/iso-instant.js';
import type { RuleSet } from '../../../shared/domain/rules/rule-set.js';

export const UNIT = '东城区';
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Epoch ms of full ISO text, or of `HH:MM[:SS]` on 2026-11-24 in +08:00. */
export function t(text: string): number {
  const full = /^\d{2}:\d{2}(:\d{2})?$/.test(text) ? `2026-11-24T${text}+08:00` : text;
  const ms = parseIsoInstant(full);
  if (ms === null) throw new Error(`bad time in test: ${text}`);
  return ms;
}

export const iso = formatIsoInstant;

/** An official phone report from the responsible unit that states every quick item (level IV). */
export function report(over: Partial<Report> = {}): Report {
  return {
    kind: 'initial',
    channel: 'phone',
    fromUnit: UNIT,
    receivedAt: t('01:30'),
    location: 'XX路口',
    deaths: 0,
    missing: 0,
    seriouslyInjured: 0,
    ...over,
  };
}

/** An official written report that states every written item. */
export function written(over: Partial<Report> = {}): Report {
  return report({
    kind: 'followup',
    channel: 'fax',
    summary: '两车相撞',
    directLossYuan: 0,
    measuresTaken: '交警到场',
    ...over,
  });
}

/** A road-traffic incident at 01:00 (+08:00) on 2026-11-24, open, with no reports unless given. */
export function incident(over: Partial<Incident> = {}): Incident {
  return {
    id: 'A1',
    category: 'road_traffic',
    responsibleUnit: UNIT,
    occurredAt: t('01:00'),
    learnedAt: null,
    closedAt: null,
    level: null,
    reports: [],
    ...over,
  };
}

export function evaluate(inc: Incident, now: number | string, ruleSet: RuleSet = DEFAULT_RULE_SET): Evaluation {
  return evaluateIncident(inc, ruleSet, typeof now === 'string' ? t(now) : now);
}

export function flagsOf(inc: Incident, now: number | string, code?: FlagCode, ruleSet?: RuleSet): Flag[] {
  const flags = evaluate(inc, now, ruleSet).flags;
  return code ? flags.filter((f) => f.code === code) : flags;
}

/** The parts of a flag most tests compare, with times as ISO text for readable failures. */
export function brief(f: Flag): { code: FlagCode; status: string; deadline: string | null; actual: string | null; minutesLate: number | null } {
  return {
    code: f.code,
    status: f.status,
    deadline: f.deadline === null ? null : iso(f.deadline),
    actual: f.actual === null ? null : iso(f.actual),
    minutesLate: f.minutesLate,
  };
}

export function briefs(inc: Incident, now: number | string, code?: FlagCode, ruleSet?: RuleSet) {
  return flagsOf(inc, now, code, ruleSet).map(brief);
}
