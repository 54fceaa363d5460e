// Runs in the renderer. People (人员) who are rostered, their leave and trips, and fixed assignments. People are
// deactivated, never deleted; leave is withdrawn, never deleted.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { personFieldsSchema, ROLES, type Person, type PersonFieldsInput, type Role } from '../../../shared/domain/person.js';
import type { FixedRow, Leave } from '../../../shared/domain/roster/roster.js';
import { issueMessage } from '../../../shared/api/issue-message.js';
import { api, ApiCallError } from '../api.js';
import { useT } from '../i18n.js';
import { useFail, usePeople } from './roster-common.js';
import { RoleButton, useMay } from './role-gate.js';

function PersonForm({ person, onClose, onSaved }: { person: Person | null; onClose(): void; onSaved(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const fail = useFail();
  const [form] = Form.useForm<PersonFieldsInput>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = form.getFieldsValue(true) as PersonFieldsInput;
    const parsed = personFieldsSchema.safeParse({ name: v.name ?? '', phone: v.phone ?? '', roles: v.roles ?? [], account: v.account || null, notes: v.notes ?? '' }, { reportInput: true });
    form.setFields((['name', 'phone', 'roles'] as const).map((name) => ({ name, errors: [] })));
    if (!parsed.success) {
      const first = new Map<string, string>();
      for (const i of parsed.error.issues) {
        const name = String(i.path[0]);
        if (!first.has(name)) first.set(name, issueMessage(t, i) ?? i.message);
      }
      form.setFields([...first].map(([name, errors]) => ({ name: name as keyof PersonFieldsInput, errors: [errors] })));
      return;
    }
    setSaving(true);
    try {
      if (person) await api.people.update({ id: person.id, ...parsed.data });
      else await api.people.create(parsed.data);
      message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      if (e instanceof ApiCallError && e.error.code === 'conflict') form.setFields([{ name: 'name', errors: [e.message] }]);
      else fail(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t(person ? 'person.edit' : 'person.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'person-save' } as Record<`data-${string}`, string>}
    >
      <Form form={form} layout="vertical" initialValues={person ?? { roles: ['officer'] }} onFinish={() => void submit()} data-testid="person-form">
        <Form.Item name="name" label={t('person.name')} required>
          <Input autoFocus maxLength={30} data-testid="person-name" onPressEnter={() => form.submit()} />
        </Form.Item>
        <Form.Item name="phone" label={t('person.phone')} required>
          <Input data-testid="person-phone" onPressEnter={() => form.submit()} />
        </Form.Item>
        <Form.Item name="roles" label={t('person.roles')} required>
          <Checkbox.Group data-testid="person-roles" options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        <Form.Item name="account" label={t('person.account')}>
          <Input maxLength={60} onPressEnter={() => form.submit()} />
        </Form.Item>
        <Form.Item name="notes" label={t('person.notes')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RosterPeopleTab() {
  const t = useT();
  const { message } = App.useApp();
  const fail = useFail();
  const [showInactive, setShowInactive] = useState(false);
  const [people, reload] = usePeople(showInactive);
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const may = useMay();
  const canCreate = may('people.create').allowed;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.key.toLowerCase() === 'n' && canCreate) {
        e.preventDefault();
        setEditing('new');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canCreate]);

  const toggle = async (p: Person) => {
    try {
      const after = p.active ? await api.people.deactivate({ id: p.id }) : await api.people.reactivate({ id: p.id });
      message.success(t(after.active ? 'person.reactivated' : 'person.deactivated', { name: p.name }));
      await reload();
    } catch (e) {
      fail(e);
    }
  };

  return (
    <div data-testid="people-tab">
      <Space style={{ marginBottom: 12 }}>
        <RoleButton method="people.create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="person-add" title="Alt+N">
          {t('person.add')}
        </RoleButton>
        <Checkbox checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)}>
          {t('person.showInactive')}
        </Checkbox>
      </Space>
      <Table<Person>
        rowKey="id"
        size="small"
        dataSource={people}
        pagination={false}
        data-testid="people-table"
        columns={[
          { title: t('person.name'), dataIndex: 'name', render: (v: string) => <strong>{v}</strong> },
          { title: t('person.phone'), dataIndex: 'phone', width: 160 },
          { title: t('person.roles'), dataIndex: 'roles', render: (rs: Person['roles']) => rs.map((r) => <Tag key={r} color={r === 'leader' ? 'red' : 'blue'}>{t(`role.${r}`)}</Tag>) },
          { title: t('person.account'), dataIndex: 'account', width: 120 },
          { title: t('common.status'), dataIndex: 'active', width: 80, render: (a: boolean) => (a ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>) },
          {
            title: t('common.actions'),
            key: 'a',
            width: 150,
            render: (_: unknown, p) => (
              <Space size="small">
                <RoleButton method="people.update" size="small" type="link" onClick={() => setEditing(p)}>
                  {t('common.edit')}
                </RoleButton>
                {p.active && may('people.deactivate').allowed ? (
                  <Popconfirm title={t('person.deactivate')} onConfirm={() => void toggle(p)} okText={t('person.deactivate')} cancelText={t('common.cancel')}>
                    <Button size="small" type="link" danger>
                      {t('person.deactivate')}
                    </Button>
                  </Popconfirm>
                ) : p.active ? (
                  <RoleButton method="people.deactivate" size="small" type="link" danger>
                    {t('person.deactivate')}
                  </RoleButton>
                ) : (
                  <RoleButton method="people.reactivate" size="small" type="link" onClick={() => void toggle(p)}>
                    {t('person.reactivate')}
                  </RoleButton>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <PersonForm
          person={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void reload();
          }}
        />
      )}
    </div>
  );
}

export function RosterLeaveTab() {
  const t = useT();
  const fail = useFail();
  const [people] = usePeople();
  const [leave, setLeave] = useState<Leave[]>([]);
  const [form] = Form.useForm();
  const load = useCallback(async () => {
    try {
      setLeave(await api.people.leaveList({ includeWithdrawn: true }));
    } catch (e) {
      fail(e);
    }
  }, [fail]);
  useEffect(() => void load(), [load]);
  const add = async () => {
    const v = form.getFieldsValue(true) as { personId?: number; from?: string; to?: string; reason?: string };
    try {
      await api.people.leaveAdd({ personId: v.personId ?? 0, from: v.from ?? '', to: v.to || v.from || '', reason: v.reason ?? '' });
      form.resetFields();
      await load();
    } catch (e) {
      fail(e);
    }
  };
  return (
    <div data-testid="leave-tab">
      <Form form={form} layout="inline" onFinish={() => void add()} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="personId" label={t('leave.person')}>
          <Select style={{ width: 140 }} showSearch optionFilterProp="label" options={people.map((p) => ({ value: p.id, label: p.name }))} data-testid="leave-person" />
        </Form.Item>
        <Form.Item name="from" label={t('leave.from')}>
          <Input type="date" data-testid="leave-from" />
        </Form.Item>
        <Form.Item name="to" label={t('leave.to')}>
          <Input type="date" data-testid="leave-to" />
        </Form.Item>
        <Form.Item name="reason" label={t('leave.reason')}>
          <Input style={{ width: 160 }} data-testid="leave-reason" />
        </Form.Item>
        <RoleButton method="people.leaveAdd" type="primary" htmlType="submit" data-testid="leave-add">
          {t('leave.add')}
        </RoleButton>
      </Form>
      <Table<Leave>
        rowKey="id"
        size="small"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={leave}
        columns={[
          { title: t('leave.person'), dataIndex: 'name' },
          { title: t('leave.from'), dataIndex: 'from', width: 120 },
          { title: t('leave.to'), dataIndex: 'to', width: 120 },
          { title: t('leave.reason'), dataIndex: 'reason' },
          {
            title: t('common.actions'),
            key: 'a',
            width: 100,
            render: (_: unknown, l) =>
              l.active ? (
                <RoleButton method="people.leaveWithdraw" size="small" type="link" danger onClick={() => void api.people.leaveWithdraw({ id: l.id }).then(load, fail)}>
                  {t('leave.withdraw')}
                </RoleButton>
              ) : (
                <Tag>{t('leave.withdrawn')}</Tag>
              ),
          },
        ]}
      />
    </div>
  );
}

/** Fixed assignments (固定安排) of a month, which the generator keeps. */
export function RosterFixedTab({ month }: { month: string }) {
  const t = useT();
  const fail = useFail();
  const [people] = usePeople();
  const [rows, setRows] = useState<FixedRow[]>([]);
  const [shifts, setShifts] = useState<string[]>([]);
  const [form] = Form.useForm();
  const load = useCallback(async () => {
    try {
      setRows(await api.roster.fixedList({ month }));
      setShifts((await api.roster.pattern({})).shifts.map((s) => s.name));
    } catch (e) {
      fail(e);
    }
  }, [month, fail]);
  useEffect(() => void load(), [load]);
  const add = async () => {
    const v = form.getFieldsValue(true) as { day?: string; shift?: number; personId?: number; role?: Role; reason?: string };
    try {
      await api.roster.fixedAdd({ slotKey: `${v.day ?? ''}#${v.shift ?? 0}`, personId: v.personId ?? 0, role: v.role ?? 'leader', reason: v.reason ?? '' });
      form.resetFields(['personId', 'reason']);
      await load();
    } catch (e) {
      fail(e);
    }
  };
  return (
    <div data-testid="fixed-tab">
      <Typography.Paragraph type="secondary">{t('fixed.hint')}</Typography.Paragraph>
      <Form form={form} layout="inline" initialValues={{ day: `${month}-01`, shift: 0, role: 'leader' }} onFinish={() => void add()} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="day" label={t('fixed.day')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="shift" label={t('fixed.shift')}>
          <Select style={{ width: 90 }} options={shifts.map((name, i) => ({ value: i, label: name }))} />
        </Form.Item>
        <Form.Item name="role" label={t('fixed.role')}>
          <Select style={{ width: 110 }} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        <Form.Item name="personId" label={t('fixed.person')}>
          <Select style={{ width: 130 }} showSearch optionFilterProp="label" options={people.map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('fixed.reason')}>
          <Input style={{ width: 160 }} />
        </Form.Item>
        <RoleButton method="roster.fixedAdd" type="primary" htmlType="submit">
          {t('fixed.add')}
        </RoleButton>
      </Form>
      <Table<FixedRow>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('fixed.day'), key: 'd', width: 120, render: (_: unknown, r) => r.slotKey.split('#')[0] },
          { title: t('fixed.shift'), key: 's', width: 80, render: (_: unknown, r) => shifts[Number(r.slotKey.split('#')[1])] ?? r.slotKey },
          { title: t('fixed.role'), dataIndex: 'role', width: 100, render: (r: Role) => t(`role.${r}`) },
          { title: t('fixed.person'), dataIndex: 'name' },
          { title: t('fixed.reason'), dataIndex: 'reason' },
          {
            title: t('common.actions'),
            key: 'a',
            width: 100,
            render: (_: unknown, r) => (
              <RoleButton method="roster.fixedCancel" size="small" type="link" danger onClick={() => void api.roster.fixedCancel({ id: r.id }).then(load, fail)}>
                {t('fixed.cancel')}
              </RoleButton>
            ),
          },
        ]}
      />
    </div>
  );
}
