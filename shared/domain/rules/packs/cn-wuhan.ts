// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// Pack `cn-wuhan`: cn-default, with levels I and II of every class counted from the occurrence.
import type { CategoryClass } from '../../categories.js';
import type { RuleSetV2 } from '../rule-set.js';
import { CN_DEFAULT } from './cn-default.js';
import { withLevels } from './derive.js';

const WUHAN = '武政〔2020〕27号: district → city within 2 h for 一般 and 1 h for 较大 from when the district learned of it; 30 min for 重大 and 特别重大 from the occurrence';

export const CN_WUHAN: RuleSetV2 = withLevels(
  { ...CN_DEFAULT, name: 'Wuhan', description: 'cn-default, with 重大 and 特别重大 counted from the occurrence (武政〔2020〕27号).' },
  { I: { clockStart: 'occurrence' }, II: { clockStart: 'occurrence' } },
  (cls: CategoryClass) => ({
    [`profiles.${cls}.limits.I.clockStart`]: WUHAN,
    [`profiles.${cls}.limits.II.clockStart`]: WUHAN,
  }),
);
