// Pure code: runs anywhere. What an action is called where a person reads it (an audit view, a
// refusal, a disabled button's reason): the words of `action.<method>` in shared/i18n, never the
// method's internal name.
import type { UserRole } from '../domain/user.js';
import { isMessageKey, type MessageKey } from '../i18n/index.js';
import type { MethodName } from './contract.js';
import { METHOD_ROLES } from './roles.js';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** "生成排班建议" for roster.generate; "其他操作" for a method the app no longer has. */
export function actionLabel(t: T, method: string): string {
  const key = `action.${method}`;
  return isMessageKey(key) ? t(key) : t('action.other');
}

/** The roles that may call a method, from the least to the most ("带班领导、管理员"). */
function rolesFor(t: T, method: MethodName): string {
  const allowed = METHOD_ROLES[method];
  const order: UserRole[] = ['officer', 'leader', 'admin'];
  return allowed === 'public' ? '' : order.filter((r) => allowed.includes(r)).map((r) => t(`user.role.${r}`)).join('、');
}

/** Why the dispatcher refused: "值班员无权生成排班建议，须由带班领导、管理员操作". */
export function refusalText(t: T, method: MethodName, role: UserRole): string {
  return t('auth.forbiddenRole', { role: t(`user.role.${role}`), action: actionLabel(t, method), roles: rolesFor(t, method) });
}

/** A disabled button's reason: "仅带班领导、管理员可以生成排班建议". */
export function onlyRolesText(t: T, method: MethodName): string {
  return t('auth.onlyRoles', { action: actionLabel(t, method), roles: rolesFor(t, method) });
}
