// Runs in the renderer. The UI language and theme, from settings, for every component.
import { createContext, useContext } from 'react';
import type { Settings } from '../../shared/domain/settings.js';
import type { SessionUser } from '../../shared/domain/user.js';
import { translate, type Locale, type MessageKey } from '../../shared/i18n/index.js';

export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface AppState {
  settings: Settings;
  t: T;
  updateSettings(patch: Partial<Settings>): Promise<void>;
  /** Who is signed in on this window; pages hide what the role cannot do (the dispatcher refuses it anyway). */
  user: SessionUser;
  lock(): void;
  signOut(): void;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const s = useContext(AppContext);
  if (!s) throw new Error('useApp outside AppContext');
  return s;
}

export function useT(): T {
  return useApp().t;
}

export function makeT(locale: Locale): T {
  return (key, params) => translate(locale, key, params);
}
