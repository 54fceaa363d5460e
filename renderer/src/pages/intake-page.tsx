// Runs in the renderer. 接报登记: one form a duty officer fills while on the phone. The call began
// at the first keystroke into the empty form (F2 restarts it); the server stamps the entry with
// its own clock at the save, and a typed time of the call is kept beside it. Units come from the
// directory, counts are read exactly or refused, a likely duplicate asks for a decision. The level
// and the deadlines are computed as the figures are typed, by the same engine the server judges
// with. Gaps are shown, never blocked. Alt+S saves, Alt+N starts over; the whole form works by Tab.
import { Alert, App, Button, Card, Checkbox, Descriptions, Empty, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CATEGORIES, categoryClassOf, isAccidentCategory, type Category } from '../../../shared/domain/categories.js';
import { CHANNELS, OFFICIAL_CHANNELS, type Channel } from '../../../shared/domain/channels.js';
import { pendingOf, toEngineIncident, toEngineReport } from '../../../shared/domain/incident-engine.js';
import { readTypedTime, TYPED_TIME_EXAMPLES_ZH } from '../../../shared/domain/typed-time.js';
import { readAmount, readCount } from '../../../shared/domain/typed-count.js';
import { NATURAL_FIGURE_KEYS, NATURAL_FIGURE_UNITS, takesNaturalFigures, type NaturalFigureKey } from '../../../shared/domain/natural-figures.js';
import { matchUnit } from '../../../shared/domain/unit-match.js';
import type { FlagCode } from '../../../shared/domain/rules/flag.js';
import type { IncidentDetail, IncidentRow } from '../../../shared/domain/incident.js';
import { LEVELS, levelOf, type Level } from '../../../shared/domain/levels.js';
import { evaluateIncident } from '../../../shared/domain/rules/evaluate-incident.js';
import { isOfficialReport, overdueMinutesAsOf } from '../../../shared/domain/rules/predicates.js';
import { REPORT_KINDS, type ReportKind } from '../../../shared/domain/rules/incident.js';
import type { Unit } from '../../../shared/domain/unit.js';
import { api, ApiCallError } from '../api.js';
import { DraftNotice } from '../components/draft-notice.js';
import { useDraft } from '../drafts.js';
import { isDraftPending, saving as savingApi } from '../save-queue.js';
import { useRuleSetInForce } from '../rule-set.js';
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
  deaths: string;
  missing: string;
  seriouslyInjured: string;
  injured: string;
  trapped: string;
  directLossYuan: string;
  /** The natural-disaster figures: shown, checked and sent only for a natural-class category. */
  affected: string;
  evacuated: string;
  housesCollapsed: string;
  summary: string;
  measuresTaken: string;
  correctsReportId: number | null;
  correctionReason: string;
  /** A final report saying the response ended: record 处置结束 with it. */
  closes: boolean;
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
  deaths: '',
  missing: '',
  seriouslyInjured: '',
  injured: '',
  trapped: '',
  directLossYuan: '',
  affected: '',
  evacuated: '',
  housesCollapsed: '',
  summary: '',
  measuresTaken: '',
  correctsReportId: null,
  correctionReason: '',
  closes: true,
};

type CountField = 'deaths' | 'missing' | 'seriouslyInjured' | 'injured' | 'trapped';
const COUNT_FIELDS: readonly CountField[] = ['deaths', 'missing', 'seriouslyInjured', 'injured', 'trapped'];

/**
 * A row pasted from a spreadsheet (cells separated by tabs) fills the form in this order, the
 * order of the 接报登记 sheet; a row of any other width is refused, never saved whole as one field.
 */
const PASTE_COLUMNS = ['fromUnit', 'callerName', 'callerPhone', 'receivedText', 'occurredText', 'category', 'place', 'deaths', 'missing', 'seriouslyInjured', 'summary'] as const;

function targetIdFromHash(): number | null {
  const m = /^#\/intake\/(\d+)/.exec(window.location.hash);
  return m ? Number(m[1]) : null;
}

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());
const countValue = (text: string, unit?: Parameters<typeof readCount>[1]) => {
  const r = readCount(text, unit);
  return r.ok ? r.value : null;
};

/** The natural-disaster figures as typed; none (null) where the category is not natural-class (the fields are hidden). */
function naturalOf(f: FormState, natural = true): Record<NaturalFigureKey, number | null> {
  const v = (k: NaturalFigureKey) => (natural ? countValue(f[k], NATURAL_FIGURE_UNITS[k]) : null);
  return { affected: v('affected'), evacuated: v('evacuated'), housesCollapsed: v('housesCollapsed') };
}

/** The report as the form states it: one mapping for the live preview and for saving. */
function reportOf(f: FormState, times: { receivedAt: number; occurredAt: number | null }, fromUnit: string) {
  const loss = readAmount(f.directLossYuan);
  return {
    kind: f.kind,
    channel: f.channel,
    fromUnit,
    callerName: f.callerName,
    callerTitle: f.callerTitle,
    callerPhone: f.callerPhone,
    ...times,
    location: blankToNull(f.place),
    summary: blankToNull(f.summary),
    measuresTaken: blankToNull(f.measuresTaken),
    deaths: countValue(f.deaths),
    missing: countValue(f.missing),
    seriouslyInjured: countValue(f.seriouslyInjured),
    injured: countValue(f.injured),
    trapped: countValue(f.trapped),
    directLossYuan: loss.ok ? loss.value : null,
    ...naturalOf(f),
    correctionReason: blankToNull(f.correctionReason),
    correctsReportId: f.correctsReportId,
  };
}

/** Which unit of the directory a typed name is (its name, an alias, or its short name), or null. */
function unitNamed(text: string, units: readonly Unit[]): Unit | null {
  return matchUnit(text, units).exact;
}

export function IntakePage() {
  const { t, settings, user } = useApp();
  const { message } = App.useApp();
  const fmt = useFmt();
  // When the officer began this call: the form's first keystroke (or F2, 来电), on the page's
  // monotonic clock; the server turns it into an instant on its own clock at the save.
  const [callStart, setCallStart] = useState<number | null>(null);
  const [now, setNow] = useState(serverNow);
  const [f, setF] = useState<FormState>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [units, setUnits] = useState<Unit[]>([]);
  const [target, setTarget] = useState<IncidentDetail | null>(null);
  const [duplicates, setDuplicates] = useState<IncidentRow[]>([]);
  const [deciding, setDeciding] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const firstRef = useRef<InputRef>(null);
  // What is typed is kept on this computer as it is typed (drafts.ts), per incident followed.
  const [targetId, setTargetId] = useState(targetIdFromHash);
  const draftRef = useMemo(() => ({ user: user.username, form: targetId === null ? 'intake:new' : `intake:incident:${targetId}` }), [user.username, targetId]);
  const draft = useDraft(draftRef, f, EMPTY, setF);
  /** Saves that wait for the host when it cannot be reached, then go with the same key (save-queue.ts). */
  const saver = useMemo(() => savingApi({ draft: draftRef, user: user.username, onQueued: () => message.warning({ content: t('host.queued'), duration: 6 }) }), [draftRef, user.username, message, t]);
  // Any change to the form is a keystroke of this call: the first one starts the call's clock.
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => {
    setF((s) => ({ ...s, [k]: v }));
    setCallStart((c) => c ?? performance.now());
  };

  useEffect(() => {
    void api.units.list({}).then(setUnits, () => undefined);
    const id = setInterval(() => setNow(serverNow()), 1000);
    return () => clearInterval(id);
  }, []);

  const loadTarget = useCallback(async (id: number | null) => {
    if (id === null) return setTarget(null);
    try {
      const d = await api.incidents.get({ id });
      setTarget(d);
      // A follow-up carries what the incident already says: its unit and its place.
      setF((s) => ({ ...s, kind: s.kind === 'initial' ? 'followup' : s.kind, fromUnit: s.fromUnit || d.incident.responsibleUnit, place: s.place || d.incident.place }));
    } catch (e) {
      message.error((e as Error).message);
    }
  }, [message]);

  useEffect(() => {
    void loadTarget(targetIdFromHash());
    const on = () => {
      setTargetId(targetIdFromHash());
      void loadTarget(targetIdFromHash());
    };
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, [loadTarget]);

  const timeOpts = { timeZone: settings.timeZone, now, expect: 'past' as const };
  const typedReceived = f.receivedText.trim() ? readTypedTime(f.receivedText, timeOpts) : null;
  const typedOccurred = f.occurredText.trim() ? readTypedTime(f.occurredText, timeOpts) : null;
  const rules = useRuleSetInForce();
  const callAt = callStart === null ? now : serverNow() - Math.round(performance.now() - callStart);
  const receivedAt = typedReceived?.ok ? typedReceived.at : callAt;
  const occurredAt = typedOccurred?.ok ? typedOccurred.at : null;
  const category = target?.incident.category ?? f.category;
  const fromUnit = unitNamed(f.fromUnit, units)?.name ?? f.fromUnit.trim();
  const responsibleUnit = target?.incident.responsibleUnit ?? (unitNamed(f.responsibleUnit, units)?.name ?? (f.responsibleUnit.trim() || fromUnit));
  const official = OFFICIAL_CHANNELS.has(f.channel);
  const natural = category !== undefined && takesNaturalFigures(category);

  // The live preview: the same engine, over the reports so far plus this one.
  const preview = useMemo(() => {
    if (!category || !responsibleUnit || !rules) return null;
    const ruleSet = rules.ruleSet;
    const report = toEngineReport({ ...reportOf(f, { receivedAt, occurredAt }, fromUnit), enteredAt: now });
    const base = target
      ? target.incident
      : { id: 0, category, responsibleUnit, occurredAt: occurredAt ?? receivedAt, learnedAt: null, closedAt: null, manualLevel: f.level };
    const reports = [...(target?.reports.map(toEngineReport) ?? []), report];
    const incident = toEngineIncident(base, reports);
    const ev = evaluateIncident(incident, ruleSet, now);
    // As if nothing official had come: the first and written deadlines at this level.
    const hypothetical = toEngineIncident(base, reports.map((r) => ({ ...r, channel: 'public' as const })));
    const owed = pendingOf(hypothetical, ruleSet, now).pending.filter((p) => p.code === 'LATE_FIRST' || p.code === 'LATE_WRITTEN');
    const pending = pendingOf(incident, ruleSet, now).pending;
    const index = reports.length - 1;
    const missing = ev.flags.find((x) => x.code === 'OMITTED_FIELDS' && x.reportIndex === index)?.fields ?? [];
    return { ev, owed, pending, missing, official: isOfficialReport({ channel: f.channel, fromUnit }, responsibleUnit) };
  }, [category, responsibleUnit, fromUnit, f, receivedAt, occurredAt, target, now, rules]);

  const figuresLevel = category && rules && rules.ruleSet.profiles[categoryClassOf(category)].levels === 'decree493' ? levelOf({ deaths: countValue(f.deaths), missing: countValue(f.missing), seriouslyInjured: countValue(f.seriouslyInjured), directLossYuan: readAmount(f.directLossYuan).ok ? (readAmount(f.directLossYuan) as { value: number | null }).value : null }, rules.ruleSet.levelThresholds) : null;

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
    setCallStart(null);
    setNow(serverNow());
    setDuplicates([]);
    setDeciding(false);
    if (targetIdFromHash() !== null) window.location.hash = '#/intake';
    setTarget(null);
    // Once the empty form shows; not when the focus moved meanwhile (Alt+N then F4 at once: the
    // follow-up picker has it, and the keys typed into it must stay there).
    const from = document.activeElement;
    setTimeout(() => {
      if (document.activeElement === from || document.activeElement === document.body || !document.activeElement) firstRef.current?.focus();
    }, 0);
  }, []);

  /** Every field error of the form as it stands, in the UI's words; nothing is changed to make it pass. */
  const check = (): Record<string, string> => {
    const errs: Record<string, string> = {};
    const timeError = (r: ReturnType<typeof readTypedTime> | null) =>
      r && !r.ok ? t(r.reason === 'future' ? 'intake.timeFuture' : r.reason === 'tooEarly' ? 'incident.timeTooEarly' : 'intake.timeUnreadable', { examples: TYPED_TIME_EXAMPLES_ZH }) : null;
    if (!f.fromUnit.trim()) errs.fromUnit = t('incident.fromUnitRequired');
    else if (official && !unitNamed(f.fromUnit, units)) errs.fromUnit = t('intake.unitUnknown', { name: f.fromUnit.trim() });
    if (!target && f.responsibleUnit.trim() && !unitNamed(f.responsibleUnit, units)) errs.responsibleUnit = t('intake.unitUnknown', { name: f.responsibleUnit.trim() });
    if (!target && !f.responsibleUnit.trim() && !official) errs.responsibleUnit = t('incident.unitRequired');
    const rt = timeError(typedReceived);
    if (rt) errs.receivedText = rt;
    const ot = timeError(typedOccurred);
    if (ot) errs.occurredText = ot;
    if (!target) {
      if (!f.category) errs.category = t('incident.categoryRequired');
      if (!f.occurredText.trim()) errs.occurredText = t('intake.occurredRequired', { examples: TYPED_TIME_EXAMPLES_ZH });
    }
    for (const k of COUNT_FIELDS) {
      const r = readCount(f[k]);
      if (!r.ok) errs[k] = t(`intake.count.${r.reason}`, { value: f[k].trim() });
    }
    // Hidden for other classes, and then neither checked nor sent.
    if (natural)
      for (const k of NATURAL_FIGURE_KEYS) {
        const r = readCount(f[k], NATURAL_FIGURE_UNITS[k]);
        if (!r.ok) errs[k] = t(NATURAL_FIGURE_UNITS[k] === 'rooms' && (r.reason === 'notNumber' || r.reason === 'vague') ? `intake.count.${r.reason}Rooms` : `intake.count.${r.reason}`, { value: f[k].trim() });
      }
    const loss = readAmount(f.directLossYuan);
    if (!loss.ok) errs.directLossYuan = t(`intake.count.${loss.reason}`, { value: f.directLossYuan.trim() });
    if (f.correctsReportId !== null && !f.correctionReason.trim()) errs.correctionReason = t('incident.correctionReasonRequired');
    return errs;
  };

  const reportToSend = () => {
    // The natural-disaster figures go only with a natural-class incident (typed before the category changed, they stay unsent).
    const report = { ...reportOf(f, { receivedAt, occurredAt }, fromUnit), ...naturalOf(f, natural) };
    const { receivedAt: _r, ...rest } = report;
    // A typed time is sent as typed; otherwise only how long ago the call began (the server's clock decides the instant).
    return typedReceived?.ok ? { ...rest, receivedAt: typedReceived.at } : { ...rest, ...(callStart !== null ? { startedMsAgo: Math.max(0, Math.round(performance.now() - callStart)) } : {}) };
  };

  const afterSave = (number: string) => {
    message.success(t('intake.saved', { number }));
    reset();
    setSaved(number);
  };

  const showServerError = (e: unknown) => {
    if (e instanceof ApiCallError && e.error.fields?.length) setErrors(Object.fromEntries(e.error.fields.map((x) => [x.path.split('.').pop() ?? '', x.message])));
    message.error((e as Error).message);
  };

  /** Saves as a follow-up of `incidentId` (a chosen duplicate, or the incident being followed). */
  const saveTo = async (incidentId: number, number: string) => {
    setSaving(true);
    try {
      await saver.incidents.addReport({ incidentId, report: reportToSend(), closesIncident: f.kind === 'final' && f.closes && incidentId === target?.incident.id });
      afterSave(number);
    } catch (e) {
      showServerError(e);
    } finally {
      setSaving(false);
    }
  };

  const saveNew = async (notDuplicateOf?: { ids: number[]; reason: string }) => {
    setSaving(true);
    try {
      const r = await saver.incidents.create({
        category: f.category!,
        responsibleUnit,
        occurredAt: occurredAt!,
        place: f.place.trim(),
        level: f.level,
        important: f.important,
        report: reportToSend(),
        ...(notDuplicateOf ? { notDuplicateOf } : {}),
      });
      setDeciding(false);
      afterSave(r.incident.number);
    } catch (e) {
      showServerError(e);
    } finally {
      setSaving(false);
    }
  };

  const save = async () => {
    if (saving) return;
    // Queued before this form opened again (the lock screen came between): it goes when the host is back.
    if (isDraftPending(draftRef)) return void message.warning({ content: t('host.queued'), duration: 6 });
    const errs = check();
    setErrors(errs);
    if (Object.keys(errs).length) {
      message.error(Object.values(errs)[0]!);
      return;
    }
    if (target) return saveTo(target.incident.id, target.incident.number);
    // A likely duplicate needs a person's decision: follow-up of it, or a new incident with a reason.
    if (duplicates.length) return setDeciding(true);
    return saveNew();
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
      } else if (e.key === 'F2') {
        // 来电: a new call begins now, whatever was typed before.
        e.preventDefault();
        setCallStart(performance.now());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [reset]);

  // A row pasted from a spreadsheet: split into the fields it matches, or refused; never one field.
  const onFormPaste = (e: React.ClipboardEvent) => {
    const text = e.clipboardData.getData('text/plain').replace(/\r?\n$/, '');
    if (!text.includes('\t') && !text.includes('\n')) return;
    e.preventDefault();
    const cells = text.split('\t').map((c) => c.trim());
    if (text.includes('\n') || cells.length !== PASTE_COLUMNS.length) {
      message.error({ content: t('intake.pasteRefused', { got: text.includes('\n') ? text.split('\n').length : cells.length, columns: PASTE_COLUMNS.map((c) => t(`intake.paste.${c}`)).join('、') }), duration: 8 });
      return;
    }
    setCallStart((c) => c ?? performance.now());
    setF((s) => {
      const next = { ...s };
      PASTE_COLUMNS.forEach((c, k) => {
        const v = cells[k]!;
        if (c === 'category') next.category = CATEGORIES.find((x) => t(`category.${x.code}`) === v || x.code === v)?.code ?? s.category;
        else next[c] = v;
      });
      return next;
    });
    message.info(t('intake.pasted', { count: cells.length }));
  };

  const unitInput = (k: 'fromUnit' | 'responsibleUnit', props: Partial<React.ComponentProps<typeof Input>> = {}) => (
    <Input
      list="intake-units"
      value={f[k]}
      onChange={(e) => set(k, e.target.value)}
      // A short name or an alias becomes the unit's name as the officer leaves the field.
      onBlur={() => {
        const u = unitNamed(f[k], units);
        if (u && u.name !== f[k]) set(k, u.name);
      }}
      data-testid={k === 'fromUnit' ? 'intake-from-unit' : 'intake-responsible-unit'}
      {...props}
    />
  );

  const num = (k: CountField | NaturalFigureKey, label: string) => (
    <Form.Item label={label} validateStatus={errors[k] ? 'error' : undefined} help={errors[k]}>
      <Input inputMode="numeric" value={f[k]} onChange={(e) => set(k, e.target.value)} data-testid={`intake-${k}`} />
    </Form.Item>
  );
  const err = (k: string) => (errors[k] ? { validateStatus: 'error' as const, help: errors[k] } : {});

  /** A deadline's true state as of now: late (by how much), overdue, owed, or met. */
  const deadlineState = (p: { code: string; deadline: number }) => {
    const what = t(`deadline.${p.code as FlagCode}`);
    const late = preview?.ev.flags.find((x) => x.code === p.code && x.deadline === p.deadline && x.status === 'late');
    if (late) return <Typography.Text type="danger">{t('intake.deadlineWasLate', { what, at: fmt(p.deadline), minutes: late.minutesLate ?? 0, actual: late.actual ? fmt(late.actual) : '' })}</Typography.Text>;
    const owed = preview?.pending.some((x) => x.code === p.code && x.deadline === p.deadline);
    if (owed && p.deadline < now) return <Typography.Text type="danger">{t('intake.deadlineOverdue', { what, at: fmt(p.deadline), minutes: overdueMinutesAsOf(p.deadline, now) })}</Typography.Text>;
    return (
      <span>
        {t('intake.deadlineLine', { what, at: fmt(p.deadline) })} {owed ? <Tag color="orange">{t('intake.due')}</Tag> : <Tag color="green">{t('intake.met')}</Tag>}
      </span>
    );
  };

  return (
    <div data-testid="intake-page">
      <div className="page-title">
        <h2>{t('intake.title')}</h2>
        <Typography.Text type="secondary">{t('intake.subtitle')}</Typography.Text>
      </div>
      <DraftNotice draft={draft} />
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
        {units.flatMap((u) => [u.name, ...u.aliases].map((n) => <option key={`${u.id}:${n}`} value={n} label={n === u.name ? undefined : u.name} />))}
      </datalist>
      <div className="intake-grid">
        <Form layout="vertical" data-testid="intake-form" onSubmitCapture={(e) => e.preventDefault()} onPasteCapture={onFormPaste}>
          <Card size="small" title={t('intake.caller')} style={{ marginBottom: 12 }}>
            <div style={{ display: 'grid', gridTemplateColumns: '2fr 1fr 1fr 1.2fr 1fr 1fr', gap: 8 }}>
              <Form.Item label={t('intake.fromUnit')} required {...err('fromUnit')}>
                {/* A native datalist: suggestions without a popup that swallows Tab. */}
                {unitInput('fromUnit', { ref: firstRef, autoFocus: true })}
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
                <Select value={f.kind} onChange={(v) => set('kind', v)} options={REPORT_KINDS.map((k) => ({ value: k, label: t(`reportKind.${k}`) }))} data-testid="intake-kind" showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
            </div>
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 8 }}>
              <Form.Item label={t('intake.callAt')} extra={t('intake.callAtHint')}>
                <Input value={callStart === null ? t('intake.callNotStarted') : fmt(callAt, 'yyyy-MM-dd HH:mm:ss')} readOnly tabIndex={-1} data-testid="intake-call-at" />
              </Form.Item>
              <Form.Item label={t('intake.receivedAt')} extra={t('intake.receivedAtHint')} {...err('receivedText')}>
                <Input placeholder={fmt(callAt)} value={f.receivedText} onChange={(e) => set('receivedText', e.target.value)} data-testid="intake-received-at" />
              </Form.Item>
              <Form.Item label={t('incident.occurredAt')} required={!target} {...err('occurredText')} extra={typedOccurred?.ok ? fmt(typedOccurred.at) : undefined}>
                <Input placeholder="17:05 / 昨天 23:50" value={f.occurredText} onChange={(e) => set('occurredText', e.target.value)} data-testid="intake-occurred-at" />
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
              <Form.Item label={t('incident.responsibleUnit')} required {...err('responsibleUnit')}>
                {target ? <Input disabled value={target.incident.responsibleUnit} data-testid="intake-responsible-unit" /> : unitInput('responsibleUnit', { placeholder: official ? fromUnit : t('intake.responsibleUnitPick') })}
              </Form.Item>
              <Form.Item label={t('incident.place')}>
                <Input value={f.place} onChange={(e) => set('place', e.target.value)} data-testid="intake-place" />
              </Form.Item>
              <Form.Item label={t('incident.level')}>
                {category && !isAccidentCategory(category) && !target ? (
                  <Select allowClear value={f.level ?? undefined} onChange={(v) => set('level', v ?? null)} options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} data-testid="intake-level" showSearch={{ optionFilterProp: 'label' }} />
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
              <Form.Item label={t('intake.directLossYuan')} {...err('directLossYuan')}>
                <Input inputMode="decimal" value={f.directLossYuan} onChange={(e) => set('directLossYuan', e.target.value)} data-testid="intake-loss" />
              </Form.Item>
            </div>
            {natural && (
              <div className="fig-row" data-testid="intake-natural">
                {num('affected', t('intake.affected'))}
                {num('evacuated', t('intake.evacuated'))}
                {num('housesCollapsed', t('intake.housesCollapsed'))}
                <Typography.Text type="secondary" style={{ gridColumn: 'span 3', alignSelf: 'center' }}>
                  {t('intake.naturalHint')}
                </Typography.Text>
              </div>
            )}
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
              <Form.Item label={t('intake.summary')} {...err('summary')}>
                <Input.TextArea rows={3} value={f.summary} onChange={(e) => set('summary', e.target.value)} data-testid="intake-summary" />
              </Form.Item>
              <Form.Item label={t('intake.measuresTaken')} {...err('measuresTaken')}>
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
            {target && f.kind === 'final' && target.incident.closedAt === null && (
              <Checkbox checked={f.closes} onChange={(e) => set('closes', e.target.checked)} data-testid="intake-closes">
                {t('intake.closes')}
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
                  renderItem={(p) => <List.Item data-testid={`intake-deadline-${p.code}`}>{deadlineState(p)}</List.Item>}
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
      {deciding && (
        <DuplicateDecision
          duplicates={duplicates}
          saving={saving}
          onFollowup={(d) => void saveTo(d.id, d.number)}
          onNew={(reason) => void saveNew({ ids: duplicates.map((d) => d.id), reason })}
          onCancel={() => setDeciding(false)}
        />
      )}
    </div>
  );
}

/**
 * A likely duplicate, decided by keyboard: 1…9 (or Enter for the first) adds the report to that
 * incident as a follow-up; N makes a new incident after a one-line reason, kept in the audit.
 */
function DuplicateDecision({ duplicates, saving, onFollowup, onNew, onCancel }: { duplicates: IncidentRow[]; saving: boolean; onFollowup(d: IncidentRow): void; onNew(reason: string): void; onCancel(): void }) {
  const { t } = useApp();
  const fmt = useFmt();
  const [asNew, setAsNew] = useState(false);
  const [reason, setReason] = useState('');
  const onKey = (e: React.KeyboardEvent) => {
    if (asNew) return;
    const k = Number(e.key);
    if (Number.isInteger(k) && k >= 1 && k <= duplicates.length) {
      e.preventDefault();
      onFollowup(duplicates[k - 1]!);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      onFollowup(duplicates[0]!);
    } else if (e.key.toLowerCase() === 'n') {
      e.preventDefault();
      setAsNew(true);
    }
  };
  return (
    <Modal open title={t('intake.dupTitle')} onCancel={onCancel} footer={null} width={640} destroyOnHidden>
      <div tabIndex={-1} onKeyDown={onKey} data-testid="dup-decision" ref={(el) => { if (el && !asNew && !el.contains(document.activeElement)) el.focus(); }} style={{ outline: 'none' }}>
        <Typography.Paragraph>{t('intake.dupAsk')}</Typography.Paragraph>
        <List
          size="small"
          dataSource={duplicates}
          renderItem={(d, k) => (
            <List.Item
              actions={[
                <Button key="f" size="small" type={k === 0 ? 'primary' : 'default'} loading={saving} onClick={() => onFollowup(d)} data-testid={`dup-followup-${d.id}`}>
                  {t('intake.dupFollowup', { key: k + 1, number: d.number })}
                </Button>,
              ]}
            >
              <List.Item.Meta title={`${d.number} · ${d.responsibleUnit} · ${d.place}`} description={`${fmt(d.occurredAt)} · ${d.summary}`} />
            </List.Item>
          )}
        />
        {!asNew ? (
          <Button onClick={() => setAsNew(true)} data-testid="dup-new">
            {t('intake.dupNew')}
          </Button>
        ) : (
          <Space.Compact style={{ width: '100%' }}>
            <Input
              autoFocus
              value={reason}
              maxLength={200}
              placeholder={t('intake.dupReason')}
              onChange={(e) => setReason(e.target.value)}
              onPressEnter={() => reason.trim().length >= 2 && onNew(reason.trim())}
              data-testid="dup-reason"
            />
            <Button type="primary" danger disabled={reason.trim().length < 2} loading={saving} onClick={() => onNew(reason.trim())} data-testid="dup-save-new">
              {t('intake.dupSaveNew')}
            </Button>
          </Space.Compact>
        )}
      </div>
    </Modal>
  );
}
