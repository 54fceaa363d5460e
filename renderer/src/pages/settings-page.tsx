// Runs in the renderer. Settings: the bureau's name, time zone and duty-day boundary; backups
// (folder, how many to keep, back up now, restore from a backup); the reporting rules in force
// (rule-set-editor.tsx).
import { CloudDownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Space, Table, Tabs, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { BackupFolder } from '../../../shared/api/methods/backup.js';
import { formatInZone } from '../../../shared/domain/duty-day.js';
import { settingsSchema, type Settings } from '../../../shared/domain/settings.js';
import { issueMessage } from '../../../shared/api/issue-message.js';
import { api, ApiCallError } from '../api.js';
import { SealSettings } from '../components/seal-settings.js';
import { useApp } from '../i18n.js';
import { RoomSettings } from './room-settings.js';
import { RuleSetEditor } from './rule-set-editor.js';

type General = Pick<Settings, 'bureauName' | 'timeZone' | 'dutyBoundary' | 'backupDir' | 'backupKeep' | 'lockMinutes'>;
const GENERAL_KEYS = ['bureauName', 'timeZone', 'dutyBoundary', 'backupDir', 'backupKeep', 'lockMinutes'] as const;

function GeneralSettings() {
  const { t, settings, updateSettings } = useApp();
  const { message } = App.useApp();
  const [form] = Form.useForm<General>();
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const values = form.getFieldsValue(true) as General;
    const parsed = settingsSchema.pick({ bureauName: true, timeZone: true, dutyBoundary: true, backupDir: true, backupKeep: true, lockMinutes: true }).safeParse(values, { reportInput: true });
    form.setFields(GENERAL_KEYS.map((name) => ({ name, errors: [] })));
    if (!parsed.success) {
      const first = new Map<string, string>();
      for (const i of parsed.error.issues) {
        const name = String(i.path[0]);
        if (!first.has(name)) first.set(name, issueMessage(t, i) ?? t('validation.invalid', { field: name }));
      }
      form.setFields([...first].map(([name, errors]) => ({ name: name as keyof General, errors: [errors] })));
      return;
    }
    setSaving(true);
    try {
      await updateSettings(parsed.data);
      message.success(t('common.saved'));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={settings} onFinish={() => void save()} style={{ maxWidth: 560 }} data-testid="settings-form">
      <Card size="small" title={t('settings.general')} style={{ marginBottom: 16 }}>
        <Form.Item name="bureauName" label={t('settings.bureauName')} required>
          <Input maxLength={60} data-testid="settings-bureau" />
        </Form.Item>
        <Space.Compact block style={{ gap: 12 }}>
          <Form.Item name="timeZone" label={t('settings.timeZone')} required style={{ flex: 1 }}>
            <Input data-testid="settings-tz" />
          </Form.Item>
          <Form.Item name="dutyBoundary" label={t('settings.dutyBoundary')} required style={{ flex: 1 }}>
            <Input placeholder="08:30" data-testid="settings-boundary" />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="lockMinutes" label={t('settings.lockMinutes')} required style={{ maxWidth: 240 }}>
          <InputNumber min={1} max={240} style={{ width: '100%' }} data-testid="settings-lock-minutes" />
        </Form.Item>
      </Card>
      <Card size="small" title={t('settings.autoBackup')} style={{ marginBottom: 16 }}>
        <Space.Compact block style={{ gap: 12 }}>
          <Form.Item name="backupDir" label={t('settings.backupDir')} extra={t('settings.backupDirHint')} style={{ flex: 3 }}>
            <Input data-testid="settings-backup-dir" />
          </Form.Item>
          <Form.Item name="backupKeep" label={t('settings.backupKeep')} style={{ flex: 1 }}>
            <InputNumber min={1} max={3650} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
      </Card>
      <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} data-testid="settings-save">
        {t('settings.saveGeneral')}
      </Button>
    </Form>
  );
}

function Backups() {
  const { t, settings } = useApp();
  const { message, modal } = App.useApp();
  const [folder, setFolder] = useState<BackupFolder | null>(null);
  const [busy, setBusy] = useState(false);
  const [otherPath, setOtherPath] = useState('');

  const load = useCallback(() => api.backup.list({}).then(setFolder, (e: Error) => message.error(e.message)), [message]);
  useEffect(() => void load(), [load, settings.backupDir]);

  const backupNow = async () => {
    setBusy(true);
    try {
      const f = await api.backup.now({});
      // The list first: the message names a file the table already shows.
      await load();
      message.success(t('backup.done', { name: f.name }));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const restore = async (path: string) => {
    setBusy(true);
    try {
      const r = await api.backup.restore({ path });
      modal.success({ title: t('backup.restored', { path: r.replacedKeptAt ?? '-' }), onOk: () => window.location.reload() });
    } catch (e) {
      modal.error({ title: e instanceof ApiCallError ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('settings.backups')}
      extra={
        <Button icon={<CloudDownloadOutlined />} onClick={() => void backupNow()} loading={busy} data-testid="backup-now">
          {t('backup.now')}
        </Button>
      }
      style={{ maxWidth: 900 }}
    >
      {folder && <Typography.Paragraph type="secondary">{t('backup.folder', { dir: folder.dir })}</Typography.Paragraph>}
      <Table
        size="small"
        rowKey="path"
        dataSource={folder?.files ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('backup.none') }}
        data-testid="backup-table"
        columns={[
          { title: t('backup.file'), dataIndex: 'name' },
          { title: t('backup.at'), dataIndex: 'at', render: (at: number) => formatInZone(at, settings.timeZone, 'yyyy-MM-dd HH:mm:ss') },
          { title: t('backup.size'), dataIndex: 'size', render: (n: number) => `${(n / 1024).toFixed(0)} KB` },
          {
            title: t('common.actions'),
            key: 'restore',
            render: (_: unknown, f: { name: string; path: string }) => (
              <Popconfirm title={t('backup.restoreConfirm', { name: f.name })} onConfirm={() => void restore(f.path)} okText={t('backup.restore')} cancelText={t('common.cancel')}>
                <Button size="small" type="link" danger disabled={busy}>
                  {t('backup.restore')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Space.Compact style={{ width: '100%', marginTop: 12 }}>
        <Input placeholder={t('backup.pathPlaceholder')} value={otherPath} onChange={(e) => setOtherPath(e.target.value)} data-testid="restore-path" />
        <Popconfirm title={t('backup.restoreConfirm', { name: otherPath })} onConfirm={() => void restore(otherPath)} okText={t('backup.restore')} cancelText={t('common.cancel')} disabled={!otherPath.trim()}>
          <Button danger disabled={!otherPath.trim() || busy} data-testid="restore-other">
            {t('backup.restoreOther')}
          </Button>
        </Popconfirm>
      </Space.Compact>
    </Card>
  );
}

export function SettingsPage() {
  const { t } = useApp();
  return (
    <div data-testid="settings-page">
      <div className="page-title">
        <h2>{t('settings.title')}</h2>
      </div>
      <Tabs
        destroyInactiveTabPane
        items={[
          {
            key: 'general',
            label: t('rules.generalTab'),
            children: (
              <Space align="start" wrap size={24}>
                <GeneralSettings />
                <Backups />
                <SealSettings />
              </Space>
            ),
          },
          { key: 'rules', label: <span data-testid="settings-tab-rules">{t('rules.tab')}</span>, children: <RuleSetEditor /> },
          { key: 'room', label: <span data-testid="settings-tab-room">{t('room.title')}</span>, children: <RoomSettings /> },
        ]}
      />
    </div>
  );
}
