// Pure code: runs anywhere. Contract methods of signing in (auth.*) and of the accounts (users.*).
import { z } from 'zod';
import { settingsSchema, type Settings } from '../../domain/settings.js';
import { displayNameSchema, passwordSchema, userRoleSchema, usernameSchema, type SessionUser, type User } from '../../domain/user.js';
import { idSchema, method, noInput } from '../method.js';

/** What the UI needs before anyone signs in: whether to ask for the first admin, and how to look. */
export interface AuthStatus {
  /** False on a fresh database: the UI asks for the first admin. */
  hasUsers: boolean;
  /** The signed-in user of this window or browser, or null (signed out, locked or expired). */
  user: SessionUser | null;
  locale: Settings['locale'];
  theme: Settings['theme'];
  bureauName: string;
  lockMinutes: number;
  /** The server's clock when it answered: the renderer reads every time from it, never its own. */
  now: number;
  /** 'drill' when the server runs a drill clock (演练), not real time: shown on every screen. */
  clock: 'system' | 'drill';
}

const byId = z.object({ id: idSchema }).strict();
const personId = idSchema.nullable().default(null);

export const userMethods = {
  'auth.status': method<AuthStatus>()(noInput),
  /** Creates the first admin on a database without users, and signs them in. */
  'auth.setupAdmin': method<SessionUser>()(
    z.object({ username: usernameSchema, displayName: displayNameSchema, password: passwordSchema }).strict(),
  ),
  'auth.login': method<SessionUser>()(
    z.object({ username: usernameSchema, password: z.string({ error: 'user.passwordRequired' }).min(1, { error: 'user.passwordRequired' }).max(200) }).strict(),
  ),
  'auth.logout': method<{ done: true }>()(noInput),
  /** The UI locked itself after inactivity: the session stops answering until the password is given again. */
  'auth.lock': method<{ done: true }>()(noInput),
  /** A person is using the UI (typing, clicking): the session's inactivity clock starts again. */
  'auth.touch': method<{ expiresAt: number }>()(noInput),
  'auth.changePassword': method<{ done: true }>()(z.object({ current: z.string().min(1).max(200), next: passwordSchema }).strict()),
  /** Language and day/night theme (installation-wide), which anyone on duty may switch; other settings are the admin's. */
  'auth.setDisplay': method<Settings>()(settingsSchema.pick({ locale: true, theme: true }).partial().strict()),
  'users.list': method<User[]>()(noInput),
  'users.create': method<User>()(
    z.object({ username: usernameSchema, displayName: displayNameSchema, role: userRoleSchema, password: passwordSchema, personId }).strict(),
  ),
  'users.update': method<User>()(z.object({ id: idSchema, displayName: displayNameSchema, role: userRoleSchema, personId }).strict()),
  'users.resetPassword': method<User>()(z.object({ id: idSchema, password: passwordSchema }).strict()),
  'users.disable': method<User>()(byId),
  'users.enable': method<User>()(byId),
} as const;
