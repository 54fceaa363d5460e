// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// "CN default": the national rules as the project reads them (docs/rules.md). Decree 493 for the
// levels, the 2015 国务院应急办 notice for 重特大 (30 min / 1 h), local practice for 较大 and 一般.
import { DECREE_493_THRESHOLDS } from '../levels.js';
import { DEFAULT_UPWARD_LIMITS, type RuleSetV1 } from './rule-set.js';

export const DEFAULT_RULE_SET: RuleSetV1 = {
  schema: 'duty-desk/ruleset',
  version: 1,
  name: 'CN default',
  description: '生产安全事故报告和调查处理条例 (Decree 493) levels and 补报期; 国务院应急办 2015 report limits.',
  levelThresholds: DECREE_493_THRESHOLDS,
  limits: {
    I: { firstReportMin: 30, writtenReportMin: 60, followupGapHours: 12, finalReportHours: 24 },
    II: { firstReportMin: 30, writtenReportMin: 60, followupGapHours: 12, finalReportHours: 24 },
    III: { firstReportMin: 60, writtenReportMin: 120, followupGapHours: 24, finalReportHours: 24 },
    IV: { firstReportMin: 120, writtenReportMin: 240, followupGapHours: 24, finalReportHours: 24 },
  },
  // Decree 493 Art. 13: 30 days, 7 for road traffic and fire.
  supplementWindowDays: { default: 30, byCategory: { road_traffic: 7, fire: 7 } },
  concealmentWindowHours: 24,
  occurrenceCorrectionMin: 60,
  // Decree 493 Art. 12 and the quick-report minimum of the domain README.
  requiredItems: {
    quick: ['location', 'deaths', 'missing', 'seriouslyInjured'],
    written: ['location', 'deaths', 'missing', 'seriouslyInjured', 'summary', 'directLossYuan', 'measuresTaken'],
  },
  upward: DEFAULT_UPWARD_LIMITS,
};
