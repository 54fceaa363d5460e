// Runs in the renderer. The accounts (admin only): create, set role and roster person, reset a
// password, disable or enable. Nothing is deleted; every change is on the audit chain.
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Person } from '../../../shared/domain/person.js';
import { MIN_PASSWORD_LENGTH, USER_ROLES, type User, type UserRole } from '../../../shared/domain/user.js';
import { api, ApiCallError } from '../api.js';
import { useApp } from '../i18n.js';

type Editing = { mode: 'add' } | { mode: 'edit'; user: User } | { mode: 'password'; user: User } | null;
type Values = { username: string; displayName: string; role: UserRole; password: string; personId: number | null };

function UserDialog({ editing, people, onClose, onSaved }: { editing: Exclude<Editing, null>; people: Person[]; onClose(): void; onSaved(): void }) {
  const { t } = useApp();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const initial: Partial<Values> = editing.mode === 'add' ? { role: 'officer', personId: null } : { ...editing.user };

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      if (editing.mode === 'add') await api.users.create({ username: v.username, displayName: v.displayName, role: v.role, password: v.password, personId: v.personId ?? null });
      else if (editing.mode === 'edit') await api.users.update({ id: editing.user.id, displayName: v.displayName, role: v.role, personId: v.personId ?? null });
      else await api.users.resetPassword({ id: editing.user.id, password: v.password });
      message.success(editing.mode === 'password' ? t('user.passwordResetDone', { username: editing.user.username }) : t('user.saved'));
      onSaved();
    } catch (e) {
      if (e instanceof ApiCallError && e.error.fields?.length) {
        form.setFields(e.error.fields.map((f) => ({ name: f.path.split('.')[0] as keyof Values, errors: [f.message] })));
      } else message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const title = editing.mode === 'add' ? t('user.add') : editing.mode === 'edit' ? `${t('user.edit')}：${editing.user.username}` : `${t('user.resetPassword')}：${editing.user.username}`;
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden data-testid="user-dialog">
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)}>
        {editing.mode === 'add' && (
          <Form.Item name="username" label={t('user.username')} rules={[{ required: true, message: t('user.usernameRequired') }]}>
            <Input autoFocus autoComplete="off" data-testid="user-username" />
          </Form.Item>
        )}
        {editing.mode !== 'password' && (
          <>
            <Form.Item name="displayName" label={t('user.displayName')} rules={[{ required: true, message: t('user.displayNameRequired') }]}>
              <Input autoFocus={editing.mode === 'edit'} data-testid="user-display-name" />
            </Form.Item>
            <Form.Item name="role" label={t('user.role')} rules={[{ required: true, message: t('user.roleRequired') }]}>
              <Select data-testid="user-role" options={USER_ROLES.map((r) => ({ value: r, label: t(`user.role.${r}`) }))} />
            </Form.Item>
            <Form.Item name="personId" label={t('user.personId')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('user.none')}
                options={people.map((p) => ({ value: p.id, label: p.name }))}
                data-testid="user-person"
              />
            </Form.Item>
          </>
        )}
        {editing.mode !== 'edit' && (
          <Form.Item
            name="password"
            label={editing.mode === 'password' ? t('user.newPassword') : t('user.password')}
            rules={[{ required: true, min: MIN_PASSWORD_LENGTH, message: t('user.passwordTooShort') }]}
          >
            <Input.Password autoFocus={editing.mode === 'password'} autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
        {/* Enter in any field submits the dialog (the form's implicit submission needs a submit button). */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

export function UsersPage() {
  const { t, user: me } = useApp();
  const { message } = App.useApp();
  const [users, setUsers] = useState<User[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  const [editing, setEditing] = useState<Editing>(null);

  const load = useCallback(() => api.users.list({}).then(setUsers, (e: Error) => message.error(e.message)), [message]);
  useEffect(() => {
    void load();
    api.people.list({}).then(setPeople, () => {});
  }, [load]);

  const setDisabled = async (u: User, disabled: boolean) => {
    try {
      await (disabled ? api.users.disable({ id: u.id }) : api.users.enable({ id: u.id }));
      await load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const personName = (id: number | null) => (id === null ? '' : (people.find((p) => p.id === id)?.name ?? `#${id}`));
  return (
    <div data-testid="users-page">
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.users')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'add' })} data-testid="user-add">
          {t('user.add')}
        </Button>
      </Space>
      <Alert type="info" showIcon message={t('user.rolesHint')} style={{ marginBottom: 12 }} />
      <Table<User>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={users}
        columns={[
          { title: t('user.username'), dataIndex: 'username' },
          { title: t('user.displayName'), dataIndex: 'displayName' },
          { title: t('user.role'), dataIndex: 'role', render: (r: UserRole) => <Tag color={r === 'admin' ? 'red' : r === 'leader' ? 'gold' : 'blue'}>{t(`user.role.${r}`)}</Tag> },
          { title: t('user.personId'), dataIndex: 'personId', render: (id: number | null) => personName(id) },
          { title: t('user.status'), dataIndex: 'disabled', render: (d: boolean) => (d ? <Tag>{t('user.disabled')}</Tag> : <Tag color="green">{t('user.active')}</Tag>) },
          {
            title: '',
            key: 'actions',
            render: (_, u) => (
              <Space size="small">
                <Button size="small" onClick={() => setEditing({ mode: 'edit', user: u })} data-testid={`user-edit-${u.username}`}>
                  {t('user.edit')}
                </Button>
                <Button size="small" icon={<KeyOutlined />} onClick={() => setEditing({ mode: 'password', user: u })} data-testid={`user-reset-${u.username}`}>
                  {t('user.resetPassword')}
                </Button>
                {u.disabled ? (
                  <Button size="small" onClick={() => void setDisabled(u, false)} data-testid={`user-enable-${u.username}`}>
                    {t('user.enable')}
                  </Button>
                ) : (
                  u.id !== me.id && (
                    <Popconfirm title={`${t('user.disable')}：${u.displayName}？`} onConfirm={() => void setDisabled(u, true)}>
                      <Button size="small" danger data-testid={`user-disable-${u.username}`}>
                        {t('user.disable')}
                      </Button>
                    </Popconfirm>
                  )
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <UserDialog
          editing={editing}
          people={people}
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
