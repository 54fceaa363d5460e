// Pure domain code: runs anywhere. An account of the app (用户): who signs in, with which role.
// Accounts are never deleted, only disabled, so the audit log's names keep meaning someone.
import { z } from 'zod';
import { lineText } from './safe-text.js';
import type { MessageKey } from '../i18n/index.js';

/** admin: users, units, backups, settings. leader: confirms flags, approves swaps. officer: intake, follow-up, handover. */
export const USER_ROLES = ['admin', 'leader', 'officer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const MIN_PASSWORD_LENGTH = 8;

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  /** The roster person this account belongs to (so the leader on duty is recognized), or null. */
  personId: number | null;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

/** Who a session acts as: enough for the UI's header and the dispatcher's check. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
}

/** The audit log's actor for a signed-in user. */
export const userActor = (username: string): string => `user:${username}`;

/**
 * Who an actor is, in words a person reads: a signed-in user's display name (`user:<username>`;
 * the username if the account is unknown), the command line's account (`os:<name>`), nobody
 * signed in (`anon:<transport>`), the demo data (`demo`). Never the stored form.
 */
export function actorLabel(actor: string, displayNameOf: (username: string) => string | undefined, t: (key: MessageKey, params?: Record<string, string | number>) => string): string {
  const colon = actor.indexOf(':');
  if (colon < 0) return actor === 'demo' ? t('actor.demo') : actor;
  const kind = actor.slice(0, colon);
  const name = actor.slice(colon + 1);
  switch (kind) {
    case 'user':
      return displayNameOf(name) ?? name;
    case 'os':
      return t('actor.os', { name });
    case 'anon':
      return t('actor.anon');
    default:
      return name;
  }
}

export const usernameSchema = z
  .string({ error: 'user.usernameRequired' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{1,31}$/, { error: 'user.usernameFormat' });

export const displayNameSchema = lineText(z.string({ error: 'user.displayNameRequired' }).trim().min(1, { error: 'user.displayNameRequired' }).max(30, { error: 'validation.tooLong' }));

export const passwordSchema = z
  .string({ error: 'user.passwordRequired' })
  .min(MIN_PASSWORD_LENGTH, { error: 'user.passwordTooShort' })
  .max(200, { error: 'validation.tooLong' });

export const userRoleSchema = z.enum(USER_ROLES, { error: 'user.roleRequired' });
