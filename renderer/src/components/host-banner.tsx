// Runs in the renderer. The red banner on every screen (the sign-in screen included) while this seat
// cannot reach the host (connection.ts): since when, that what is being typed is kept on this
// computer, and how many saves wait to be sent (save-queue.ts). When the host is back it says so
// briefly, with how many waiting saves went through. A waiting save the host refused is shown (its
// draft stays); one the host had saved before its answer was lost reloads the page to show it.
// The time shown is on the server's clock as this window last knew it (clock.ts), like every time shown.
import { Alert } from 'antd';
import { format } from 'date-fns';
import { useEffect, useState } from 'react';
import { serverNow } from '../clock.js';
import { hostState, onHostState, type HostState } from '../connection.js';
import type { T } from '../i18n.js';
import { onSaveEvent, pendingSaves } from '../save-queue.js';

/** How long "已恢复" stays. */
const BACK_MS = 6000;

export function HostBanner({ t, signedIn }: { t: T; signedIn: boolean }) {
  const [host, setHost] = useState<{ state: HostState; since: number }>(hostState);
  const [pending, setPending] = useState(() => pendingSaves().length);
  const [back, setBack] = useState<number | null>(null);
  const [refused, setRefused] = useState<string | null>(null);

  useEffect(() => {
    let sent = 0;
    let timer: number | undefined;
    const offHost = onHostState((state, since) => {
      setHost({ state, since });
      if (state === 'lost') {
        sent = 0;
        window.clearTimeout(timer);
        setBack(null);
      } else {
        setBack(sent);
        timer = window.setTimeout(() => setBack(null), BACK_MS);
      }
    });
    const offSaves = onSaveEvent((e) => {
      setPending(pendingSaves().length);
      if (e.kind === 'sent' || e.kind === 'alreadySaved') {
        // A waiting save went (possibly after signing in again, well after the host came back): said, with the count since the loss.
        sent += 1;
        setBack(sent);
        window.clearTimeout(timer);
        timer = window.setTimeout(() => setBack(null), BACK_MS);
      }
      if (e.kind === 'refused') setRefused(e.message);
      // Saved before, its answer lost: show what the record holds now.
      if (e.kind === 'alreadySaved') window.setTimeout(() => window.location.reload(), 1500);
    });
    return () => {
      offHost();
      offSaves();
      window.clearTimeout(timer);
    };
  }, []);

  return (
    <>
      {host.state === 'lost' && (
        <Alert
          type="error"
          banner
          showIcon
          className="host-banner"
          data-testid="host-banner"
          message={`${t('host.lost', { since: format(host.since + serverNow() - Date.now(), 'HH:mm:ss') })}${pending ? `；${t('host.pending', { count: pending })}` : ''}`}
        />
      )}
      {host.state === 'online' && pending > 0 && !signedIn && (
        <Alert type="warning" banner showIcon data-testid="host-pending-sign-in" message={t('host.pendingSignIn', { count: pending })} />
      )}
      {host.state === 'online' && back !== null && (
        <Alert type="success" banner showIcon data-testid="host-back" message={back > 0 ? t('host.back', { count: back }) : t('host.backNone')} />
      )}
      {refused !== null && (
        <Alert type="warning" banner showIcon closable onClose={() => setRefused(null)} data-testid="host-refused" message={t('host.refused', { message: refused })} />
      )}
    </>
  );
}
