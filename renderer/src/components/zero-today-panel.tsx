// Runs in the renderer. On the dashboard: for each special period running today, the countdown to
// the daily-report cutoff (amber from an hour before), and at the cutoff an alarm (beep and
// notification, once per period and day in this window) naming the designated units still missing.
import { AlertOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ZeroToday } from '../../../shared/domain/special-period.js';
import { isPastDeadline } from '../../../shared/domain/rules/predicates.js';
import { api } from '../api.js';
import { useApp } from '../i18n.js';
import { LIVE_TABLES } from '../live.js';
import { raiseNew } from './deadline-alarms.js';
import { countdownText, useCountdownClock, stageOf, useFmt } from './incident-bits.js';

const AMBER_MS = 60 * 60 * 1000;

export function ZeroTodayPanel() {
  const { t } = useApp();
  const fmt = useFmt();
  const [rows, setRows] = useState<ZeroToday[]>([]);
  const [acked, setAcked] = useState<Set<string>>(() => new Set());

  const load = useCallback(async () => {
    try {
      setRows(await api.periods.today({}));
    } catch {
      // The dashboard's own load reports errors; this panel stays as it was.
    }
  }, []);
  const now = useCountdownClock(load, LIVE_TABLES.zero);

  // Past the cutoff: reload once so the missing list is judged after it.
  const passed = rows.filter((r) => isPastDeadline(r.deadline, now)).map((r) => `${r.periodId}:${r.day}`).join(',');
  useEffect(() => {
    if (passed) void load();
  }, [passed, load]);

  const alarms = rows.filter((r) => isPastDeadline(r.deadline, now) && r.missing.length > 0 && !acked.has(`${r.periodId}:${r.day}`));
  // Its own words for the alarm; raised once per window, so the deadline strip's is not repeated.
  useEffect(() => {
    raiseNew(alarms.map((r) => ({ key: `zero:${r.periodId}:${r.day}:overdue`, title: t('period.alarmTitle', { name: r.name }), body: t('period.alarmBody', { n: r.missing.length, units: r.missing.map((u) => u.name).join('、') }), beeps: 3 })));
  });

  if (rows.length === 0) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }} data-testid="zero-today">
      {alarms.map((r) => (
        <Alert
          key={`${r.periodId}:${r.day}`}
          type="error"
          showIcon
          icon={<AlertOutlined />}
          data-testid={`zero-alarm-${r.periodId}`}
          title={t('period.alarmTitle', { name: r.name })}
          description={t('period.alarmBody', { n: r.missing.length, units: r.missing.map((u) => u.name).join('、') })}
          action={
            <Button size="small" onClick={() => setAcked(new Set([...acked, `${r.periodId}:${r.day}`]))} data-testid={`zero-alarm-ack-${r.periodId}`}>
              {t('period.ack')}
            </Button>
          }
        />
      ))}
      {rows.map((r) => {
        const stage = stageOf(r.deadline, now, AMBER_MS);
        const late = r.reported.filter((u) => u.late).length;
        return (
          <Card
            key={r.periodId}
            size="small"
            data-testid={`zero-today-${r.periodId}`}
            title={
              <a href={`#/zero/${r.periodId}`}>
                {r.name} · {t('period.cutoffAt', { at: fmt(r.deadline, 'HH:mm') })}
              </a>
            }
            extra={
              <Tag color={stage === 'red' ? 'red' : stage === 'amber' ? 'orange' : 'blue'} data-testid={`zero-countdown-${r.periodId}`}>
                {countdownText(t, r.deadline, now)}
              </Tag>
            }
          >
            <Space wrap>
              <Tag color="green">{t('period.reported', { n: r.reported.length })}</Tag>
              {late > 0 && <Tag color="orange">{t('period.lateCount', { n: late })}</Tag>}
              <Tag color={r.missing.length ? (isPastDeadline(r.deadline, now) ? 'red' : 'default') : 'green'}>{t('period.missingCount', { n: r.missing.length })}</Tag>
              <span data-testid={`zero-missing-${r.periodId}`}>{r.missing.length ? t('period.missingUnits', { units: r.missing.map((u) => u.name).join('、') }) : t('period.allReported')}</span>
            </Space>
          </Card>
        );
      })}
    </Space>
  );
}
