// Runs in the renderer. 续报 from any page, by keyboard: F4 opens a search over the incidents not
// yet closed (by number, unit or words), arrow keys choose, Enter opens the follow-up form of the
// incident on the intake page (its unit, category and place carried over).
import { Input, List, Modal, Tag, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
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

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F4' && !e.altKey) {
        e.preventDefault();
        setQuery('');
        setOpen(true);
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

  return (
    <Modal
      open={open}
      title={t('picker.title')}
      footer={null}
      onCancel={() => setOpen(false)}
      afterOpenChange={(o) => o && inputRef.current?.focus()}
      destroyOnHidden
      width={720}
    >
      <Input ref={inputRef} autoFocus value={query} onChange={(e) => setQuery(e.target.value)} onKeyDown={onKeyDown} placeholder={t('picker.placeholder')} data-testid="picker-query" />
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
  );
}
