// Runs in Electron's main process and in plain Node. Use cases of the app's accounts and of
// signing in. Accounts are never deleted (disabled instead); every change, every sign-in and every
// failed attempt is on the audit chain. Failed logins are slowed per source (the dispatcher's login
// gate) and, without ever refusing the right password, per username (see login).
import { AppError } from '../../shared/api/app-error.js';
import type { AuthStatus } from '../../shared/api/methods/users.js';
import { userActor, type SessionUser, type User, type UserRole } from '../../shared/domain/user.js';
import { findPerson } from '../db/repositories/people.js';
import * as repo from '../db/repositories/users.js';
import { appendAudit } from './audit.js';
import { callContext, inWriteTransaction, type ServiceContext, type SessionHandle } from './context.js';
import { accountHoldMs, hashPassword, verifyPassword } from './passwords.js';
import { getSettings } from './settings.js';

const sessionUser = (u: User): SessionUser => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role });

function sessionOf(ctx: ServiceContext): SessionHandle {
  if (!ctx.session) throw new AppError('conflict', 'auth.noSession');
  return ctx.session;
}

export function authStatus(ctx: ServiceContext): AuthStatus {
  const s = getSettings(ctx);
  return {
    hasUsers: repo.countUsers(ctx.db) > 0,
    user: ctx.session?.user ?? null,
    locale: s.locale,
    theme: s.theme,
    bureauName: s.bureauName,
    lockMinutes: s.lockMinutes,
    now: ctx.now(),
    clock: ctx.instance.clock ?? 'system',
  };
}

export function listUsers(ctx: ServiceContext): User[] {
  return repo.listUsers(ctx.db);
}

function getUser(ctx: ServiceContext, id: number): User {
  const user = repo.findUser(ctx.db, id);
  if (!user) throw new AppError('not_found', 'user.notFound', { id });
  return user;
}

function assertPerson(ctx: ServiceContext, personId: number | null): void {
  if (personId !== null && !findPerson(ctx.db, personId)) throw new AppError('not_found', 'user.personNotFound', { id: personId });
}

function assertUsernameFree(ctx: ServiceContext, username: string): void {
  if (repo.findUserByName(ctx.db, username)) throw new AppError('conflict', 'user.usernameTaken', { username });
}

export interface NewUserFields {
  username: string;
  displayName: string;
  role: UserRole;
  password: string;
  personId: number | null;
}

export async function createUser(ctx: ServiceContext, f: NewUserFields): Promise<User> {
  assertUsernameFree(ctx, f.username); // before the slow hash; checked again inside the write
  const passwordHash = await hashPassword(f.password);
  return inWriteTransaction(ctx, () => {
    assertUsernameFree(ctx, f.username);
    assertPerson(ctx, f.personId);
    const user = repo.insertUser(ctx.db, { ...f, passwordHash }, ctx.now());
    appendAudit(ctx, { method: 'users.create', entity: 'user', entityId: user.id, before: null, after: user });
    return user;
  });
}

/** The first admin of a database without users; signs them in. Refused once any user exists. */
export async function setupAdmin(ctx: ServiceContext, f: { username: string; displayName: string; password: string }): Promise<SessionUser> {
  const session = sessionOf(ctx);
  if (repo.countUsers(ctx.db) > 0) throw new AppError('conflict', 'auth.alreadySetUp');
  const passwordHash = await hashPassword(f.password);
  // The first admin creates themselves: the row names them.
  const own = callContext(ctx, userActor(f.username), { session: ctx.session, seat: ctx.seat });
  const user = inWriteTransaction(own, () => {
    if (repo.countUsers(own.db) > 0) throw new AppError('conflict', 'auth.alreadySetUp');
    const created = repo.insertUser(own.db, { username: f.username, displayName: f.displayName, role: 'admin', passwordHash, personId: null }, own.now());
    appendAudit(own, { method: 'auth.setupAdmin', entity: 'user', entityId: created.id, before: null, after: created });
    return created;
  });
  session.signIn(sessionUser(user));
  return sessionUser(user);
}

/** Failed attempts in a row for a username (since its last success) and when the last one was. */
function failuresOf(ctx: ServiceContext, username: string): { failures: number; lastAt: number | null } {
  let failures = 0;
  let lastAt: number | null = null;
  for (const row of repo.recentLoginAttempts(ctx.db, username)) {
    const after = row.after ? (JSON.parse(row.after) as { ok?: boolean }) : {};
    if (after.ok !== false) break;
    failures += 1;
    lastAt ??= row.at;
  }
  return { failures, lastAt };
}

/** Attempts on one username, checked one after another: a queue, never a refusal. */
const queues = new Map<string, Promise<void>>();

/**
 * Signs in. Slowed two ways, neither of which refuses the right password: the dispatcher's login
 * gate (sessions.ts) makes a source that guessed wrong wait before its next attempt, and here a
 * username's attempts are checked one at a time, each wrong one on an account already guessed at
 * (three failures in a row, counted from the audit log so a restart does not reset it) holding
 * the queue a little longer (accountHoldMs). A right password from anywhere waits its turn and gets in.
 */
export async function login(ctx: ServiceContext, f: { username: string; password: string }): Promise<SessionUser> {
  const session = sessionOf(ctx);
  const ahead = queues.get(f.username) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = ahead.then(() => mine);
  queues.set(f.username, tail);
  await ahead;
  try {
    return await checkLogin(ctx, session, f.username, f.password);
  } finally {
    release();
    if (queues.get(f.username) === tail) queues.delete(f.username);
  }
}

async function checkLogin(ctx: ServiceContext, session: SessionHandle, username: string, password: string): Promise<SessionUser> {
  const before = failuresOf(ctx, username);
  const user = repo.findUserByName(ctx.db, username);
  const hash = user ? repo.passwordHashOf(ctx.db, user.id) : undefined;
  // An unknown name costs the same scrypt as a known one, so timing does not tell them apart.
  let ok = await verifyPassword(password, hash ?? UNKNOWN_USER_HASH);
  ok = ok && hash !== undefined && user !== undefined && !user.disabled;
  if (!ok || !user) {
    const failures = before.failures + 1;
    const reason = !user ? 'unknownUser' : user.disabled ? 'disabled' : 'wrongPassword';
    inWriteTransaction(ctx, () =>
      appendAudit(ctx, { method: 'auth.login', entity: 'login', entityId: username, before: null, after: { ok: false, reason, failures } }),
    );
    const hold = accountHoldMs(failures);
    if (hold > 0) await new Promise((resolve) => setTimeout(resolve, hold));
    throw new AppError('unauthenticated', 'auth.badCredentials');
  }
  const own = callContext(ctx, userActor(user.username), { session: ctx.session, seat: ctx.seat });
  inWriteTransaction(own, () =>
    appendAudit(own, { method: 'auth.login', entity: 'login', entityId: username, before: null, after: { ok: true, role: user.role } }),
  );
  session.signIn(sessionUser(user));
  return sessionUser(user);
}

/** A hash no password matches in practice, checked for unknown usernames (same cost as a real one). */
const UNKNOWN_USER_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function logout(ctx: ServiceContext): { done: true } {
  const session = sessionOf(ctx);
  const user = session.user;
  if (user) {
    inWriteTransaction(ctx, () => appendAudit(ctx, { method: 'auth.logout', entity: 'session', entityId: user.username, before: null, after: null }));
  }
  session.signOut();
  return { done: true };
}

export function lock(ctx: ServiceContext): { done: true } {
  sessionOf(ctx).lock();
  return { done: true };
}

export function touch(ctx: ServiceContext): { expiresAt: number } {
  return { expiresAt: sessionOf(ctx).touch() };
}

export async function changeOwnPassword(ctx: ServiceContext, { current, next }: { current: string; next: string }): Promise<{ done: true }> {
  const me = sessionOf(ctx).user;
  if (!me) throw new AppError('unauthenticated', 'auth.required');
  if (!(await verifyPassword(current, repo.passwordHashOf(ctx.db, me.id) ?? UNKNOWN_USER_HASH))) {
    throw new AppError('conflict', 'auth.currentPasswordWrong');
  }
  const hash = await hashPassword(next);
  inWriteTransaction(ctx, () => {
    const before = getUser(ctx, me.id);
    const after = repo.setPasswordHash(ctx.db, me.id, hash, ctx.now());
    appendAudit(ctx, { method: 'auth.changePassword', entity: 'user', entityId: me.id, before, after });
  });
  return { done: true };
}

/** The last enabled admin can be neither disabled nor demoted: someone must be able to manage users. */
function assertKeepsAnAdmin(ctx: ServiceContext, before: User, after: { role: UserRole; disabled: boolean }): void {
  const losesAdmin = before.role === 'admin' && !before.disabled && (after.role !== 'admin' || after.disabled);
  if (losesAdmin && repo.countActiveAdmins(ctx.db) <= 1) throw new AppError('conflict', 'user.lastAdmin');
}

export function updateUser(ctx: ServiceContext, id: number, f: { displayName: string; role: UserRole; personId: number | null }): User {
  return inWriteTransaction(ctx, () => {
    const before = getUser(ctx, id);
    assertPerson(ctx, f.personId);
    assertKeepsAnAdmin(ctx, before, { role: f.role, disabled: before.disabled });
    const after = repo.updateUserRow(ctx.db, id, f, ctx.now());
    appendAudit(ctx, { method: 'users.update', entity: 'user', entityId: id, before, after });
    return after;
  });
}

export async function resetPassword(ctx: ServiceContext, id: number, password: string): Promise<User> {
  getUser(ctx, id);
  const hash = await hashPassword(password);
  return inWriteTransaction(ctx, () => {
    const before = getUser(ctx, id);
    const after = repo.setPasswordHash(ctx.db, id, hash, ctx.now());
    // The audit row says the password was reset, never what to (the hash stays out of the log).
    appendAudit(ctx, { method: 'users.resetPassword', entity: 'user', entityId: id, before, after: { ...after, passwordReset: true } });
    return after;
  });
}

export function setUserDisabled(ctx: ServiceContext, id: number, disabled: boolean): User {
  return inWriteTransaction(ctx, () => {
    const before = getUser(ctx, id);
    if (before.disabled === disabled) throw new AppError('conflict', disabled ? 'user.alreadyDisabled' : 'user.alreadyEnabled', { username: before.username });
    if (disabled && ctx.session?.user?.id === id) throw new AppError('conflict', 'user.cannotDisableSelf');
    assertKeepsAnAdmin(ctx, before, { role: before.role, disabled });
    const after = repo.setUserDisabled(ctx.db, id, disabled, ctx.now());
    appendAudit(ctx, { method: disabled ? 'users.disable' : 'users.enable', entity: 'user', entityId: id, before, after });
    return after;
  });
}
