// Runs in the renderer. Who is on duty now and next, from the roster; says plainly when no roster
// is set. Used by the dashboard and the roster page.
import { Badge, Button, Card, Descriptions, Empty, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { formatInZone } from '../../../shared/domain/duty-day.js';
import type { OnDuty, OnDutyNowAndNext, PersonRef } from '../../../shared/domain/on-duty.js';
import { api } from '../api.js';
import { useApp } from '../i18n.js';

function People({ people, checkedIn }: { people: PersonRef[]; checkedIn?: number[] }) {
  const { t } = useApp();
  return (
    <Space wrap size={[12, 4]}>
      {people.map((p) => (
        <span key={p.id}>
          <strong>{p.name}</strong> <span style={{ opacity: 0.75 }}>{p.phone}</span>{' '}
          {checkedIn &&
            (checkedIn.includes(p.id) ? (
              <Tag color="green">{t('onDuty.checkedIn')}</Tag>
            ) : (
              <Tag color="orange">{t('onDuty.notCheckedIn')}</Tag>
            ))}
        </span>
      ))}
    </Space>
  );
}

function Shift({ shift, showCheckIn }: { shift: OnDuty; showCheckIn: boolean }) {
  const { t, settings } = useApp();
  const fmt = (ms: number) => formatInZone(ms, settings.timeZone, 'MM-dd HH:mm');
  return (
    <Descriptions size="small" column={1} colon>
      <Descriptions.Item label={shift.shiftName}>{t('onDuty.shiftTime', { start: fmt(shift.start), end: fmt(shift.end) })}</Descriptions.Item>
      <Descriptions.Item label={t('onDuty.leader')}>
        <People people={shift.leaders} checkedIn={showCheckIn ? shift.checkedIn : undefined} />
      </Descriptions.Item>
      <Descriptions.Item label={t('onDuty.officers')}>
        <People people={shift.officers} checkedIn={showCheckIn ? shift.checkedIn : undefined} />
      </Descriptions.Item>
    </Descriptions>
  );
}

export function OnDutyPanel({ refreshMs = 30_000 }: { refreshMs?: number }) {
  const { t } = useApp();
  const [duty, setDuty] = useState<OnDutyNowAndNext | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () => api.roster.onDuty({}).then((d) => alive && setDuty(d), () => undefined);
    void load();
    const id = setInterval(load, refreshMs);
    return () => {
      alive = false;
      clearInterval(id);
    };
  }, [refreshMs]);

  return (
    <Card size="small" title={t('onDuty.title')} data-testid="on-duty-panel" loading={!duty}>
      {duty?.now ? (
        <>
          <Shift shift={duty.now} showCheckIn />
          {duty.next && (
            <>
              <Badge status="default" text={t('onDuty.next')} style={{ margin: '8px 0' }} />
              <Shift shift={duty.next} showCheckIn={false} />
            </>
          )}
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span data-testid="on-duty-none">{t('onDuty.none')}</span>}>
          <div style={{ marginBottom: 8, opacity: 0.75 }}>{t('onDuty.noneHint')}</div>
          <Button size="small" href="#/roster">
            {t('onDuty.goRoster')}
          </Button>
        </Empty>
      )}
    </Card>
  );
}
