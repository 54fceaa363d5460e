// Runs in Electron's main process and in plain Node. Handlers of auth.* and users.*.
import { updateSettings } from '../settings.js';
import * as users from '../users.js';
import type { HandlersOf } from './types.js';

export const userHandlers: HandlersOf<'auth.' | 'users.'> = {
  'auth.status': (ctx) => users.authStatus(ctx),
  'auth.setupAdmin': (ctx, f) => users.setupAdmin(ctx, f),
  'auth.login': (ctx, f) => users.login(ctx, f),
  'auth.logout': (ctx) => users.logout(ctx),
  'auth.lock': (ctx) => users.lock(ctx),
  'auth.touch': (ctx) => users.touch(ctx),
  'auth.changePassword': (ctx, f) => users.changeOwnPassword(ctx, f),
  'auth.setDisplay': (ctx, patch) => updateSettings(ctx, patch, 'auth.setDisplay'),
  'users.list': (ctx) => users.listUsers(ctx),
  'users.create': (ctx, f) => users.createUser(ctx, f),
  'users.update': (ctx, { id, ...f }) => users.updateUser(ctx, id, f),
  'users.resetPassword': (ctx, { id, password }) => users.resetPassword(ctx, id, password),
  'users.disable': (ctx, { id }) => users.setUserDisabled(ctx, id, true),
  'users.enable': (ctx, { id }) => users.setUserDisabled(ctx, id, false),
};
