// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// A pack made from another: the same numbers, with some per-level numbers changed in every class
// and the sources of the changed numbers added ("numbers a pack's source does not give are
// cn-default's", rule-profiles.md).
import { CATEGORY_CLASSES, type CategoryClass } from '../../categories.js';
import { LEVELS, type Level } from '../../levels.js';
import type { LevelRules, Profile, RuleSetV2 } from '../rule-set.js';

export function withLevels(
  base: RuleSetV2,
  changes: Partial<Record<Level, Partial<LevelRules>>>,
  sourcesFor: (cls: CategoryClass) => Record<string, string>,
): RuleSetV2 {
  const profiles = {} as Record<CategoryClass, Profile>;
  let sources: Record<string, string> = { ...base.sources };
  for (const cls of CATEGORY_CLASSES) {
    const p = base.profiles[cls];
    const limits = {} as Record<Level, LevelRules>;
    for (const l of LEVELS) limits[l] = { ...p.limits[l], ...changes[l] };
    profiles[cls] = { ...p, limits };
    sources = { ...sources, ...sourcesFor(cls) };
  }
  return { ...base, profiles, sources };
}
