// Runs in plain Node: benchmark of the rule engine (`npx tsx test/bench/rules-bench.ts`).
// 100,000 incidents with 4 reports each, generated from a fixed seed, evaluated against the
// default rule set; compared in the same run with a trivial pass that only sorts the same
// reports, so the figure means something on any machine. Prints a line, then a JSON object as
// the last line.
import { availableParallelism, cpus } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { performance } from 'node:perf_hooks';
import { CATEGORY_CODES } from '../../shared/domain/categories.js';
import type { Channel } from '../../shared/domain/channels.js';
import { DEFAULT_RULE_SET } from '../../shared/domain/rules/default-rule-set.js';
import { evaluateIncident, evaluateIncidents } from '../../shared/domain/rules/evaluate-incident.js';
import { RULE_PACKS } from '../../shared/domain/rules/packs/index.js';
import { isOfficialReport } from '../../shared/domain/rules/predicates.js';
import type { Incident, Report, ReportKind } from '../../shared/domain/rules/incident.js';
import type { RuleSet } from '../../shared/domain/rules/rule-set.js';

const INCIDENTS = 100_000;
const REPORTS_PER_INCIDENT = 4;
const RUNS = 7;
const SEED = 20261124;
const TARGET_MS = 1000;

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const UNITS = ['东城区', '西城区', '朝阳区', '海淀区', '丰台区', '石景山区', '房山区', '通州区'];
const OFFICIAL: Channel[] = ['phone', 'phone', 'sms', 'fax', 'document', 'system'];
const OTHER: Channel[] = ['media', 'public', 'superior', 'other_department'];

function generate(): Incident[] {
  const rnd = prng(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const small = () => (rnd() < 0.85 ? Math.floor(rnd() * 3) : Math.floor(rnd() * 40));
  const maybe = <T>(p: number, v: T): T | null => (rnd() < p ? v : null);
  const base = Date.UTC(2026, 0, 1);
  const incidents: Incident[] = new Array(INCIDENTS);
  for (let i = 0; i < INCIDENTS; i++) {
    const unit = pick(UNITS);
    const occurredAt = base + Math.floor(rnd() * 330 * 24) * HOUR + Math.floor(rnd() * 60) * MINUTE;
    const category = pick(CATEGORY_CODES);
    const reports: Report[] = [];
    let at = occurredAt + Math.floor(rnd() * 180) * MINUTE;
    for (let k = 0; k < REPORTS_PER_INCIDENT; k++) {
      const official = rnd() < 0.85;
      const kind: ReportKind = k === 0 ? 'initial' : k === REPORTS_PER_INCIDENT - 1 && rnd() < 0.6 ? 'final' : 'followup';
      reports.push({
        kind,
        channel: official ? pick(OFFICIAL) : pick(OTHER),
        fromUnit: official ? (rnd() < 0.95 ? unit : pick(UNITS)) : '某单位',
        receivedAt: at,
        occurredAt: maybe(0.1, occurredAt - Math.floor(rnd() * 120) * MINUTE),
        location: maybe(0.95, 'XX路口'),
        summary: maybe(0.8, '情况简述'),
        measuresTaken: maybe(0.8, '已处置'),
        deaths: maybe(0.95, small()),
        missing: maybe(0.9, small()),
        seriouslyInjured: maybe(0.9, small()),
        injured: maybe(0.5, small()),
        directLossYuan: maybe(0.7, Math.floor(rnd() * 2e7)),
        correctionReason: maybe(0.05, '核减'),
      });
      at += Math.floor(rnd() * 30) * HOUR + Math.floor(rnd() * 60) * MINUTE;
    }
    // A tenth of incidents arrive with their reports out of order, as the CLI allows.
    if (rnd() < 0.1) reports.reverse();
    incidents[i] = {
      id: `I${i}`,
      category,
      responsibleUnit: unit,
      occurredAt,
      learnedAt: maybe(0.1, occurredAt + Math.floor(rnd() * 120) * MINUTE),
      closedAt: maybe(0.6, at - Math.floor(rnd() * 24) * HOUR),
      level: category === 'flood' ? pick(['I', 'II', 'III', 'IV'] as const) : null,
      reports,
    };
  }
  return incidents;
}

/** The trivial pass: copy and sort each incident's reports by receivedAt, nothing else. */
function sortOnly(incidents: readonly Incident[]): number {
  let sink = 0;
  for (const inc of incidents) {
    const sorted = inc.reports.slice().sort((a, b) => a.receivedAt - b.receivedAt);
    sink += sorted[0]?.receivedAt ?? 0;
  }
  return sink;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

// Each timed pass starts from a collected heap, so that it pays for the garbage it makes and keeps,
// not for the results of the pass before it (cn-henan's keep 6.9 million flags: a pass after one
// of them measured up to four times as long, by where the collector's work happened to land).
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
function timed(fn: () => void): number {
  collect();
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const incidents = generate();
const now = Date.UTC(2026, 11, 31);
const openNoEnd = incidents.map((i) => i.closedAt == null && !i.reports.some((r) => r.kind === 'final' && isOfficialReport(r, i.responsibleUnit)));

/**
 * The engine alone: each incident's result dropped at once. Returns the flags raised, and the
 * follow-ups among them owed by incidents open with no end.
 */
function dropEach(rs: RuleSet): { flags: number; openDaily: number } {
  let all = 0;
  let openDaily = 0;
  for (let i = 0; i < INCIDENTS; i++) {
    const flags = evaluateIncident(incidents[i]!, rs, now).flags;
    all += flags.length;
    if (openNoEnd[i]) for (const f of flags) if (f.code === 'LATE_FOLLOWUP') openDaily++;
  }
  return { flags: all, openDaily };
}

// The same incidents are judged by the version-1 default, then by each shipped pack (profiles on:
// daily follow-ups for natural disasters, and for Henan from level III up). The figure keeps every
// result, as evaluateIncidents returns them. Beside it: the flags, how many are follow-ups owed by
// incidents still open with no final report (the bench's 16 % of incidents left silent for months
// owe one per missed daily deadline), and the engine alone with each result dropped at once (what
// keeping the results costs is the difference). The dropped passes run first: once passes have
// kept millions of flags, V8 allocates flags straight in the old generation (pretenuring), and a
// dropped pass then costs as much as a kept one.
const RULE_SETS: readonly { id: string; ruleSet: RuleSet }[] = [{ id: 'v1-default', ruleSet: DEFAULT_RULE_SET }, ...RULE_PACKS.map((p) => ({ id: p.id, ruleSet: p.ruleSet }))];
const counts = new Map<string, { flags: number; openDaily: number }>();
// Warm up every pass so the JIT has compiled them before timing.
for (let w = 0; w < 3; w++) {
  for (const { id, ruleSet } of RULE_SETS) counts.set(id, dropEach(ruleSet));
  sortOnly(incidents);
}
const droppedMs = new Map<string, number>();
for (const { id, ruleSet } of RULE_SETS) {
  const ms: number[] = [];
  for (let r = 0; r < RUNS; r++) ms.push(timed(() => dropEach(ruleSet)));
  droppedMs.set(id, median(ms));
}

let flags = 0;
for (let w = 0; w < 3; w++) flags = evaluateIncidents(incidents, DEFAULT_RULE_SET, now).reduce((n, e) => n + e.flags.length, 0);
const rulesMs: number[] = [];
const sortMs: number[] = [];
for (let r = 0; r < RUNS; r++) {
  // Alternate so that drift in the machine's speed affects both alike.
  rulesMs.push(
    timed(() => {
      if (evaluateIncidents(incidents, DEFAULT_RULE_SET, now).length !== INCIDENTS) throw new Error('wrong count');
    }),
  );
  sortMs.push(timed(() => sortOnly(incidents)));
}

const round1 = (ms: number) => Math.round(ms * 10) / 10;
const packMs: Record<string, number> = {};
const packDetail: Record<string, { flags: number; open_daily_flags: number; dropped_ms: number }> = {};
for (const { id, ruleSet: rs } of RULE_PACKS) {
  evaluateIncidents(incidents, rs, now);
  const ms: number[] = [];
  for (let r = 0; r < RUNS; r++) ms.push(timed(() => evaluateIncidents(incidents, rs, now)));
  packMs[id] = round1(median(ms));
  packDetail[id] = { flags: counts.get(id)!.flags, open_daily_flags: counts.get(id)!.openDaily, dropped_ms: round1(droppedMs.get(id)!) };
}

const rules = median(rulesMs);
const sort = median(sortMs);
const result = {
  rules_100k_ms: Math.round(rules * 10) / 10,
  rules_min_ms: Math.round(Math.min(...rulesMs) * 10) / 10,
  rules_dropped_ms: round1(droppedMs.get('v1-default')!),
  sort_only_100k_ms: Math.round(sort * 10) / 10,
  ratio_rules_to_sort: Math.round((rules / sort) * 100) / 100,
  target_ms: TARGET_MS,
  within_target: rules < TARGET_MS && Object.values(packMs).every((ms) => ms < TARGET_MS),
  pack_100k_ms: packMs,
  pack_detail: packDetail,
  incidents: INCIDENTS,
  reports: INCIDENTS * REPORTS_PER_INCIDENT,
  flags,
  runs: RUNS,
  seed: SEED,
  node: process.version,
  cpus: availableParallelism(),
  cpu_model: cpus()[0]?.model ?? 'unknown',
};
console.log(
  `rule engine: ${INCIDENTS} incidents × ${REPORTS_PER_INCIDENT} reports in ${result.rules_100k_ms} ms (median of ${RUNS}; target < ${TARGET_MS} ms), ` +
    `sort-only pass ${result.sort_only_100k_ms} ms, ratio ${result.ratio_rules_to_sort}×, ${flags} flags; ` +
    `by pack: ${Object.entries(packMs)
      .map(([id, ms]) => `${id} ${ms} ms (${packDetail[id]!.flags} flags, ${packDetail[id]!.open_daily_flags} of them follow-ups owed by incidents open with no end; ${packDetail[id]!.dropped_ms} ms with each result dropped)`)
      .join(', ')}`,
);
console.log(JSON.stringify(result));
