// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// Pack `cn-default` (rule-profiles.md "Defaults"): the national numbers for each class of event,
// every number with its source in `sources` (a path covers every number under it).
import { DECREE_493_THRESHOLDS, type Level } from '../../levels.js';
import type { LevelRules, Profile, RuleSetV2 } from '../rule-set.js';

const DECREE_493_ITEMS: Profile['requiredItems'] = {
  quick: ['location', 'deaths', 'missing', 'seriouslyInjured'],
  written: ['location', 'deaths', 'missing', 'seriouslyInjured', 'summary', 'directLossYuan', 'measuresTaken'],
};

/** Decree 493 Art. 11 (III and above: within 2 h) and the 2015 national notice (I, II: phone 30 min, written 1 h). */
const UPWARD: Readonly<Record<Level, LevelRules['upward']>> = {
  I: { firstMin: 120, quickMin: 30, writtenMin: 60 },
  II: { firstMin: 120, quickMin: 30, writtenMin: 60 },
  III: { firstMin: 120, quickMin: null, writtenMin: null },
  IV: { firstMin: null, quickMin: null, writtenMin: null },
};

const gap = (hours: number) => ({ gapHours: hours });

function level(firstReportMin: number, writtenReportMin: number | null, followup: LevelRules['followup'], finalReportHours: number, upward: LevelRules['upward']): LevelRules {
  return { firstReportMin, writtenReportMin, followup, finalReportHours, clockStart: 'learned', upward };
}

const accident: Profile = {
  levels: 'decree493',
  limits: {
    I: level(30, 60, gap(12), 24, UPWARD.I),
    II: level(30, 60, gap(12), 24, UPWARD.II),
    III: level(60, 120, gap(24), 24, UPWARD.III),
    IV: level(120, 240, gap(24), 24, UPWARD.IV),
  },
  supplementWindowDays: { default: 30, byCategory: { road_traffic: 7, fire: 7 } },
  requiredItems: DECREE_493_ITEMS,
};

const socialSecurity: Profile = {
  ...accident,
  levels: 'manual',
  // road_traffic and fire are accidents: the class has only the default window.
  supplementWindowDays: { default: 30, byCategory: {} },
};

const daily0900 = { dailyAt: ['09:00'] };
const natural: Profile = {
  levels: 'manual',
  limits: {
    I: level(30, 60, daily0900, 120, UPWARD.I),
    II: level(30, 60, daily0900, 120, UPWARD.II),
    III: level(120, null, daily0900, 120, UPWARD.III),
    IV: level(120, null, daily0900, 120, UPWARD.IV),
  },
  supplementWindowDays: null,
  requiredItems: DECREE_493_ITEMS,
};

const HEALTH_UPWARD_IV: LevelRules['upward'] = { firstMin: 120, quickMin: null, writtenMin: null };
const publicHealth: Profile = {
  levels: 'manual',
  limits: {
    I: level(30, 60, gap(12), 24, UPWARD.I),
    II: level(30, 60, gap(12), 24, UPWARD.II),
    III: level(120, null, gap(24), 24, UPWARD.III),
    IV: level(120, null, gap(24), 24, HEALTH_UPWARD_IV),
  },
  supplementWindowDays: { default: 30, byCategory: {} },
  requiredItems: DECREE_493_ITEMS,
};

const NOTICE_2015 = '国务院应急办 2015 年通知: 重大、特别重大突发事件电话报告 30 分钟内、书面报告 1 小时内 (applies to every class of 突发事件)';
const ORDER_21 = '安监总局令第21号 (2009) Art. 26: 续报 at least daily, twice daily for 重大 and above (gap 24 h / 12 h)';
const LOCAL_PRACTICE = '武政〔2020〕27号 (typical local practice): 较大 1 h, 一般 2 h; written reports twice the quick limit (project default, docs/rules.md)';
const FINAL_24H = 'project default (docs/rules.md): final report within 24 h after the response ended; no national number';
const UPWARD_SOURCE = 'Decree 493 Art. 11: upward within 2 h for 较大 and above; 2015 national notice for 重大 and above: phone 30 min, written 1 h';
const NATURAL_19 = '《自然灾害情况统计调查制度》(应急〔2020〕19号) Art. 6';

export const CN_DEFAULT: RuleSetV2 = {
  schema: 'duty-desk/ruleset',
  version: 2,
  name: 'CN default',
  description: 'National numbers by class of event: Decree 493 and the 2015 notice for accidents; 应急〔2020〕19号 for natural disasters; 突发公共卫生事件应急条例 for public health.',
  timeZone: 'Asia/Shanghai',
  levelThresholds: DECREE_493_THRESHOLDS,
  concealmentWindowHours: 24,
  occurrenceCorrectionMin: 60,
  profiles: { accident, natural, public_health: publicHealth, social_security: socialSecurity },
  sources: {
    timeZone: 'China Standard Time: the daily clock times of 应急〔2020〕19号 are Beijing time',
    levelThresholds: '生产安全事故报告和调查处理条例 (Decree 493, 2007) Art. 3',
    concealmentWindowHours: 'project default (docs/rules.md): a level rising within 24 h of the first report is a concealment signal',
    occurrenceCorrectionMin: 'project default (docs/rules.md): an occurrence time corrected more than 60 min earlier is a false-report signal',

    'profiles.accident.levels': 'Decree 493 Art. 3: accidents are graded by their figures',
    'profiles.accident.limits.I': NOTICE_2015,
    'profiles.accident.limits.II': NOTICE_2015,
    'profiles.accident.limits.III': LOCAL_PRACTICE,
    'profiles.accident.limits.IV': LOCAL_PRACTICE,
    'profiles.accident.limits.I.followup': ORDER_21,
    'profiles.accident.limits.II.followup': ORDER_21,
    'profiles.accident.limits.III.followup': ORDER_21,
    'profiles.accident.limits.IV.followup': ORDER_21,
    'profiles.accident.limits.I.finalReportHours': FINAL_24H,
    'profiles.accident.limits.II.finalReportHours': FINAL_24H,
    'profiles.accident.limits.III.finalReportHours': FINAL_24H,
    'profiles.accident.limits.IV.finalReportHours': FINAL_24H,
    'profiles.accident.limits.I.upward': UPWARD_SOURCE,
    'profiles.accident.limits.II.upward': UPWARD_SOURCE,
    'profiles.accident.limits.III.upward': UPWARD_SOURCE,
    'profiles.accident.limits.IV.upward': 'Decree 493 Art. 11: no upward report owed for 一般',
    'profiles.accident.supplementWindowDays': 'Decree 493 Art. 13: casualty changes within 30 days (7 for road traffic and fire)',
    'profiles.accident.requiredItems': 'Decree 493 Art. 12: what a report must state; quick reports: the domain README minimum',

    'profiles.social_security': 'no time limit of its own found: the accident numbers stand until a place sets its own',

    'profiles.natural': NATURAL_19,
    'profiles.natural.limits.I': `${NOTICE_2015}; ${NATURAL_19}: 10 or more dead or missing also straight to the province and ministry within 2 h`,
    'profiles.natural.limits.II': `${NOTICE_2015}; ${NATURAL_19}: 10 or more dead or missing also straight to the province and ministry within 2 h`,
    'profiles.natural.limits.III': `${NATURAL_19}: the county reports to the city within 2 h of the disaster; no separate written deadline`,
    'profiles.natural.limits.IV': `${NATURAL_19}: the county reports to the city within 2 h of the disaster; no separate written deadline`,
    'profiles.natural.limits.I.followup': `${NATURAL_19}: 续报 daily until the situation is stable (earlier versions: the county by 09:00, figures to 24:00 the day before)`,
    'profiles.natural.limits.II.followup': `${NATURAL_19}: 续报 daily until the situation is stable (earlier versions: the county by 09:00, figures to 24:00 the day before)`,
    'profiles.natural.limits.III.followup': `${NATURAL_19}: 续报 daily until the situation is stable (earlier versions: the county by 09:00, figures to 24:00 the day before)`,
    'profiles.natural.limits.IV.followup': `${NATURAL_19}: 续报 daily until the situation is stable (earlier versions: the county by 09:00, figures to 24:00 the day before)`,
    'profiles.natural.limits.I.finalReportHours': `${NATURAL_19}: 核报 after the situation is stable (earlier versions: the county within 2 working days, the province within 5 days)`,
    'profiles.natural.limits.II.finalReportHours': `${NATURAL_19}: 核报 after the situation is stable (earlier versions: the county within 2 working days, the province within 5 days)`,
    'profiles.natural.limits.III.finalReportHours': `${NATURAL_19}: 核报 after the situation is stable (earlier versions: the county within 2 working days, the province within 5 days)`,
    'profiles.natural.limits.IV.finalReportHours': `${NATURAL_19}: 核报 after the situation is stable (earlier versions: the county within 2 working days, the province within 5 days)`,
    'profiles.natural.limits.I.upward': UPWARD_SOURCE,
    'profiles.natural.limits.II.upward': UPWARD_SOURCE,
    'profiles.natural.limits.III.upward': UPWARD_SOURCE,
    'profiles.natural.limits.IV.upward': UPWARD_SOURCE,
    'profiles.natural.supplementWindowDays': `${NATURAL_19}: figures are settled by the verified report (核报), not by a 补报期`,
    'profiles.natural.requiredItems': 'Decree 493 Art. 12 items, as for accidents',

    'profiles.public_health': '《突发公共卫生事件应急条例》 Arts. 19–20: 2 h at every hop (reporting body → county health department → county government → city → province)',
    'profiles.public_health.limits.I': `${NOTICE_2015}; 突发公共卫生事件应急条例 Arts. 19–20`,
    'profiles.public_health.limits.II': `${NOTICE_2015}; 突发公共卫生事件应急条例 Arts. 19–20`,
    'profiles.public_health.limits.I.followup': ORDER_21,
    'profiles.public_health.limits.II.followup': ORDER_21,
    'profiles.public_health.limits.III.followup': ORDER_21,
    'profiles.public_health.limits.IV.followup': ORDER_21,
    'profiles.public_health.limits.I.finalReportHours': FINAL_24H,
    'profiles.public_health.limits.II.finalReportHours': FINAL_24H,
    'profiles.public_health.limits.III.finalReportHours': FINAL_24H,
    'profiles.public_health.limits.IV.finalReportHours': FINAL_24H,
    'profiles.public_health.supplementWindowDays': 'as accidents (Decree 493 Art. 13): no window of its own found',
    'profiles.public_health.requiredItems': 'Decree 493 Art. 12 items, as for accidents',
  },
};
