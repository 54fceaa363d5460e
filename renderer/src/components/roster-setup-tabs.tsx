// Runs in the renderer. The roster's settings: the holiday calendar (holidays, make-up working days
// 调休, special periods with their staffing) and the shift pattern; and the history of changes.
import { Alert, App, Card, Form, Input, InputNumber, Radio, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { CALENDAR_KINDS, type CalendarEntry } from '../../../shared/domain/roster/calendar.js';
import { DAY_NIGHT_PATTERN, DEFAULT_PATTERN, type ShiftPattern } from '../../../shared/domain/roster/pattern.js';
import type { RosterChange } from '../../../shared/domain/roster/roster.js';
import { formatInZone } from '../../../shared/domain/duty-day.js';
import { api } from '../api.js';
import { serverNow } from '../clock.js';
import { useApp, useT } from '../i18n.js';
import { useFail, useFormat } from './roster-common.js';
import { RoleButton, useMay } from './role-gate.js';

export function RosterCalendarTab() {
  const t = useT();
  const { message } = App.useApp();
  const fail = useFail();
  const [entries, setEntries] = useState<CalendarEntry[]>([]);
  const [form] = Form.useForm();
  const load = useCallback(async () => {
    try {
      setEntries(await api.holidays.list({ includeCancelled: true }));
    } catch (e) {
      fail(e);
    }
  }, [fail]);
  useEffect(() => void load(), [load]);
  const add = async () => {
    const v = form.getFieldsValue(true) as { kind?: CalendarEntry['kind']; name?: string; from?: string; to?: string; leaders?: number | null; officers?: number | null };
    try {
      await api.holidays.create({ kind: v.kind ?? 'holiday', name: v.name ?? '', from: v.from ?? '', to: v.to || v.from || '', leaders: v.leaders ?? null, officers: v.officers ?? null });
      form.resetFields(['name', 'from', 'to', 'leaders', 'officers']);
      await load();
    } catch (e) {
      fail(e);
    }
  };
  return (
    <div data-testid="calendar-tab">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('calendar.starterHint')} action={
        <RoleButton method="holidays.addStarter" size="small" onClick={() => void api.holidays.addStarter({}).then((r) => (message.success(t('calendar.starterAdded', r)), load()), fail)} data-testid="calendar-starter">
          {t('calendar.addStarter')}
        </RoleButton>
      } />
      <HolidayNoticeForm onSaved={load} />
      <Form form={form} layout="inline" initialValues={{ kind: 'holiday' }} onFinish={() => void add()} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="kind" label={t('calendar.kind')}>
          <Select style={{ width: 120 }} options={CALENDAR_KINDS.map((k) => ({ value: k, label: t(`calendar.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('calendar.name')}>
          <Input style={{ width: 120 }} data-testid="calendar-name" />
        </Form.Item>
        <Form.Item name="from" label={t('calendar.from')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="to" label={t('calendar.to')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="leaders" label={t('calendar.leaders')}>
          <InputNumber min={0} max={5} style={{ width: 64 }} />
        </Form.Item>
        <Form.Item name="officers" label={t('calendar.officers')}>
          <InputNumber min={0} max={10} style={{ width: 64 }} />
        </Form.Item>
        <RoleButton method="holidays.create" type="primary" htmlType="submit">
          {t('calendar.add')}
        </RoleButton>
      </Form>
      <Table<CalendarEntry>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={entries}
        rowClassName={(e) => (e.active ? '' : 'unit-inactive')}
        columns={[
          { title: t('calendar.kind'), dataIndex: 'kind', width: 110, render: (k: CalendarEntry['kind']) => <Tag color={k === 'holiday' ? 'red' : k === 'special' ? 'orange' : 'default'}>{t(`calendar.kind.${k}`)}</Tag> },
          { title: t('calendar.name'), dataIndex: 'name' },
          { title: t('calendar.from'), dataIndex: 'from', width: 120 },
          { title: t('calendar.to'), dataIndex: 'to', width: 120 },
          { title: t('calendar.leaders'), dataIndex: 'leaders', width: 120, render: (n: number | null) => n ?? t('calendar.staffDefault') },
          { title: t('calendar.officers'), dataIndex: 'officers', width: 120, render: (n: number | null) => n ?? t('calendar.staffDefault') },
          {
            title: t('common.actions'),
            key: 'a',
            width: 90,
            render: (_: unknown, e) =>
              e.active ? (
                <RoleButton method="holidays.cancel" size="small" type="link" danger onClick={() => void api.holidays.cancel({ id: e.id }).then(load, fail)}>
                  {t('calendar.cancel')}
                </RoleButton>
              ) : (
                <Tag>{t('common.inactive')}</Tag>
              ),
          },
        ]}
      />
    </div>
  );
}

/** A year's notice, typed or pasted from Excel as lines; Ctrl+Enter enters it. Bad lines are named, nothing saved. */
function HolidayNoticeForm({ onSaved }: { onSaved: () => Promise<void> }) {
  const { t, settings } = useApp();
  const { message } = App.useApp();
  // The notice a duty room enters is usually next year's, published in the autumn.
  const [year, setYear] = useState<number | null>(() => Number(formatInZone(serverNow(), settings.timeZone, 'yyyy')) + 1);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const may = useMay();
  const save = async () => {
    if (busy || year === null) return;
    setBusy(true);
    try {
      const r = await api.holidays.importNotice({ year, text });
      setError(null);
      setText('');
      message.success(t('calendar.noticeAdded', { added: r.added, skipped: r.skipped, knownUntil: r.knownUntil ?? '—' }));
      await onSaved();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('calendar.noticeImport')} style={{ marginBottom: 12 }} data-testid="notice-form">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('calendar.noticeHint')}
      </Typography.Paragraph>
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => setYear(v)} addonAfter="年" style={{ width: 120 }} data-testid="notice-year" />
        <Input.TextArea
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              if (may('holidays.importNotice').allowed) void save();
            }
          }}
          autoSize={{ minRows: 4, maxRows: 12 }}
          style={{ flex: 1 }}
          placeholder={'元旦\t1月1日\t1月3日\t放假\n春节\t2月5日至2月11日\t放假\n春节调休\t2月14日\t上班'}
          data-testid="notice-text"
        />
        <RoleButton method="holidays.importNotice" type="primary" loading={busy} onClick={() => void save()} title="Ctrl+Enter" data-testid="notice-save">
          {t('calendar.noticeSave')}
        </RoleButton>
      </div>
      {error && <Alert type="error" showIcon style={{ marginTop: 8, whiteSpace: 'pre-wrap' }} title={error} data-testid="notice-error" />}
    </Card>
  );
}

export function RosterPatternTab() {
  const t = useT();
  const { message } = App.useApp();
  const fail = useFail();
  const [pattern, setPattern] = useState<ShiftPattern | null>(null);
  useEffect(() => void api.roster.pattern({}).then(setPattern, fail), [fail]);
  if (!pattern) return null;
  const kind = pattern.shifts.length > 1 ? 'dayNight' : 'single';
  const save = async () => {
    try {
      setPattern(await api.roster.setPattern(pattern));
      message.success(t('roster.pattern.saved'));
    } catch (e) {
      fail(e);
    }
  };
  return (
    <Space direction="vertical" data-testid="pattern-tab">
      <Radio.Group
        value={kind}
        onChange={(e) => setPattern({ ...(e.target.value === 'single' ? DEFAULT_PATTERN : DAY_NIGHT_PATTERN), staffing: pattern.staffing })}
        options={[
          { value: 'single', label: t('roster.pattern.single') },
          { value: 'dayNight', label: t('roster.pattern.dayNight') },
        ]}
      />
      <Space>
        {t('calendar.leaders')}
        <InputNumber min={0} max={5} value={pattern.staffing.leaders} onChange={(v) => setPattern({ ...pattern, staffing: { ...pattern.staffing, leaders: v ?? 0 } })} />
        {t('calendar.officers')}
        <InputNumber min={0} max={10} value={pattern.staffing.officers} onChange={(v) => setPattern({ ...pattern, staffing: { ...pattern.staffing, officers: v ?? 0 } })} />
      </Space>
      <RoleButton method="roster.setPattern" type="primary" onClick={() => void save()}>
        {t('common.save')}
      </RoleButton>
    </Space>
  );
}

export function RosterHistoryTab({ month }: { month: string }) {
  const t = useT();
  const fmt = useFormat();
  const fail = useFail();
  const [changes, setChanges] = useState<RosterChange[]>([]);
  useEffect(() => void api.roster.history({ month }).then(setChanges, fail), [month, fail]);
  const line = (l: RosterChange['added'][number]) => `${l.day} ${l.shiftName} ${t(`role.${l.role}`)} ${l.name}`;
  return (
    <Timeline
      data-testid="history-tab"
      items={changes.map((c) => ({
        color: c.kind === 'swap' || c.kind === 'substitute' ? 'orange' : c.kind === 'edit' ? 'blue' : 'green',
        content: (
          <div>
            <strong>{t(`roster.history.kind.${c.kind}`)}</strong> {fmt(c.at)} · {t('roster.history.by')} {c.actorName}
            {c.reason && <> · {c.reason}</>}
            {c.confirmedBy.length > 0 && (
              <div>
                {t('roster.history.confirmed')}：{c.confirmedBy.map((x) => x.name).join('、')}
              </div>
            )}
            {c.kind !== 'generate' && c.kind !== 'import' && (
              <div style={{ opacity: 0.8 }}>
                {c.ended.map((l) => (
                  <div key={`e${l.shiftId}-${l.personId}`}>− {t('roster.history.ended')} {line(l)}</div>
                ))}
                {c.added.map((l) => (
                  <div key={`a${l.shiftId}-${l.personId}`}>+ {t('roster.history.added')} {line(l)}</div>
                ))}
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}
