// Runs in the renderer. 零报告: the special periods (create, change with a reason), and for the
// chosen one a grid of designated units × days, each cell on time / late / missing / due (before
// the cutoff) / not yet; today's column highlighted. Arrow keys move between cells, Enter opens
// one to log the unit's daily report (or a correction) or to see what was logged. The 每日报告
// template exports and imports here.
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Empty, Form, Input, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { parseTypedTime } from '../../../shared/domain/incident-time.js';
import { NOTHING, type CellStatus, type CellReportRow, type PeriodGrid, type SpecialPeriod, type ZeroFlagRow } from '../../../shared/domain/special-period.js';
import type { Unit } from '../../../shared/domain/unit.js';
import { api } from '../api.js';
import { LIVE_TABLES, useLiveRefresh } from '../live.js';
import { downloadFile } from '../download.js';
import { useFmt } from '../components/incident-bits.js';
import { useApp } from '../i18n.js';
import '../incidents.css';
import { moveByArrow } from '../components/grid-keys.js';
import { RoleButton } from '../components/role-gate.js';
import { isConflict } from '../components/save-conflict.js';
import { serverNow } from '../clock.js';

const STATUS_COLORS: Record<CellStatus, string> = { on_time: '#d9f7be', late: '#ffe7ba', missing: '#ffccc7', pending: '#f0f0f0', not_required: '#fafafa' };
const STATUSES: CellStatus[] = ['on_time', 'late', 'missing', 'pending', 'not_required'];

const periodIdFromHash = () => Number(/^#\/zero\/(\d+)/.exec(window.location.hash)?.[1] ?? 0) || null;

type PeriodForm = { name: string; startDay: string; endDay: string; cutoff: string; unitIds: number[]; covers: string; notes: string; reason: string };
const emptyForm = (): PeriodForm => ({ name: '', startDay: '', endDay: '', cutoff: '16:00', unitIds: [], covers: '', notes: '', reason: '' });

function PeriodDialog({ open, period, units, onClose, onSaved }: { open: boolean; period: SpecialPeriod | null; units: Unit[]; onClose(): void; onSaved(p: SpecialPeriod): void }) {
  const { t } = useApp();
  const { message } = App.useApp();
  const [f, setF] = useState<PeriodForm>(emptyForm);
  useEffect(() => {
    if (open) setF(period ? { ...period, covers: period.covers.join('\n'), reason: '' } : emptyForm());
  }, [open, period]);
  const save = async () => {
    const fields = { name: f.name, startDay: f.startDay.trim(), endDay: f.endDay.trim(), cutoff: f.cutoff.trim(), unitIds: f.unitIds, covers: f.covers.split(/\n|、|,|，/).map((s) => s.trim()).filter(Boolean), notes: f.notes };
    try {
      const saved = period ? await api.periods.update({ id: period.id, fields, reason: f.reason }) : await api.periods.create(fields);
      message.success(t('common.saved'));
      onSaved(saved);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Modal open={open} title={period ? t('period.edit') : t('period.new')} onCancel={onClose} onOk={() => void save()} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden okButtonProps={{ 'data-testid': 'period-save' } as Record<`data-${string}`, string>}>
      <Form layout="vertical" onFinish={() => void save()}>
        <Form.Item label={t('period.name')} required>
          <Input autoFocus value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} data-testid="period-name" placeholder="2026年汛期" />
        </Form.Item>
        <Space>
          <Form.Item label={t('period.startDay')} required>
            <Input value={f.startDay} onChange={(e) => setF({ ...f, startDay: e.target.value })} placeholder="2026-06-01" data-testid="period-start" />
          </Form.Item>
          <Form.Item label={t('period.endDay')} required>
            <Input value={f.endDay} onChange={(e) => setF({ ...f, endDay: e.target.value })} placeholder="2026-09-30" data-testid="period-end" />
          </Form.Item>
          <Form.Item label={t('period.cutoff')}>
            <Input value={f.cutoff} onChange={(e) => setF({ ...f, cutoff: e.target.value })} style={{ width: 90 }} data-testid="period-cutoff" />
          </Form.Item>
        </Space>
        <Form.Item label={t('period.units')} required>
          <Select
            mode="multiple"
            value={f.unitIds}
            onChange={(v) => setF({ ...f, unitIds: v })}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
            optionFilterProp="label"
            data-testid="period-units"
          />
        </Form.Item>
        <Form.Item label={t('period.covers')} extra={t('period.coversHelp')}>
          <Input.TextArea rows={3} value={f.covers} onChange={(e) => setF({ ...f, covers: e.target.value })} data-testid="period-covers" />
        </Form.Item>
        <Form.Item label={t('period.notes')}>
          <Input value={f.notes} onChange={(e) => setF({ ...f, notes: e.target.value })} />
        </Form.Item>
        {period && (
          <Form.Item label={t('period.reason')} required>
            <Input value={f.reason} onChange={(e) => setF({ ...f, reason: e.target.value })} data-testid="period-reason" />
          </Form.Item>
        )}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

function CellDialog({ grid, cell, onClose, onSaved }: { grid: PeriodGrid; cell: { unitId: number; day: string } | null; onClose(): void; onSaved(): void }) {
  const { t, settings } = useApp();
  const { message } = App.useApp();
  const fmt = useFmt();
  const [rows, setRows] = useState<CellReportRow[]>([]);
  const [time, setTime] = useState('');
  const [zero, setZero] = useState(true);
  const [items, setItems] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const covers = grid.period.covers;
  useEffect(() => {
    if (!cell) return;
    setTime('');
    setZero(true);
    setItems({});
    setNote('');
    setReason('');
    void api.periods.cell({ periodId: grid.period.id, ...cell }).then(setRows, (e: Error) => message.error(e.message));
  }, [cell, grid.period.id, message]);
  if (!cell) return null;
  const unit = grid.units.find((u) => u.id === cell.unitId)?.name ?? '';
  const corrected = new Set(rows.map((r) => r.correctsId));
  const standing = rows.filter((r) => !corrected.has(r.id)).at(-1) ?? null;
  const save = async () => {
    const receivedAt = time.trim() ? parseTypedTime(time, settings.timeZone, serverNow()) : serverNow();
    if (receivedAt === null) return message.error(t('incident.timeInvalid'));
    const contents = zero ? Object.fromEntries(covers.map((c) => [c, NOTHING])) : Object.fromEntries(covers.map((c) => [c, (items[c] ?? '').trim() || NOTHING]));
    try {
      await api.periods.logReport({
        periodId: grid.period.id,
        unitId: cell.unitId,
        day: cell.day,
        receivedAt,
        nothingToReport: zero || Object.values(contents).every((v) => v === NOTHING),
        contents,
        note,
        correctsId: standing && reason.trim() ? standing.id : null,
        correctionReason: standing && reason.trim() ? reason : null,
      });
      message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Modal open title={t('period.cellTitle', { unit, day: cell.day })} onCancel={onClose} onOk={() => void save()} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden width={640} okButtonProps={{ 'data-testid': 'cell-save' } as Record<`data-${string}`, string>}>
      <Typography.Text strong>{t('period.rowsLogged')}</Typography.Text>
      <List
        size="small"
        data-testid="cell-rows"
        locale={{ emptyText: t('period.noReport') }}
        dataSource={rows}
        renderItem={(r) => (
          <List.Item>
            <div>
              <div>
                #{r.id} {fmt(r.receivedAt, 'MM-dd HH:mm:ss')} <Tag>{t(`period.source.${r.source}`)}</Tag>
                {r.correctsId !== null && <Tag color="purple">{t('period.corrects', { id: r.correctsId })}：{r.correctionReason}</Tag>}
              </div>
              <div>{r.nothingToReport ? NOTHING : Object.entries(r.contents).map(([k, v]) => `${k}：${v}`).join('；')} {r.note}</div>
              <div className="timeline-meta">{`${r.actorName} · ${fmt(r.enteredAt, 'MM-dd HH:mm:ss')}`}</div>
            </div>
          </List.Item>
        )}
      />
      <Form layout="vertical" onFinish={() => void save()} style={{ marginTop: 12 }}>
        <Typography.Text strong>{standing ? t('period.correction') : t('period.logReport')}</Typography.Text>
        <Form.Item label={t('period.receivedAt')} extra={t('upward.sentAtHelp')}>
          <Input autoFocus placeholder={fmt(serverNow())} value={time} onChange={(e) => setTime(e.target.value)} data-testid="cell-time" />
        </Form.Item>
        <Form.Item>
          <Checkbox checked={zero} onChange={(e) => setZero(e.target.checked)} data-testid="cell-zero">
            {t('period.zero')}
          </Checkbox>
        </Form.Item>
        {!zero &&
          covers.map((c) => (
            <Form.Item key={c} label={c}>
              <Input value={items[c] ?? ''} placeholder={NOTHING} onChange={(e) => setItems({ ...items, [c]: e.target.value })} data-testid={`cell-item-${c}`} />
            </Form.Item>
          ))}
        <Form.Item label={t('period.note')}>
          <Input value={note} onChange={(e) => setNote(e.target.value)} />
        </Form.Item>
        {standing && (
          <Form.Item label={t('period.correctionReason')} required>
            <Input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="cell-reason" />
          </Form.Item>
        )}
        {/* Enter in any field saves (implicit submission needs a submit button). */}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

/** The period's omitted and late daily reports, each reviewed by the leader with a reason. */
function ZeroFlags({ periodId, version, onChanged }: { periodId: number; version: number; onChanged(): void }) {
  const { t } = useApp();
  const { message } = App.useApp();
  const fmt = useFmt();
  const [flags, setFlags] = useState<ZeroFlagRow[]>([]);
  const [review, setReview] = useState<{ flag: ZeroFlagRow; decision: 'confirmed' | 'dismissed' } | null>(null);
  const [leader, setLeader] = useState('');
  const [reason, setReason] = useState('');
  const load = useCallback(
    () => void api.periods.flags({ periodId }).then((f) => setFlags(f.filter((x) => x.status !== 'cleared')), (e: Error) => message.error(e.message)),
    [periodId, message],
  );
  useEffect(load, [load, version]);
  const open = async (flag: ZeroFlagRow, decision: 'confirmed' | 'dismissed') => {
    setReason('');
    setLeader((await api.flags.leaderOnDuty({}).catch(() => ({ leader: null }))).leader ?? '');
    setReview({ flag, decision });
  };
  const save = async () => {
    if (!review) return;
    try {
      await api.periods.reviewFlag({ flagId: review.flag.id, decision: review.decision, leader, reason });
      message.success(t('common.saved'));
      setReview(null);
      load();
      onChanged();
    } catch (e) {
      // Decided meanwhile by another seat: the list shows how; the dialog keeps what was typed.
      if (isConflict(e)) load();
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('period.flags')}
      </Typography.Title>
      <Table<ZeroFlagRow>
        rowKey="id"
        size="small"
        data-testid="zero-flags"
        dataSource={flags}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('period.unit'), dataIndex: 'unitName', width: 140 },
          { title: t('period.day'), dataIndex: 'day', width: 110 },
          { title: t('ledger.flag'), dataIndex: 'status', width: 90, render: (s: ZeroFlagRow['status']) => <Tag color={s === 'overdue' ? 'red' : 'orange'}>{t(s === 'overdue' ? 'period.status.missing' : 'period.status.late')}</Tag> },
          { title: t('ledger.deadline'), dataIndex: 'deadline', width: 140, render: (v: number) => fmt(v) },
          { title: t('ledger.actual'), dataIndex: 'actual', width: 140, render: (v: number | null) => fmt(v) },
          { title: t('ledger.minutesLate'), dataIndex: 'minutesLate', width: 80 },
          { title: t('period.onDuty'), dataIndex: 'onDutyText', render: (v: string | null) => v ?? t('flag.noRoster') },
          {
            title: t('period.review'),
            key: 'review',
            width: 220,
            render: (_: unknown, f) =>
              f.review === 'pending' ? (
                <Space>
                  <RoleButton method="periods.reviewFlag" size="small" danger onClick={() => void open(f, 'confirmed')} data-testid={`zero-flag-confirm-${f.id}`}>
                    {t('flag.confirm')}
                  </RoleButton>
                  <RoleButton method="periods.reviewFlag" size="small" onClick={() => void open(f, 'dismissed')}>
                    {t('flag.dismiss')}
                  </RoleButton>
                </Space>
              ) : (
                <span>
                  {t(`flag.review.${f.review}`)} · {f.reviewedBy}：{f.reviewReason}
                </span>
              ),
          },
        ]}
      />
      <Modal open={review !== null} title={review ? `${t(review.decision === 'confirmed' ? 'flag.confirm' : 'flag.dismiss')} · ${review.flag.unitName} ${review.flag.day}` : ''} onCancel={() => setReview(null)} onOk={() => void save()} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden okButtonProps={{ 'data-testid': 'zero-flag-save' } as Record<`data-${string}`, string>}>
        <Form layout="vertical" onFinish={() => void save()}>
          <Form.Item label={t('flag.leader')} required>
            <Input value={leader} onChange={(e) => setLeader(e.target.value)} data-testid="zero-flag-leader" />
          </Form.Item>
          <Form.Item label={t('flag.reviewReason')} required>
            <Input.TextArea autoFocus rows={2} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="zero-flag-reason" />
          </Form.Item>
          <button type="submit" hidden />
        </Form>
      </Modal>
    </>
  );
}

export function ZeroReportsPage() {
  const { t } = useApp();
  const { message } = App.useApp();
  const fmt = useFmt();
  const [periods, setPeriods] = useState<SpecialPeriod[] | null>(null);
  const [units, setUnits] = useState<Unit[]>([]);
  const [selected, setSelected] = useState<number | null>(periodIdFromHash);
  const [grid, setGrid] = useState<PeriodGrid | null>(null);
  // Bumped on every load of the grid, so the flags below reload with it.
  const [loads, setLoads] = useState(0);
  const [dialog, setDialog] = useState<null | 'new' | 'edit'>(null);
  const [cell, setCell] = useState<{ unitId: number; day: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);

  const loadPeriods = useCallback(async () => {
    try {
      const list = await api.periods.list({});
      setPeriods(list);
      setSelected((s) => s ?? list[0]?.id ?? null);
    } catch (e) {
      message.error((e as Error).message);
    }
  }, [message]);
  const loadGrid = useCallback(async () => {
    if (selected === null) return setGrid(null);
    try {
      setGrid(await api.periods.grid({ id: selected }));
      setLoads((n) => n + 1);
    } catch (e) {
      message.error((e as Error).message);
    }
  }, [selected, message]);
  useEffect(() => {
    void loadPeriods();
    void api.units.list({}).then(setUnits, () => undefined);
  }, [loadPeriods]);
  useEffect(() => void loadGrid(), [loadGrid]);
  // A report logged at another seat, a unit judged missing by the rules clock past the cutoff.
  useLiveRefresh(LIVE_TABLES.zero, loadGrid);

  const choose = (id: number) => {
    setSelected(id);
    window.location.hash = `#/zero/${id}`;
  };

  const importFile = async (file: File) => {
    if (!grid) return;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let bin = '';
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      const r = await api.periods.importReports({ periodId: grid.period.id, contentBase64: btoa(bin) });
      message.success(t('period.imported', r));
      await loadGrid();
    } catch (e) {
      Modal.error({ title: t('period.import'), content: <div style={{ whiteSpace: 'pre-wrap' }} data-testid="import-error">{(e as Error).message}</div> });
    }
  };

  // Arrow keys move the focus between cells; Enter (a button) opens the cell.
  const onKey = (e: React.KeyboardEvent<HTMLTableElement>) => void moveByArrow(e, tableRef.current);

  const todayIndex = grid ? grid.days.indexOf(grid.today) : -1;
  const todaySummary = grid && todayIndex >= 0
    ? STATUSES.map((s) => ({ s, names: grid.units.filter((_, i) => grid.cells[i]![todayIndex]!.status === s).map((u) => u.name) })).filter((x) => x.names.length)
    : [];

  return (
    <div data-testid="zero-page">
      <div className="page-title">
        <h2>{t('period.title')}</h2>
        <Typography.Text type="secondary">{t('period.subtitle')}</Typography.Text>
      </div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ minWidth: 260 }}
          value={selected ?? undefined}
          onChange={choose}
          placeholder={t('period.list')}
          options={(periods ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.startDay} ~ ${p.endDay}）` }))}
          data-testid="period-select"
        />
        <RoleButton method="periods.create" icon={<PlusOutlined />} onClick={() => setDialog('new')} data-testid="period-new">
          {t('period.new')}
        </RoleButton>
        <RoleButton method="periods.update" disabled={!grid} onClick={() => setDialog('edit')} data-testid="period-edit">
          {t('period.edit')}
        </RoleButton>
        <Button icon={<DownloadOutlined />} disabled={!grid} onClick={() => grid && void api.periods.template({ periodId: grid.period.id }).then(downloadFile, (e: Error) => message.error(e.message))}>
          {t('period.template')}
        </Button>
        <Button icon={<UploadOutlined />} disabled={!grid} onClick={() => fileInput.current?.click()} data-testid="period-import">
          {t('period.import')}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".xlsx"
          hidden
          data-testid="period-import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importFile(file);
          }}
        />
      </Space>
      {periods && periods.length === 0 && <Empty description={t('period.none')} />}
      {grid && (
        <>
          <Space wrap style={{ marginBottom: 8 }}>
            <Typography.Text>
              {t('period.cutoff')} {grid.period.cutoff} · {t('period.covers')} {grid.period.covers.join('、') || NOTHING}
            </Typography.Text>
            {STATUSES.map((s) => (
              <Tag key={s} color={STATUS_COLORS[s]} style={{ color: '#000' }}>
                {t(`period.status.${s}`)}
              </Tag>
            ))}
            <Typography.Text type="secondary">{t('period.keyboardHelp')}</Typography.Text>
          </Space>
          {todayIndex >= 0 && (
            <div className="zero-today-summary" data-testid="zero-today-summary" style={{ marginBottom: 8 }}>
              <strong>{t('period.today')} {grid.today}：</strong>
              {todaySummary.map((x) => (
                <span key={x.s} style={{ marginRight: 12 }} data-testid={`today-${x.s}`}>
                  <Tag color={STATUS_COLORS[x.s]} style={{ color: '#000' }}>
                    {t(`period.status.${x.s}`)} {x.names.length}
                  </Tag>
                  {x.names.join('、')}
                </span>
              ))}
            </div>
          )}
          <div style={{ overflowX: 'auto' }}>
            <table ref={tableRef} className="zero-grid" onKeyDown={onKey} data-testid="zero-grid" style={{ borderCollapse: 'collapse' }}>
              <thead>
                <tr>
                  <th style={{ textAlign: 'left', padding: '4px 8px' }}>{t('period.unit')}</th>
                  {grid.days.map((d, k) => (
                    <th key={d} style={{ padding: '4px 6px', fontWeight: k === todayIndex ? 700 : 400, background: k === todayIndex ? '#e6f4ff' : undefined, whiteSpace: 'nowrap' }}>
                      {d.slice(5)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {grid.units.map((u, r) => (
                  <tr key={u.id}>
                    <th style={{ textAlign: 'left', padding: '4px 8px', whiteSpace: 'nowrap' }}>{u.name}</th>
                    {grid.days.map((d, c) => {
                      const x = grid.cells[r]![c]!;
                      return (
                        <td key={d} style={{ padding: 2, background: c === todayIndex ? '#e6f4ff' : undefined }}>
                          <button
                            type="button"
                            data-r={r}
                            data-c={c}
                            data-testid={`cell-${u.id}-${d}`}
                            data-status={x.status}
                            title={`${u.name} ${d} ${t(`period.status.${x.status}`)}${x.receivedAt ? ' ' + fmt(x.receivedAt, 'HH:mm') : ''}${x.minutesLate ? ' ' + t('period.minutesLate', { n: x.minutesLate }) : ''}`}
                            onClick={() => setCell({ unitId: u.id, day: d })}
                            style={{ width: 64, height: 30, border: '1px solid #d9d9d9', borderRadius: 4, cursor: 'pointer', background: STATUS_COLORS[x.status], fontSize: 12 }}
                          >
                            {x.receivedAt ? fmt(x.receivedAt, 'HH:mm') : t(`period.status.${x.status}`)}
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ZeroFlags periodId={grid.period.id} version={loads} onChanged={() => void loadGrid()} />
          <CellDialog grid={grid} cell={cell} onClose={() => setCell(null)} onSaved={() => (setCell(null), void loadGrid())} />
        </>
      )}
      <PeriodDialog
        open={dialog !== null}
        period={dialog === 'edit' ? grid?.period ?? null : null}
        units={units}
        onClose={() => setDialog(null)}
        onSaved={(p) => {
          setDialog(null);
          void loadPeriods();
          choose(p.id);
          void loadGrid();
        }}
      />
    </div>
  );
}
