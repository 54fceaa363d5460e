// Runs in the renderer. Settings → 值班室（多席位）, for the admin: this desk hosting the duty room
// (issue 19). Off by default (loopback only); choose the interface and port, switch it on, and read
// off the address, the certificate's fingerprint and the pairing code (large, for across the room);
// a new code on demand; the seats with who is signed in where, each revocable; switch it off.
// Every change is the server's (room.* methods, audited); this page only shows and asks.
import { App, Button, Card, Descriptions, Form, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { RoomSeatView, RoomStatusView } from '../../../shared/api/methods/room.js';
import { api, transport } from '../api.js';
import { useFmt } from '../components/incident-bits.js';
import { useApp } from '../i18n.js';

/** While the page is open the seat list and the code's expiry are read again this often. */
const REFRESH_MS = 5_000;

export function RoomSettings() {
  const { t } = useApp();
  const { message } = App.useApp();
  const [status, setStatus] = useState<RoomStatusView | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ bind: string; port: number }>();
  const fmt = useFmt();

  const load = useCallback(() => api.room.status({}).then(setStatus, (e: Error) => message.error(e.message)), [message]);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  useEffect(() => {
    if (status && !form.isFieldsTouched()) form.setFieldsValue({ bind: status.bind, port: status.port });
  }, [status, form]);

  const act = async (fn: () => Promise<RoomStatusView>) => {
    setBusy(true);
    try {
      setStatus(await fn());
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!status) return null;
  const options = [{ value: '0.0.0.0', label: t('room.allInterfaces') }, ...status.interfaces.map((i) => ({ value: i.address, label: `${i.address}（${i.name}）` }))];
  const seatColumns = [
    { title: t('room.seatName'), dataIndex: 'name', key: 'name' },
    {
      title: t('room.state'),
      key: 'state',
      render: (_: unknown, s: RoomSeatView) =>
        s.revokedAt !== null ? <Typography.Text type="secondary">{t('room.seatRevokedAt', { time: fmt(s.revokedAt, 'MM-dd HH:mm'), who: s.revokedBy ?? '' })}</Typography.Text> : <Tag color={s.connected ? 'green' : 'default'}>{t(s.connected ? 'room.seatOnline' : 'room.seatOffline')}</Tag>,
    },
    { title: t('room.seatUser'), dataIndex: 'user', key: 'user', render: (u: string | null) => u ?? '—' },
    { title: t('room.seatAddress'), key: 'address', render: (_: unknown, s: RoomSeatView) => s.address ?? s.pairedFrom },
    { title: t('room.seatLastSeen'), dataIndex: 'lastSeen', key: 'lastSeen', render: (v: number | null) => (v === null ? '—' : fmt(v, 'MM-dd HH:mm:ss')) },
    { title: t('room.seatPairedAt'), dataIndex: 'pairedAt', key: 'pairedAt', render: (v: number) => fmt(v, 'yyyy-MM-dd HH:mm') },
    {
      title: '',
      key: 'revoke',
      render: (_: unknown, s: RoomSeatView) =>
        s.revokedAt === null ? (
          <Popconfirm title={t('room.revokeConfirm', { name: s.name })} onConfirm={() => void act(() => api.room.revokeSeat({ id: s.id }))} okText={t('room.revoke')} cancelText={t('common.cancel')}>
            <Button danger size="small" disabled={busy} data-testid={`room-revoke-${s.id}`}>
              {t('room.revoke')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Card
      size="small"
      title={t('room.title')}
      style={{ maxWidth: 980 }}
      data-testid="room-settings"
      extra={transport === 'electron' && !status.running ? <Button type="link" href="#/room-join" data-testid="room-join-link">{t('room.joinLink')}</Button> : null}
    >
      <Typography.Paragraph type="secondary">{t('room.intro')}</Typography.Paragraph>
      {!status.available ? (
        <Typography.Text type="warning">{t('room.unavailable')}</Typography.Text>
      ) : (
        <>
          <Form form={form} layout="inline" onFinish={(v) => void act(() => api.room.enable({ bind: v.bind, port: v.port }))} style={{ marginBottom: 16 }}>
            <Form.Item name="bind" label={t('room.interface')}>
              <Select options={options} style={{ width: 260 }} data-testid="room-bind" />
            </Form.Item>
            <Form.Item name="port" label={t('room.port')}>
              <InputNumber min={1024} max={65535} precision={0} data-testid="room-port" />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="room-enable">
                {t('room.enable')}
              </Button>
              {status.running && (
                <Popconfirm title={t('room.disableConfirm')} onConfirm={() => void act(() => api.room.disable({}))} okText={t('room.disable')} cancelText={t('common.cancel')}>
                  <Button danger disabled={busy} data-testid="room-disable">
                    {t('room.disable')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          </Form>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('room.state')}>
              <span data-testid="room-state">{status.running ? <Tag color="green">{t('room.running')}</Tag> : <Tag>{t('room.stopped')}</Tag>}</span>
              {status.error && <Typography.Text type="danger">{t('room.failed', { message: status.error })}</Typography.Text>}
            </Descriptions.Item>
            {status.running && (
              <>
                <Descriptions.Item label={t('room.address')}>
                  <span data-testid="room-urls">{status.urls.map((u) => <Typography.Text key={u} copyable strong style={{ fontSize: 18, display: 'block' }}>{u}</Typography.Text>)}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('room.fingerprint')}>
                  <Typography.Text copyable code data-testid="room-fingerprint" style={{ fontSize: 13 }}>{status.fingerprint256}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('room.spki')}>
                  <Typography.Text copyable code data-testid="room-spki">{status.spki}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('room.code')}>
                  <Space align="center" size={24}>
                    {status.code ? (
                      <span>
                        <span data-testid="room-code" style={{ fontSize: 48, fontWeight: 700, letterSpacing: 6, fontFamily: 'monospace' }}>{status.code}</span>
                        <Typography.Text type="secondary" style={{ display: 'block' }}>{t('room.codeExpires', { time: fmt(status.codeExpiresAt!, 'HH:mm:ss') })}</Typography.Text>
                      </span>
                    ) : (
                      <Typography.Text type="secondary">{t('room.codeNone')}</Typography.Text>
                    )}
                    <Button onClick={() => void act(() => api.room.newCode({}))} disabled={busy} data-testid="room-new-code">
                      {t('room.newCode')}
                    </Button>
                  </Space>
                </Descriptions.Item>
              </>
            )}
          </Descriptions>
        </>
      )}
      <Typography.Title level={5}>{t('room.seats')}</Typography.Title>
      <Table<RoomSeatView> size="small" rowKey="id" pagination={false} dataSource={status.seats} columns={seatColumns} locale={{ emptyText: t('room.noSeats') }} data-testid="room-seats" />
    </Card>
  );
}
