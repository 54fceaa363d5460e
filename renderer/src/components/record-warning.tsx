// Runs in the renderer. The red banner on every screen (also before signing in) while the record
// does not verify, or cannot be verified because this computer lacks the database's seal key: the
// start check at opening, the full verification after it, and any row the app found changed
// behind its back when it next wrote it (docs/audit.md).
import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import type { RecordStatusView, SealProblemView } from '../../../shared/api/methods/audit.js';
import { api } from '../api.js';
import type { T } from '../i18n.js';

const KIND_TEXT = { changed: 'seal.kind.changed', inserted: 'seal.kind.inserted', removed: 'seal.kind.removed', finding: 'seal.kind.finding' } as const;

/** One problem in the UI's language: a row's in words, anything else as the verifier said it. */
export function problemText(t: T, p: SealProblemView): string {
  if (p.id === null) return t('seal.problemTable', { table: p.table, detail: p.detail });
  const kind = KIND_TEXT[p.kind as keyof typeof KIND_TEXT];
  const detail = kind && (p.kind === 'finding' || p.detail.startsWith('the row')) ? t(kind) : p.detail;
  return t('seal.problemRow', { table: p.table, id: p.id, detail });
}

/** Outside the signed-in shell (the login screen shows it too): the translator comes as a prop. */
export function RecordWarning({ t, everyMs = 60_000 }: { t: T; everyMs?: number }) {
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
