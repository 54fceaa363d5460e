// Runs in the renderer. 单位问责台账: per unit and year, the findings a leader confirmed, the notice
// list (通报), heavier penalty (从重处罚), the veto (一票否决) and the summons recommendation (约谈),
// exportable to Excel.
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Empty, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Ledger, LedgerFinding, LedgerUnit } from '../../../shared/domain/incident.js';
import { formatInZone } from '../../../shared/domain/duty-day.js';
import { api } from '../api.js';
import { downloadFile } from '../download.js';
import { useFmt } from '../components/incident-bits.js';
import { useApp } from '../i18n.js';
import { serverNow } from '../clock.js';

export function LedgerPage() {
  const { t, settings } = useApp();
  const { message } = App.useApp();
  const fmt = useFmt();
  const [year, setYear] = useState(() => Number(formatInZone(serverNow(), settings.timeZone, 'yyyy')));
  const [ledger, setLedger] = useState<Ledger | null>(null);
  const [exporting, setExporting] = useState(false);

  const load = useCallback(async () => {
    try {
      setLedger(await api.ledger.get({ year }));
    } catch (e) {
      message.error((e as Error).message);
    }
  }, [year, message]);
  useEffect(() => void load(), [load]);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      downloadFile(await api.ledger.export({ year }));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setExporting(false);
    }
  };

  const findingsTable = (u: LedgerUnit) => (
    <Table<LedgerFinding>
      rowKey="flagId"
      size="small"
      pagination={false}
      dataSource={u.findings}
      columns={[
        { title: t('ledger.incidentNumber'), dataIndex: 'incidentNumber', width: 100, render: (n: string, f) => <a href={`#/log/${f.incidentId}`}>{n}</a> },
        { title: t('ledger.flag'), dataIndex: 'code', width: 130, render: (c: LedgerFinding['code']) => t(`flag.code.${c}`) },
        { title: t('ledger.deadline'), dataIndex: 'deadline', width: 140, render: (v: number | null) => fmt(v) },
        { title: t('ledger.actual'), dataIndex: 'actual', width: 140, render: (v: number | null) => fmt(v) },
        { title: t('ledger.minutesLate'), dataIndex: 'minutesLate', width: 90 },
        { title: t('ledger.confirmedAt'), dataIndex: 'confirmedAt', width: 140, render: (v: number) => fmt(v) },
        { title: t('ledger.confirmedBy'), dataIndex: 'confirmedBy', width: 90 },
        { title: t('ledger.reason'), dataIndex: 'reason' },
      ]}
    />
  );

  return (
    <div data-testid="ledger-page">
      <div className="page-title">
        <h2>{t('ledger.title')}</h2>
        <Typography.Text type="secondary">{t('ledger.subtitle')}</Typography.Text>
      </div>
      <Space style={{ marginBottom: 12 }}>
        <span>{t('ledger.year')}</span>
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} data-testid="ledger-year" />
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="ledger-export">
          {t('ledger.export')}
        </Button>
        {ledger && <Typography.Text type="secondary">{t('ledger.asOf', { at: fmt(ledger.asOf) })}</Typography.Text>}
      </Space>
      <Table<LedgerUnit>
        // Remounted once loaded, so that every unit opens with its findings shown.
        key={ledger ? `${ledger.year}:${ledger.units.length}` : 'loading'}
        rowKey="unit"
        size="middle"
        loading={!ledger}
        dataSource={ledger?.units ?? []}
        data-testid="ledger-table"
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ledger.empty')} /> }}
        expandable={{ expandedRowRender: findingsTable, defaultExpandAllRows: true }}
        columns={[
          { title: t('ledger.unit'), dataIndex: 'unit', render: (v: string) => <strong>{v}</strong> },
          { title: t('ledger.findings'), key: 'n', width: 100, render: (_: unknown, u) => u.findings.length },
          { title: t('ledger.notices'), key: 'notice', width: 100, render: (_: unknown, u) => u.notices.length },
          { title: t('ledger.heavier'), key: 'heavier', width: 110, render: (_: unknown, u) => u.heavierPenalty.length },
          { title: t('ledger.veto'), key: 'veto', width: 110, render: (_: unknown, u) => (u.vetoed ? <Tag color="red">{t('ledger.vetoYes')}</Tag> : t('ledger.no')) },
          {
            title: t('ledger.summons'),
            key: 'summons',
            width: 230,
            render: (_: unknown, u) => (u.summonsRecommended ? <Tag color="volcano">{t('ledger.summonsYes', { count: u.summonsCount })}</Tag> : t('ledger.no')),
          },
          { title: t('ledger.zeroMissing'), dataIndex: 'zeroMissing', width: 110, render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
          { title: t('ledger.zeroLate'), dataIndex: 'zeroLate', width: 110, render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : 0) },
          { title: t('ledger.relayMissing'), dataIndex: 'relayMissing', width: 110, render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
          { title: t('ledger.relayLate'), dataIndex: 'relayLate', width: 110, render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : 0) },
        ]}
      />
    </div>
  );
}
