// Runs in the renderer. Settings → 报送时限规则: the rule set in force, each class's numbers with
// their sources; an admin starts from it, a shipped pack or a rule-set file, edits any number,
// previews what the change does to the open incidents' flags, and saves it as a new version (the
// server re-judges the open incidents in the same transaction). What was typed is read exactly
// (shared/domain/rules/rule-edit.ts) or named as an error; nothing is rounded or clamped.
import { DownloadOutlined, EyeOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RulePackInfo, RuleSetInfo, RuleSetPreview, RuleSetVersionRow } from '../../../shared/api/methods/rules.js';
import { CATEGORY_CLASSES, type CategoryClass } from '../../../shared/domain/categories.js';
import { formatInZone } from '../../../shared/domain/duty-day.js';
import { LEVELS, type Level } from '../../../shared/domain/levels.js';
import { applyCells, cellAt, cellOfPath, cellText, halfWidth, LEVEL_CELLS, levelCellPath, RULE_CELLS, THRESHOLD_MEASURES, windowPath, type Cell, type LevelCell } from '../../../shared/domain/rules/rule-edit.js';
import { parseRuleSet, sourceOf, type RuleSetV2 } from '../../../shared/domain/rules/rule-set.js';
import { NOTICE_KINDS } from '../../../shared/domain/notice.js';
import { api, ApiCallError } from '../api.js';
import { downloadText } from '../download.js';
import { useApp } from '../i18n.js';
import { refreshRuleSet } from '../rule-set.js';
import { REJUDGED_EVENT } from '../components/incident-bits.js';

interface Draft {
  /** The document the cells start from. */
  base: RuleSetV2;
  /** What it was started from: 'v<N>', a pack id or 'file'. */
  basedOn: string;
  /** Cells as typed, by path (only those a person touched or a load filled). */
  typed: Record<string, string>;
}

/** A source's document, without what it says: the text before its first colon. */
const shortSource = (text: string) => text.split(/[:：]/)[0]!.trim();

const summaryParams = ({ changes: _c, truncated: _t, notices: _n, ...counts }: RuleSetPreview): Record<string, number> => counts;
/** The relayed notices' part of a preview, as the summary's parameters. */
const noticeParams = ({ notices: { changes: _c, truncated: _t, ...counts } }: RuleSetPreview): Record<string, number> => counts;

function textsOf(doc: RuleSetV2): Record<string, string> {
  return Object.fromEntries(RULE_CELLS.map((c) => [c.path, cellText(doc, c)]));
}

export function RuleSetEditor() {
  const { t, settings } = useApp();
  const { message } = App.useApp();
  const [info, setInfo] = useState<RuleSetInfo | null>(null);
  const [packs, setPacks] = useState<RulePackInfo[]>([]);
  const [versions, setVersions] = useState<RuleSetVersionRow[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [preview, setPreview] = useState<RuleSetPreview | null>(null);
  const [pack, setPack] = useState<string>('cn-default');
  const [busy, setBusy] = useState(false);
  const [saving, setSaving] = useState(false);
  const [note, setNote] = useState('');
  const [cls, setCls] = useState<CategoryClass>('accident');
  const fileRef = useRef<HTMLInputElement>(null);
  const at = (ms: number) => formatInZone(ms, settings.timeZone);

  const load = useCallback(async () => {
    const [i, p, v] = await Promise.all([api.rules.get({}), api.rules.packs({}), api.rules.versions({})]);
    setInfo(i);
    setPacks(p);
    setVersions(v);
    setDraft({ base: i.document, basedOn: `v${i.version}`, typed: textsOf(i.document) });
    setErrors({});
    setFormError(null);
    setPreview(null);
  }, []);
  useEffect(() => void load().catch((e: unknown) => message.error((e as Error).message)), [load, message]);

  const startFrom = (base: RuleSetV2, basedOn: string) => {
    // The loaded numbers become what is typed: saved, they differ from the version in force.
    setDraft({ base, basedOn, typed: textsOf(base) });
    setErrors({});
    setFormError(null);
    setPreview(null);
  };

  /** What each cell shows for the version in force: a cell typed otherwise is marked changed. */
  const inForceTexts = useMemo(() => (info ? textsOf(info.document) : {}), [info]);
  const edited = useMemo(() => {
    if (!draft || !info) return 0;
    const inForce = inForceTexts;
    // A loaded pack or file differs in its sources and lists too, not only in the numbers.
    return Object.entries(draft.typed).filter(([p, v]) => inForce[p] !== v).length || (draft.base !== info.document ? 1 : 0);
  }, [draft, info, inForceTexts]);

  /** The draft as a rule set, or the errors marked on their cells. */
  const build = (): RuleSetV2 | null => {
    if (!draft) return null;
    const applied = applyCells(draft.base, draft.typed);
    if (!applied.ok) {
      setErrors(applied.errors);
      setFormError(t('rules.fixErrors', { n: Object.keys(applied.errors).length }));
      return null;
    }
    const checked = parseRuleSet(applied.doc);
    if (!checked.ok) {
      const cell = cellOfPath(checked.error.path);
      if (cell) setErrors({ [cell.path]: checked.error.message });
      setFormError(`${checked.error.path}：${checked.error.message}`);
      return null;
    }
    setErrors({});
    setFormError(null);
    return applied.doc;
  };

  const runPreview = async () => {
    const doc = build();
    if (!doc) return null;
    setBusy(true);
    try {
      const p = await api.rules.preview({ document: doc });
      setPreview(p);
      return { doc, p };
    } catch (e) {
      setFormError((e as Error).message);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    const doc = build();
    if (!doc || !draft || !info) return;
    setSaving(true);
    try {
      const saved = await api.rules.save({ document: doc, basedOn: draft.basedOn, basedOnVersion: info.version, note: note.trim() });
      setNote('');
      await load();
      await refreshRuleSet();
      window.dispatchEvent(new Event(REJUDGED_EVENT));
      setPreview(null);
      message.success(t('rules.saved', { version: saved.version, incidents: saved.incidents }));
    } catch (e) {
      if (e instanceof ApiCallError && e.error.code === 'conflict') await load().catch(() => undefined);
      setFormError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const importFile = async (file: File) => {
    try {
      const { document } = await api.rules.read({ text: await file.text() });
      startFrom(document, 'file');
      message.success(file.name);
    } catch (e) {
      setFormError(e instanceof ApiCallError ? e.message : t('rules.readFailed', { message: (e as Error).message }));
    }
  };

  const exportFile = async () => {
    const f = await api.rules.export({});
    downloadText(f.fileName, f.text, 'application/json');
  };

  if (!info || !draft) return null;
  const doc = draft.base;
  const typed = (path: string) => draft.typed[path] ?? '';
  const setTyped = (path: string, value: string) => {
    setDraft((d) => (d ? { ...d, typed: { ...d.typed, [path]: value } } : d));
    setPreview(null);
    if (errors[path]) setErrors(({ [path]: _gone, ...rest }) => rest);
  };

  const input = (path: string, width = 88, placeholder?: string) => {
    const cell: Cell | undefined = cellAt(path);
    const error = errors[path];
    const changed = inForceTexts[path] !== typed(path);
    const field = (
      <Input
        size="small"
        value={typed(path)}
        status={error ? 'error' : undefined}
        placeholder={placeholder}
        style={{ width, fontWeight: changed ? 600 : undefined, background: changed ? 'var(--ant-color-warning-bg, #fffbe6)' : undefined }}
        onChange={(e) => setTyped(path, e.target.value)}
        onBlur={(e) => {
          const plain = halfWidth(e.target.value);
          if (plain !== e.target.value) setTyped(path, plain);
        }}
        title={sourceOf(doc, path) ?? undefined}
        aria-label={path}
        data-testid={`rule-${path}`}
        data-kind={cell?.kind}
      />
    );
    return error ? (
      <Tooltip title={error} open>
        {field}
      </Tooltip>
    ) : (
      field
    );
  };

  const clockSelect = (path: string) => (
    <Select
      size="small"
      value={typed(path)}
      style={{ width: 96 }}
      onChange={(v: string) => setTyped(path, v)}
      options={(['learned', 'occurrence'] as const).map((v) => ({ value: v, label: t(`rules.clock.${v}`) }))}
      data-testid={`rule-${path}`}
    />
  );

  // Each number's source in full on its cell (hover); a row lists its documents by their short names.
  const sourceOfRow = (c: CategoryClass, level: Level) => {
    const texts = [...new Set(LEVEL_CELLS.map((cell) => sourceOf(doc, levelCellPath(c, level, cell))).filter((s): s is string => s !== null))];
    return (
      <Tooltip title={<div style={{ whiteSpace: 'pre-line' }}>{texts.join('\n')}</div>}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[...new Set(texts.map(shortSource))].join('；')}
        </Typography.Text>
      </Tooltip>
    );
  };

  const profileTable = (c: CategoryClass) => {
    const profile = doc.profiles[c];
    const byCategory = profile.supplementWindowDays ? Object.entries(profile.supplementWindowDays.byCategory) : [];
    return (
      <div data-testid={`rule-class-${c}`}>
        <Table<{ level: Level }>
          size="small"
          pagination={false}
          rowKey="level"
          dataSource={LEVELS.map((level) => ({ level }))}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('rules.col.level'), key: 'level', fixed: 'left', render: (_: unknown, r) => `${r.level} ${t(`level.${r.level}`)}` },
            ...LEVEL_CELLS.map((cell: LevelCell) => ({
              title: t(`rules.col.${cell}`),
              key: cell,
              render: (_: unknown, r: { level: Level }) => {
                const path = levelCellPath(c, r.level, cell);
                if (cell === 'clockStart') return clockSelect(path);
                const optional = cellAt(path)?.kind === 'optional';
                return input(path, cell === 'followup' ? 120 : 72, optional ? t('rules.notRequired') : undefined);
              },
            })),
            { title: t('rules.col.source'), key: 'source', width: 240, render: (_: unknown, r) => sourceOfRow(c, r.level) },
          ]}
        />
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6, fontSize: 12 }}>
          {t('rules.legend')}
        </Typography.Text>
        <Space wrap size={24} style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t(`rules.levels.${profile.levels}`)}</Typography.Text>
          {sourceOf(doc, `profiles.${c}`) && (
            <Typography.Text type="secondary" data-testid={`rule-class-source-${c}`}>
              {t('rules.col.source')}：{sourceOf(doc, `profiles.${c}`)}
            </Typography.Text>
          )}
          <Space size={6}>
            <span>{t('rules.window')}</span>
            {input(windowPath(c), 64)}
          </Space>
          {byCategory.length > 0 && (
            <Typography.Text type="secondary">{t('rules.byCategory', { list: byCategory.map(([k, d]) => `${t(`category.${k}` as never)} ${d}`).join('、') })}</Typography.Text>
          )}
          <Typography.Text type="secondary">
            {t('rules.requiredItems', {
              quick: profile.requiredItems.quick.map((i) => t(`item.${i}` as never)).join('、'),
              written: profile.requiredItems.written.map((i) => t(`item.${i}` as never)).join('、'),
            })}
          </Typography.Text>
        </Space>
      </div>
    );
  };

  return (
    <div data-testid="rule-set-editor" style={{ maxWidth: 1280 }}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text strong data-testid="rules-in-force">
              {t('rules.inForce', { version: info.version, name: info.document.name })}
            </Typography.Text>
            <Typography.Text type="secondary">{t('rules.savedBy', { actor: info.actorName, at: at(info.createdAt) })}</Typography.Text>
            <Typography.Text type="secondary">{t('rules.basedOn', { basedOn: info.basedOn })}</Typography.Text>
            {info.note && <Typography.Text type="secondary">“{info.note}”</Typography.Text>}
          </Space>
          <Space wrap>
            <span>{t('rules.startFromPack')}</span>
            <Select
              size="small"
              value={pack}
              onChange={setPack}
              style={{ width: 200 }}
              options={packs.map((p) => ({ value: p.id, label: `${p.id} ${p.name}` }))}
              data-testid="rules-pack"
            />
            <Button size="small" onClick={() => startFrom(packs.find((p) => p.id === pack)!.document, pack)} data-testid="rules-load-pack">
              {t('rules.load')}
            </Button>
            <Button size="small" icon={<UploadOutlined />} onClick={() => fileRef.current?.click()} data-testid="rules-import">
              {t('rules.importFile')}
            </Button>
            <input
              ref={fileRef}
              type="file"
              accept=".json,application/json"
              style={{ display: 'none' }}
              data-testid="rules-import-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void importFile(file);
              }}
            />
            <Button size="small" icon={<DownloadOutlined />} onClick={() => void exportFile()} data-testid="rules-export">
              {t('rules.exportFile')}
            </Button>
          </Space>
          {edited > 0 && (
            <Tag color="gold" data-testid="rules-draft">
              {t('rules.draft', { basedOn: draft.basedOn })} · {edited}
            </Tag>
          )}
        </Space>
      </Card>

      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size={16} align="start">
          <Space size={6}>
            <span>{t('rules.name')}</span>
            {input('name', 200)}
          </Space>
          <Space size={6}>
            <span>{t('rules.timeZone')}</span>
            {input('timeZone', 140)}
          </Space>
          <Space size={6}>
            <span>{t('rules.concealment')}</span>
            {input('concealmentWindowHours', 64)}
          </Space>
          <Space size={6}>
            <span>{t('rules.correction')}</span>
            {input('occurrenceCorrectionMin', 64)}
          </Space>
        </Space>
        <Descriptions size="small" column={3} title={<span style={{ fontSize: 13 }}>{t('rules.thresholds')}</span>} style={{ marginTop: 12 }}>
          {(['I', 'II', 'III'] as const).flatMap((l) =>
            THRESHOLD_MEASURES.map((m) => (
              <Descriptions.Item key={`${l}.${m}`} label={`${l} ${t(`rules.measure.${m}`)}`}>
                {input(`levelThresholds.${l}.${m}`, m === 'directLossYuan' ? 120 : 64)}
              </Descriptions.Item>
            )),
          )}
        </Descriptions>
        <Descriptions size="small" column={5} title={<span style={{ fontSize: 13 }}>{t('rules.relay')}</span>} style={{ marginTop: 12 }} data-testid="rules-relay">
          {NOTICE_KINDS.map((k) => (
            <Descriptions.Item key={k} label={t(`notice.kind.${k}`)}>
              {input(`relay.byKindMin.${k}`, 64)}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={t('rules.relayWords')}>{input('relay.byLevelWordMin', 180, '红色 30、橙色 45')}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Tabs
        activeKey={cls}
        onChange={(k) => setCls(k as CategoryClass)}
        items={CATEGORY_CLASSES.map((c) => ({
          key: c,
          label: (
            <span data-testid={`rules-tab-${c}`}>
              {t(`stats.class.${c}`)}
              {Object.keys(errors).some((p) => p.startsWith(`profiles.${c}.`)) && <Tag color="red" style={{ marginLeft: 6 }}>!</Tag>}
            </span>
          ),
          children: profileTable(c),
        }))}
      />

      {formError && <Alert type="error" showIcon message={formError} style={{ margin: '12px 0' }} data-testid="rules-error" />}

      <Space wrap style={{ margin: '12px 0' }}>
        <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('rules.note')} style={{ width: 360 }} maxLength={500} data-testid="rules-note" />
        <Button icon={<EyeOutlined />} loading={busy} onClick={() => void runPreview()} data-testid="rules-preview">
          {t('rules.preview')}
        </Button>
        <Button
          type="primary"
          icon={<SaveOutlined />}
          loading={saving}
          disabled={edited === 0}
          data-testid="rules-save"
          onClick={() => {
            void runPreview().then((r) => {
              if (!r) return;
              Modal.confirm({
                title: t('rules.previewTitle', { version: r.p.version }),
                content: (
                  <div>
                    <p>{t('rules.previewSummary', summaryParams(r.p))}</p>
                    <p>{t('rules.previewNotices', noticeParams(r.p))}</p>
                    <p>{t('rules.confirmSave')}</p>
                  </div>
                ),
                okText: t('rules.save'),
                cancelText: t('common.cancel'),
                onOk: () => save(),
              });
            });
          }}
        >
          {t('rules.save')}
        </Button>
        <Button disabled={edited === 0} onClick={() => startFrom(info.document, `v${info.version}`)} data-testid="rules-discard">
          {t('rules.discard')}
        </Button>
      </Space>

      {preview && (
        <Card size="small" title={t('rules.previewTitle', { version: preview.version })} style={{ marginBottom: 12 }} data-testid="rules-preview-result">
          <p data-testid="rules-preview-summary">{t('rules.previewSummary', summaryParams(preview))}</p>
          {preview.changes.length > 0 && (
            <Table
              size="small"
              rowKey={(r) => `${r.incidentId}-${r.code}-${r.kind}-${r.afterDeadline ?? ''}-${r.beforeDeadline ?? ''}`}
              dataSource={preview.changes}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: t('rules.col.incident'), dataIndex: 'incidentNumber' },
                { title: t('rules.col.flag'), dataIndex: 'code', render: (c: string) => t(`flag.code.${c}` as never) },
                { title: t('rules.col.change'), dataIndex: 'kind', render: (k: 'raised' | 'changed' | 'cleared') => t(`rules.change.${k}`) },
                {
                  title: t('rules.col.deadline'),
                  key: 'deadline',
                  render: (_: unknown, r) =>
                    r.beforeDeadline === r.afterDeadline
                      ? r.afterDeadline === null
                        ? '—'
                        : at(r.afterDeadline)
                      : `${r.beforeDeadline === null ? '—' : at(r.beforeDeadline)} → ${r.afterDeadline === null ? '—' : at(r.afterDeadline)}`,
                },
              ]}
            />
          )}
          {preview.truncated && <Typography.Text type="secondary">{t('rules.truncated', { n: preview.changes.length })}</Typography.Text>}
          <p style={{ marginTop: 12 }} data-testid="rules-preview-notices-summary">
            {t('rules.previewNotices', noticeParams(preview))}
          </p>
          {preview.notices.changes.length > 0 && (
            <Table
              size="small"
              rowKey={(r) => `${r.noticeId}-${r.unitName ?? ''}-${r.code}-${r.kind}`}
              dataSource={preview.notices.changes}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              data-testid="rules-preview-notices"
              columns={[
                { title: t('rules.col.notice'), dataIndex: 'noticeTitle' },
                { title: t('noticeFlag.unit'), dataIndex: 'unitName', render: (u: string | null) => u ?? t('noticeFlag.dutyRoom') },
                { title: t('rules.col.flag'), dataIndex: 'code', render: (c: string) => t(`flag.code.${c}` as never) },
                { title: t('rules.col.change'), dataIndex: 'kind', render: (k: 'raised' | 'changed' | 'cleared') => t(`rules.change.${k}`) },
                {
                  title: t('rules.col.deadline'),
                  key: 'deadline',
                  render: (_: unknown, r) =>
                    r.beforeDeadline === null || r.beforeDeadline === r.afterDeadline ? at(r.afterDeadline) : `${at(r.beforeDeadline)} → ${at(r.afterDeadline)}`,
                },
              ]}
            />
          )}
          {preview.notices.truncated && <Typography.Text type="secondary">{t('rules.truncated', { n: preview.notices.changes.length })}</Typography.Text>}
        </Card>
      )}

      <Card size="small" title={t('rules.versions')}>
        <Table<RuleSetVersionRow>
          size="small"
          rowKey="version"
          dataSource={versions}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          data-testid="rules-versions"
          columns={[
            { title: t('rules.col.version'), dataIndex: 'version' },
            { title: t('rules.col.savedAt'), dataIndex: 'createdAt', render: (ms: number) => at(ms) },
            { title: t('rules.col.actor'), dataIndex: 'actorName' },
            { title: t('rules.col.basedOn'), dataIndex: 'basedOn' },
            { title: t('rules.col.note'), dataIndex: 'note' },
          ]}
        />
      </Card>
    </div>
  );
}
