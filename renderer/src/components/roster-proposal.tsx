// Runs in the renderer. The generator's proposal before it is saved: what cannot be staffed and
// why, the fairness counts (year to date), and the month in a compact table.
import { Alert, Modal, Table, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Person } from '../../../shared/domain/person.js';
import type { FairnessRow, Proposal } from '../../../shared/domain/roster/generator.js';
import { useT } from '../i18n.js';
import { weekday } from './roster-common.js';

/** `alert`: why the last save was refused (the month changed meanwhile), shown over the proposal. */
export function RosterProposal({
  proposal,
  people,
  saving,
  onSave,
  onClose,
  alert,
}: {
  proposal: Proposal;
  people: Person[];
  saving: boolean;
  onSave(): void;
  onClose(): void;
  alert?: ReactNode;
}) {
  const t = useT();
  const name = (id: number) => people.find((p) => p.id === id)?.name ?? `#${id}`;
  const role = (r: 'leader' | 'officer') => t(`role.${r}`);
  return (
    <Modal
      open
      width={980}
      title={t('roster.generateTitle', { month: proposal.month })}
      okText={t('roster.save')}
      cancelText={t('common.cancel')}
      onOk={onSave}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'proposal-save' } as Record<`data-${string}`, string>}
    >
      <div data-testid="proposal">
        {alert}
        <Typography.Paragraph type="secondary">{t('roster.generateHint')}</Typography.Paragraph>
        {proposal.shortages.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('roster.shortages')}
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="proposal-shortages">
                {proposal.shortages.map((s) => (
                  <li key={`${s.slotKey}${s.role}`}>
                    {t('roster.shortage', { day: s.day, shift: s.shiftName, role: role(s.role), needed: s.needed, found: s.found })}{' '}
                    {s.excluded.map((e) => t(`roster.excluded.${e.reason}`, { name: e.name, detail: e.detail })).join('；')}
                  </li>
                ))}
              </ul>
            }
          />
        )}
        {proposal.fixedConflicts.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('roster.fixedConflicts')}
            description={proposal.fixedConflicts.map((c) => t(`roster.fixedConflict.${c.reason}`, { day: c.day, name: c.name })).join('；')}
          />
        )}
        <Tabs
          items={[
            {
              key: 'shifts',
              label: t('roster.tab.list'),
              children: (
                <Table
                  size="small"
                  rowKey={(s) => s.slot.key}
                  pagination={false}
                  scroll={{ y: 360 }}
                  dataSource={proposal.shifts}
                  columns={[
                    { title: t('roster.date'), key: 'd', width: 110, render: (_: unknown, s) => s.slot.day },
                    { title: t('roster.weekday'), key: 'w', width: 60, render: (_: unknown, s) => t(`roster.weekday.${weekday(s.slot.day)}` as 'roster.weekday.0') },
                    { title: t('roster.shift'), key: 's', width: 70, render: (_: unknown, s) => s.slot.name },
                    { title: t('roster.remarks'), key: 'k', width: 110, render: (_: unknown, s) => (s.slot.kind === 'workday' ? '' : t(`roster.kind.${s.slot.kind}`)) + (s.slot.labels.length ? ` ${s.slot.labels.join('、')}` : '') },
                    { title: t('roster.leaders'), key: 'l', render: (_: unknown, s) => s.leaders.map(name).join('、') },
                    { title: t('roster.officers'), key: 'o', render: (_: unknown, s) => s.officers.map(name).join('、') },
                  ]}
                />
              ),
            },
            {
              key: 'fair',
              label: t('roster.fairness'),
              children: (
                <>
                  {(['leader', 'officer'] as const).map((r) => (
                    <div key={r} data-testid={`spread-${r}`}>
                      {t('roster.spread', { role: role(r), ...proposal.spread[r] })}
                    </div>
                  ))}
                  <FairnessTable rows={proposal.fairness} />
                </>
              ),
            },
          ]}
        />
      </div>
    </Modal>
  );
}

export function FairnessTable({ rows, compact = false }: { rows: Pick<FairnessRow, 'personId' | 'name' | 'role' | 'month' | 'year'>[]; compact?: boolean }) {
  const t = useT();
  const c = (k: 'total' | 'weekend' | 'holiday', of: 'month' | 'year') => ({
    title: t(`roster.fairness.${k}`),
    key: `${of}${k}`,
    width: compact ? 62 : 70,
    render: (_: unknown, r: (typeof rows)[number]) => r[of][k],
  });
  return (
    <Table
      size="small"
      rowKey={(r) => `${r.role}:${r.personId}`}
      pagination={false}
      dataSource={rows}
      style={{ marginTop: 8 }}
      columns={
        compact
          ? [{ title: t('person.name'), key: 'n', render: (_: unknown, r) => (
                  <span style={{ whiteSpace: 'nowrap' }}>
                    {r.name} <span style={{ opacity: 0.6, fontSize: 11 }}>{t(`role.${r.role}`)}</span>
                  </span>
                ),
              }, c('total', 'year'), c('weekend', 'year'), c('holiday', 'year')]
          : [
              { title: t('person.roles'), key: 'r', width: 100, render: (_: unknown, r) => t(`role.${r.role}`) },
              { title: t('person.name'), dataIndex: 'name' },
              { title: t('roster.fairness.month'), children: [c('total', 'month'), c('weekend', 'month'), c('holiday', 'month')] },
              { title: t('roster.fairness.year'), children: [c('total', 'year'), c('weekend', 'year'), c('holiday', 'year')] },
            ]
      }
    />
  );
}
