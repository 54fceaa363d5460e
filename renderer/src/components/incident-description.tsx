// Runs in the renderer. The incident's description (事件经过) in its drawer: the current text, where
// it came from (the system's copy of a report, or a leader's revision with the reason), every
// earlier revision, and for a leader (or admin) a dialog to write a new revision with a reason.
// The text field has the focus as the dialog opens; Ctrl+Enter saves (dialog-keys.ts).
import { App, Button, Collapse, Form, Input, Modal, Space, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { mayCall } from '../../../shared/api/roles.js';
import { currentDescriptionOf, describeSchema, DESCRIPTION_MAX, SYSTEM_ACTOR, type DescriptionRevision } from '../../../shared/domain/incident-description.js';
import type { IncidentDetail } from '../../../shared/domain/incident.js';
import { isMessageKey } from '../../../shared/i18n/index.js';
import { api } from '../api.js';
import { useApp } from '../i18n.js';
import { useFmt } from './incident-bits.js';
import { clearDraft, useDraft } from '../drafts.js';
import { DraftNotice } from './draft-notice.js';
import { useSaveConflict } from './save-conflict.js';

type Field = 'text' | 'reason';

/** `reload` reads the incident again (after a refused save) and answers it, or null. */
export function DescriptionSection({ d, onSaved, reload }: { d: IncidentDetail; onSaved(): Promise<void> | void; reload(): Promise<IncidentDetail | null> }) {
  const { t, user } = useApp();
  const { message } = App.useApp();
  const fmt = useFmt();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const conflict = useSaveConflict();
  const current = currentDescriptionOf(d.descriptions, d.reports);
  const canEdit = mayCall('incidents.describe', user.role);
  const seqOf = (reportId: number | null) => d.reports.find((r) => r.id === reportId)?.seq ?? '?';
  const author = (r: DescriptionRevision) => (r.actor === SYSTEM_ACTOR ? t('description.systemAuthor') : r.authorName);
  const latest = d.descriptions[d.descriptions.length - 1];
  // Stable, so React calls it as the field mounts (each time the dialog opens), not on every keystroke.
  const focusOnMount = useCallback((el: { focus(o?: { cursor?: 'end' }): void } | null) => el?.focus({ cursor: 'end' }), []);
  // What is typed in the dialog is kept on this computer (drafts.ts), per incident, until it is saved or discarded.
  const draftRef = useMemo(() => (editing ? { user: user.username, form: `describe:incident:${d.incident.id}` } : null), [editing, user.username, d.incident.id]);
  const draft = useDraft(
    draftRef,
    { text, reason },
    { text: current?.text ?? '', reason: '' },
    (v) => {
      setText(v.text);
      setReason(v.reason);
    },
  );

  const open = () => {
    setText(current?.text ?? '');
    setReason('');
    setErrors({});
    // The version on screen as the dialog opens: saved over anything newer is refused.
    conflict.open(d.versions.description);
    setEditing(true);
  };

  const save = async () => {
    // The contract's own schema, so the dialog says what the server would (the limit included).
    const parsed = describeSchema.safeParse({ id: d.incident.id, text, reason });
    if (!parsed.success) {
      const next: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        next[field] ??= isMessageKey(issue.message) ? t(issue.message) : issue.message;
      }
      return setErrors(next);
    }
    setBusy(true);
    try {
      await api.incidents.describe({ ...parsed.data, baseVersion: conflict.base });
      if (draftRef) clearDraft(draftRef);
      message.success(t('common.saved'));
      setEditing(false);
      await onSaved();
    } catch (e) {
      // Changed meanwhile: the dialog stays open with the text as typed, over the description as it is now.
      if (!(await conflict.refused(e, async () => (await reload())?.versions.description))) message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  let provenance = '';
  if (current && !current.edited)
    provenance = current.revision === null ? t('description.fromReportUnsaved', { seq: seqOf(current.sourceReportId) }) : t('description.fromReport', { seq: seqOf(current.sourceReportId) });
  else if (current && latest) provenance = t('description.editedBy', { n: latest.revision, author: author(latest), at: fmt(latest.createdAt) });

  return (
    <div data-testid="description-section" style={{ marginTop: 12 }}>
      <Space align="baseline">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('description.title')}
        </Typography.Title>
        {canEdit && (
          <Button size="small" onClick={open} data-testid="description-edit">
            {t('description.edit')}
          </Button>
        )}
      </Space>
      {current ? (
        <div style={{ whiteSpace: 'pre-wrap', margin: '6px 0 2px' }} data-testid="description-text">
          {current.text}
        </div>
      ) : (
        <Typography.Text type="secondary">{t('description.none')}</Typography.Text>
      )}
      {provenance && (
        <div className="timeline-meta" data-testid="description-provenance">
          {provenance}
          {current?.edited && latest?.reason ? ` · ${t('description.reasonLine', { reason: latest.reason })}` : ''}
        </div>
      )}
      {d.descriptions.length > 1 && (
        <Collapse
          size="small"
          ghost
          data-testid="description-revisions"
          items={[
            {
              key: 'revisions',
              label: t('description.revisions', { n: d.descriptions.length }),
              children: (
                <ol reversed style={{ paddingLeft: 18, margin: 0 }}>
                  {[...d.descriptions].reverse().map((r) => (
                    <li key={r.id} data-testid={`description-revision-${r.revision}`}>
                      <div className="timeline-meta">
                        {t('description.revisionLine', { n: r.revision, at: fmt(r.createdAt), author: author(r) })}
                        {r.actor === SYSTEM_ACTOR ? ` · ${t('description.fromReport', { seq: seqOf(r.sourceReportId) })}` : ` · ${t('description.reasonLine', { reason: r.reason })}`}
                      </div>
                      <div style={{ whiteSpace: 'pre-wrap' }}>{r.text}</div>
                    </li>
                  ))}
                </ol>
              ),
            },
          ]}
        />
      )}
      <Modal
        open={editing}
        title={t('description.editTitle', { number: d.incident.number })}
        width={680}
        onCancel={() => setEditing(false)}
        onOk={() => void save()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'description-save' } as Record<`data-${string}`, string>}
      >
        <DraftNotice draft={draft} testId="description-draft" />
        {conflict.alert}
        {conflict.alert && current && (
          <div className="timeline-meta" style={{ whiteSpace: 'pre-wrap', marginBottom: 12 }} data-testid="description-now">
            {t('description.now', { text: current.text })}
          </div>
        )}
        <Form layout="vertical">
          <Form.Item label={t('description.title')} required validateStatus={errors.text ? 'error' : undefined} help={errors.text} extra={t('description.help')}>
            <Input.TextArea
              // The focus is in the text as the dialog opens: the first keystrokes are never lost.
              ref={focusOnMount}
              autoFocus
              rows={8}
              value={text}
              count={{ show: true, max: DESCRIPTION_MAX }}
              onChange={(e) => setText(e.target.value)}
              data-testid="description-input"
            />
          </Form.Item>
          <Form.Item label={t('description.reason')} required validateStatus={errors.reason ? 'error' : undefined} help={errors.reason}>
            <Input value={reason} placeholder={t('description.reasonPlaceholder')} onChange={(e) => setReason(e.target.value)} onPressEnter={() => void save()} data-testid="description-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
