// Runs in Electron's main process and in plain Node. Handlers of rules.* (the rule set in force).
import { AppError } from '../../../shared/api/app-error.js';
import { toVersion2 } from '../../../shared/domain/rules/rule-set.js';
import { exportRuleSet, listPacks, listVersions, previewRuleSet, readDocument, ruleSetInfo, saveRuleSet } from '../rule-sets.js';
import type { HandlersOf } from './types.js';

export const ruleHandlers: HandlersOf<'rules.'> = {
  'rules.get': (ctx, { version }) => ruleSetInfo(ctx, version),
  'rules.versions': (ctx) => listVersions(ctx),
  'rules.packs': () => listPacks(),
  'rules.read': (_ctx, { text }) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new AppError('invalid_input', 'rules.notJson', { message: (e as Error).message });
    }
    return { document: toVersion2(readDocument(json)) };
  },
  'rules.preview': (ctx, { document }) => previewRuleSet(ctx, document),
  'rules.save': (ctx, input) => saveRuleSet(ctx, input),
  'rules.export': (ctx, { version }) => exportRuleSet(ctx, version),
};
