// Runs in the renderer. The current time and duty day in the duty room's zone, ticking each second.
import { useEffect, useState } from 'react';
import { dutyDayOf, formatInZone } from '../../../shared/domain/duty-day.js';
import { useApp } from '../i18n.js';

export function DutyClock() {
  const { settings, t } = useApp();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  const day = dutyDayOf(now, { timeZone: settings.timeZone, boundary: settings.dutyBoundary });
  return (
    <span className="duty-clock" data-testid="duty-clock">
      <span className="time">{formatInZone(now, settings.timeZone, 'HH:mm:ss')}</span>
      <span>{formatInZone(now, settings.timeZone, 'yyyy-MM-dd')}</span>
      <span style={{ marginLeft: 12, opacity: 0.8 }} data-testid="duty-day">
        {t('shell.dutyDay', { date: day })}
      </span>
    </span>
  );
}
