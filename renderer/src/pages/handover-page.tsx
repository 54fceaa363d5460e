// Runs in the renderer. 交接班: the current shift's record (pre-filled and snapshotted when
// created, notes by the outgoing shift), the incoming side's signed acknowledgement (name and time,
// remarks), after which the record is read-only; the previous shift's record and earlier ones.
import { App, Button, Card, Descriptions, Empty, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HandoverItem } from '../../../shared/domain/handover-summary.js';
import type { Handover, RosterShift } from '../../../shared/domain/roster/roster.js';
import { api } from '../api.js';
import { DraftNotice } from '../components/draft-notice.js';
import { useSaveConflict } from '../components/save-conflict.js';
import { useDraft } from '../drafts.js';
import { LIVE_TABLES, useLiveRefresh } from '../live.js';
import { saving } from '../save-queue.js';
import { useApp } from '../i18n.js';
import { useFail, useFormat } from '../components/roster-common.js';

/** `overdueBefore`: a time at or after which an item's time is still to come; earlier ones show red. */
function Items({ items, overdueBefore }: { items: HandoverItem[]; overdueBefore?: number }) {
  const { t } = useApp();
  const fmt = useFormat();
  if (items.length === 0) return <Typography.Text type="secondary">{t('handover.nothing')}</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingLeft: 18 }}>
      {items.map((i) => (
        <li key={`${i.id}-${i.title}`}>
          <strong>{i.title}</strong> {i.at !== null && <Tag color={overdueBefore !== undefined && i.at < overdueBefore ? 'red' : undefined}>{fmt(i.at, 'MM-dd HH:mm')}</Tag>} <span style={{ opacity: 0.8 }}>{i.detail}</span>
        </li>
      ))}
    </ul>
  );
}

function HandoverCard({ record, title, onChanged }: { record: Handover; title: string; onChanged(h: Handover): void }) {
  const { t, user } = useApp();
  const { message } = App.useApp();
  const fail = useFail();
  const fmt = useFormat();
  const [notes, setNotes] = useState(record.notes);
  const [form] = Form.useForm<{ personId?: number; remarks?: string }>();
  // The notes as last read: another seat's save replaces them here only while nothing is typed.
  // The notes are saved on the version they were typed on: another seat's save since is refused, naming who and when.
  const seenNotes = useRef(record.notes);
  const typedOn = useRef(record.version);
  const conflict = useSaveConflict(record.version);
  useEffect(() => {
    setNotes((mine) => {
      if (mine !== seenNotes.current) return mine;
      typedOn.current = record.version;
      return record.notes;
    });
    seenNotes.current = record.notes;
  }, [record.notes, record.version]);
  const baseVersion = () => Math.max(typedOn.current, conflict.base);
  /** After a refusal: the record as it is now (the notes typed stay in the box). */
  const reread = async () => {
    const now = (await api.handover.list({ limit: 50 })).find((h) => h.id === record.id);
    if (now) onChanged(now);
    return now?.version ?? null;
  };
  const s = record.shift;
  const readOnly = record.ack !== null;
  // Notes typed and not saved are kept on this computer (drafts.ts); after the line above, so a draft wins over the saved notes.
  const draftRef = useMemo(() => (readOnly ? null : { user: user.username, form: `handover:${record.id}` }), [readOnly, user.username, record.id]);
  const draft = useDraft(draftRef, notes, record.notes, setNotes);
  const saver = useMemo(() => saving({ ...(draftRef ? { draft: draftRef } : {}), user: user.username, onQueued: () => message.warning({ content: t('host.queued'), duration: 6 }) }), [draftRef, user.username, message, t]);
  const saveNotes = async () => {
    try {
      const saved = await saver.handover.updateNotes({ id: record.id, notes, baseVersion: baseVersion() });
      typedOn.current = saved.version;
      seenNotes.current = saved.notes;
      onChanged(saved);
      message.success(t('common.saved'));
    } catch (e) {
      if (!(await conflict.refused(e, reread))) fail(e);
    }
  };
  const ack = async () => {
    const v = form.getFieldsValue(true);
    try {
      if (notes !== record.notes) await saver.handover.updateNotes({ id: record.id, notes, baseVersion: baseVersion() });
      onChanged(await api.handover.acknowledge({ id: record.id, personId: v.personId ?? 0, remarks: v.remarks ?? '' }));
      message.success(t('handover.ackedOk'));
    } catch (e) {
      if (!(await conflict.refused(e, reread))) fail(e);
    }
  };
  const incoming = record.nextShift ? [...record.nextShift.leaders, ...record.nextShift.officers] : [];
  return (
    <Card size="small" title={title} data-testid={`handover-${record.id}`} extra={readOnly ? <Tag color="green">{t('handover.acked', { name: record.ack!.name, at: fmt(record.ack!.at) })}</Tag> : null}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('roster.shift')}>
          {t('handover.shift', { day: s.day, shift: s.name, start: fmt(s.start, 'MM-dd HH:mm'), end: fmt(s.end, 'MM-dd HH:mm') })}：{[...s.leaders, ...s.officers].map((p) => p.name).join('、')}
          <div style={{ opacity: 0.6, fontSize: 12 }}>{t('handover.createdBy', { by: record.createdByName, at: fmt(record.createdAt) })}</div>
        </Descriptions.Item>
        <Descriptions.Item label={t('handover.openIncidents')}>
          <Items items={record.summary.openIncidents} />
        </Descriptions.Item>
        <Descriptions.Item label={t('handover.upcomingDeadlines')}>
          <Items items={record.summary.upcomingDeadlines} overdueBefore={record.createdAt} />
        </Descriptions.Item>
        <Descriptions.Item label={t('handover.openFollowups')}>
          <Items items={record.summary.openFollowups} />
        </Descriptions.Item>
        <Descriptions.Item label={t('handover.unconfirmedSuspicions')}>
          <Items items={record.summary.unconfirmedSuspicions} />
        </Descriptions.Item>
        <Descriptions.Item label={t('handover.noticesOpen')}>
          <div data-testid="handover-notices">
            <Items items={record.summary.openNotices ?? []} />
          </div>
        </Descriptions.Item>
        <Descriptions.Item label={t('handover.checkins')}>
          <Space wrap data-testid="handover-checkins">
            {record.checkins.map((c) => (
              <span key={c.personId}>
                {c.name} {c.at !== null ? fmt(c.at, 'HH:mm') : ''}{' '}
                {c.at === null ? <Tag color="red">{t('handover.checkinMissing')}</Tag> : c.late ? <Tag color="orange">{t('handover.checkinLate')}</Tag> : <Tag color="green">{t('onDuty.checkedIn')}</Tag>}
              </span>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('handover.notes')}>
          <DraftNotice draft={draft} testId="handover-draft" />
          {conflict.alert}
          {readOnly ? (
            <div style={{ whiteSpace: 'pre-wrap' }} data-testid="handover-notes-text">{record.notes || t('handover.nothing')}</div>
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Input.TextArea
                rows={3}
                value={notes}
                onChange={(e) => setNotes(e.target.value)}
                placeholder={t('handover.notesPlaceholder')}
                data-testid="handover-notes"
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && e.ctrlKey) void saveNotes();
                }}
              />
              <Button size="small" onClick={() => void saveNotes()} data-testid="handover-save-notes" title="Ctrl+Enter">
                {t('handover.saveNotes')}
              </Button>
            </Space>
          )}
        </Descriptions.Item>
        {readOnly && record.ack!.remarks && <Descriptions.Item label={t('handover.ackRemarks')}>{record.ack!.remarks}</Descriptions.Item>}
      </Descriptions>
      {!readOnly && (
        <Form form={form} layout="inline" style={{ marginTop: 12, rowGap: 8 }} onFinish={() => void ack()} data-testid="handover-ack-form">
          <Form.Item name="personId" label={t('handover.ackPerson')}>
            <Select style={{ width: 160 }} data-testid="handover-ack-person" options={incoming.map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
          <Form.Item name="remarks" label={t('handover.ackRemarks')}>
            <Input style={{ width: 260 }} data-testid="handover-ack-remarks" />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="handover-ack">
            {t('handover.acknowledge')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

export function HandoverPage() {
  const { t } = useApp();
  const fail = useFail();
  const [state, setState] = useState<{ shift: RosterShift | null; record: Handover | null; previous: Handover | null } | null>(null);
  const [history, setHistory] = useState<Handover[]>([]);
  const load = useCallback(async () => {
    try {
      setState(await api.handover.current({}));
      setHistory(await api.handover.list({ limit: 20 }));
    } catch (e) {
      fail(e);
    }
  }, [fail]);
  useEffect(() => void load(), [load]);
  useLiveRefresh(LIVE_TABLES.handover, load);

  const prepare = async (shiftId: number) => {
    try {
      await api.handover.prepare({ shiftId });
      await load();
    } catch (e) {
      fail(e);
    }
  };

  const shown = new Set([state?.record?.id, state?.previous?.id]);
  return (
    <div data-testid="handover-page">
      <div className="page-title">
        <h2>{t('handover.title')}</h2>
        <Typography.Text type="secondary">{t('handover.subtitle')}</Typography.Text>
      </div>
      {state && !state.shift && <Empty description={t('handover.noShift')} />}
      {state?.shift && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {state.record ? (
            <HandoverCard record={state.record} title={t('handover.current')} onChanged={() => void load()} />
          ) : (
            <Card size="small" title={t('handover.current')}>
              <Typography.Paragraph type="secondary">{t('handover.prepareHint')}</Typography.Paragraph>
              <Button type="primary" onClick={() => void prepare(state.shift!.id)} data-testid="handover-prepare">
                {t('handover.prepare')}
              </Button>
            </Card>
          )}
          {state.previous ? (
            <HandoverCard record={state.previous} title={t('handover.previous')} onChanged={() => void load()} />
          ) : (
            <Card size="small" title={t('handover.previous')}>
              <Typography.Text type="secondary">{t('handover.none')}</Typography.Text>
            </Card>
          )}
        </Space>
      )}
      {history.filter((h) => !shown.has(h.id)).length > 0 && (
        <Card size="small" title={t('handover.history')} style={{ marginTop: 16 }}>
          <List
            size="small"
            dataSource={history.filter((h) => !shown.has(h.id))}
            renderItem={(h) => (
              <List.Item>
                {h.shift.day} {h.shift.name} · {h.ack ? <Tag color="green">{h.ack.name}</Tag> : <Tag color="orange">{t('handover.notAcked')}</Tag>} {h.notes.slice(0, 80)}
              </List.Item>
            )}
          />
        </Card>
      )}
    </div>
  );
}
