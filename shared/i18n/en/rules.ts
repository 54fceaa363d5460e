// Pure code: runs anywhere. English strings: the rule set in force (Settings → reporting rules).
import type { rulesZhCN } from '../zh-cn/rules.js';

export const rulesEn: Record<keyof typeof rulesZhCN, string> = {
  'rules.invalid': 'The rule set is not valid; nothing was changed: {path}: {message}',
  'rules.notJson': 'Not a rule-set file (bad JSON): {message}',
  'rules.fileTooLarge': 'The rule-set file is too large (1 MB at most)',
  'rules.documentRequired': 'The rule set is missing',
  'rules.noteTooLong': 'The note may have 500 characters at most',
  'rules.noSuchVersion': 'There is no rule-set version {version}',
  'rules.changedMeanwhile': '{actor} has changed the rules to version {version}; reload and edit that version',
  'rules.unchanged': 'Same as version {version} in force; nothing to save',
};
