// Runs in the renderer. 督办: every flag in a work queue, in the order of what matters (suspected
// concealment, omission and false reports first, then the latest reports, missing items last),
// each saying in words what is wrong, filtered by kind, unit and review state, paged with the count
// of all; confirmed or dismissed by a leader with a written reason; urging a unit (催报) and
// supervised items (督办事项) with an owner, a due time and a result. Everything here is audited by
// the services.
import { App, Button, Form, Input, Modal, Segmented, Select, Space, Table, Tabs, Tag, Tooltip, Typography, type ButtonProps } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { flagProblemText, noticeFlagProblemText, QUEUE_CODES, type FlagQueuePage, type QueueCode, type QueueReview, type QueueRow } from '../../../shared/domain/flag-queue.js';
import { parseTypedTime } from '../../../shared/domain/incident-time.js';
import type { Followup, FollowupKind, QueueFlag } from '../../../shared/domain/incident.js';
import type { NoticeFlagRow } from '../../../shared/domain/notice.js';
import { flagDutyAtDeadline } from '../../../shared/domain/on-duty.js';
import { mayCall } from '../../../shared/api/roles.js';
import { api } from '../api.js';
import { DraftNotice } from '../components/draft-notice.js';
import { LIVE_TABLES, useLiveRefresh } from '../live.js';
import { FlagTag, useFmt } from '../components/incident-bits.js';
import { useSaveConflict } from '../components/save-conflict.js';
import { useDraft } from '../drafts.js';
import { saving } from '../save-queue.js';
import { useApp } from '../i18n.js';
import '../incidents.css';
import { serverNow } from '../clock.js';

/** A flag's review: pending, or who confirmed or dismissed it and why. */
function ReviewState({ flag: f }: { flag: { review: 'pending' | 'confirmed' | 'dismissed'; reviewedBy: string | null; reviewReason: string | null } }) {
  const { t } = useApp();
  if (f.review === 'pending') return <Tag>{t('flag.review.pending')}</Tag>;
  return (
    <span>
      <Tag color={f.review === 'confirmed' ? 'red' : 'default'}>{t(`flag.review.${f.review}`)}</Tag>
      <Typography.Text type="secondary">{`${f.reviewedBy}：${f.reviewReason}`}</Typography.Text>
    </span>
  );
}

type Review = { flag: QueueFlag; decision: 'confirmed' | 'dismissed' } | { noticeFlag: NoticeFlagRow; decision: 'confirmed' | 'dismissed' } | null;
type NewFollowup = { flag: QueueFlag; kind: FollowupKind } | null;

export function FollowupPage() {
  const { t, settings, user } = useApp();
  const { message } = App.useApp();
  const fmt = useFmt();
  const [filter, setFilter] = useState<QueueReview>('pending');
  const [codes, setCodes] = useState<QueueCode[]>([]);
  const [unit, setUnit] = useState('');
  const [page, setPage] = useState({ current: 1, size: 50 });
  const [queue, setQueue] = useState<FlagQueuePage & { now: number }>({ total: 0, offset: 0, rows: [], units: [], byCode: {}, now: 0 });
  const [items, setItems] = useState<Followup[]>([]);
  const [itemFilter, setItemFilter] = useState<'open' | 'done' | 'all'>('open');
  const [review, setReview] = useState<Review>(null);
  const [newItem, setNewItem] = useState<NewFollowup>(null);
  const [completing, setCompleting] = useState<Followup | null>(null);
  const [form, setForm] = useState({ leader: '', reason: '', subject: '', owner: '', due: '', result: '' });
  const [defaultLeader, setDefaultLeader] = useState('');
  // A flag decided meanwhile by another seat: why this decision was refused, over the form as typed.
  const reviewConflict = useSaveConflict();
  // The review's leader and reason as typed are kept on this computer per flag and decision (drafts.ts).
  const reviewDraftRef = useMemo(
    () => (review ? { user: user.username, form: `${'flag' in review ? 'flag' : 'notice-flag'}-review:${'flag' in review ? review.flag.id : review.noticeFlag.id}:${review.decision}` } : null),
    [review, user.username],
  );
  const reviewDraft = useDraft(reviewDraftRef, { leader: form.leader, reason: form.reason }, { leader: defaultLeader, reason: '' }, (v) => setForm((f) => ({ ...f, ...v })));

  const load = useCallback(async () => {
    try {
      const [q, f] = await Promise.all([
        api.flags.queue({ review: filter, codes, unit, offset: (page.current - 1) * page.size, limit: page.size }),
        api.followups.list({ status: itemFilter }),
      ]);
      setQueue({ ...q, now: serverNow() });
      setItems(f);
    } catch (e) {
      message.error((e as Error).message);
    }
  }, [filter, codes, unit, page, itemFilter, message]);
  // A filter changed: back to the first page.
  const refilter = <V,>(set: (v: V) => void) => (v: V) => (set(v), setPage((p) => ({ ...p, current: 1 })));
  useEffect(() => void load(), [load]);
  // A review at another seat, a flag raised by the rules clock, a follow-up item done: read again.
  useLiveRefresh([...LIVE_TABLES.flags, 'notices', 'notice_steps'], load);
  useEffect(() => {
    void api.flags.leaderOnDuty({}).then((r) => setDefaultLeader(r.leader ?? ''), () => undefined);
  }, []);

  const startReview = (row: QueueRow, decision: 'confirmed' | 'dismissed') => {
    setForm((f) => ({ ...f, leader: defaultLeader, reason: '' }));
    reviewConflict.open(0);
    setReview(row.source === 'incident' ? { flag: row, decision } : { noticeFlag: row, decision });
  };
  const startFollowup = (flag: QueueFlag, kind: FollowupKind) => {
    const what = t(`deadline.${flag.code}`);
    setForm((f) => ({ ...f, subject: kind === 'urge' ? t('followup.urgeSubject', { unit: flag.responsibleUnit, what }) : `${flag.incidentNumber} ${t(`flag.code.${flag.code}`)}`, owner: '', due: '' }));
    setNewItem({ flag, kind });
  };

  const submitReview = async () => {
    if (!review) return;
    try {
      const input = { decision: review.decision, leader: form.leader, reason: form.reason };
      const saver = saving({ ...(reviewDraftRef ? { draft: reviewDraftRef } : {}), user: user.username, onQueued: () => message.warning({ content: t('host.queued'), duration: 6 }) });
      if ('flag' in review) await saver.flags.review({ ...input, flagId: review.flag.id });
      else await saver.notices.reviewFlag({ ...input, flagId: review.noticeFlag.id });
      message.success(t('flag.reviewed'));
      setReview(null);
      await load();
    } catch (e) {
      // Decided meanwhile (or cleared): the queue shows the flag as it is now; the dialog stays with what was typed.
      if (!(await reviewConflict.refused(e, async () => (await load(), null)))) message.error((e as Error).message);
    }
  };
  const submitFollowup = async () => {
    if (!newItem) return;
    const due = parseTypedTime(form.due, settings.timeZone, serverNow());
    if (due === null) return message.error(t('incident.timeInvalid'));
    try {
      await api.followups.create({ incidentId: newItem.flag.incidentId, flagId: newItem.flag.id, kind: newItem.kind, subject: form.subject, owner: form.owner, dueAt: due });
      message.success(t('common.saved'));
      setNewItem(null);
      await load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const submitComplete = async () => {
    if (!completing) return;
    try {
      await api.followups.complete({ id: completing.id, result: form.result });
      message.success(t('common.saved'));
      setCompleting(null);
      await load();
    } catch (e) {
      // Completed meanwhile by another seat: the list shows its result; the dialog keeps what was typed.
      if (!(await reviewConflict.refused(e, async () => (await load(), null)))) message.error((e as Error).message);
    }
  };

  const fmtShort = (ms: number) => fmt(ms, 'MM-dd HH:mm');
  const queueTab = (
    <>
      <Space wrap style={{ marginBottom: 12 }} data-testid="queue-filters">
        <Segmented
          value={filter}
          onChange={refilter((v) => setFilter(v as QueueReview))}
          data-testid="queue-filter"
          options={[
            { value: 'pending', label: t('followup.filterPending') },
            { value: 'confirmed', label: t('followup.filterConfirmed') },
            { value: 'dismissed', label: t('followup.filterDismissed') },
            { value: 'all', label: t('followup.filterAll') },
          ]}
        />
        <Select<QueueCode[]>
          mode="multiple"
          allowClear
          style={{ minWidth: 240 }}
          placeholder={t('followup.filterKind')}
          value={codes}
          onChange={refilter(setCodes)}
          optionFilterProp="label"
          data-testid="queue-kind"
          options={QUEUE_CODES.map((c) => ({ value: c, label: `${t(`flag.code.${c}`)}（${queue.byCode[c] ?? 0}）` }))}
        />
        <Select<string>
          allowClear
          showSearch
          style={{ minWidth: 180 }}
          placeholder={t('followup.filterUnit')}
          value={unit || undefined}
          onChange={refilter((v: string | undefined) => setUnit(v ?? ''))}
          optionFilterProp="label"
          data-testid="queue-unit"
          options={(unit && !queue.units.includes(unit) ? [unit, ...queue.units] : queue.units).map((u) => ({ value: u, label: u }))}
        />
        <Tooltip title={t('followup.orderHint')}>
          <Typography.Text type="secondary" data-testid="queue-total">
            {t('followup.total', { n: queue.total })}
          </Typography.Text>
        </Tooltip>
      </Space>
      <Table<QueueRow>
        rowKey={(f) => `${f.source}-${f.id}`}
        size="small"
        dataSource={queue.rows}
        data-testid="flag-queue"
        pagination={{
          current: page.current,
          pageSize: page.size,
          total: queue.total,
          showSizeChanger: true,
          pageSizeOptions: [50, 100, 200],
          showTotal: (n) => t('followup.total', { n }),
          onChange: (current, size) => setPage({ current: size === page.size ? current : 1, size }),
        }}
        locale={{ emptyText: t('common.empty') }}
        columns={[
          {
            title: t('followup.source'),
            key: 'source',
            width: 64,
            render: (_: unknown, f) => <Tag color={f.source === 'notice' ? 'blue' : 'default'}>{t(`followup.source.${f.source}`)}</Tag>,
          },
          {
            title: t('followup.record'),
            key: 'record',
            width: 150,
            render: (_: unknown, f) => (f.source === 'incident' ? <a href={`#/log/${f.incidentId}`}>{f.incidentNumber}</a> : <a href={`#/relay/${f.noticeId}`}>{f.noticeTitle}</a>),
          },
          { title: t('noticeFlag.unit'), key: 'unit', width: 120, render: (_: unknown, f) => (f.source === 'incident' ? f.responsibleUnit : (f.unitName ?? t('noticeFlag.dutyRoom'))) },
          {
            title: t('incident.category'),
            key: 'cat',
            width: 150,
            render: (_: unknown, f) => (f.source === 'incident' ? `${t(`category.${f.category}`)} ${f.place}` : t(`noticeFlag.step.${f.step}`)),
          },
          {
            title: t('followup.problem'),
            key: 'flag',
            render: (_: unknown, f) =>
              f.source === 'incident' ? (
                <div>
                  <FlagTag flag={f} withItems={false} />
                  <div className="flag-problem" data-testid={`flag-problem-${f.id}`}>
                    {flagProblemText(t, f, fmtShort, queue.now)}
                  </div>
                </div>
              ) : (
                <div>
                  <Tag color={f.status === 'overdue' ? 'red' : 'orange'}>{t(`flag.code.${f.code}`)}</Tag>
                  <div className="flag-problem" data-testid={`notice-flag-problem-${f.id}`}>
                    {noticeFlagProblemText(t, f, fmtShort, queue.now)}
                  </div>
                </div>
              ),
          },
          {
            title: t('flag.onDutyColumn'),
            key: 'duty',
            width: 170,
            render: (_: unknown, f) => {
              if (!f.onDutyText) return <Typography.Text type="secondary">{t('flag.noRoster')}</Typography.Text>;
              if (f.source === 'notice') return f.onDutyText;
              const at = flagDutyAtDeadline(f, f.raisedAt) ? 'flag.dutyAtDeadline' : 'flag.dutyAtReport';
              return (
                <div>
                  {f.onDutyText}
                  <div className="timeline-meta">{t(at)}</div>
                </div>
              );
            },
          },
          {
            title: t('common.status'),
            key: 'review',
            width: 180,
            render: (_: unknown, f) => <ReviewState flag={f} />,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 230,
            render: (_: unknown, f) => {
              const prefix = f.source === 'incident' ? 'flag' : 'notice-flag';
              const mayReview = f.review === 'pending' && mayCall(f.source === 'incident' ? 'flags.review' : 'notices.reviewFlag', user.role);
              return (
                <Space size={4}>
                  {mayReview && (
                    <>
                      <Button size="small" danger onClick={() => startReview(f, 'confirmed')} data-testid={`${prefix}-confirm-${f.id}`}>
                        {t('flag.confirm')}
                      </Button>
                      <Button size="small" onClick={() => startReview(f, 'dismissed')} data-testid={`${prefix}-dismiss-${f.id}`}>
                        {t('flag.dismiss')}
                      </Button>
                    </>
                  )}
                  {f.source === 'incident' && (
                    <>
                      <Button size="small" type="link" onClick={() => startFollowup(f, 'urge')} data-testid={`flag-urge-${f.id}`}>
                        {t('followup.urge')}
                      </Button>
                      <Button size="small" type="link" onClick={() => startFollowup(f, 'supervise')}>
                        {t('followup.supervise')}
                      </Button>
                    </>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
    </>
  );

  const followups = (
    <>
      <Segmented
        style={{ marginBottom: 12 }}
        value={itemFilter}
        onChange={(v) => setItemFilter(v as typeof itemFilter)}
        options={[
          { value: 'open', label: t('followup.status.open') },
          { value: 'done', label: t('followup.status.done') },
          { value: 'all', label: t('followup.filterAll') },
        ]}
      />
      <Table<Followup>
        rowKey="id"
        size="small"
        dataSource={items}
        data-testid="followup-items"
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('common.empty') }}
        columns={[
          { title: t('incident.number'), dataIndex: 'incidentNumber', width: 96, render: (n: string, f) => <a href={`#/log/${f.incidentId}`}>{n}</a> },
          { title: '', dataIndex: 'kind', width: 90, render: (k: FollowupKind) => <Tag>{t(`followup.kind.${k}`)}</Tag> },
          { title: t('followup.subject'), dataIndex: 'subject' },
          { title: t('followup.owner'), dataIndex: 'owner', width: 90 },
          {
            title: t('followup.dueAt'),
            dataIndex: 'dueAt',
            width: 150,
            render: (v: number, f) => (f.status === 'open' && v < serverNow() ? <Typography.Text type="danger" title={t('followup.overdueItem')}>{fmt(v)}</Typography.Text> : fmt(v)),
          },
          { title: t('followup.result'), dataIndex: 'result', render: (v: string | null) => v ?? '' },
          {
            title: t('common.actions'),
            key: 'a',
            width: 90,
            render: (_: unknown, f) =>
              f.status === 'open' ? (
                <Button size="small" onClick={() => (setForm((x) => ({ ...x, result: '' })), reviewConflict.open(0), setCompleting(f))} data-testid={`followup-complete-${f.id}`}>
                  {t('followup.complete')}
                </Button>
              ) : (
                <Tag color="green">{t('followup.status.done')}</Tag>
              ),
          },
        ]}
      />
    </>
  );

  return (
    <div data-testid="followup-page">
      <div className="page-title">
        <h2>{t('followup.title')}</h2>
      </div>
      <Tabs
        items={[
          { key: 'queue', label: t('followup.queue'), children: queueTab },
          { key: 'items', label: t('followup.items'), children: followups },
        ]}
      />
      <Modal
        open={review !== null}
        title={
          review
            ? t('flag.reviewTitle', {
                decision: t(review.decision === 'confirmed' ? 'flag.confirm' : 'flag.dismiss'),
                code: t(`flag.code.${'flag' in review ? review.flag.code : review.noticeFlag.code}`),
                number: 'flag' in review ? review.flag.incidentNumber : `${review.noticeFlag.noticeTitle} ${review.noticeFlag.unitName ?? t('noticeFlag.dutyRoom')}`,
              })
            : ''
        }
        onCancel={() => setReview(null)}
        onOk={() => void submitReview()}
        okText={t(review?.decision === 'dismissed' ? 'flag.dismiss' : 'flag.confirm')}
        cancelText={t('common.cancel')}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'review-save', danger: review?.decision === 'confirmed' } as ButtonProps}
      >
        {reviewConflict.alert}
        <DraftNotice draft={reviewDraft} testId="review-draft" />
        <Form layout="vertical">
          <Form.Item label={t('flag.leader')} required>
            <Input autoFocus value={form.leader} onChange={(e) => setForm({ ...form, leader: e.target.value })} data-testid="review-leader" />
          </Form.Item>
          <Form.Item label={t('flag.reviewReason')} required>
            <Input.TextArea rows={3} placeholder={t('flag.reviewReasonPlaceholder')} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} data-testid="review-reason" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={newItem !== null}
        title={newItem ? t(newItem.kind === 'urge' ? 'followup.urge' : 'followup.supervise') : ''}
        onCancel={() => setNewItem(null)}
        onOk={() => void submitFollowup()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'followup-save' } as ButtonProps}
      >
        <Form layout="vertical">
          <Form.Item label={t('followup.subject')} required>
            <Input value={form.subject} onChange={(e) => setForm({ ...form, subject: e.target.value })} data-testid="followup-subject" />
          </Form.Item>
          <Form.Item label={t('followup.owner')} required>
            <Input autoFocus value={form.owner} onChange={(e) => setForm({ ...form, owner: e.target.value })} data-testid="followup-owner" />
          </Form.Item>
          <Form.Item label={t('followup.dueAt')} required>
            <Input placeholder="2026-11-24 12:00 / 12:00" value={form.due} onChange={(e) => setForm({ ...form, due: e.target.value })} data-testid="followup-due" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={completing !== null}
        title={t('followup.complete')}
        onCancel={() => setCompleting(null)}
        onOk={() => void submitComplete()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'followup-complete-save' } as ButtonProps}
      >
        {reviewConflict.alert}
        <Form layout="vertical">
          <Form.Item label={t('followup.result')} required>
            <Input.TextArea autoFocus rows={3} value={form.result} onChange={(e) => setForm({ ...form, result: e.target.value })} data-testid="followup-result" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
