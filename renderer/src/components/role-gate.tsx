// Runs in the renderer. What the signed-in role may do, read from shared/api/roles.ts (the map the
// dispatcher enforces): a button for an action the role cannot take is shown disabled, its tooltip
// saying who may ("仅带班领导、管理员可以生成排班建议"), rather than refused after a click.
import { Button, Tooltip, type ButtonProps } from 'antd';
import { onlyRolesText } from '../../../shared/api/action-label.js';
import type { MethodName } from '../../../shared/api/contract.js';
import { mayCall } from '../../../shared/api/roles.js';
import { useApp } from '../i18n.js';

/** Whether the signed-in role may call a method, and if not, why (in words). */
export function useMay(): (method: MethodName) => { allowed: boolean; reason: string } {
  const { t, user } = useApp();
  return (method) => (mayCall(method, user.role) ? { allowed: true, reason: '' } : { allowed: false, reason: onlyRolesText(t, method) });
}

/** A button for one action: as given where the role may take it, else disabled with the reason. */
export function RoleButton({ method, ...props }: ButtonProps & { method: MethodName; 'data-testid'?: string }) {
  const { allowed, reason } = useMay()(method);
  if (allowed) return <Button {...props} />;
  // A disabled button takes no pointer events: the tooltip hangs on a wrapper.
  return (
    <Tooltip title={reason}>
      <span className="role-gated">
        <Button {...props} disabled onClick={undefined} title={reason} />
      </span>
    </Tooltip>
  );
}
