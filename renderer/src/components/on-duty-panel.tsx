// Runs in the renderer. Who is on duty now and next, from the roster; says plainly when no roster
// is set. The incoming people check in here (接班签到); 15 minutes into a shift without every duty
// officer checked in, a red alarm names who is missing, with one desktop notification and one beep
// per shift until acknowledged. Used by the dashboard and the roster page.
import { Alert, App, Badge, Button, Card, Descriptions, Empty, Space, Tag } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatInZone } from '../../../shared/domain/duty-day.js';
import type { OnDuty, OnDutyNowAndNext, PersonRef } from '../../../shared/domain/on-duty.js';
import { CHECKIN_GRACE_MS } from '../../../shared/domain/roster/roster.js';
import { api } from '../api.js';
import { LIVE_TABLES, useLiveRefresh } from '../live.js';
import { useApp } from '../i18n.js';
import { beep, notify } from './deadline-alarms.js';
import { serverNow } from '../clock.js';

/** Check-in opens an hour before the shift (the server enforces the same). */
const CHECKIN_OPENS_MS = 60 * 60 * 1000;
const ACK_KEY = 'duty.checkinAlarmAck';

function People({ people, checkedIn, canCheckIn, onCheckIn }: { people: PersonRef[]; checkedIn?: number[]; canCheckIn: boolean; onCheckIn(p: PersonRef): void }) {
  const { t } = useApp();
  return (
    <Space wrap size={[12, 4]}>
      {people.map((p) => (
        <span key={p.id}>
          <strong>{p.name}</strong> <span style={{ opacity: 0.75 }}>{p.phone}</span>{' '}
          {checkedIn &&
            (checkedIn.includes(p.id) ? (
              <Tag color="green">{t('onDuty.checkedIn')}</Tag>
            ) : canCheckIn ? (
              <Button size="small" type="primary" ghost onClick={() => onCheckIn(p)} data-testid={`checkin-${p.id}`} title={t('onDuty.checkInTitle', { name: p.name })}>
                {t('onDuty.checkIn')}
              </Button>
            ) : (
              <Tag color="orange">{t('onDuty.notCheckedIn')}</Tag>
            ))}
        </span>
      ))}
    </Space>
  );
}

function Shift({ shift, showCheckIn, canCheckIn, onCheckIn }: { shift: OnDuty; showCheckIn: boolean; canCheckIn: boolean; onCheckIn(p: PersonRef): void }) {
  const { t, settings } = useApp();
  const fmt = (ms: number) => formatInZone(ms, settings.timeZone, 'MM-dd HH:mm');
  const checked = showCheckIn ? shift.checkedIn : undefined;
  return (
    <Descriptions size="small" column={1} colon>
      <Descriptions.Item label={shift.shiftName}>{t('onDuty.shiftTime', { start: fmt(shift.start), end: fmt(shift.end) })}</Descriptions.Item>
      <Descriptions.Item label={t('onDuty.leader')}>
        <People people={shift.leaders} checkedIn={checked} canCheckIn={canCheckIn} onCheckIn={onCheckIn} />
      </Descriptions.Item>
      <Descriptions.Item label={t('onDuty.officers')}>
        <People people={shift.officers} checkedIn={checked} canCheckIn={canCheckIn} onCheckIn={onCheckIn} />
      </Descriptions.Item>
    </Descriptions>
  );
}

export function OnDutyPanel({ refreshMs = 30_000 }: { refreshMs?: number }) {
  const { t, settings } = useApp();
  const { message } = App.useApp();
  const [duty, setDuty] = useState<OnDutyNowAndNext | null>(null);
  const [clock, setClock] = useState(serverNow);
  const [acked, setAcked] = useState<string | null>(() => sessionStorage.getItem(ACK_KEY));

  const load = useCallback(() => api.roster.onDuty({}).then(setDuty, () => undefined), []);
  // Check-ins and roster changes at any seat are heard live. The clock still ticks: who is on duty
  // now changes with the time, so the shift is read again once the next one has begun.
  useLiveRefresh(LIVE_TABLES.duty, load);
  const nextStart = useRef<number | null>(null);
  nextStart.current = duty?.next?.start ?? null;
  useEffect(() => {
    void load();
    const id = setInterval(() => {
      const at = serverNow();
      setClock(at);
      if (nextStart.current !== null && at >= nextStart.current) void load();
    }, refreshMs);
    return () => clearInterval(id);
  }, [refreshMs, load]);

  const checkIn = async (shift: OnDuty, p: PersonRef) => {
    try {
      setDuty(await api.roster.checkIn({ shiftStart: shift.start, personId: p.id }));
      message.success(t('onDuty.checkedInOk', { name: p.name }));
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const now = duty?.now;
  const missing = now && clock >= now.start + CHECKIN_GRACE_MS ? now.officers.filter((o) => !now.checkedIn.includes(o.id)) : [];
  const alarmKey = now ? `${now.start}` : '';
  const names = missing.map((p) => p.name).join('、');
  const fmt = (ms: number) => formatInZone(ms, settings.timeZone, 'MM-dd HH:mm');
  useEffect(() => {
    if (missing.length === 0 || acked === alarmKey) return;
    const sounded = `duty.checkinAlarmSounded.${alarmKey}`;
    if (sessionStorage.getItem(sounded)) return;
    sessionStorage.setItem(sounded, '1');
    beep(3);
    notify(t('onDuty.alarmTitle'), t('onDuty.alarmNotify', { names }), `checkin-${alarmKey}`);
  }, [missing.length, acked, alarmKey, names, t]);

  const next = duty?.next;
  const nextOpen = !!next && clock >= next.start - CHECKIN_OPENS_MS;
  return (
    <Card size="small" title={t('onDuty.title')} data-testid="on-duty-panel" loading={!duty}>
      {missing.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="checkin-alarm"
          title={t('onDuty.alarmTitle')}
          description={t('onDuty.alarmText', { start: fmt(now!.start), names })}
          action={
            acked !== alarmKey && (
              <Button
                size="small"
                danger
                data-testid="checkin-alarm-ack"
                onClick={() => {
                  sessionStorage.setItem(ACK_KEY, alarmKey);
                  setAcked(alarmKey);
                }}
              >
                {t('onDuty.alarmAck')}
              </Button>
            )
          }
        />
      )}
      {now ? (
        <>
          <Shift shift={now} showCheckIn canCheckIn onCheckIn={(p) => void checkIn(now, p)} />
          {next && (
            <>
              <Badge status="default" text={t('onDuty.next')} style={{ margin: '8px 0' }} />
              <Shift shift={next} showCheckIn={nextOpen} canCheckIn={nextOpen} onCheckIn={(p) => void checkIn(next, p)} />
            </>
          )}
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span data-testid="on-duty-none">{t('onDuty.none')}</span>}>
          <div style={{ marginBottom: 8, opacity: 0.75 }}>{t('onDuty.noneHint')}</div>
          <Button size="small" href="#/roster">
            {t('onDuty.goRoster')}
          </Button>
          {next && (
            <div style={{ textAlign: 'left', marginTop: 12 }}>
              <Badge status="default" text={t('onDuty.next')} style={{ margin: '8px 0' }} />
              <Shift shift={next} showCheckIn={nextOpen} canCheckIn={nextOpen} onCheckIn={(p) => void checkIn(next, p)} />
            </div>
          )}
        </Empty>
      )}
    </Card>
  );
}
