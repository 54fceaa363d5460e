// Runs in the renderer. The rule set in force, as the server stores it (Settings → 报送时限规则):
// the intake preview judges by it, so what the form shows is what the log will store. Read when
// a page needs it, again whenever the window comes back into focus and once a minute, and at once
// after this window saves a new version.
import { useEffect, useState } from 'react';
import type { RuleSetV2 } from '../../shared/domain/rules/rule-set.js';
import { api } from './api.js';

export interface RuleSetInForce {
  version: number;
  ruleSet: RuleSetV2;
}

let cached: RuleSetInForce | null = null;
const listeners = new Set<(r: RuleSetInForce) => void>();

/** Reads the version in force and tells every page that uses it. */
export async function refreshRuleSet(): Promise<RuleSetInForce> {
  const info = await api.rules.get({});
  if (!cached || cached.version !== info.version) {
    cached = { version: info.version, ruleSet: info.document };
    for (const l of listeners) l(cached);
  }
  return cached;
}

/** The rule set in force; null until first read. */
export function useRuleSetInForce(): RuleSetInForce | null {
  const [rules, setRules] = useState(cached);
  useEffect(() => {
    listeners.add(setRules);
    const refresh = () => void refreshRuleSet().catch(() => undefined);
    refresh();
    const id = setInterval(refresh, 60_000);
    window.addEventListener('focus', refresh);
    return () => {
      listeners.delete(setRules);
      clearInterval(id);
      window.removeEventListener('focus', refresh);
    };
  }, []);
  return rules;
}
