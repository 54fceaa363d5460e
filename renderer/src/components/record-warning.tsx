// Runs in the renderer. The red banner on every screen (also before signing in) while the record
// does not verify, or cannot be verified because this computer lacks the database's seal key: the
// start check at opening, the full verification after it, and any row the app found changed
// behind its back when it next wrote it (docs/audit.md).
import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import type { RecordStatusView, SealProblemView } from '../../../shared/api/methods/audit.js';
import { api } from '../api.js';
import { useApp } from '../i18n.js';

export function problemText(t: ReturnType<typeof useApp>['t'], p: SealProblemView): string {
  return p.id === null ? t('seal.problemTable', { table: p.table, detail: p.detail }) : t('seal.problemRow', { table: p.table, id: p.id, detail: p.detail });
}

export function RecordWarning({ everyMs = 60_000 }: { everyMs?: number }) {
  const { t } = useApp();
  const [status, setStatus] = useState<RecordStatusView | null>(null);
  useEffect(() => {
    let alive = true;
    const check = () => api.audit.status({}).then((s) => alive && setStatus(s), () => undefined);
    void check();
    // Sooner while the full verification runs, so its verdict shows when it comes.
    const id = setInterval(check, status?.running ? Math.min(everyMs, 5_000) : everyMs);
    return () => {
      alive = false;
      clearInterval(id);
    };
  }, [everyMs, status?.running]);
  if (!status) return null;
  if (status.state === 'key-missing') {
    return <Alert type="error" showIcon banner data-testid="record-warning" message={t('seal.bannerKeyMissing', { keyId: status.keyId ?? '?' })} />;
  }
  if (status.state !== 'failed') return null;
  const first = status.problems[0];
  return (
    <Alert
      type="error"
      showIcon
      banner
      data-testid="record-warning"
      message={t('seal.bannerFailed', { count: status.problemCount, first: first ? problemText(t, first) : '-' })}
    />
  );
}
