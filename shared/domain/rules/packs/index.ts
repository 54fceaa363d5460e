// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// The shipped rule packs (rule-profiles.md "Shipped packs"): complete version-2 rule sets with an
// id, a name and their sources. A place starts from one and changes what its own rules say.
import type { RuleSetV2 } from '../rule-set.js';
import { CN_DEFAULT } from './cn-default.js';
import { CN_HENAN } from './cn-henan.js';
import { CN_WUHAN } from './cn-wuhan.js';

export interface RulePack {
  id: string;
  name: string;
  /** The documents its numbers come from, for a list; the rule set's `sources` says which number. */
  sources: readonly string[];
  ruleSet: RuleSetV2;
}

export const RULE_PACKS: readonly RulePack[] = [
  {
    id: 'cn-default',
    name: 'CN default 全国默认',
    sources: ['Decree 493 (2007)', '国务院应急办 2015 年通知', '安监总局令第21号 (2009)', '应急〔2020〕19号', '突发公共卫生事件应急条例'],
    ruleSet: CN_DEFAULT,
  },
  {
    id: 'cn-wuhan',
    name: 'Wuhan 武汉',
    sources: ['cn-default', '武政〔2020〕27号'],
    ruleSet: CN_WUHAN,
  },
  {
    id: 'cn-henan',
    name: 'Henan 河南',
    sources: ['cn-default', '河南省应急管理厅 报告时限'],
    ruleSet: CN_HENAN,
  },
];

export const DEFAULT_PACK_ID = 'cn-default';

export function rulePack(id: string): RulePack | null {
  return RULE_PACKS.find((p) => p.id === id) ?? null;
}
