// Runs in the renderer. The duty room's deadlines on every page: the overdue ones and the next due
// (units' reports, the room's own upward reports, daily zero reports, relayed notices' receipts and
// feedback), each with its countdown and a
// link to open it (a keyboard-reachable link), overdue in red, and how many more there are. The
// alarm (sound, and a desktop notification where allowed) is raised from here, once per deadline
// and stage, so an officer on the intake page hears it as one on the dashboard does.
import { Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { alarmStageOf, ALARM_WINDOW_MS, type Dashboard } from '../../../shared/domain/incident.js';
import type { NoticeDeadline } from '../../../shared/domain/notice.js';
import type { ZeroToday } from '../../../shared/domain/special-period.js';
import { isPastDeadline } from '../../../shared/domain/rules/predicates.js';
import { api } from '../api.js';
import { useApp } from '../i18n.js';
import { LIVE_TABLES } from '../live.js';
import { raiseNew } from './deadline-alarms.js';
import { durationText, useCountdownClock } from './incident-bits.js';

const STRIP_TABLES = [...LIVE_TABLES.flags, ...LIVE_TABLES.zero, ...LIVE_TABLES.relay];

/** How many deadlines the strip names; the rest are counted. */
const SHOWN = 5;

interface Due {
  key: string;
  label: string;
  deadline: number;
  href: string;
  acked: readonly string[];
}

export function DeadlineStrip() {
  const { t } = useApp();
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [zero, setZero] = useState<ZeroToday[]>([]);
  const [notices, setNotices] = useState<NoticeDeadline[]>([]);
  const load = useCallback(async () => {
    const [d, z, n] = await Promise.allSettled([api.dashboard.get({}), api.periods.today({}), api.notices.deadlines({})]);
    if (d.status === 'fulfilled') setDashboard(d.value);
    if (z.status === 'fulfilled') setZero(z.value);
    if (n.status === 'fulfilled') setNotices(n.value);
  }, []);
  // Every deadline it shows: incidents' flags, daily zero reports, relayed notices (a new overdue at another seat alarms here too).
  const now = useCountdownClock(load, STRIP_TABLES);

  const dues: Due[] = [
    ...(dashboard?.items ?? []).map((i) => ({
      key: `${i.incidentId}:${i.code}:${i.deadline}`,
      label: `${i.number} ${i.responsibleUnit} ${t(`deadline.${i.code}`)}`,
      deadline: i.deadline,
      href: `#/log/${i.incidentId}`,
      acked: i.acked,
    })),
    ...zero
      .filter((z) => z.missing.length > 0)
      .map((z) => ({ key: `zero:${z.periodId}:${z.day}`, label: t('strip.zero', { name: z.name, n: z.missing.length }), deadline: z.deadline, href: `#/zero/${z.periodId}`, acked: [] as string[] })),
    // Relayed notices: the duty room's relay, the units' receipts and feedback (传达回执).
    ...notices.map((n) => ({
      key: `notice:${n.noticeId}:${n.kind}:${n.deadline}`,
      label: t(`strip.${n.kind}`, { title: n.title, n: n.units.length }),
      deadline: n.deadline,
      href: `#/relay/${n.noticeId}`,
      acked: [] as string[],
    })),
  ]
    // Deadlines missed long ago stay in 督办, not here.
    .filter((d) => d.deadline > now - ALARM_WINDOW_MS)
    .sort((a, b) => a.deadline - b.deadline);

  useEffect(() => {
    const alarms = dues.flatMap((d) => {
      const stage = alarmStageOf(d.deadline, now);
      if (!stage || d.acked.includes(stage)) return [];
      const body = t(stage === 'overdue' ? 'strip.alarmOverdue' : 'strip.alarmAmber', { what: d.label, time: durationText(d.deadline - now) });
      return [{ key: `${d.key}:${stage}`, title: t('app.name'), body, beeps: stage === 'overdue' ? 3 : 2 }];
    });
    raiseNew(alarms);
  });

  const overdue = dues.filter((d) => isPastDeadline(d.deadline, now)).length;
  return (
    <nav className="deadline-strip" aria-label={t('strip.title')} data-testid="deadline-strip">
      <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
        {t('strip.title')}
        {overdue > 0 && <span className="strip-overdue-count"> {t('strip.overdueCount', { n: overdue })}</span>}
      </Typography.Text>
      {/* The count of the rest stands first, so a narrow window never hides it. */}
      {dues.length > SHOWN && (
        <a href="#/dashboard" className="strip-more" data-testid="strip-more">
          {t('strip.more', { n: dues.length - SHOWN })}
        </a>
      )}
      {dues.length === 0 && <Typography.Text type="secondary">{t('strip.none')}</Typography.Text>}
      {dues.slice(0, SHOWN).map((d) => {
        const late = isPastDeadline(d.deadline, now);
        const amber = !late && alarmStageOf(d.deadline, now) === 'amber';
        return (
          <a key={d.key} href={d.href} className={`strip-item${late ? ' strip-late' : amber ? ' strip-amber' : ''}`} data-testid={`strip-${d.key}`} data-deadline={d.deadline}>
            <span className="strip-label">{d.label}</span>
            <span className="strip-time">{late ? t('strip.overdueBy', { time: durationText(now - d.deadline) }) : t('strip.remaining', { time: durationText(d.deadline - now) })}</span>
          </a>
        );
      })}
    </nav>
  );
}
