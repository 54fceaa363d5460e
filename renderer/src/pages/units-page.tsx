// Runs in the renderer. The directory of reporting units: list, search, add, edit, deactivate.
// Validation is the same zod schema the dispatcher applies, so the form and the server agree.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { mayCall } from '../../../shared/api/roles.js';
import { UNIT_KINDS, unitFieldsSchema, type Unit, type UnitFieldsInput } from '../../../shared/domain/unit.js';
import { issueMessage } from '../../../shared/api/issue-message.js';
import { api, ApiCallError } from '../api.js';
import { useApp, useT } from '../i18n.js';
import { isConflict, useSaveConflict } from '../components/save-conflict.js';

type Editing = { mode: 'add' } | { mode: 'edit'; unit: Unit } | null;

const EMPTY: UnitFieldsInput = {
  name: '',
  kind: 'district',
  dutyPhone: '',
  fax: '',
  contactName: '',
  contactTitle: '',
  contactPhone: '',
  address: '',
  notes: '',
};

function UnitForm({ editing, onClose, onSaved }: { editing: Exclude<Editing, null>; onClose(): void; onSaved(u: Unit): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitFieldsInput>();
  const [saving, setSaving] = useState(false);
  // The unit's version (its updatedAt) as this form read it: another admin's save since is refused, naming who and when.
  const conflict = useSaveConflict(editing.mode === 'edit' ? editing.unit.updatedAt : 0);
  const initial = editing.mode === 'edit' ? { ...EMPTY, ...editing.unit, aliasesText: editing.unit.aliases.join('、') } : { ...EMPTY, aliasesText: '' };

  const submit = async () => {
    const values = { ...EMPTY, ...form.getFieldsValue(true) } as UnitFieldsInput & { aliasesText?: string };
    const picked = Object.fromEntries(Object.keys(EMPTY).map((k) => [k, values[k as keyof UnitFieldsInput] ?? ''])) as UnitFieldsInput;
    // Aliases typed as one line, separated the ways a person separates names.
    picked.aliases = (values.aliasesText ?? '').split(/[、,，;；\s]+/).filter((a) => a.length > 0);
    const parsed = unitFieldsSchema.safeParse(picked, { reportInput: true });
    form.setFields(Object.keys(EMPTY).map((name) => ({ name: name as keyof UnitFieldsInput, errors: [] })));
    if (!parsed.success) {
      // The first problem of each field is the one to fix first ("required" before "format").
      const first = new Map<keyof UnitFieldsInput, string>();
      for (const i of parsed.error.issues) {
        const name = i.path[0] as keyof UnitFieldsInput;
        if (!first.has(name)) first.set(name, issueMessage(t, i) ?? i.message);
      }
      form.setFields([...first].map(([name, message]) => ({ name: (name === 'aliases' ? 'aliasesText' : name) as keyof UnitFieldsInput, errors: [message] })));
      return;
    }
    setSaving(true);
    try {
      const unit = editing.mode === 'add' ? await api.units.create(parsed.data) : await api.units.update({ id: editing.unit.id, ...parsed.data, baseVersion: conflict.base });
      message.success(t('common.saved'));
      onSaved(unit);
    } catch (e) {
      // Changed by someone else meanwhile (its version moved): said over the form, which keeps what was typed.
      const id = editing.mode === 'edit' ? editing.unit.id : null;
      const now = id !== null && isConflict(e) ? await api.units.get({ id }).catch(() => null) : null;
      if (now && now.updatedAt !== conflict.base) await conflict.refused(e, async () => now.updatedAt);
      else if (e instanceof ApiCallError && e.error.fields?.length) {
        form.setFields(e.error.fields.map((f) => ({ name: f.path.split('.')[0] as keyof UnitFieldsInput, errors: [f.message] })));
      } else if (e instanceof ApiCallError && (e.error.code === 'conflict' || e.error.code === 'invalid_input')) {
        // A name or an alias another unit already has: said beside the field it came from.
        const alias = (values.aliasesText ?? '').length > 0 && !e.message.includes(`“${picked.name}”已`) && /别名|alias/i.test(e.message);
        form.setFields([{ name: (alias ? 'aliasesText' : 'name') as keyof UnitFieldsInput, errors: [e.message] }]);
      } else {
        message.error((e as Error).message);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t(editing.mode === 'add' ? 'unit.add' : 'unit.edit')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      okButtonProps={{ 'data-testid': 'unit-save' } as Record<`data-${string}`, string>}
    >
      {conflict.alert}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={() => void submit()}
        data-testid="unit-form"
        requiredMark
      >
        <Space.Compact block style={{ gap: 12 }}>
          <Form.Item name="name" label={t('unit.name')} required style={{ flex: 2 }}>
            <Input autoFocus maxLength={60} data-testid="unit-name" onPressEnter={() => form.submit()} />
          </Form.Item>
          <Form.Item name="kind" label={t('unit.kind')} required style={{ flex: 1 }}>
            <Select data-testid="unit-kind" options={UNIT_KINDS.map((k) => ({ value: k, label: t(`unit.kind.${k}`) }))} />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block style={{ gap: 12 }}>
          <Form.Item name="dutyPhone" label={t('unit.dutyPhone')} required style={{ flex: 1 }}>
            <Input data-testid="unit-duty-phone" onPressEnter={() => form.submit()} />
          </Form.Item>
          <Form.Item name="fax" label={t('unit.fax')} style={{ flex: 1 }}>
            <Input data-testid="unit-fax" onPressEnter={() => form.submit()} />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block style={{ gap: 12 }}>
          <Form.Item name="contactName" label={t('unit.contactName')} style={{ flex: 1 }}>
            <Input data-testid="unit-contact-name" onPressEnter={() => form.submit()} />
          </Form.Item>
          <Form.Item name="contactTitle" label={t('unit.contactTitle')} style={{ flex: 1 }}>
            <Input onPressEnter={() => form.submit()} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('unit.contactPhone')} style={{ flex: 1 }}>
            <Input data-testid="unit-contact-phone" onPressEnter={() => form.submit()} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="address" label={t('unit.address')}>
          <Input onPressEnter={() => form.submit()} />
        </Form.Item>
        <Form.Item name="aliasesText" label={t('unit.aliases')} extra={t('unit.aliasesHint')}>
          <Input onPressEnter={() => form.submit()} data-testid="unit-aliases" />
        </Form.Item>
        <Form.Item name="notes" label={t('unit.notes')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function UnitsPage() {
  const t = useT();
  const { message } = App.useApp();
  // Only an admin keeps the directory (the dispatcher refuses the others; here they just see no buttons).
  const canEdit = mayCall('units.create', useApp().user.role);
  const [units, setUnits] = useState<Unit[]>([]);
  const [loading, setLoading] = useState(true);
  const [query, setQuery] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const searchRef = useRef<InputRef>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setUnits(await api.units.list({ query: query.trim() || undefined, includeInactive }));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, [query, includeInactive, message]);

  useEffect(() => {
    const id = setTimeout(() => void load(), 150);
    return () => clearTimeout(id);
  }, [load]);

  // Keyboard: Alt+N adds a unit, "/" jumps to search.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && /INPUT|TEXTAREA|SELECT/.test(e.target.tagName);
      if (canEdit && e.altKey && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        setEditing({ mode: 'add' });
      } else if (e.key === '/' && !typing && !editing) {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editing, canEdit]);

  const toggleActive = async (u: Unit) => {
    try {
      const after = u.active ? await api.units.deactivate({ id: u.id }) : await api.units.reactivate({ id: u.id });
      message.success(t(after.active ? 'unit.reactivated' : 'unit.deactivated', { name: u.name }));
      await load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <div data-testid="units-page">
      <div className="page-title">
        <h2>{t('unit.title')}</h2>
        <Typography.Text type="secondary">{t('unit.subtitle')}</Typography.Text>
      </div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search
          ref={searchRef}
          allowClear
          placeholder={t('unit.searchPlaceholder')}
          style={{ width: 300 }}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="unit-search"
        />
        <Checkbox checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)} data-testid="unit-show-inactive">
          {t('unit.showInactive')}
        </Checkbox>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'add' })} data-testid="unit-add" title="Alt+N">
            {t('unit.add')}
          </Button>
        )}
      </Space>
      <Table<Unit>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={units}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => t('common.total', { count: n }) }}
        locale={{ emptyText: t('common.empty') }}
        data-testid="unit-table"
        rowClassName={(u) => (u.active ? '' : 'unit-inactive')}
        columns={[
          {
            title: t('unit.name'),
            dataIndex: 'name',
            render: (v: string, u) => (
              <>
                <strong>{v}</strong>
                {u.aliases.length > 0 && <Typography.Text type="secondary"> （{u.aliases.join('、')}）</Typography.Text>}
              </>
            ),
          },
          { title: t('unit.kind'), dataIndex: 'kind', width: 90, render: (k: Unit['kind']) => t(`unit.kind.${k}`) },
          { title: t('unit.dutyPhone'), dataIndex: 'dutyPhone', width: 160 },
          {
            title: t('unit.contactName'),
            key: 'contact',
            render: (_: unknown, u) => (u.contactTitle ? `${u.contactName}（${u.contactTitle}）` : u.contactName),
          },
          { title: t('unit.contactPhone'), dataIndex: 'contactPhone', width: 150 },
          { title: t('unit.fax'), dataIndex: 'fax', width: 140 },
          {
            title: t('common.status'),
            dataIndex: 'active',
            width: 80,
            render: (a: boolean) => (a ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            hidden: !canEdit,
            render: (_: unknown, u) => (
              <Space size="small">
                <Button size="small" type="link" onClick={() => setEditing({ mode: 'edit', unit: u })} data-testid={`unit-edit-${u.id}`}>
                  {t('common.edit')}
                </Button>
                {u.active ? (
                  <Popconfirm
                    title={t('unit.deactivateConfirm', { name: u.name })}
                    okText={t('unit.deactivate')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => void toggleActive(u)}
                  >
                    <Button size="small" type="link" danger data-testid={`unit-deactivate-${u.id}`}>
                      {t('unit.deactivate')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button size="small" type="link" onClick={() => void toggleActive(u)} data-testid={`unit-reactivate-${u.id}`}>
                    {t('unit.reactivate')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <UnitForm
          editing={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
        />
      )}
    </div>
  );
}
