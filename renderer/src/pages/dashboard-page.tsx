// Runs in the renderer. 值班台: the next deadline of every open incident with a live countdown
// (amber from 15 minutes before, red when overdue), alarms at amber and at overdue until the
// officer acknowledges them, the first flags awaiting review in the 督办 queue's order, and the
// shift on duty (from the roster).
import { AlertOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, List, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { flagProblemText } from '../../../shared/domain/flag-queue.js';
import { alarmStageOf, AMBER_MS, type AlarmStage, type Dashboard, type DashboardItem } from '../../../shared/domain/incident.js';
import { api } from '../api.js';
import { askNotificationPermission, notificationsAllowed } from '../components/deadline-alarms.js';
import { countdownText, useCountdownClock, FlagTag, LevelTag, stageOf, useFmt } from '../components/incident-bits.js';
import { OnDutyPanel } from '../components/on-duty-panel.js';
import { ZeroTodayPanel } from '../components/zero-today-panel.js';
import { useApp } from '../i18n.js';
import '../incidents.css';

/** Banners shown at once; the rest are counted under them (all are in 督办 and the list below). */
const MAX_BANNERS = 5;

export function DashboardPage() {
  const { t } = useApp();
  const { message } = App.useApp();
  const fmt = useFmt();
  const [data, setData] = useState<Dashboard | null>(null);
  const [notifyOn, setNotifyOn] = useState(notificationsAllowed);

  const load = useCallback(async () => {
    try {
      setData(await api.dashboard.get({}));
    } catch (e) {
      message.error((e as Error).message);
    }
  }, [message]);

  const now = useCountdownClock(load);

  const what = (i: DashboardItem) => t(`deadline.${i.code}`);
  const alarms = (data?.items ?? [])
    .map((item) => ({ item, stage: alarmStageOf(item.deadline, now) }))
    .filter((a): a is { item: DashboardItem; stage: AlarmStage } => a.stage !== null && !a.item.acked.includes(a.stage));

  // The sound and the notification come from the deadline strip, on every page; the banners here
  // stay until acknowledged.

  const ack = async (item: DashboardItem, stage: AlarmStage) => {
    try {
      await api.dashboard.ack({ incidentId: item.incidentId, code: item.code, deadline: item.deadline, stage });
      await load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <div data-testid="dashboard-page">
      <div className="page-title">
        <h2>{t('dashboard.title')}</h2>
      </div>
      {alarms.length > 0 && (
        <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }} data-testid="dashboard-alarms">
          {alarms.slice(0, MAX_BANNERS).map(({ item, stage }) => (
            <Alert
              key={`${item.incidentId}:${item.code}:${stage}`}
              type={stage === 'overdue' ? 'error' : 'warning'}
              showIcon
              icon={<AlertOutlined />}
              data-testid={`alarm-${item.number}-${stage}`}
              title={
                stage === 'amber'
                  ? t('dashboard.alarmAmber', { number: item.number, unit: item.responsibleUnit, what: what(item), at: fmt(item.deadline, 'HH:mm') })
                  : t('dashboard.alarmOverdue', { number: item.number, unit: item.responsibleUnit, what: what(item) })
              }
              action={
                <Button size="small" onClick={() => void ack(item, stage)} data-testid={`alarm-ack-${item.number}-${stage}`}>
                  {t('dashboard.ack')}
                </Button>
              }
            />
          ))}
          {alarms.length > MAX_BANNERS && (
            <Typography.Text type="danger" data-testid="dashboard-alarms-more">
              {t('dashboard.alarmsMore', { count: alarms.length - MAX_BANNERS })} <a href="#/followup">{t('followup.title')}</a>
            </Typography.Text>
          )}
        </Space>
      )}
      <ZeroTodayPanel />
      {!notifyOn && (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          title={t('dashboard.notifyOff')}
          action={
            <Button size="small" onClick={() => void askNotificationPermission().then(setNotifyOn)}>
              {t('dashboard.enableNotify')}
            </Button>
          }
        />
      )}
      <Row gutter={12} style={{ marginBottom: 12 }}>
        {(
          [
            ['dashboard.openIncidents', data?.openIncidents, '#/log'],
            ['dashboard.pendingFlags', data?.pendingFlags, '#/followup'],
            ['dashboard.openFollowups', data?.openFollowups, '#/followup'],
            ['dashboard.today', data?.today, '#/log'],
          ] as const
        ).map(([key, value, href]) => (
          <Col span={6} key={key}>
            <Card size="small" hoverable onClick={() => (window.location.hash = href)}>
              <Statistic title={t(key)} value={value ?? 0} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={12}>
        <Col span={16}>
          <Card size="small" title={t('dashboard.deadlines')} style={{ marginBottom: 12 }}>
            <Table<DashboardItem>
              size="small"
              rowKey={(i) => `${i.incidentId}`}
              // In the server's order: live deadlines first, nearest first, then older misses (withPendingDeadline).
              dataSource={data?.items ?? []}
              loading={!data}
              // Ten at a time: the countdowns re-render every second, and a decade's log has hundreds
              // of open deadlines (500 rows took ~150 ms a tick).
              pagination={{ pageSize: 10, size: 'small', showSizeChanger: false, hideOnSinglePage: true }}
              data-testid="dashboard-deadlines"
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noDeadlines')} /> }}
              rowClassName={(i) => `deadline-row ${stageOf(i.deadline, now, AMBER_MS)}`}
              onRow={(i) => ({ onDoubleClick: () => (window.location.hash = `#/log/${i.incidentId}`) })}
              columns={[
                { title: t('incident.number'), dataIndex: 'number', width: 90 },
                { title: t('incident.responsibleUnit'), dataIndex: 'responsibleUnit', width: 120 },
                {
                  title: t('incident.category'),
                  key: 'cat',
                  render: (_: unknown, i) => (
                    <span>
                      {t(`category.${i.category}`)} <Typography.Text type="secondary">{i.place}</Typography.Text>
                    </span>
                  ),
                },
                { title: t('incident.level'), key: 'level', width: 90, render: (_: unknown, i) => <LevelTag level={i.level} /> },
                { title: t('incident.nextDeadline'), key: 'what', width: 150, render: (_: unknown, i) => `${what(i)} ${fmt(i.deadline, 'MM-dd HH:mm')}` },
                {
                  title: '',
                  key: 'countdown',
                  width: 170,
                  render: (_: unknown, i) => {
                    const s = stageOf(i.deadline, now, AMBER_MS);
                    return (
                      <span className={`countdown ${s}`} data-testid={`countdown-${i.number}`} data-stage={s}>
                        {countdownText(t, i.deadline, now)}
                      </span>
                    );
                  },
                },
              ]}
            />
          </Card>
          <Card
            size="small"
            title={t('dashboard.pendingFlags')}
            extra={
              <a href="#/followup" data-testid="dashboard-flags-all">
                {data && data.pendingFlags > data.flags.length ? t('dashboard.flagsFirst', { shown: data.flags.length, n: data.pendingFlags }) : t('followup.title')}
              </a>
            }
          >
            {/* The first of the 督办 queue, in its order: what matters first. */}
            <List
              size="small"
              dataSource={data?.flags ?? []}
              data-testid="dashboard-flags"
              locale={{ emptyText: t('common.empty') }}
              renderItem={(f) => (
                <List.Item>
                  <Space size={6} align="start">
                    <Tag>{f.incidentNumber}</Tag>
                    <span style={{ whiteSpace: 'nowrap' }}>{f.responsibleUnit}</span>
                    <FlagTag flag={f} withItems={false} />
                    <Typography.Text type="secondary">{flagProblemText(t, f, (ms) => fmt(ms, 'MM-dd HH:mm'), data?.now ?? now)}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col span={8}>
          <OnDutyPanel />
        </Col>
      </Row>
    </div>
  );
}
