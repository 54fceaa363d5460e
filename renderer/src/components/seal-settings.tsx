// Runs in the renderer. Settings → 审计封印: whether the record verifies, a full verification on
// demand (optionally against an anchor printed on a bulletin), and the seal key's export, import
// and rotation (docs/audit.md). Every key action is recorded on the audit chain by the server.
import { KeyOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, List, Space, Typography, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { RecordStatusView, RecordVerifyView } from '../../../shared/api/methods/audit.js';
import { formatInZone } from '../../../shared/domain/duty-day.js';
import { api } from '../api.js';
import { downloadFile } from '../download.js';
import { useApp } from '../i18n.js';
import { problemText } from './record-warning.js';

const stateKey = {
  ok: 'seal.stateOk',
  failed: 'seal.stateFailed',
  'key-missing': 'seal.stateKeyMissing',
  unsealed: 'seal.stateUnsealed',
  checking: 'seal.stateChecking',
} as const;

export function SealSettings() {
  const { t, settings } = useApp();
  const { message, modal } = App.useApp();
  const [status, setStatus] = useState<RecordStatusView | null>(null);
  const [result, setResult] = useState<RecordVerifyView | null>(null);
  const [anchor, setAnchor] = useState('');
  const [busy, setBusy] = useState(false);
  const [exportForm] = Form.useForm<{ passphrase: string; again: string }>();
  const [importForm] = Form.useForm<{ passphrase: string }>();
  const [importFile, setImportFile] = useState<File | null>(null);
  const [reason, setReason] = useState('');

  const load = useCallback(() => api.audit.status({}).then(setStatus, (e: Error) => message.error(e.message)), [message]);
  useEffect(() => void load(), [load]);

  /** One action at a time: the buttons wait, a refusal is said in the server's words. */
  const busyWith = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const verify = () =>
    busyWith(async () => {
      setResult(await api.audit.verify(anchor.trim() ? { anchor: anchor.trim() } : {}));
      await load();
    });

  const doExport = async () => {
    const { passphrase, again } = exportForm.getFieldsValue(true) as { passphrase?: string; again?: string };
    if (!passphrase || passphrase.length < 10) return exportForm.setFields([{ name: 'passphrase', errors: [t('seal.passphraseShort')] }]);
    if (passphrase !== again) return exportForm.setFields([{ name: 'again', errors: [t('seal.passphraseMismatch')] }]);
    await busyWith(async () => {
      downloadFile(await api.audit.keyExport({ passphrase }));
      exportForm.resetFields();
    });
  };

  const doImport = async () => {
    const { passphrase } = importForm.getFieldsValue(true) as { passphrase?: string };
    const file = importFile;
    if (!file) return;
    await busyWith(async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let bin = '';
      for (const b of bytes) bin += String.fromCharCode(b);
      const r = await api.audit.keyImport({ contentBase64: btoa(bin), passphrase: passphrase ?? '' });
      const text = !r.matches
        ? t('seal.importedOther', { keyId: r.keyId, need: r.need ?? '-' })
        : r.unverified
          ? t('seal.importedUnverified', { keyId: r.keyId, from: r.unverified[0], to: r.unverified[1] })
          : t('seal.imported', { keyId: r.keyId });
      modal.info({ title: text });
      importForm.resetFields();
      setImportFile(null);
      await load();
    });
  };

  const rotate = () =>
    busyWith(async () => {
      const r = await api.audit.keyRotate({ reason });
      message.success(t('seal.rotated', { from: r.from, to: r.to }));
      setReason('');
      await load();
    });

  const shown = result ?? null;
  const problems = shown ? shown.problems : (status?.problems ?? []);
  return (
    <Card size="small" title={t('seal.title')} style={{ maxWidth: 900 }} data-testid="seal-settings">
      <Typography.Paragraph type="secondary">{t('seal.intro')}</Typography.Paragraph>
      {status && (
        <Typography.Paragraph data-testid="seal-state">
          <Typography.Text strong type={status.state === 'ok' ? 'success' : status.state === 'checking' ? undefined : 'danger'}>
            {t(stateKey[shown?.state ?? status.state])}
          </Typography.Text>
          {status.last && (
            <>
              {' '}
              {t('seal.lastCheck', {
                scope: t(status.last.scope === 'full' ? 'seal.scopeFull' : 'seal.scopeStart'),
                at: formatInZone(status.last.at, settings.timeZone, 'yyyy-MM-dd HH:mm:ss'),
                ms: status.last.ms,
                auditRows: status.last.auditRows,
                sealedRows: status.last.sealedRows,
              })}
              <br />
              {t('seal.head', { anchor: `${status.last.head.id}:${status.last.head.hash.slice(0, 12)}` })}
            </>
          )}
          {status.keyId && (
            <>
              <br />
              {t('seal.keyId', { keyId: status.keyId })}
            </>
          )}
        </Typography.Paragraph>
      )}
      <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
        <Input placeholder={t('seal.anchor')} value={anchor} onChange={(e) => setAnchor(e.target.value)} onPressEnter={() => void verify()} data-testid="seal-anchor" />
        <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={() => void verify()} loading={busy} data-testid="seal-verify">
          {t('seal.verifyNow')}
        </Button>
      </Space.Compact>
      {shown?.anchor && (
        <Typography.Paragraph type={shown.anchor.ok ? 'success' : 'danger'} data-testid="seal-anchor-result">
          {shown.anchor.detail}
        </Typography.Paragraph>
      )}
      {problems.length > 0 && (
        <List
          size="small"
          header={<Typography.Text type="danger">{t('seal.problems')}</Typography.Text>}
          dataSource={problems}
          data-testid="seal-problems"
          renderItem={(p) => <List.Item>{problemText(t, p)}</List.Item>}
        />
      )}
      <Space align="start" wrap size={24} style={{ marginTop: 12 }}>
        <Form form={exportForm} layout="vertical" style={{ width: 260 }} onFinish={() => void doExport()}>
          <Typography.Text strong>{t('seal.exportKey')}</Typography.Text>
          <Typography.Paragraph type="secondary">{t('seal.exportHint')}</Typography.Paragraph>
          <Form.Item name="passphrase" label={t('seal.passphrase')}>
            <Input.Password autoComplete="new-password" data-testid="seal-export-passphrase" />
          </Form.Item>
          <Form.Item name="again" label={t('seal.passphraseAgain')}>
            <Input.Password autoComplete="new-password" data-testid="seal-export-again" />
          </Form.Item>
          <Button htmlType="submit" icon={<KeyOutlined />} disabled={busy} data-testid="seal-export">
            {t('seal.exportKey')}
          </Button>
        </Form>
        <Form form={importForm} layout="vertical" style={{ width: 260 }} onFinish={() => void doImport()}>
          <Typography.Text strong>{t('seal.importKey')}</Typography.Text>
          <Typography.Paragraph type="secondary">{t('seal.importHint')}</Typography.Paragraph>
          <Form.Item label={t('seal.importFile')}>
            <Upload
              maxCount={1}
              accept=".json"
              beforeUpload={(f) => (setImportFile(f), false)}
              onRemove={() => setImportFile(null)}
              fileList={importFile ? [{ uid: '1', name: importFile.name, status: 'done' }] : []}
            >
              <Button data-testid="seal-import-file">{t('seal.importFile')}</Button>
            </Upload>
          </Form.Item>
          <Form.Item name="passphrase" label={t('seal.passphrase')}>
            <Input.Password autoComplete="off" data-testid="seal-import-passphrase" />
          </Form.Item>
          <Button htmlType="submit" icon={<KeyOutlined />} disabled={busy || !importFile} data-testid="seal-import">
            {t('seal.importKey')}
          </Button>
        </Form>
        <div style={{ width: 260 }}>
          <Typography.Text strong>{t('seal.rotateKey')}</Typography.Text>
          <Typography.Paragraph type="secondary">{t('seal.rotateHint')}</Typography.Paragraph>
          <Input placeholder={t('seal.rotateReason')} value={reason} onChange={(e) => setReason(e.target.value)} style={{ marginBottom: 8 }} data-testid="seal-rotate-reason" />
          <Button danger disabled={busy || !reason.trim()} onClick={() => void rotate()} data-testid="seal-rotate">
            {t('seal.rotateKey')}
          </Button>
        </div>
      </Space>
    </Card>
  );
}
