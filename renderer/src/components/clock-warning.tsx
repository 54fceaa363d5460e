// Runs in the renderer. Warns, for as long as it lasts, when the computer's clock is more than
// 5 minutes behind the newest record (a clock set back would make reports look earlier).
import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import type { ClockStatus } from '../../../shared/api/methods/app.js';
import { formatInZone } from '../../../shared/domain/duty-day.js';
import { api } from '../api.js';
import { syncedCall } from '../clock.js';
import { useApp } from '../i18n.js';

export function ClockWarning({ everyMs = 60_000 }: { everyMs?: number }) {
  const { t, settings } = useApp();
  const [status, setStatus] = useState<ClockStatus | null>(null);
  useEffect(() => {
    let alive = true;
    const check = () => syncedCall(() => api.app.clock({})).then((s) => alive && setStatus(s), () => undefined);
    void check();
    const id = setInterval(check, everyMs);
    return () => {
      alive = false;
      clearInterval(id);
    };
  }, [everyMs]);
  if (!status?.behind || status.lastStampedAt === null) return null;
  const fmt = (ms: number) => formatInZone(ms, settings.timeZone, 'yyyy-MM-dd HH:mm:ss');
  return (
    <Alert
      type="error"
      showIcon
      banner
      data-testid="clock-warning"
      message={t('shell.clockBehind', {
        minutes: Math.round((status.lastStampedAt - status.now) / 60_000),
        last: fmt(status.lastStampedAt),
        now: fmt(status.now),
      })}
    />
  );
}
