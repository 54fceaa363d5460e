// Runs in the renderer. 续报 from any page, by keyboard: F4 opens a search over the incidents not
// yet closed (by number, unit or words), arrow keys choose, Enter opens the follow-up form of the
// incident on the intake page (its unit, category and place carried over).
import { Input, List, Modal, Tag, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { IncidentRow } from '../../../shared/domain/incident.js';
import { api } from '../api.js';
import { useApp } from '../i18n.js';
import { LevelTag, useFmt } from './incident-bits.js';

const SHOWN = 12;

/** Incidents a follow-up can go to: open or awaiting their final report; a query searches the log. */
async function candidates(query: string): Promise<IncidentRow[]> {
  const q = query.trim();
  if (q) return (await api.incidents.list({ query: q, limit: 60, offset: 0 })).rows.filter((r) => r.status !== 'closed').slice(0, SHOWN);
  const [open, finalPending] = await Promise.all([api.incidents.list({ status: 'open', limit: SHOWN, offset: 0 }), api.incidents.list({ status: 'final_pending', limit: SHOWN, offset: 0 })]);
  return [...open.rows, ...finalPending.rows].sort((a, b) => b.firstReceivedAt - a.firstReceivedAt).slice(0, SHOWN);
}

export function FollowupPicker() {
  const { t } = useApp();
  const fmt = useFmt();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<IncidentRow[]>([]);
  const [active, setActive] = useState(0);
  const inputRef = useRef<InputRef>(null);
  /** Holds the keys typed between F4 and the dialog's box showing (see the F4 handler). */
  const catcherRef = useRef<HTMLInputElement>(null);
  /** Where the focus was before F4, to give it back on closing (not to the catcher). */
  const returnTo = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F4' && !e.altKey) {
        e.preventDefault();
        // The dialog's box takes some 40 ms to show; the keys typed meanwhile went to the field
        // that had the focus (on the intake page, the form's first field just reset by Alt+N).
        // They go to the catcher instead, focused before this handler returns and holding the
        // same query, and the box shows them when it takes the focus over.
        if (!catcherRef.current?.isConnected) return setOpen(true);
        if (document.activeElement !== catcherRef.current && !document.activeElement?.closest('.ant-modal-wrap')) returnTo.current = document.activeElement as HTMLElement | null;
        flushSync(() => {
          setQuery('');
          setOpen(true);
        });
        (inputRef.current?.input?.isConnected ? inputRef.current : catcherRef.current)?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (!open) return;
    let alive = true;
    const id = setTimeout(() => {
      candidates(query).then((r) => {
        if (!alive) return;
        setRows(r);
        setActive(0);
      }, () => alive && setRows([]));
    }, query ? 200 : 0);
    return () => {
      alive = false;
      clearTimeout(id);
    };
  }, [open, query]);

  const choose = useCallback((row: IncidentRow | undefined) => {
    if (!row) return;
    returnTo.current = null;
    setOpen(false);
    window.location.hash = `#/intake/${row.id}`;
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive((k) => Math.min(k + 1, rows.length - 1));
    else if (e.key === 'ArrowUp') setActive((k) => Math.max(k - 1, 0));
    else if (e.key === 'Enter') choose(rows[active]);
    else return;
    e.preventDefault();
  };

  /** Closed (after its animation, as Ant Design gives the focus back): back where it was before F4. */
  const focusBack = () => {
    const back = returnTo.current;
    returnTo.current = null;
    if (back?.isConnected) back.focus();
  };

  return (
    <>
      <input
        ref={catcherRef}
        aria-hidden
        tabIndex={-1}
        value={open ? query : ''}
        onChange={(e) => open && setQuery(e.target.value)}
        onKeyDown={onKeyDown}
        data-testid="picker-catcher"
        style={{ position: 'fixed', top: 0, left: 0, width: 1, height: 1, opacity: 0, border: 0, padding: 0, pointerEvents: 'none' }}
      />
      <Modal
        open={open}
        title={t('picker.title')}
        footer={null}
        onCancel={() => setOpen(false)}
        focusTriggerAfterClose={false}
        afterOpenChange={(o) => (o ? inputRef.current?.focus() : focusBack())}
        destroyOnHidden
        width={720}
      >
        <Input
          ref={inputRef}
          autoFocus
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          // Taking over from the catcher: the caret after what was typed there.
          onFocus={(e) => e.target.setSelectionRange(e.target.value.length, e.target.value.length)}
          placeholder={t('picker.placeholder')}
          data-testid="picker-query"
        />
        <List
          size="small"
          style={{ marginTop: 8 }}
          dataSource={rows}
          locale={{ emptyText: t('picker.none') }}
          data-testid="picker-list"
          renderItem={(r, k) => (
            <List.Item
              onClick={() => choose(r)}
              className={k === active ? 'picker-active' : undefined}
              aria-selected={k === active}
              data-testid={`picker-row-${r.number}`}
              style={{ cursor: 'pointer', paddingInline: 8, background: k === active ? 'var(--ant-color-primary-bg, #e6f4ff)' : undefined }}
            >
              <span style={{ display: 'flex', gap: 8, alignItems: 'center', width: '100%' }}>
                <Typography.Text strong>{r.number}</Typography.Text>
                <LevelTag level={r.currentLevel} />
                <span>{r.responsibleUnit}</span>
                <Tag>{t(`category.${r.category}`)}</Tag>
                <Typography.Text ellipsis style={{ flex: 1 }}>{r.place}</Typography.Text>
                <Typography.Text type="secondary">{fmt(r.occurredAt)}</Typography.Text>
              </span>
            </List.Item>
          )}
        />
        <Typography.Text type="secondary">{t('picker.keys')}</Typography.Text>
      </Modal>
    </>
  );
}
