// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// Incident levels (事件等级) and the accident grading of State Council Decree 493 Art. 3.

export const LEVELS = ['I', 'II', 'III', 'IV'] as const;
export type Level = (typeof LEVELS)[number];

/** The graded levels: IV is whatever reaches none of them. */
export type GradedLevel = Exclude<Level, 'IV'>;

/** The least figures that reach a level ("以上" includes the boundary). */
export interface LevelThreshold {
  /** Deaths counted together with the missing (Decree 493 Art. 12 asks for both). */
  deathsAndMissing: number;
  /** Serious injuries, acute industrial poisoning included. */
  seriouslyInjured: number;
  directLossYuan: number;
}

export type LevelThresholds = Readonly<Record<GradedLevel, Readonly<LevelThreshold>>>;

export const DECREE_493_THRESHOLDS: LevelThresholds = {
  I: { deathsAndMissing: 30, seriouslyInjured: 100, directLossYuan: 100_000_000 },
  II: { deathsAndMissing: 10, seriouslyInjured: 50, directLossYuan: 50_000_000 },
  III: { deathsAndMissing: 3, seriouslyInjured: 10, directLossYuan: 10_000_000 },
};

/** What a report states; left out or null is "not stated", which reaches no level. */
export interface Figures {
  deaths?: number | null;
  missing?: number | null;
  seriouslyInjured?: number | null;
  directLossYuan?: number | null;
}

/**
 * Severity as a small integer (IV 0 … I 3) so that "higher level" is `>` and the engine can keep
 * levels in plain number arrays.
 */
export type LevelRank = 0 | 1 | 2 | 3;
const RANK: Readonly<Record<Level, LevelRank>> = { IV: 0, III: 1, II: 2, I: 3 };
const BY_RANK: readonly [Level, Level, Level, Level] = ['IV', 'III', 'II', 'I'];

export function levelRank(level: Level): LevelRank {
  return RANK[level];
}

export function levelOfRank(rank: number): Level {
  return BY_RANK[rank] ?? 'IV';
}

export function isLevel(value: unknown): value is Level {
  return value === 'I' || value === 'II' || value === 'III' || value === 'IV';
}

/** Positive when `a` is the more serious level, negative when `b` is, 0 when equal. */
export function compareLevels(a: Level, b: Level): number {
  return RANK[a] - RANK[b];
}

export function higherLevel(a: Level, b: Level): Level {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The rank reached by plain numbers (NaN or 0 for "not stated"); the engine's fast path. */
export function levelRankOfNumbers(
  deathsAndMissing: number,
  seriouslyInjured: number,
  directLossYuan: number,
  thresholds: LevelThresholds,
): LevelRank {
  const { I, II, III } = thresholds;
  if (deathsAndMissing >= I.deathsAndMissing || seriouslyInjured >= I.seriouslyInjured || directLossYuan >= I.directLossYuan)
    return 3;
  if (deathsAndMissing >= II.deathsAndMissing || seriouslyInjured >= II.seriouslyInjured || directLossYuan >= II.directLossYuan)
    return 2;
  if (deathsAndMissing >= III.deathsAndMissing || seriouslyInjured >= III.seriouslyInjured || directLossYuan >= III.directLossYuan)
    return 1;
  return 0;
}

/** The level the figures reach: the highest that any one measure reaches. */
export function levelOf(figures: Figures, thresholds: LevelThresholds = DECREE_493_THRESHOLDS): Level {
  return BY_RANK[
    levelRankOfNumbers(
      (figures.deaths ?? 0) + (figures.missing ?? 0),
      figures.seriouslyInjured ?? 0,
      figures.directLossYuan ?? 0,
      thresholds,
    )
  ];
}
