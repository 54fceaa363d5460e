// Runs in the renderer. The duty roster (值班表): the month as a calendar and as a list, the
// generator's proposal, swaps/substitutes/edits per shift, the duty phone list, Excel export and
// import, and the roster's people, leave, holidays, pattern and change history as tabs.
// `#/roster/2026-12` opens a given month.
import { DownloadOutlined, LeftOutlined, RightOutlined, ThunderboltOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Modal, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Proposal } from '../../../shared/domain/roster/generator.js';
import { daysOfMonth } from '../../../shared/domain/roster/dates.js';
import type { DutyPhoneRow, RosterMonth, RosterShift } from '../../../shared/domain/roster/roster.js';
import { api, ApiCallError } from '../api.js';
import { LIVE_TABLES, useLiveRefresh } from '../live.js';
import { downloadFile } from '../download.js';
import { useApp } from '../i18n.js';
import { OnDutyPanel } from '../components/on-duty-panel.js';
import { currentMonth, shiftMonth, useFail, useFormat, usePeople, weekday } from '../components/roster-common.js';
import { RosterFixedTab, RosterLeaveTab, RosterPeopleTab } from '../components/roster-people-tab.js';
import { FairnessTable, RosterProposal } from '../components/roster-proposal.js';
import { RosterShiftDialog } from '../components/roster-shift-dialog.js';
import { useSaveConflict } from '../components/save-conflict.js';
import { RoleButton, useMay } from '../components/role-gate.js';
import { RosterCalendarTab, RosterHistoryTab, RosterPatternTab } from '../components/roster-setup-tabs.js';

function monthFromHash(): string | null {
  const m = /^#\/roster\/(\d{4}-(0[1-9]|1[0-2]))/.exec(window.location.hash);
  return m ? m[1]! : null;
}

function Names({ people }: { people: { id: number; name: string }[] }) {
  return <>{people.map((p) => p.name).join('、')}</>;
}

function Shortage({ shift }: { shift: RosterShift }) {
  const { t } = useApp();
  const lackL = shift.leadersNeeded - shift.leaders.length;
  const lackO = shift.officersNeeded - shift.officers.length;
  return (
    <>
      {lackL > 0 && <Tag color="red">{t('roster.unstaffed', { role: t('role.leader'), count: lackL })}</Tag>}
      {lackO > 0 && <Tag color="red">{t('roster.unstaffed', { role: t('role.officer'), count: lackO })}</Tag>}
    </>
  );
}

// The grid's own styles (app.css is the shell's); colours follow antd's tokens for the night theme.
const GRID_CSS = `
.roster-grid { display: grid; grid-template-columns: repeat(7, minmax(0, 1fr)); gap: 4px; }
.roster-grid-head { text-align: center; font-weight: 600; padding: 4px 0; opacity: .75; }
.roster-cell { border: 1px solid rgba(128,128,128,.25); border-radius: 6px; min-height: 92px; padding: 4px 6px; font-size: 12.5px; }
.roster-cell-empty { border-style: dashed; opacity: .3; }
.roster-weekend { background: rgba(250, 173, 20, .08); }
.roster-holiday { background: rgba(245, 34, 45, .08); }
.roster-cell-date { margin-bottom: 2px; }
.roster-shift { display: block; width: 100%; text-align: left; background: none; border: 0; padding: 2px 0; color: inherit; cursor: pointer; font: inherit; border-radius: 4px; }
.roster-shift:hover, .roster-shift:focus-visible { background: rgba(22, 119, 255, .1); outline: none; }
.roster-shift-name { font-size: 11px; opacity: .6; }
.roster-leader { font-weight: 600; color: #cf1322; }
html[data-theme='night'] .roster-leader { color: #ff7875; }
.roster-row-weekend td { background: rgba(250, 173, 20, .06); }
.roster-row-holiday td { background: rgba(245, 34, 45, .06); }
`;

function MonthCalendar({ month, roster, onOpen }: { month: string; roster: RosterMonth; onOpen(s: RosterShift): void }) {
  const { t } = useApp();
  const days = daysOfMonth(month);
  const lead = (weekday(days[0]!) + 6) % 7; // Monday first
  const cells: (string | null)[] = [...Array<null>(lead).fill(null), ...days];
  while (cells.length % 7) cells.push(null);
  return (
    <div className="roster-grid" data-testid="roster-calendar">
      <style>{GRID_CSS}</style>
      {[1, 2, 3, 4, 5, 6, 0].map((w) => (
        <div key={w} className="roster-grid-head">
          {t(`roster.weekday.${w}` as 'roster.weekday.0')}
        </div>
      ))}
      {cells.map((day, i) => {
        if (!day) return <div key={`x${i}`} className="roster-cell roster-cell-empty" />;
        const shifts = roster.shifts.filter((s) => s.day === day);
        const kind = shifts[0]?.kind ?? (weekday(day) % 6 === 0 ? 'weekend' : 'workday');
        return (
          <div key={day} className={`roster-cell roster-${kind}`} data-testid={`roster-day-${day}`}>
            <div className="roster-cell-date">
              <strong>{Number(day.slice(8))}</strong> {shifts[0]?.labels.map((l) => <Tag key={l} color={kind === 'holiday' ? 'red' : 'orange'} style={{ marginInlineEnd: 2 }}>{l}</Tag>)}
            </div>
            {shifts.map((s) => (
              <button type="button" key={s.id} className="roster-shift" onClick={() => onOpen(s)} data-testid={`roster-shift-${s.day}-${s.index}`} title={t('roster.edit')}>
                {shifts.length > 1 && <div className="roster-shift-name">{s.name}</div>}
                <div className="roster-leader">
                  <Names people={s.leaders} />
                </div>
                <div>
                  <Names people={s.officers} />
                </div>
                <Shortage shift={s} />
              </button>
            ))}
          </div>
        );
      })}
    </div>
  );
}

function MonthList({ roster, onOpen }: { roster: RosterMonth; onOpen(s: RosterShift): void }) {
  const { t } = useApp();
  return (
    <>
    <style>{GRID_CSS}</style>
    <Table<RosterShift>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={roster.shifts}
      data-testid="roster-list"
      rowClassName={(s) => (s.kind === 'workday' ? '' : `roster-row-${s.kind}`)}
      columns={[
        { title: t('roster.date'), dataIndex: 'day', width: 110 },
        { title: t('roster.weekday'), key: 'w', width: 60, render: (_: unknown, s) => t(`roster.weekday.${weekday(s.day)}` as 'roster.weekday.0') },
        { title: t('roster.shift'), dataIndex: 'name', width: 70 },
        { title: t('roster.leaders'), key: 'l', render: (_: unknown, s) => <Names people={s.leaders} /> },
        { title: t('roster.officers'), key: 'o', render: (_: unknown, s) => <><Names people={s.officers} /> <Shortage shift={s} /></> },
        { title: t('roster.phones'), key: 'p', render: (_: unknown, s) => [...s.leaders, ...s.officers].map((p) => p.phone).join('、') },
        { title: t('roster.remarks'), key: 'r', width: 120, render: (_: unknown, s) => s.labels.join('、') },
        { title: t('common.actions'), key: 'a', width: 80, render: (_: unknown, s) => <Button size="small" type="link" onClick={() => onOpen(s)}>{t('roster.edit')}</Button> },
      ]}
    />
    </>
  );
}

function PhoneList({ month }: { month: string }) {
  const { t } = useApp();
  const fmt = useFormat();
  const fail = useFail();
  const [rows, setRows] = useState<DutyPhoneRow[]>([]);
  useEffect(() => void api.roster.phoneList({ month }).then(setRows, fail), [month, fail]);
  return (
    <Table<DutyPhoneRow>
      rowKey={(r) => `${r.start}-${r.role}-${r.name}`}
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="phone-list"
      columns={[
        { title: t('roster.date'), dataIndex: 'day', width: 110 },
        { title: t('roster.shift'), key: 's', width: 200, render: (_: unknown, r) => `${r.shiftName} ${fmt(r.start, 'MM-dd HH:mm')} – ${fmt(r.end, 'MM-dd HH:mm')}` },
        { title: t('person.roles'), dataIndex: 'role', width: 100, render: (r: DutyPhoneRow['role']) => t(`role.${r}`) },
        { title: t('person.name'), dataIndex: 'name', width: 120 },
        { title: t('person.phone'), dataIndex: 'phone', render: (p: string) => <a href={`tel:${p}`}>{p}</a> },
      ]}
    />
  );
}

export function RosterPage() {
  const { t, settings } = useApp();
  const { message, modal } = App.useApp();
  const fail = useFail();
  const [month, setMonthState] = useState(() => monthFromHash() ?? currentMonth(settings.timeZone, settings.dutyBoundary));
  const [roster, setRoster] = useState<RosterMonth | null>(null);
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [busy, setBusy] = useState<'generate' | 'save' | 'export' | 'import' | null>(null);
  const [open, setOpen] = useState<RosterShift | null>(null);
  const [tab, setTab] = useState('calendar');
  const [people, reloadPeople] = usePeople();
  const may = useMay();

  const setMonth = (m: string) => {
    setMonthState(m);
    window.history.replaceState(null, '', `#/roster/${m}`);
  };
  const load = useCallback(async (): Promise<RosterMonth | null> => {
    try {
      const m = await api.roster.month({ month });
      setRoster(m);
      // A shift dialog open shows the shift as it is now.
      setOpen((o) => (o && m.shifts.find((s) => s.id === o.id)) ?? o);
      return m;
    } catch (e) {
      fail(e);
      return null;
    }
  }, [month, fail]);
  // The month as it was when the proposal was made: saving it over a newer one is refused.
  const proposalConflict = useSaveConflict();
  useEffect(() => void load(), [load]);
  // Another seat's plan saved, a swap approved, a check-in: the month shown is read again (a proposal being made stays).
  useLiveRefresh(LIVE_TABLES.duty, load);

  const generate = async (withoutHolidays = false) => {
    setBusy('generate');
    try {
      await reloadPeople();
      const base = roster?.version ?? 0;
      setProposal(await api.roster.generate({ month, ...(withoutHolidays ? { withoutHolidays } : {}) }));
      proposalConflict.open(base);
    } catch (e) {
      // Past the holidays entered: enter them first (the default), or plan without them knowingly.
      if (!withoutHolidays && roster?.holidaysMissing && e instanceof ApiCallError && e.error.code === 'conflict')
        modal.confirm({
          title: t('roster.generate'),
          content: <span data-testid="holidays-missing-confirm">{e.message}</span>,
          okText: t('roster.holidaysEnter'),
          cancelText: t('roster.generateWithoutHolidays'),
          onOk: () => setTab('holidays'),
          onCancel: (close: unknown) => {
            if (typeof close === 'function') close();
            void generate(true);
          },
          width: 560,
        });
      else fail(e);
    } finally {
      setBusy(null);
    }
  };
  const save = async () => {
    if (!proposal) return;
    setBusy('save');
    try {
      const shifts = proposal.shifts.map((s) => ({ slotKey: s.slot.key, leaders: s.leaders, officers: s.officers }));
      setRoster(await api.roster.save({ month, shifts, baseVersion: proposalConflict.base }));
      setProposal(null);
      message.success(t('roster.saved', { month }));
    } catch (e) {
      // Changed meanwhile: the proposal stays open as edited, over the month as it is now.
      if (!(await proposalConflict.refused(e, async () => (await load())?.version))) fail(e);
    } finally {
      setBusy(null);
    }
  };
  const exportIt = async () => {
    setBusy('export');
    try {
      downloadFile(await api.roster.export({ month }));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };
  const importIt = async (file: File) => {
    setBusy('import');
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let bin = '';
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      const r = await api.roster.import({ contentBase64: btoa(bin), reason: file.name });
      message.success(t('roster.imported', { ...r }));
      setMonth(r.month);
    } catch (e) {
      Modal.error({ title: t('roster.import'), content: <div style={{ whiteSpace: 'pre-wrap', maxHeight: 400, overflow: 'auto' }} data-testid="import-error">{(e as Error).message}</div>, width: 640 });
    } finally {
      setBusy(null);
    }
  };

  // Keyboard: PageUp/PageDown change the month, Alt+G generates.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLElement && /INPUT|TEXTAREA|SELECT/.test(e.target.tagName)) return;
      if (document.querySelector('.ant-modal-wrap')) return;
      if (e.key === 'PageUp') setMonth(shiftMonth(month, -1));
      else if (e.key === 'PageDown') setMonth(shiftMonth(month, 1));
      else if (e.altKey && e.key.toLowerCase() === 'g' && may('roster.generate').allowed) void generate();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const [y, m] = month.split('-');
  const monthTabs = useMemo(() => new Set(['calendar', 'list', 'phones', 'history']), []);
  return (
    <div data-testid="roster-page">
      <div className="page-title">
        <h2>{t('roster.title')}</h2>
        <Typography.Text type="secondary">{t('roster.subtitle')}</Typography.Text>
      </div>
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
        <Card size="small" style={{ flex: 1, minWidth: 0 }}>
          <Space wrap style={{ marginBottom: 12 }}>
            <Button icon={<LeftOutlined />} onClick={() => setMonth(shiftMonth(month, -1))} title="PageUp" data-testid="month-prev" />
            <span style={{ fontSize: 18, fontWeight: 600, minWidth: 110, display: 'inline-block', textAlign: 'center' }} data-testid="roster-month">
              {y}-{m}
            </span>
            <Button icon={<RightOutlined />} onClick={() => setMonth(shiftMonth(month, 1))} title="PageDown" data-testid="month-next" />
            <RoleButton method="roster.generate" type="primary" icon={<ThunderboltOutlined />} loading={busy === 'generate'} onClick={() => void generate()} data-testid="roster-generate" title="Alt+G">
              {t('roster.generate')}
            </RoleButton>
            <Button icon={<DownloadOutlined />} loading={busy === 'export'} onClick={() => void exportIt()} data-testid="roster-export">
              {t('roster.export')}
            </Button>
            {may('roster.import').allowed ? (
              <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => (void importIt(f), false)}>
                <Button icon={<UploadOutlined />} loading={busy === 'import'} data-testid="roster-import">
                  {t('roster.import')}
                </Button>
              </Upload>
            ) : (
              <RoleButton method="roster.import" icon={<UploadOutlined />} data-testid="roster-import">
                {t('roster.import')}
              </RoleButton>
            )}
          </Space>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'calendar', label: t('roster.tab.calendar') },
              { key: 'list', label: t('roster.tab.list') },
              { key: 'phones', label: <span data-testid="tab-phones">{t('roster.tab.phones')}</span> },
              { key: 'history', label: <span data-testid="tab-history">{t('roster.tab.history')}</span> },
              { key: 'people', label: <span data-testid="tab-people">{t('roster.tab.people')}</span> },
              { key: 'leave', label: <span data-testid="tab-leave">{t('roster.tab.leave')}</span> },
              { key: 'fixed', label: <span data-testid="tab-fixed">{t('roster.tab.fixed')}</span> },
              { key: 'holidays', label: <span data-testid="tab-holidays">{t('roster.tab.calendarSetup')}</span> },
              { key: 'pattern', label: t('roster.tab.pattern') },
            ]}
          />
          {monthTabs.has(tab) && roster?.holidaysMissing && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="holidays-missing"
              title={roster.holidaysKnownUntil ? t('roster.holidaysMissing', { month, knownUntil: roster.holidaysKnownUntil, year: month.slice(0, 4) }) : t('roster.holidaysNone', { year: month.slice(0, 4) })}
              action={
                <Button size="small" onClick={() => setTab('holidays')} data-testid="holidays-enter">
                  {t('roster.holidaysEnter')}
                </Button>
              }
            />
          )}
          {monthTabs.has(tab) && roster && roster.shifts.length === 0 && tab !== 'history' && <Empty description={t('roster.empty')} data-testid="roster-empty" />}
          {tab === 'calendar' && roster && roster.shifts.length > 0 && <MonthCalendar month={month} roster={roster} onOpen={setOpen} />}
          {tab === 'list' && roster && roster.shifts.length > 0 && <MonthList roster={roster} onOpen={setOpen} />}
          {tab === 'phones' && roster && roster.shifts.length > 0 && <PhoneList month={month} />}
          {tab === 'history' && <RosterHistoryTab month={month} key={JSON.stringify(roster?.shifts.map((s) => [s.leaders, s.officers]))} />}
          {tab === 'people' && <RosterPeopleTab />}
          {tab === 'leave' && <RosterLeaveTab />}
          {tab === 'fixed' && <RosterFixedTab month={month} />}
          {tab === 'holidays' && <RosterCalendarTab />}
          {tab === 'pattern' && <RosterPatternTab />}
        </Card>
        <div style={{ width: 340, flex: 'none', display: 'flex', flexDirection: 'column', gap: 16 }}>
          {/* It reads again itself when the roster or a check-in changes at any seat (live): never remounted, so it never blinks. */}
          <OnDutyPanel />
          {roster && roster.fairness.length > 0 && (
            <Card size="small" title={t('roster.fairness')}>
              <FairnessTable rows={roster.fairness} compact />
            </Card>
          )}
        </div>
      </div>
      {proposal && <RosterProposal proposal={proposal} people={people} saving={busy === 'save'} onSave={() => void save()} onClose={() => setProposal(null)} alert={proposalConflict.alert} />}
      {open && roster && (
        <RosterShiftDialog
          shift={open}
          month={roster}
          people={people}
          onClose={() => setOpen(null)}
          reload={load}
          onSaved={(r) => {
            setRoster(r);
            setOpen(null);
          }}
        />
      )}
    </div>
  );
}
