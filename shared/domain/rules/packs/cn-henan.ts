// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// Pack `cn-henan`: cn-default, with Henan's stricter numbers in every class.
import type { CategoryClass } from '../../categories.js';
import type { RuleSetV2 } from '../rule-set.js';
import { CN_DEFAULT } from './cn-default.js';
import { withLevels } from './derive.js';

const HENAN = '河南省应急管理厅: 重大、特别重大 电话 15 分钟、书面 35 分钟; 较大 书面 1 小时; 一般 书面 6 小时; 较大以上每日 8 时、17 时前续报';
const twiceDaily = { dailyAt: ['08:00', '17:00'] };

export const CN_HENAN: RuleSetV2 = withLevels(
  { ...CN_DEFAULT, name: 'Henan', description: 'cn-default, with 河南省应急管理厅 numbers: 15/35 min for 重大 and above, written 1 h for 较大 and 6 h for 一般, follow-ups before 08:00 and 17:00 daily for 较大 and above.' },
  {
    I: { firstReportMin: 15, writtenReportMin: 35, followup: twiceDaily },
    II: { firstReportMin: 15, writtenReportMin: 35, followup: twiceDaily },
    III: { writtenReportMin: 60, followup: twiceDaily },
    IV: { writtenReportMin: 360 },
  },
  (cls: CategoryClass) => ({
    [`profiles.${cls}.limits.I.firstReportMin`]: HENAN,
    [`profiles.${cls}.limits.I.writtenReportMin`]: HENAN,
    [`profiles.${cls}.limits.I.followup`]: HENAN,
    [`profiles.${cls}.limits.II.firstReportMin`]: HENAN,
    [`profiles.${cls}.limits.II.writtenReportMin`]: HENAN,
    [`profiles.${cls}.limits.II.followup`]: HENAN,
    [`profiles.${cls}.limits.III.writtenReportMin`]: HENAN,
    [`profiles.${cls}.limits.III.followup`]: HENAN,
    [`profiles.${cls}.limits.IV.writtenReportMin`]: HENAN,
  }),
);
