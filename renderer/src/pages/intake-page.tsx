// Runs in the renderer. 接报登记: one form a duty officer fills while on the phone. The system
// stamps the moment the form opened; the real time of the call may be typed. The level and the
// deadlines are computed as the figures are typed, by the same engine the server judges with.
// Gaps are shown, never blocked. Alt+S saves, Alt+N starts over; the whole form works by Tab.
import { Alert, App, Button, Card, Checkbox, Descriptions, Empty, Form, Input, InputNumber, List, Select, Space, Tag, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CATEGORIES, isAccidentCategory, type Category } from '../../../shared/domain/categories.js';
import { CHANNELS, OFFICIAL_CHANNELS, type Channel } from '../../../shared/domain/channels.js';
import { pendingOf, toEngineIncident, toEngineReport } from '../../../shared/domain/incident-engine.js';
import { parseTypedTime } from '../../../shared/domain/incident-time.js';
import type { IncidentDetail, IncidentRow } from '../../../shared/domain/incident.js';
import { LEVELS, levelOf, type Level } from '../../../shared/domain/levels.js';
import { DEFAULT_RULE_SET } from '../../../shared/domain/rules/default-rule-set.js';
import { evaluateIncident } from '../../../shared/domain/rules/evaluate-incident.js';
import { REPORT_KINDS, type ReportKind } from '../../../shared/domain/rules/incident.js';
import type { Unit } from '../../../shared/domain/unit.js';
import { api, ApiCallError } from '../api.js';
import { LevelTag, useFmt } from '../components/incident-bits.js';
import { useApp } from '../i18n.js';
import '../incidents.css';
import { serverNow } from '../clock.js';

interface FormState {
  fromUnit: string;
  callerName: string;
  callerTitle: string;
  callerPhone: string;
  channel: Channel;
  kind: ReportKind;
  receivedText: string;
  occurredText: string;
  category: Category | undefined;
  responsibleUnit: string;
  place: string;
  level: Level | null;
  important: boolean;
  deaths: number | null;
  missing: number | null;
  seriouslyInjured: number | null;
  injured: number | null;
  trapped: number | null;
  directLossYuan: number | null;
  summary: string;
  measuresTaken: string;
  correctsReportId: number | null;
  correctionReason: string;
}

const EMPTY: FormState = {
  fromUnit: '',
  callerName: '',
  callerTitle: '',
  callerPhone: '',
  channel: 'phone',
  kind: 'initial',
  receivedText: '',
  occurredText: '',
  category: undefined,
  responsibleUnit: '',
  place: '',
  level: null,
  important: false,
  deaths: null,
  missing: null,
  seriouslyInjured: null,
  injured: null,
  trapped: null,
  directLossYuan: null,
  summary: '',
  measuresTaken: '',
  correctsReportId: null,
  correctionReason: '',
};

function targetIdFromHash(): number | null {
  const m = /^#\/intake\/(\d+)/.exec(window.location.hash);
  return m ? Number(m[1]) : null;
}

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** The report as the form states it: one mapping for the live preview and for saving. */
function reportOf(f: FormState, times: { enteredAt: number; receivedAt: number; occurredAt: number | null }) {
  return {
    kind: f.kind,
    channel: f.channel,
    fromUnit: f.fromUnit.trim(),
    callerName: f.callerName,
    callerTitle: f.callerTitle,
    callerPhone: f.callerPhone,
    ...times,
    location: blankToNull(f.place),
    summary: blankToNull(f.summary),
    measuresTaken: blankToNull(f.measuresTaken),
    deaths: f.deaths,
    missing: f.missing,
    seriouslyInjured: f.seriouslyInjured,
    injured: f.injured,
    trapped: f.trapped,
    directLossYuan: f.directLossYuan,
    correctionReason: blankToNull(f.correctionReason),
    correctsReportId: f.correctsReportId,
  };
}

export function IntakePage() {
  const { t, settings } = useApp();
  const { message } = App.useApp();
  const fmt = useFmt();
  const [enteredAt, setEnteredAt] = useState(() => serverNow());
  const [now, setNow] = useState(() => serverNow());
  const [f, setF] = useState<FormState>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [units, setUnits] = useState<Unit[]>([]);
  const [target, setTarget] = useState<IncidentDetail | null>(null);
  const [duplicates, setDuplicates] = useState<IncidentRow[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const firstRef = useRef<InputRef>(null);
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setF((s) => ({ ...s, [k]: v }));

  useEffect(() => {
    void api.units.list({}).then(setUnits, () => undefined);
    const id = setInterval(() => setNow(serverNow()), 15_000);
    return () => clearInterval(id);
  }, []);

  const loadTarget = useCallback(async (id: number | null) => {
    if (id === null) return setTarget(null);
    try {
      const d = await api.incidents.get({ id });
      setTarget(d);
      setF((s) => ({ ...s, kind: s.kind === 'initial' ? 'followup' : s.kind, fromUnit: s.fromUnit || d.incident.responsibleUnit }));
    } catch (e) {
      message.error((e as Error).message);
    }
  }, [message]);

  useEffect(() => {
    void loadTarget(targetIdFromHash());
    const on = () => void loadTarget(targetIdFromHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, [loadTarget]);

  const receivedAt = parseTypedTime(f.receivedText, settings.timeZone, enteredAt) ?? enteredAt;
  const occurredAt = f.occurredText.trim() ? parseTypedTime(f.occurredText, settings.timeZone, enteredAt) : null;
  const category = target?.incident.category ?? f.category;
  const responsibleUnit = target?.incident.responsibleUnit ?? (f.responsibleUnit.trim() || f.fromUnit.trim());

  // The live preview: the same engine, over the reports so far plus this one.
  const preview = useMemo(() => {
    if (!category || !responsibleUnit) return null;
    const report = toEngineReport(reportOf(f, { enteredAt, receivedAt, occurredAt }));
    const base = target
      ? target.incident
      : { id: 0, category, responsibleUnit, occurredAt: occurredAt ?? receivedAt, learnedAt: null, closedAt: null, manualLevel: f.level };
    const reports = [...(target?.reports.map(toEngineReport) ?? []), report];
    const incident = toEngineIncident(base, reports);
    const ev = evaluateIncident(incident, DEFAULT_RULE_SET, now);
    // As if nothing official had come: the first and written deadlines at this level.
    const hypothetical = toEngineIncident(base, reports.map((r) => ({ ...r, channel: 'public' as const })));
    const owed = pendingOf(hypothetical, DEFAULT_RULE_SET, now).pending.filter((p) => p.code === 'LATE_FIRST' || p.code === 'LATE_WRITTEN');
    const pending = pendingOf(incident, DEFAULT_RULE_SET, now).pending;
    const index = reports.length - 1;
    const missing = ev.flags.find((x) => x.code === 'OMITTED_FIELDS' && x.reportIndex === index)?.fields ?? [];
    return { ev, owed, pending, missing, official: OFFICIAL_CHANNELS.has(f.channel) && f.fromUnit.trim() === responsibleUnit };
  }, [category, responsibleUnit, f, enteredAt, receivedAt, occurredAt, target, now]);

  const figuresLevel = category && isAccidentCategory(category) ? levelOf(f) : null;

  // Possible duplicates, asked as the unit, category, time and place are typed.
  useEffect(() => {
    if (target || !category || !responsibleUnit || occurredAt === null) return setDuplicates([]);
    const id = setTimeout(() => {
      api.incidents.duplicates({ unit: responsibleUnit, category, occurredAt, place: f.place }).then(setDuplicates, () => setDuplicates([]));
    }, 300);
    return () => clearTimeout(id);
  }, [target, category, responsibleUnit, occurredAt, f.place]);

  const reset = useCallback(() => {
    setF(EMPTY);
    setErrors({});
    setEnteredAt(serverNow());
    setNow(serverNow());
    setDuplicates([]);
    if (targetIdFromHash() !== null) window.location.hash = '#/intake';
    setTarget(null);
    setTimeout(() => firstRef.current?.focus(), 0);
  }, []);

  const save = async () => {
    const errs: Record<string, string> = {};
    if (!f.fromUnit.trim()) errs.fromUnit = t('incident.fromUnitRequired');
    if (f.receivedText.trim() && parseTypedTime(f.receivedText, settings.timeZone, enteredAt) === null) errs.receivedText = t('incident.timeInvalid');
    if (f.occurredText.trim() && occurredAt === null) errs.occurredText = t('incident.timeInvalid');
    if (!target) {
      if (!f.category) errs.category = t('incident.categoryRequired');
      if (!f.occurredText.trim()) errs.occurredText = t('incident.timeInvalid');
    }
    if (f.correctsReportId !== null && !f.correctionReason.trim()) errs.correctionReason = t('incident.correctionReasonRequired');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const report = reportOf(f, { enteredAt, receivedAt, occurredAt });
    setSaving(true);
    try {
      let number: string;
      if (target) {
        await api.incidents.addReport({ incidentId: target.incident.id, report });
        number = target.incident.number;
      } else {
        const r = await api.incidents.create({
          category: f.category!,
          responsibleUnit,
          occurredAt: occurredAt!,
          place: f.place.trim(),
          level: f.level,
          important: f.important,
          report,
        });
        number = r.incident.number;
      }
      message.success(t('intake.saved', { number }));
      reset();
      setSaved(number);
    } catch (e) {
      if (e instanceof ApiCallError && e.error.fields?.length) {
        setErrors(Object.fromEntries(e.error.fields.map((x) => [x.path.split('.').pop() ?? '', x.message])));
      }
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.altKey && e.key.toLowerCase() === 's') || (e.ctrlKey && e.key === 'Enter')) {
        e.preventDefault();
        void saveRef.current();
      } else if (e.altKey && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        reset();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [reset]);

  const num = (k: 'deaths' | 'missing' | 'seriouslyInjured' | 'injured' | 'trapped', label: string) => (
    <Form.Item label={label} validateStatus={errors[k] ? 'error' : undefined} help={errors[k]}>
      <InputNumber min={0} precision={0} style={{ width: '100%' }} value={f[k]} onChange={(v) => set(k, v ?? null)} data-testid={`intake-${k}`} />
    </Form.Item>
  );
  const err = (k: string) => (errors[k] ? { validateStatus: 'error' as const, help: errors[k] } : {});

  return (
    <div data-testid="intake-page">
      <div className="page-title">
        <h2>{t('intake.title')}</h2>
        <Typography.Text type="secondary">{t('intake.subtitle')}</Typography.Text>
      </div>
      {saved && <Alert type="success" showIcon closable onClose={() => setSaved(null)} style={{ marginBottom: 12 }} title={<span data-testid="intake-saved">{t('intake.saved', { number: saved })}</span>} />}
      {target && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="intake-target"
          title={`${t('intake.mergingInto', { number: target.incident.number })} · ${target.incident.responsibleUnit} · ${t(`category.${target.incident.category}`)} · ${target.incident.place}`}
          action={<Button size="small" onClick={reset}>{t('intake.cancelMerge')}</Button>}
        />
      )}
      <datalist id="intake-units">
        {units.map((u) => (
          <option key={u.id} value={u.name} />
        ))}
      </datalist>
      <div className="intake-grid">
        <Form layout="vertical" data-testid="intake-form" onSubmitCapture={(e) => e.preventDefault()}>
          <Card size="small" title={t('intake.caller')} style={{ marginBottom: 12 }}>
            <div style={{ display: 'grid', gridTemplateColumns: '2fr 1fr 1fr 1.2fr 1fr 1fr', gap: 8 }}>
              <Form.Item label={t('intake.fromUnit')} required {...err('fromUnit')}>
                {/* A native datalist: suggestions without a popup that swallows Tab. */}
                <Input ref={firstRef} autoFocus list="intake-units" value={f.fromUnit} onChange={(e) => set('fromUnit', e.target.value)} data-testid="intake-from-unit" />
              </Form.Item>
              <Form.Item label={t('intake.callerName')}>
                <Input value={f.callerName} onChange={(e) => set('callerName', e.target.value)} data-testid="intake-caller-name" />
              </Form.Item>
              <Form.Item label={t('intake.callerTitle')}>
                <Input value={f.callerTitle} onChange={(e) => set('callerTitle', e.target.value)} />
              </Form.Item>
              <Form.Item label={t('intake.callerPhone')}>
                <Input value={f.callerPhone} onChange={(e) => set('callerPhone', e.target.value)} data-testid="intake-caller-phone" />
              </Form.Item>
              <Form.Item label={t('intake.channel')} required>
                <Select value={f.channel} onChange={(v) => set('channel', v)} options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} data-testid="intake-channel" showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
              <Form.Item label={t('intake.kind')} required>
                <Select value={f.kind} onChange={(v) => set('kind', v)} options={REPORT_KINDS.map((k) => ({ value: k, label: t(`reportKind.${k}`) }))} data-testid="intake-kind" />
              </Form.Item>
            </div>
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 8 }}>
              <Form.Item label={t('intake.enteredAt')}>
                <Input value={fmt(enteredAt, 'yyyy-MM-dd HH:mm:ss')} readOnly tabIndex={-1} data-testid="intake-entered-at" />
              </Form.Item>
              <Form.Item label={t('intake.receivedAt')} extra={t('intake.receivedAtHint')} {...err('receivedText')}>
                <Input placeholder={fmt(enteredAt)} value={f.receivedText} onChange={(e) => set('receivedText', e.target.value)} data-testid="intake-received-at" />
              </Form.Item>
              <Form.Item label={t('incident.occurredAt')} required={!target} {...err('occurredText')}>
                <Input placeholder="2026-11-24 09:05 / 09:05" value={f.occurredText} onChange={(e) => set('occurredText', e.target.value)} data-testid="intake-occurred-at" />
              </Form.Item>
            </div>
          </Card>
          <Card size="small" title={t('intake.what')} style={{ marginBottom: 12 }}>
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1.3fr 2fr 1fr', gap: 8 }}>
              <Form.Item label={t('incident.category')} required {...err('category')}>
                <Select
                  disabled={!!target}
                  value={category}
                  onChange={(v) => set('category', v)}
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('incident.category')}
                  options={CATEGORIES.map((c) => ({ value: c.code, label: t(`category.${c.code}`) }))}
                  data-testid="intake-category"
                />
              </Form.Item>
              <Form.Item label={t('incident.responsibleUnit')} required>
                <Input
                  disabled={!!target}
                  list="intake-units"
                  value={target ? target.incident.responsibleUnit : f.responsibleUnit}
                  placeholder={f.fromUnit}
                  onChange={(e) => set('responsibleUnit', e.target.value)}
                  data-testid="intake-responsible-unit"
                />
              </Form.Item>
              <Form.Item label={t('incident.place')}>
                <Input value={f.place} onChange={(e) => set('place', e.target.value)} data-testid="intake-place" />
              </Form.Item>
              <Form.Item label={t('incident.level')}>
                {category && !isAccidentCategory(category) && !target ? (
                  <Select allowClear value={f.level ?? undefined} onChange={(v) => set('level', v ?? null)} options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} data-testid="intake-level" />
                ) : (
                  <div style={{ paddingTop: 4 }}>{figuresLevel ? <LevelTag level={figuresLevel} /> : '—'}</div>
                )}
              </Form.Item>
            </div>
            <div className="fig-row">
              {num('deaths', t('intake.deaths'))}
              {num('missing', t('intake.missing'))}
              {num('seriouslyInjured', t('intake.seriouslyInjured'))}
              {num('injured', t('intake.injured'))}
              {num('trapped', t('intake.trapped'))}
              <Form.Item label={t('intake.directLossYuan')}>
                <InputNumber min={0} style={{ width: '100%' }} value={f.directLossYuan} onChange={(v) => set('directLossYuan', v ?? null)} data-testid="intake-loss" />
              </Form.Item>
            </div>
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
              <Form.Item label={t('intake.summary')}>
                <Input.TextArea rows={3} value={f.summary} onChange={(e) => set('summary', e.target.value)} data-testid="intake-summary" />
              </Form.Item>
              <Form.Item label={t('intake.measuresTaken')}>
                <Input.TextArea rows={3} value={f.measuresTaken} onChange={(e) => set('measuresTaken', e.target.value)} data-testid="intake-measures" />
              </Form.Item>
            </div>
            {target && (
              <div style={{ display: 'grid', gridTemplateColumns: '1fr 2fr', gap: 8 }}>
                <Form.Item label={t('intake.correction')}>
                  <Select
                    allowClear
                    value={f.correctsReportId ?? undefined}
                    onChange={(v) => set('correctsReportId', v ?? null)}
                    options={target.reports.map((r) => ({ value: r.id, label: t('intake.correctsReport', { seq: r.seq }) }))}
                    data-testid="intake-corrects"
                  />
                </Form.Item>
                <Form.Item label={t('intake.correctionReason')} {...err('correctionReason')}>
                  <Input value={f.correctionReason} onChange={(e) => set('correctionReason', e.target.value)} data-testid="intake-correction-reason" />
                </Form.Item>
              </div>
            )}
            {!target && (
              <Checkbox checked={f.important} onChange={(e) => set('important', e.target.checked)}>
                {t('incident.important')}
              </Checkbox>
            )}
          </Card>
          <Space>
            <Button type="primary" loading={saving} onClick={() => void save()} data-testid="intake-save" title="Alt+S / Ctrl+Enter">
              {t('intake.save')}
            </Button>
            <Button onClick={reset} title="Alt+N">
              {t('intake.new')}
            </Button>
            <Typography.Text type="secondary">{t('intake.shortcuts')}</Typography.Text>
          </Space>
        </Form>
        <Space orientation="vertical" style={{ width: '100%' }} size={12}>
          <Card size="small" title={t('intake.deadlines')} data-testid="intake-preview">
            {!preview ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incident.categoryRequired')} />
            ) : (
              <>
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('incident.level')}>
                    <span data-testid="intake-level-preview">
                      <LevelTag level={preview.ev.currentLevel} />
                    </span>
                    {category && !isAccidentCategory(category) && <Typography.Text type="secondary">{t('intake.manualLevel')}</Typography.Text>}
                  </Descriptions.Item>
                </Descriptions>
                <List
                  size="small"
                  dataSource={[...preview.owed, ...preview.pending.filter((p) => p.code !== 'LATE_FIRST' && p.code !== 'LATE_WRITTEN')]}
                  renderItem={(p) => {
                    const late = preview.ev.flags.find((x) => x.code === p.code && x.status === 'late' && x.reportIndex === (target?.reports.length ?? 0));
                    const owed = preview.pending.some((x) => x.code === p.code && x.deadline === p.deadline);
                    const what = t(`deadline.${p.code}`);
                    return (
                      <List.Item data-testid={`intake-deadline-${p.code}`}>
                        {late ? (
                          <Typography.Text type="danger">{t('intake.deadlineLate', { what, at: fmt(p.deadline), minutes: late.minutesLate ?? 0 })}</Typography.Text>
                        ) : (
                          <span>
                            {t('intake.deadlineLine', { what, at: fmt(p.deadline) })} {owed ? <Tag color="orange">{t('intake.due')}</Tag> : <Tag color="green">{t('intake.met')}</Tag>}
                          </span>
                        )}
                      </List.Item>
                    );
                  }}
                />
                {!preview.official && <Alert type="warning" showIcon title={t('intake.notOfficial')} style={{ marginTop: 8 }} />}
                {preview.official &&
                  (preview.missing.length ? (
                    <Alert type="warning" showIcon data-testid="intake-missing-items" style={{ marginTop: 8 }} title={t('intake.missingItems', { items: preview.missing.map((x) => t(`item.${x}`)).join('、') })} />
                  ) : (
                    <Alert type="success" showIcon style={{ marginTop: 8 }} title={t('intake.complete')} />
                  ))}
              </>
            )}
          </Card>
          {duplicates.length > 0 && (
            <Card size="small" title={t('intake.duplicates')} data-testid="intake-duplicates">
              <List
                size="small"
                dataSource={duplicates}
                renderItem={(d) => (
                  <List.Item
                    actions={[
                      <Button key="m" size="small" onClick={() => (window.location.hash = `#/intake/${d.id}`)} data-testid={`intake-merge-${d.id}`}>
                        {t('intake.mergeInto', { number: d.number })}
                      </Button>,
                    ]}
                  >
                    <List.Item.Meta title={`${d.number} ${d.place}`} description={`${fmt(d.occurredAt)} · ${d.summary}`} />
                  </List.Item>
                )}
              />
            </Card>
          )}
        </Space>
      </div>
    </div>
  );
}
