// Runs in the renderer. The current time and duty day in the duty room's zone, ticking each second.
import { dutyDayOf, formatInZone } from '../../../shared/domain/duty-day.js';
import { useApp } from '../i18n.js';
import { useServerNow } from '../clock.js';

export function DutyClock() {
  const { settings, t } = useApp();
  const now = useServerNow();
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
