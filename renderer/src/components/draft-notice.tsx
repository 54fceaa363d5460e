// Runs in the renderer. The line a form shows when it opened with a draft kept on this computer
// (drafts.ts): when it was kept, and a button to throw it away.
import { Alert, Button } from 'antd';
import { format } from 'date-fns';
import type { DraftState } from '../drafts.js';
import { useT } from '../i18n.js';

export function DraftNotice({ draft, testId = 'draft-restored' }: { draft: DraftState; testId?: string }) {
  const t = useT();
  if (draft.restoredAt === null) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid={testId}
      message={t('draft.restored', { time: format(draft.restoredAt, 'HH:mm') })}
      action={
        <Button size="small" onClick={draft.discard} data-testid={`${testId}-discard`}>
          {t('draft.discard')}
        </Button>
      }
    />
  );
}
