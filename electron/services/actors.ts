// Runs in Electron's main process and in plain Node. The one way a stored actor (`user:leader1`,
// `os:zhang`, `demo`, …: who did it, on the audit log and on records) becomes a person's name for
// anything a person reads: the user's display name from the users table (shared/domain/user.ts
// says how each kind of actor reads).
import { actorLabel } from '../../shared/domain/user.js';
import { translate, type MessageKey } from '../../shared/i18n/index.js';
import { listUsers } from '../db/repositories/users.js';
import type { ServiceContext } from './context.js';
import { getSettings } from './settings.js';

/** Names actors as the users table has them now; read once per call, for a list of rows. */
export function actorNamer(ctx: Pick<ServiceContext, 'db'>): (actor: string) => string {
  const names = new Map(listUsers(ctx.db).map((u) => [u.username, u.displayName]));
  const locale = getSettings(ctx).locale;
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  return (actor) => actorLabel(actor, (username) => names.get(username), t);
}

/** One actor's name. */
export function actorName(ctx: Pick<ServiceContext, 'db'>, actor: string): string {
  return actorNamer(ctx)(actor);
}
