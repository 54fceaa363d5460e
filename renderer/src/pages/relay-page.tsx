// Runs in the renderer. 传达回执: the notices of the last days (or the one in the address) × their
// units, each cell the relay (time, means), the receipt (time, receiver) and the feedback, coloured
// by the receipt's state. Keyboard-first like intake: arrow keys move between cells; R logs the
// unit's receipt now (the receiver's name, Enter saves) and moves on to the next unit still owing
// one; F logs its feedback; P a relay to it by phone (who answered); B relays the notice to every
// unit not yet relayed in one dialog (fax, SMS platform or system); N logs a new notice. Every
// write is a new row, audited by the services; corrections are made as revisions.
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Form, Input, InputNumber, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parseTypedTime } from '../../../shared/domain/incident-time.js';
import { NOTICE_KINDS, noticeTitle, RELAY_MEANS, type Notice, type NoticeKind, type NoticeStepRow, type RelayCell, type RelayGrid, type RelayMeans, type UnitGroup } from '../../../shared/domain/notice.js';
import type { Unit } from '../../../shared/domain/unit.js';
import { api } from '../api.js';
import { LIVE_TABLES, useLiveRefresh } from '../live.js';
import { serverNow } from '../clock.js';
import { REJUDGED_EVENT, useFmt } from '../components/incident-bits.js';
import { moveByArrow } from '../components/grid-keys.js';
import { RoleButton } from '../components/role-gate.js';
import { DraftNotice } from '../components/draft-notice.js';
import { useSaveConflict } from '../components/save-conflict.js';
import { clearDraft, useDraft } from '../drafts.js';
import { downloadFile } from '../download.js';
import { useApp } from '../i18n.js';
import '../incidents.css';

const COLORS: Record<RelayCell['receipt'], string> = { not_relayed: '#fafafa', pending: '#f0f0f0', on_time: '#d9f7be', late: '#ffe7ba', missing: '#ffccc7' };
const SEVERITY: RelayCell['receipt'][] = ['not_relayed', 'on_time', 'pending', 'late', 'missing'];
/** A cell shows the worse of its receipt and its feedback (feedback not asked counts for nothing). */
const cellColor = (x: RelayCell) => {
  const fb = x.feedback === 'not_asked' || x.receipt === 'not_relayed' ? 'not_relayed' : x.feedback;
  return COLORS[SEVERITY.indexOf(fb) > SEVERITY.indexOf(x.receipt) ? fb : x.receipt];
};
const noticeIdFromHash = () => Number(/^#\/relay\/(\d+)/.exec(window.location.hash)?.[1] ?? 0) || null;

type Action = { kind: 'receipt' | 'feedback' | 'phone' | 'bulk' | 'history'; noticeIndex: number; unitId: number } | { kind: 'new' } | { kind: 'revise'; notice: Notice } | { kind: 'groups' } | null;

/** A typed time, or now when left blank; null when it does not read. */
function typedOrNow(text: string, timeZone: string): number | null | undefined {
  return text.trim() ? parseTypedTime(text, timeZone, serverNow()) : undefined;
}

/** The incident a notice belongs to (a leader's instruction written on a report): searched by number, unit or place. */
function IncidentPicker({ value, onChange }: { value: number | null; onChange(id: number | null): void }) {
  const { t } = useApp();
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const search = useCallback((query: string) => {
    void api.incidents.list({ limit: 20, ...(query.trim() ? { query: query.trim() } : {}) }).then(
      (p) => setOptions(p.rows.map((i) => ({ value: i.id, label: `${i.number} ${i.responsibleUnit} ${i.place}` }))),
      () => setOptions([]),
    );
  }, []);
  useEffect(() => search(''), [search]);
  useEffect(() => {
    // A notice being corrected names its incident even when it is not among the latest.
    if (value !== null && !options.some((o) => o.value === value))
      void api.incidents.get({ id: value }).then((d) => setOptions((o) => [{ value, label: `${d.incident.number} ${d.incident.responsibleUnit} ${d.incident.place}` }, ...o]), () => undefined);
  }, [value, options]);
  return (
    <Select
      showSearch
      allowClear
      filterOption={false}
      value={value ?? undefined}
      placeholder={t('notice.incidentPlaceholder')}
      onSearch={search}
      onChange={(v: number | undefined) => onChange(v ?? null)}
      options={options}
      style={{ width: '100%' }}
      data-testid="notice-incident"
    />
  );
}

/**
 * A new notice, or (with `notice`) a correction of one: a new revision with its reason. A
 * correction saved over a newer revision is refused; the page then shows the notice as it is now
 * (`onStale`) and the form keeps what was typed.
 */
function NoticeDialog({
  open,
  notice,
  units,
  groups,
  onClose,
  onSaved,
  onStale,
}: {
  open: boolean;
  notice: Notice | null;
  units: Unit[];
  groups: UnitGroup[];
  onClose(): void;
  onSaved(id: number): void;
  onStale(): void;
}) {
  const { t, settings, user } = useApp();
  const { message } = App.useApp();
  const fmt = useFmt();
  const conflict = useSaveConflict();
  const blank = { kind: 'warning' as NoticeKind, source: '', docNumber: '', levelText: '', text: '', receivedAt: '', receiptDeadlineMin: 30, feedbackDueAt: '', feedbackRequired: '', unitIds: [] as number[], incidentId: null as number | null, reason: '' };
  const [f, setF] = useState(blank);
  const initial = (): typeof blank =>
      notice
        ? {
            kind: notice.kind,
            source: notice.source,
            docNumber: notice.docNumber,
            levelText: notice.levelText,
            text: notice.text,
            receivedAt: fmt(notice.receivedAt),
            receiptDeadlineMin: notice.receiptDeadlineMin,
            feedbackDueAt: notice.feedbackDueAt === null ? '' : fmt(notice.feedbackDueAt),
            feedbackRequired: notice.feedbackRequired,
            unitIds: notice.unitIds,
            incidentId: notice.incidentId,
            reason: '',
          }
        : blank;
  useEffect(() => {
    if (!open) return;
    if (notice) conflict.open(notice.revision);
    setF(initial());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, notice]);
  // What is typed is kept on this computer (drafts.ts) until saved or discarded: a new notice, or a notice's revision.
  const draftRef = useMemo(() => (open ? { user: user.username, form: notice ? `notice:revise:${notice.id}` : 'notice:new' } : null), [open, notice, user.username]);
  const draft = useDraft(draftRef, f, open ? initial() : blank, setF);
  const save = async () => {
    const receivedAt = typedOrNow(f.receivedAt, settings.timeZone) ?? serverNow();
    const feedbackDueAt = f.feedbackDueAt.trim() ? parseTypedTime(f.feedbackDueAt, settings.timeZone, serverNow()) : null;
    if (receivedAt === null || (f.feedbackDueAt.trim() && feedbackDueAt === null)) return message.error(t('incident.timeInvalid'));
    const { reason, ...fields } = f;
    try {
      const n = notice
        ? await api.notices.revise({ id: notice.id, fields: { ...fields, receivedAt, feedbackDueAt }, reason, baseVersion: conflict.base })
        : await api.notices.create({ ...fields, receivedAt, feedbackDueAt });
      if (draftRef) clearDraft(draftRef);
      message.success(t('common.saved'));
      onSaved(n.id);
    } catch (e) {
      const reload = async () => {
        onStale();
        return notice && (await api.notices.revisions({ id: notice.id })).at(-1)?.revision;
      };
      if (!(await conflict.refused(e, reload))) message.error((e as Error).message);
    }
  };
  const addGroup = (id: number) => {
    const g = groups.find((x) => x.id === id);
    if (g) setF((x) => ({ ...x, unitIds: [...new Set([...x.unitIds, ...g.unitIds])] }));
  };
  return (
    <Modal open={open} title={notice ? `${t('notice.revise')} · ${noticeTitle(notice)}` : t('notice.new')} onCancel={onClose} onOk={() => void save()} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden width={720} okButtonProps={{ 'data-testid': 'notice-save' } as Record<`data-${string}`, string>}>
      <DraftNotice draft={draft} testId="notice-draft" />
      {conflict.alert}
      <Form layout="vertical" onFinish={() => void save()} onKeyDown={(e) => e.ctrlKey && e.key === 'Enter' && void save()}>
        <Space wrap>
          <Form.Item label={t('notice.kind')} required>
            <Select style={{ width: 140 }} value={f.kind} onChange={(kind) => setF({ ...f, kind })} options={NOTICE_KINDS.map((k) => ({ value: k, label: t(`notice.kind.${k}`) }))} data-testid="notice-kind" />
          </Form.Item>
          <Form.Item label={t('notice.source')} required>
            <Input autoFocus value={f.source} onChange={(e) => setF({ ...f, source: e.target.value })} data-testid="notice-source" />
          </Form.Item>
          <Form.Item label={t('notice.docNumber')}>
            <Input value={f.docNumber} onChange={(e) => setF({ ...f, docNumber: e.target.value })} data-testid="notice-doc" />
          </Form.Item>
          <Form.Item label={t('notice.levelText')}>
            <Input value={f.levelText} placeholder={t('notice.levelPlaceholder')} onChange={(e) => setF({ ...f, levelText: e.target.value })} data-testid="notice-level" />
          </Form.Item>
        </Space>
        <Form.Item label={t('notice.text')} required>
          <Input.TextArea rows={3} value={f.text} onChange={(e) => setF({ ...f, text: e.target.value })} data-testid="notice-text" />
        </Form.Item>
        <Form.Item label={t('notice.incident')} extra={t('notice.incidentHint')}>
          <IncidentPicker value={f.incidentId} onChange={(incidentId) => setF({ ...f, incidentId })} />
        </Form.Item>
        <Space wrap>
          <Form.Item label={t('notice.receivedAt')} extra={t('notice.atNowHint')}>
            <Input value={f.receivedAt} placeholder="20:05" onChange={(e) => setF({ ...f, receivedAt: e.target.value })} data-testid="notice-received" />
          </Form.Item>
          <Form.Item label={t('notice.receiptDeadlineMin')}>
            {/* No min: a number is what was typed, or the schema's error; never clamped. */}
            <InputNumber value={f.receiptDeadlineMin} onChange={(v) => setF({ ...f, receiptDeadlineMin: v ?? 30 })} data-testid="notice-receipt-min" />
          </Form.Item>
          <Form.Item label={t('notice.feedbackDueAt')}>
            <Input value={f.feedbackDueAt} placeholder="18:00" onChange={(e) => setF({ ...f, feedbackDueAt: e.target.value })} data-testid="notice-feedback-due" />
          </Form.Item>
          <Form.Item label={t('notice.feedbackRequired')}>
            <Input value={f.feedbackRequired} onChange={(e) => setF({ ...f, feedbackRequired: e.target.value })} data-testid="notice-feedback-required" />
          </Form.Item>
        </Space>
        <Form.Item label={t('notice.units')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Select style={{ width: 200 }} placeholder={t('notice.pickGroup')} value={null} onChange={addGroup} options={groups.filter((g) => !g.retired).map((g) => ({ value: g.id, label: `${g.name}（${g.unitIds.length}）` }))} data-testid="notice-group" />
            <Select mode="multiple" style={{ flex: 1 }} value={f.unitIds} onChange={(unitIds) => setF({ ...f, unitIds })} optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: u.name }))} data-testid="notice-units" />
          </Space.Compact>
        </Form.Item>
        {notice && (
          <Form.Item label={t('notice.reason')} required>
            <Input value={f.reason} onChange={(e) => setF({ ...f, reason: e.target.value })} data-testid="notice-reason" />
          </Form.Item>
        )}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

/** The unit groups the admin keeps (全体区县, 防指成员单位…): new, retired or restored; never deleted. */
function GroupsDialog({ open, units, groups, onClose, onChanged }: { open: boolean; units: Unit[]; groups: UnitGroup[]; onClose(): void; onChanged(): void }) {
  const { t } = useApp();
  const { message } = App.useApp();
  const [name, setName] = useState('');
  const [unitIds, setUnitIds] = useState<number[]>([]);
  const run = async (call: () => Promise<unknown>) => {
    try {
      await call();
      message.success(t('common.saved'));
      onChanged();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const names = (ids: number[]) => ids.map((id) => units.find((u) => u.id === id)?.name ?? `#${id}`).join('、');
  return (
    <Modal open={open} title={t('notice.groups')} onCancel={onClose} footer={null} destroyOnHidden width={720}>
      <List
        size="small"
        dataSource={groups}
        data-testid="group-list"
        locale={{ emptyText: t('common.empty') }}
        renderItem={(g) => (
          <List.Item
            actions={[
              <Button key="r" size="small" onClick={() => void run(() => api.notices.updateGroup({ id: g.id, fields: { name: g.name, unitIds: g.unitIds }, retired: !g.retired }))}>
                {g.retired ? t('notice.groupRestore') : t('notice.groupRetire')}
              </Button>,
            ]}
          >
            <div style={{ opacity: g.retired ? 0.5 : 1 }}>
              <strong>{g.name}</strong>（{g.unitIds.length}）<div className="timeline-meta">{names(g.unitIds)}</div>
            </div>
          </List.Item>
        )}
      />
      <Form layout="vertical" style={{ marginTop: 12 }} onFinish={() => void run(async () => (await api.notices.createGroup({ name, unitIds }), setName(''), setUnitIds([])))}>
        <Typography.Text strong>{t('notice.groupNew')}</Typography.Text>
        <Space.Compact style={{ width: '100%' }}>
          <Input style={{ width: 180 }} value={name} placeholder={t('notice.groupNameRequired')} onChange={(e) => setName(e.target.value)} data-testid="group-name" />
          <Select mode="multiple" style={{ flex: 1 }} value={unitIds} onChange={setUnitIds} optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: u.name }))} data-testid="group-units" />
          <Button type="primary" htmlType="submit" data-testid="group-save">
            {t('common.save')}
          </Button>
        </Space.Compact>
      </Form>
    </Modal>
  );
}

/** One dialog for the cell's actions: a receipt, feedback, a relay by phone, a bulk relay; or its history. */
function StepDialog({ grid, action, onClose, onSaved }: { grid: RelayGrid; action: Extract<Action, { noticeIndex: number }>; onClose(): void; onSaved(): void }) {
  const { t, settings } = useApp();
  const { message } = App.useApp();
  const fmt = useFmt();
  const state = grid.notices[action.noticeIndex]!;
  const unit = grid.units.find((u) => u.id === action.unitId)?.name ?? '';
  const notRelayed = state.cells.filter((c) => c.relayedAt === null).map((c) => c.unitId);
  const [time, setTime] = useState('');
  const [person, setPerson] = useState('');
  const [text, setText] = useState('');
  const [means, setMeans] = useState<RelayMeans>('fax');
  const [unitIds, setUnitIds] = useState<number[]>(notRelayed.length ? notRelayed : state.notice.unitIds);
  const [rows, setRows] = useState<NoticeStepRow[]>([]);
  /** An entry being corrected from the history: a new row with its reason, the old one kept. */
  const [correcting, setCorrecting] = useState<NoticeStepRow | null>(null);
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (action.kind === 'history') void api.notices.steps({ id: state.notice.id }).then((r) => setRows(r.filter((x) => x.unitId === action.unitId)), () => undefined);
  }, [action, state.notice.id]);
  /** The correction form starts from the entry as logged: its time, and how, who or what it says. */
  const startCorrecting = (r: NoticeStepRow) => {
    setCorrecting(r);
    setTime(fmt(r.at, 'yyyy-MM-dd HH:mm'));
    setMeans(r.means ?? 'fax');
    setPerson(r.person);
    setText(r.text);
  };
  const save = async () => {
    if (action.kind === 'history' && correcting) {
      // The time as logged, left as shown: kept to the second (the form shows minutes).
      const at = time === fmt(correcting.at, 'yyyy-MM-dd HH:mm') ? correcting.at : typedOrNow(time, settings.timeZone);
      if (at === null) return message.error(t('incident.timeInvalid'));
      try {
        // What the step says besides its time, as the form shows it (a relay: how and who answered).
        const said = correcting.step === 'relay' ? { means, person } : correcting.step === 'receipt' ? { person } : { text };
        await api.notices.correctStep({ stepId: correcting.id, at: at ?? correcting.at, reason, ...said });
        onSaved();
      } catch (e) {
        message.error((e as Error).message);
      }
      return;
    }
    if (action.kind === 'history') return onClose();
    const at = typedOrNow(time, settings.timeZone);
    if (at === null) return message.error(t('incident.timeInvalid'));
    const when = at === undefined ? {} : { at };
    const noticeId = state.notice.id;
    try {
      if (action.kind === 'receipt') await api.notices.receipt({ noticeId, unitId: action.unitId, receiver: person, ...when });
      else if (action.kind === 'feedback') await api.notices.feedback({ noticeId, unitId: action.unitId, text, ...when });
      else if (action.kind === 'phone') await api.notices.relay({ noticeId, unitIds: [action.unitId], means: 'phone', answeredBy: person, ...when });
      else await api.notices.relay({ noticeId, unitIds, means, ...when });
      onSaved();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const title =
    action.kind === 'receipt'
      ? t('notice.receiptTitle', { unit })
      : action.kind === 'feedback'
        ? t('notice.feedbackTitle', { unit })
        : action.kind === 'phone'
          ? t('notice.phoneTitle', { unit })
          : action.kind === 'bulk'
            ? t('notice.relayTo', { n: unitIds.length })
            : `${unit} ${t('notice.history')}`;
  return (
    <Modal open focusTriggerAfterClose={false} title={`${title} · ${state.title}`} onCancel={onClose} onOk={() => void save()} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden width={620} okButtonProps={{ 'data-testid': 'step-save' } as Record<`data-${string}`, string>}>
      <Form layout="vertical" onFinish={() => void save()} onKeyDown={(e) => e.ctrlKey && e.key === 'Enter' && void save()}>
        {action.kind === 'receipt' && (
          <Form.Item label={t('notice.receiver')} required>
            <Input autoFocus value={person} onChange={(e) => setPerson(e.target.value)} data-testid="step-person" />
          </Form.Item>
        )}
        {action.kind === 'phone' && (
          <Form.Item label={t('notice.answeredBy')} required>
            <Input autoFocus value={person} onChange={(e) => setPerson(e.target.value)} data-testid="step-person" />
          </Form.Item>
        )}
        {action.kind === 'feedback' && (
          <Form.Item label={t('notice.feedbackText')} required extra={state.notice.feedbackRequired}>
            <Input autoFocus value={text} onChange={(e) => setText(e.target.value)} data-testid="step-text" />
          </Form.Item>
        )}
        {action.kind === 'bulk' && (
          <>
            <Form.Item label={t('notice.means')} required>
              <Select autoFocus value={means} onChange={setMeans} options={RELAY_MEANS.filter((m) => m !== 'phone').map((m) => ({ value: m, label: t(`notice.means.${m}`) }))} data-testid="step-means" />
            </Form.Item>
            <Form.Item label={t('notice.units')} required>
              <Select mode="multiple" value={unitIds} onChange={setUnitIds} optionFilterProp="label" options={state.notice.unitIds.map((id) => ({ value: id, label: grid.units.find((u) => u.id === id)?.name ?? `#${id}` }))} data-testid="step-units" />
            </Form.Item>
          </>
        )}
        {action.kind !== 'history' && (
          <Form.Item label={t('notice.at')} extra={t('notice.atNowHint')}>
            <Input value={time} placeholder={fmt(serverNow(), 'HH:mm')} onChange={(e) => setTime(e.target.value)} data-testid="step-time" />
          </Form.Item>
        )}
        {action.kind === 'history' && (
          <List
            size="small"
            dataSource={rows}
            data-testid="step-rows"
            locale={{ emptyText: t('common.empty') }}
            renderItem={(r) => (
              <List.Item>
                #{r.id} {t(`notice.${r.step}`)} {fmt(r.at, 'MM-dd HH:mm:ss')} {r.means ? t(`notice.means.${r.means}`) : ''} {r.person} {r.text}
                {r.correctsId !== null && <Tag color="purple">{t('notice.correction', { reason: r.correctionReason ?? '' })}</Tag>}
                <span className="timeline-meta"> {fmt(r.enteredAt, 'MM-dd HH:mm:ss')}</span>
                {!rows.some((x) => x.correctsId === r.id) && (
                  <Button size="small" type="link" onClick={() => startCorrecting(r)} data-testid={`step-correct-${r.id}`}>
                    {t('notice.correctStep')}
                  </Button>
                )}
              </List.Item>
            )}
          />
        )}
        {action.kind === 'history' && correcting && (
          <>
            <Form.Item label={`${t('notice.correctStep')} #${correcting.id} · ${t('notice.at')}`} required>
              <Input autoFocus value={time} onChange={(e) => setTime(e.target.value)} data-testid="step-correct-time" />
            </Form.Item>
            {correcting.step === 'relay' && (
              <div style={{ display: 'flex', gap: 12 }}>
                <Form.Item label={t('notice.means')} required style={{ width: 200 }}>
                  <Select showSearch optionFilterProp="label" value={means} onChange={setMeans} options={RELAY_MEANS.map((m) => ({ value: m, label: t(`notice.means.${m}`) }))} data-testid="step-correct-means" />
                </Form.Item>
                <Form.Item label={t('notice.answeredBy')} required={means === 'phone'} style={{ flex: 1 }}>
                  <Input value={person} onChange={(e) => setPerson(e.target.value)} data-testid="step-correct-person" />
                </Form.Item>
              </div>
            )}
            {correcting.step === 'receipt' && (
              <Form.Item label={t('notice.receiver')} required>
                <Input value={person} onChange={(e) => setPerson(e.target.value)} data-testid="step-correct-person" />
              </Form.Item>
            )}
            {correcting.step === 'feedback' && (
              <Form.Item label={t('notice.feedbackText')} required>
                <Input value={text} onChange={(e) => setText(e.target.value)} data-testid="step-correct-text" />
              </Form.Item>
            )}
            <Form.Item label={t('notice.reason')} required>
              <Input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="step-correct-reason" />
            </Form.Item>
          </>
        )}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

export function RelayPage() {
  const { t } = useApp();
  const { message } = App.useApp();
  const fmt = useFmt();
  const [grid, setGrid] = useState<RelayGrid | null>(null);
  const [units, setUnits] = useState<Unit[]>([]);
  const [groups, setGroups] = useState<UnitGroup[]>([]);
  const [action, setAction] = useState<Action>(null);
  // The cell to focus once the grid shows (after a load, or after a save: the next unit owing a receipt).
  const focusNext = useRef<{ r: number; c: number } | 'first-owing' | null>('first-owing');
  const tableRef = useRef<HTMLTableElement>(null);
  const focused = useNoticeFocus();

  // One read at a time: a burst of ticks (a sleeping laptop waking) asks once, not once per tick.
  const loading = useRef<Promise<void> | null>(null);
  const load = useCallback(async () => {
    if (loading.current) return loading.current;
    const only = noticeIdFromHash();
    loading.current = api.notices
      .grid(only ? { noticeIds: [only] } : {})
      .then(setGrid, (e: Error) => void message.error(e.message))
      .finally(() => (loading.current = null));
    return loading.current;
  }, [message]);
  useEffect(() => {
    void load();
    void api.units.list({}).then(setUnits, () => undefined);
    void api.notices.groups({}).then(setGroups, () => undefined);
  }, [load, focused]);
  // Receipts and feedback logged at another seat, a deadline judged overdue by the rules clock.
  useLiveRefresh(LIVE_TABLES.relay, load);

  const cellOf = (g: RelayGrid, r: number, c: number) => g.notices[c]?.cells.find((x) => x.unitId === g.units[r]?.id) ?? null;
  const owing = (x: RelayCell | null) => x !== null && (x.receipt === 'pending' || x.receipt === 'missing');
  // Puts the focus on the cell asked for once the grid shows it and no dialog is open; a closing
  // dialog may still be handing the focus back for a moment, so it is tried again until it holds.
  // It reads the latest grid and dialog state from refs: a timer set up before a dialog opened must
  // not think none is open.
  const gridRef = useRef(grid);
  gridRef.current = grid;
  const openRef = useRef(false);
  openRef.current = action !== null;
  const placeFocus = useCallback(() => {
    const want = focusNext.current;
    const g = gridRef.current;
    if (!g || want === null || openRef.current) return;
    let target = want;
    if (target === 'first-owing') {
      const r = g.units.findIndex((_, i) => owing(cellOf(g, i, 0)));
      target = { r: Math.max(0, r), c: 0 };
    }
    const cell = tableRef.current?.querySelector<HTMLElement>(`[data-r="${target.r}"][data-c="${target.c}"]`);
    if (!cell) return;
    cell.focus();
    if (document.activeElement === cell) focusNext.current = null;
  }, []);
  useEffect(placeFocus);
  useEffect(() => {
    const id = setInterval(placeFocus, 60);
    return () => clearInterval(id);
  }, [placeFocus]);

  const onKey = (e: React.KeyboardEvent<HTMLTableElement>) => {
    const el = e.target as HTMLElement;
    const r = Number(el.dataset.r);
    const c = Number(el.dataset.c);
    if (!grid || Number.isNaN(r) || Number.isNaN(c) || e.ctrlKey || e.altKey || e.metaKey || moveByArrow(e, tableRef.current)) return;
    const keys: Record<string, 'receipt' | 'feedback' | 'phone' | 'bulk' | 'new' | 'history'> = { r: 'receipt', f: 'feedback', p: 'phone', b: 'bulk', n: 'new', enter: 'history' };
    const kind = keys[e.key.toLowerCase()];
    if (!kind) return;
    const unitId = grid.units[r]?.id;
    // A unit this notice does not go to: nothing to log.
    if (kind !== 'new' && kind !== 'bulk' && !cellOf(grid, r, c)) return;
    e.preventDefault();
    openRef.current = true;
    setAction(kind === 'new' ? { kind } : { kind, noticeIndex: c, unitId: unitId! });
    focusNext.current = { r, c };
  };

  const saved = async () => {
    const at = focusNext.current;
    const kind = action && 'noticeIndex' in action ? action.kind : null;
    // After a receipt, on to the next unit below still owing one (the officer works down the list).
    if (kind === 'receipt' && grid && at && typeof at === 'object') {
      const next = grid.units.findIndex((_, i) => i > at.r && owing(cellOf(grid, i, at.c)));
      focusNext.current = next >= 0 ? { r: next, c: at.c } : at;
    }
    setAction(null);
    message.success(t('common.saved'));
    // The deadline strip reads again at once: a receipt or feedback may end a countdown.
    window.dispatchEvent(new Event(REJUDGED_EVENT));
    // A fresh read (not the periodic one that may be on its way with the state before the save).
    const only = noticeIdFromHash();
    const g = await api.notices.grid(only ? { noticeIds: [only] } : {}).catch(() => null);
    if (g) setGrid(g);
  };

  return (
    <div data-testid="relay-page">
      <div className="page-title">
        <h2>{t('notice.title')}</h2>
        <Typography.Text type="secondary">{t('notice.subtitle')}</Typography.Text>
      </div>
      <Space wrap style={{ marginBottom: 12 }}>
        <RoleButton method="notices.create" icon={<PlusOutlined />} onClick={() => setAction({ kind: 'new' })} data-testid="notice-new">
          {t('notice.new')}
        </RoleButton>
        <RoleButton method="notices.createGroup" onClick={() => setAction({ kind: 'groups' })} data-testid="notice-groups">
          {t('notice.groups')}
        </RoleButton>
        <Button icon={<DownloadOutlined />} disabled={!grid?.notices.length} onClick={() => void api.notices.export(noticeIdFromHash() ? { noticeIds: [noticeIdFromHash()!] } : {}).then(downloadFile, (e: Error) => message.error(e.message))} data-testid="notice-export">
          {t('notice.export')}
        </Button>
        <Typography.Text type="secondary" data-testid="relay-keys">
          {t('notice.keysHint')}
        </Typography.Text>
      </Space>
      {grid && grid.notices.length === 0 && <Empty description={t('notice.none')} />}
      {grid && grid.notices.length > 0 && (
        <div style={{ overflowX: 'auto' }}>
          <table ref={tableRef} className="relay-grid" onKeyDown={onKey} data-testid="relay-grid" style={{ borderCollapse: 'collapse' }}>
            <thead>
              <tr>
                <th style={{ textAlign: 'left', padding: '4px 8px' }}>{t('excel.relay.unit')}</th>
                {grid.notices.map((s) => (
                  <th key={s.notice.id} style={{ padding: '4px 6px', maxWidth: 240, fontWeight: 400, verticalAlign: 'top', textAlign: 'left' }} data-testid={`relay-head-${s.notice.id}`}>
                    <div>
                      <Tag color={s.notice.kind === 'warning' ? 'red' : 'blue'}>{t(`notice.kind.${s.notice.kind}`)}</Tag>
                      <strong>{s.title}</strong>
                      <Button type="link" size="small" onClick={() => setAction({ kind: 'revise', notice: s.notice })} data-testid={`notice-revise-${s.notice.id}`}>
                        {t('notice.revise')}
                      </Button>
                    </div>
                    {s.notice.revision > 1 && <div className="timeline-meta">{t('notice.correction', { reason: s.notice.revisionReason ?? '' })}</div>}
                    {s.notice.incidentId !== null && (
                      <div className="timeline-meta">
                        <a href={`#/log/${s.notice.incidentId}`} data-testid={`notice-incident-link-${s.notice.id}`}>
                          {t('notice.incident')} {s.incidentNumber ?? `#${s.notice.incidentId}`}
                        </a>
                      </div>
                    )}
                    <div className="timeline-meta">
                      {t('notice.receivedAt')} {fmt(s.notice.receivedAt, 'MM-dd HH:mm')} · {t('notice.relayDeadline', { deadline: fmt(s.relayDeadline, 'HH:mm'), min: s.relayLimitMin })}
                    </div>
                    <div>
                      <Tag color={s.relayStatus === 'on_time' ? 'green' : s.relayStatus === 'pending' ? 'default' : 'red'} data-testid={`relay-status-${s.notice.id}`}>
                        {t(`notice.relayStatus.${s.relayStatus}`)}
                      </Tag>
                      <span data-testid={`relay-counts-${s.notice.id}`}>{t('notice.counts', s.counts)}</span>
                    </div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.units.map((u, r) => (
                <tr key={u.id}>
                  <th style={{ textAlign: 'left', padding: '4px 8px', whiteSpace: 'nowrap' }}>{u.name}</th>
                  {grid.notices.map((s, c) => {
                    const x = cellOf(grid, r, c);
                    if (!x)
                      return (
                        <td key={s.notice.id} style={{ padding: 2 }}>
                          <button type="button" data-r={r} data-c={c} tabIndex={-1} disabled style={{ width: 200, height: 52, border: 'none', background: 'transparent' }} />
                        </td>
                      );
                    return (
                      <td key={s.notice.id} style={{ padding: 2 }}>
                        <button
                          type="button"
                          data-r={r}
                          data-c={c}
                          data-testid={`relay-cell-${s.notice.id}-${u.id}`}
                          data-receipt={x.receipt}
                          data-feedback={x.feedback}
                          onClick={() => ((focusNext.current = { r, c }), setAction({ kind: 'history', noticeIndex: c, unitId: u.id }))}
                          style={{ width: 200, minHeight: 52, border: '1px solid #d9d9d9', borderRadius: 4, cursor: 'pointer', background: cellColor(x), fontSize: 12, textAlign: 'left', lineHeight: 1.4 }}
                        >
                          <div>
                            {t('notice.relay')} {x.relayedAt ? `${fmt(x.relayedAt, 'HH:mm')} ${t(`notice.means.${x.relayMeans!}`)}${x.relayPerson ? ` ${x.relayPerson}` : ''}` : t('notice.notRelayed')}
                          </div>
                          <div>
                            {t('notice.receipt')} {x.receivedAt ? `${fmt(x.receivedAt, 'HH:mm')} ${x.receiver}` : ''} {x.receipt !== 'on_time' && x.receipt !== 'not_relayed' ? t(`notice.cell.${x.receipt}`) : ''}
                            {x.receipt === 'pending' && x.receiptDeadline ? ` ≤${fmt(x.receiptDeadline, 'HH:mm')}` : ''}
                          </div>
                          {x.feedback !== 'not_asked' && (
                            <div>
                              {t('notice.feedback')} {x.fedBackAt ? fmt(x.fedBackAt, 'HH:mm') : ''} {x.feedback !== 'on_time' ? t(`notice.fb.${x.feedback}`) : ''}
                            </div>
                          )}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {grid && action && 'noticeIndex' in action && <StepDialog grid={grid} action={action} onClose={() => setAction(null)} onSaved={() => void saved()} />}
      <GroupsDialog open={action?.kind === 'groups'} units={units} groups={groups} onClose={() => setAction(null)} onChanged={() => void api.notices.groups({}).then(setGroups, () => undefined)} />
      <NoticeDialog
        open={action?.kind === 'new' || action?.kind === 'revise'}
        notice={action?.kind === 'revise' ? action.notice : null}
        units={units}
        groups={groups}
        onClose={() => setAction(null)}
        onStale={() => void load()}
        onSaved={(id) => {
          setAction(null);
          focusNext.current = 'first-owing';
          if (window.location.hash === `#/relay/${id}`) void load();
          window.location.hash = `#/relay/${id}`;
        }}
      />
    </div>
  );
}

/** Re-renders when the address names another notice (#/relay/12). */
function useNoticeFocus(): number | null {
  const [id, setId] = useState(noticeIdFromHash);
  useEffect(() => {
    const on = () => setId(noticeIdFromHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return id;
}
