// Runs in the renderer. The incident's detail: facts, its description (事件经过, which a leader
// edits), the timeline of reports, upward reports, flags, follow-ups and audit entries in time
// order, and the actions that add to it (a report, an upward report, the end of the response, a
// verified time learned), each with its reason.
import { App, Button, Descriptions, Drawer, Form, Input, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { CHANNELS, OFFICIAL_CHANNELS, type Channel } from '../../../shared/domain/channels.js';
import { parseTypedTime } from '../../../shared/domain/incident-time.js';
import { naturalTotalsText, takesNaturalFigures } from '../../../shared/domain/natural-figures.js';
import { currentFigures } from '../../../shared/domain/stats.js';
import type { IncidentDetail, ReportRow, UpwardReportRow } from '../../../shared/domain/incident.js';
import { isPastDeadline } from '../../../shared/domain/rules/predicates.js';
import { actionLabel } from '../../../shared/api/action-label.js';
import { isMessageKey, type MessageKey } from '../../../shared/i18n/index.js';
import { api } from '../api.js';
import { LIVE_TABLES, useLiveRefresh } from '../live.js';
import { useApp } from '../i18n.js';
import { countdownText, FlagTag, LevelTag, useFmt } from './incident-bits.js';
import { DescriptionSection } from './incident-description.js';
import { useSaveConflict } from './save-conflict.js';
import { serverNow, useServerNow } from '../clock.js';

type Action = null | 'upward' | 'close' | 'learned';

const UPWARD_CHANNELS = CHANNELS.filter((c) => OFFICIAL_CHANNELS.has(c));
const RECIPIENTS = ['upward.recipient.province', 'upward.recipient.cityGov', 'upward.recipient.department'] as const;

/** The duty room's upward reports with their timeliness, and the upward deadlines still owed. */
function UpwardSection({ d, now }: { d: IncidentDetail; now: number }) {
  const { t } = useApp();
  const fmt = useFmt();
  const flags = d.flags.filter((f) => f.code === 'UPWARD_LATE' && f.status !== 'cleared');
  const lateOf = (u: UpwardReportRow) => flags.find((f) => f.status === 'late' && f.actual === u.sentAt);
  const due = d.pending.filter((p) => p.code === 'UPWARD_LATE');
  const overdue = flags.filter((f) => f.status === 'overdue');
  return (
    <div data-testid="upward-section" style={{ marginTop: 12 }}>
      <Typography.Title level={5}>{t('upward.list')}</Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        {[...due.map((p) => p.deadline), ...overdue.map((f) => f.deadline!)].sort((a, b) => a - b).map((deadline) => (
          <Tag key={deadline} color={isPastDeadline(deadline, now) ? 'red' : 'orange'} data-testid="upward-countdown">
            {t('upward.due')} {fmt(deadline, 'MM-dd HH:mm')} · {countdownText(t, deadline, now)}
          </Tag>
        ))}
      </Space>
      {d.upward.length === 0 ? (
        <Typography.Text type="secondary">{t('upward.none')}</Typography.Text>
      ) : (
        <ul style={{ paddingLeft: 18, margin: 0 }} data-testid="upward-list">
          {d.upward.map((u) => {
            const late = lateOf(u);
            return (
              <li key={u.id}>
                {fmt(u.sentAt)} → {u.recipient} · {t(`channel.${u.channel}`)} {u.note}{' '}
                {late ? <Tag color="red">{t('upward.late', { n: late.minutesLate ?? 0 })}</Tag> : <Tag color="green">{t('upward.onTime')}</Tag>}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function Figures({ r }: { r: ReportRow }) {
  const { t } = useApp();
  const v = (n: number | null) => (n === null ? t('log.notStated') : String(n));
  // The natural-disaster figures this report stated, if any (the loss is in the line above).
  const natural = naturalTotalsText(t, { ...r, directLossYuan: null });
  return (
    <div>
      {natural && <div data-testid={`report-natural-${r.seq}`}>{natural}</div>}
      {t('log.figures', {
        deaths: v(r.deaths),
        missing: v(r.missing),
        seriouslyInjured: v(r.seriouslyInjured),
        injured: v(r.injured),
        trapped: v(r.trapped),
        loss: r.directLossYuan === null ? t('log.notStated') : t('log.yuan', { n: r.directLossYuan.toLocaleString() }),
      })}
    </div>
  );
}

export function IncidentDrawer({ id, onClose, onChanged }: { id: number | null; onClose(): void; onChanged?(): void }) {
  const { t, settings } = useApp();
  const { message } = App.useApp();
  const fmt = useFmt();
  const [d, setD] = useState<IncidentDetail | null>(null);
  const [action, setAction] = useState<Action>(null);
  const [form, setForm] = useState({ recipient: '', channel: 'phone' as Channel, time: '', note: '', reason: '' });
  const now = useServerNow();

  const conflict = useSaveConflict();

  const load = useCallback(async (): Promise<IncidentDetail | null> => {
    if (id === null) return (setD(null), null);
    try {
      const detail = await api.incidents.get({ id });
      setD(detail);
      return detail;
    } catch (e) {
      message.error((e as Error).message);
      return null;
    }
  }, [id, message]);
  useEffect(() => void load(), [load]);
  useLiveRefresh(LIVE_TABLES.incidents, load);

  const submit = async () => {
    if (!d) return;
    const at = form.time.trim() ? parseTypedTime(form.time, settings.timeZone, serverNow()) : serverNow();
    if (at === null) return message.error(t('incident.timeInvalid'));
    try {
      if (action === 'upward') await api.incidents.addUpward({ incidentId: d.incident.id, recipient: form.recipient, channel: form.channel, sentAt: at, note: form.note });
      if (action === 'close') await api.incidents.updateFacts({ id: d.incident.id, closedAt: at, reason: form.reason, baseVersion: conflict.base });
      if (action === 'learned') await api.incidents.updateFacts({ id: d.incident.id, learnedAt: at, reason: form.reason, baseVersion: conflict.base });
      message.success(t('common.saved'));
      setAction(null);
      setForm({ recipient: '', channel: 'phone', time: '', note: '', reason: '' });
      await load();
      onChanged?.();
    } catch (e) {
      // Changed meanwhile: the dialog keeps what was typed, over the incident as it is now.
      if (!(await conflict.refused(e, async () => (await load())?.versions.facts))) message.error((e as Error).message);
    }
  };
  const startAction = (a: Exclude<Action, null>) => {
    if (d) conflict.open(d.versions.facts);
    setAction(a);
  };

  // A natural disaster's figures as they stand: each the latest the responsible unit stated (currentFigures).
  const naturalNow = (() => {
    if (!d || !takesNaturalFigures(d.incident.category)) return '';
    const c = currentFigures(d.incident.responsibleUnit, d.reports);
    return naturalTotalsText(t, { ...c, directLossYuan: c.directLossStated ? c.directLossYuan : null });
  })();

  // One time-ordered list: reports, upward reports, flags, follow-ups, audit entries.
  type Entry = { at: number; color: string; node: React.ReactNode; key: string };
  const entries: Entry[] = [];
  if (d) {
    for (const r of d.reports)
      entries.push({
        at: r.receivedAt,
        color: 'blue',
        key: `r${r.id}`,
        node: (
          <div data-testid={`timeline-report-${r.seq}`}>
            <strong>{t('log.reportLine', { seq: r.seq, kind: t(`reportKind.${r.kind}`), channel: t(`channel.${r.channel}`), unit: r.fromUnit })}</strong>
            {r.callerName && ` · ${r.callerName}${r.callerTitle ? `（${r.callerTitle}）` : ''} ${r.callerPhone}`}
            <div className="timeline-meta">{t('log.enteredReceived', { received: fmt(r.receivedAt), entered: fmt(r.enteredAt, 'yyyy-MM-dd HH:mm:ss') })}</div>
            {r.location && <div>{r.location}</div>}
            {r.summary && <div style={{ whiteSpace: 'pre-wrap' }}>{r.summary}</div>}
            <Figures r={r} />
            {r.measuresTaken && <div>{r.measuresTaken}</div>}
            {r.correctsReportId !== null && (
              <Tag color="purple">
                {t('intake.correctsReport', { seq: d.reports.find((x) => x.id === r.correctsReportId)?.seq ?? '?' })}：{r.correctionReason}
              </Tag>
            )}
          </div>
        ),
      });
    for (const u of d.upward)
      entries.push({ at: u.sentAt, color: 'cyan', key: `u${u.id}`, node: <div>{`${t('upward.title')} → ${u.recipient} · ${t(`channel.${u.channel}`)} ${u.note}`}</div> });
    for (const f of d.flags)
      entries.push({
        at: f.deadline ?? f.actual ?? f.raisedAt,
        color: f.status === 'cleared' ? 'gray' : 'red',
        key: `f${f.id}`,
        node: (
          <div>
            <FlagTag flag={f} /> {f.deadline !== null && fmt(f.deadline)}
            <div className="timeline-meta">{f.onDutyText ? t('flag.onDuty', { text: f.onDutyText }) : t('flag.onDuty', { text: t('flag.noRoster') })}</div>
            {f.review !== 'pending' && (
              <div className="timeline-meta">
                {t(`flag.review.${f.review}`)} · {t('flag.reviewedBy', { by: f.reviewedBy ?? '', at: fmt(f.reviewedAt), reason: f.reviewReason ?? '' })}
              </div>
            )}
          </div>
        ),
      });
    for (const f of d.followups)
      entries.push({
        at: f.createdAt,
        color: 'orange',
        key: `o${f.id}`,
        node: (
          <div>
            <Tag>{t(`followup.kind.${f.kind}`)}</Tag>
            {f.subject} · {t('followup.owner')} {f.owner} · {t('followup.dueAt')} {fmt(f.dueAt)} · {t(`followup.status.${f.status}`)}
            {f.result && <div>{f.result}</div>}
          </div>
        ),
      });
    for (const a of d.audit)
      entries.push({ at: a.at, color: 'gray', key: `a${a.id}`, node: <div className="timeline-meta" data-testid={`timeline-audit-${a.id}`}>{`${fmt(a.at, 'MM-dd HH:mm:ss')} ${a.actorName}${a.seat ? `（${t('room.viaSeat', { seat: a.seat })}）` : ''} ${actionLabel(t, a.method)}${isMessageKey(`auditEntity.${a.entity}`) ? ` · ${t(`auditEntity.${a.entity}` as MessageKey)}` : ''}`}</div> });
    entries.sort((a, b) => a.at - b.at);
  }

  return (
    <Drawer open={id !== null} onClose={onClose} size={720} title={d ? `${d.incident.number} ${d.incident.responsibleUnit} ${t(`category.${d.incident.category}`)}` : ''} data-testid="incident-drawer">
      {d && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Button type="primary" onClick={() => (window.location.hash = `#/intake/${d.incident.id}`)} data-testid="drawer-add-report">
              {t('intake.addReport')}
            </Button>
            <Button onClick={() => startAction('upward')} data-testid="drawer-upward">
              {t('upward.add')}
            </Button>
            <Button onClick={() => startAction('learned')} data-testid="drawer-learned">
              {t('log.setLearnedAt')}
            </Button>
            <Button onClick={() => startAction('close')} disabled={d.incident.closedAt !== null} data-testid="drawer-close-incident">
              {t('log.closeIncident')}
            </Button>
          </Space>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('incident.occurredAt')}>{fmt(d.incident.occurredAt)}</Descriptions.Item>
            <Descriptions.Item label={t('incident.place')}>{d.incident.place}</Descriptions.Item>
            <Descriptions.Item label={t('incident.level')}>
              <LevelTag level={d.incident.currentLevel} />
            </Descriptions.Item>
            <Descriptions.Item label={t('incident.status')}>{t(`incident.status.${d.incident.status}`)}</Descriptions.Item>
            <Descriptions.Item label={t('incident.learnedAt')}>{fmt(d.incident.learnedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('incident.closedAt')}>{fmt(d.incident.closedAt)}</Descriptions.Item>
            {naturalNow && (
              <Descriptions.Item label={t('log.naturalCurrent')} span={2}>
                <span data-testid="drawer-natural">{naturalNow}</span>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('log.pending')} span={2}>
              {d.pending.map((p) => (
                <Tag key={`${p.code}${p.deadline}`} color={isPastDeadline(p.deadline, serverNow()) ? 'red' : 'orange'}>
                  {t(`deadline.${p.code}`)} {fmt(p.deadline, 'MM-dd HH:mm')}
                </Tag>
              ))}
            </Descriptions.Item>
          </Descriptions>
          <DescriptionSection
            d={d}
            reload={load}
            onSaved={async () => {
              await load();
              onChanged?.();
            }}
          />
          <UpwardSection d={d} now={now} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('log.timeline')}
          </Typography.Title>
          <Timeline data-testid="incident-timeline" items={entries.map((e) => ({ key: e.key, color: e.color, content: <div><div className="timeline-meta">{fmt(e.at, 'MM-dd HH:mm')}</div>{e.node}</div> }))} />
        </>
      )}
      <Modal
        open={action !== null}
        title={action === 'upward' ? t('upward.add') : action === 'close' ? t('log.closeIncident') : t('log.setLearnedAt')}
        onCancel={() => setAction(null)}
        onOk={() => void submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'drawer-action-save' } as Record<`data-${string}`, string>}
      >
        {action !== 'upward' && conflict.alert}
        <Form layout="vertical" onFinish={() => void submit()}>
          {action === 'upward' && (
            <>
              <Form.Item label={t('upward.recipient')} required>
                <Input autoFocus list="upward-recipients" value={form.recipient} onChange={(e) => setForm({ ...form, recipient: e.target.value })} data-testid="upward-recipient" />
                <datalist id="upward-recipients">
                  {RECIPIENTS.map((k) => (
                    <option key={k} value={t(k)} />
                  ))}
                </datalist>
                <Space size={4} style={{ marginTop: 4 }}>
                  {RECIPIENTS.map((k) => (
                    <Button key={k} size="small" onClick={() => setForm({ ...form, recipient: t(k) })}>
                      {t(k)}
                    </Button>
                  ))}
                </Space>
              </Form.Item>
              <Form.Item label={t('upward.channel')}>
                <Select value={form.channel} onChange={(v) => setForm({ ...form, channel: v })} options={UPWARD_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} data-testid="upward-channel" />
              </Form.Item>
            </>
          )}
          <Form.Item label={action === 'upward' ? t('upward.sentAt') : action === 'close' ? t('incident.closedAt') : t('incident.learnedAt')} extra={action === 'upward' ? t('upward.sentAtHelp') : undefined}>
            <Input placeholder={fmt(serverNow())} value={form.time} onChange={(e) => setForm({ ...form, time: e.target.value })} autoFocus={action !== 'upward'} data-testid="action-time" />
          </Form.Item>
          {action === 'upward' ? (
            <Form.Item label={t('upward.note')}>
              <Input value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
            </Form.Item>
          ) : (
            <Form.Item label={t('log.factsReason')} required>
              <Input.TextArea rows={2} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} />
            </Form.Item>
          )}
          {/* Enter in a field saves (implicit submission needs a submit button). */}
          <button type="submit" hidden />
        </Form>
      </Modal>
    </Drawer>
  );
}
