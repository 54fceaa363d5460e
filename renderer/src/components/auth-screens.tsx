// Runs in the renderer. The screens before the shell: the first admin on a fresh database, the
// login, and the lock screen after inactivity (which hides everything and asks for the password).
import { KeyOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { SessionUser } from '../../../shared/domain/user.js';
import { MIN_PASSWORD_LENGTH } from '../../../shared/domain/user.js';
import { api, transport } from '../api.js';
import type { T } from '../i18n.js';

function Frame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="duty-auth" data-testid="auth-screen">
      <Card title={title} style={{ width: 400 }}>
        {children}
      </Card>
    </div>
  );
}

/** The password rules shared by the first-admin form and the change-password dialog: at least the minimum, typed twice. */
function newPasswordItems(t: T, name: string, label: string, testId: string) {
  return (
    <>
      <Form.Item name={name} label={label} rules={[{ required: true, min: MIN_PASSWORD_LENGTH, message: t('user.passwordTooShort') }]}>
        <Input.Password autoComplete="new-password" data-testid={testId} />
      </Form.Item>
      <Form.Item
        name="again"
        label={t('auth.passwordAgain')}
        dependencies={[name]}
        rules={[
          { required: true, message: t('user.passwordRequired') },
          ({ getFieldValue }) => ({
            validator: (_, v) => (v === getFieldValue(name) ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch')))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid={`${testId}-again`} />
      </Form.Item>
    </>
  );
}

/** The header's button to change one's own password. */
export function ChangePasswordButton({ t }: { t: T }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ current: string; next: string }>();
  const submit = async (v: { current: string; next: string }) => {
    setBusy(true);
    try {
      await api.auth.changePassword({ current: v.current, next: v.next });
      message.success(t('auth.passwordChanged'));
      setOpen(false);
    } catch (e) {
      form.setFields([{ name: 'current', errors: [(e as Error).message] }]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Tooltip title={t('auth.changePassword')}>
        <Button icon={<KeyOutlined />} onClick={() => (form.resetFields(), setOpen(true))} aria-label={t('auth.changePassword')} data-testid="change-password" />
      </Tooltip>
      <Modal open={open} title={t('auth.changePassword')} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={busy} forceRender>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="current" label={t('auth.currentPassword')} rules={[{ required: true, message: t('user.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {newPasswordItems(t, 'next', t('auth.newPassword'), 'change-password-next')}
        </Form>
      </Modal>
    </>
  );
}

/** Runs a sign-in call, showing its error under the form. */
function useSubmit(onSignedIn: (u: SessionUser) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (call: () => Promise<SessionUser>) => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await call());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}

export function SetupAdminScreen({ t, onSignedIn }: { t: T; onSignedIn: (u: SessionUser) => void }) {
  const { busy, error, submit } = useSubmit(onSignedIn);
  type Values = { username: string; displayName: string; password: string; again: string };
  return (
    <Frame title={t('auth.setupTitle')}>
      <Typography.Paragraph type="secondary">{t('auth.setupHint', { min: MIN_PASSWORD_LENGTH })}</Typography.Paragraph>
      <Form<Values> layout="vertical" onFinish={(v) => void submit(() => api.auth.setupAdmin({ username: v.username, displayName: v.displayName, password: v.password }))}>
        <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, message: t('user.usernameRequired') }]}>
          <Input autoFocus autoComplete="username" data-testid="setup-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('auth.displayName')} rules={[{ required: true, message: t('user.displayNameRequired') }]}>
          <Input data-testid="setup-display-name" />
        </Form.Item>
        {newPasswordItems(t, 'password', t('auth.password'), 'setup-password')}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="auth-error" />}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="setup-submit">
          {t('auth.setupSubmit')}
        </Button>
      </Form>
      {transport === 'electron' && (
        <Button type="link" block href="#/room-join" style={{ marginTop: 8 }} data-testid="room-join-link">
          {t('room.joinLink')}
        </Button>
      )}
    </Frame>
  );
}

/**
 * This desk joining a duty room as a seat (the desktop app: reached from the first start or the
 * 值班室 menu). The desk pairs in its main process, which checks the host's certificate before the
 * code leaves this machine; on success the window turns to the host's pages.
 */
export function RoomJoinScreen({ t }: { t: T }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  type Values = { address: string; code: string; seatName: string; fingerprint256?: string };
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const joined = await api.room.join({ address: v.address, code: v.code, seatName: v.seatName, ...(v.fingerprint256?.trim() ? { fingerprint256: v.fingerprint256.trim() } : {}) });
      setDone(t('room.joinDone', { url: joined.url }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Frame title={t('room.joinTitle')}>
      <Typography.Paragraph type="secondary">{t('room.joinIntro')}</Typography.Paragraph>
      <Form<Values> layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="address" label={t('room.joinAddress')} rules={[{ required: true, message: t('room.joinAddressInvalid') }]}>
          <Input autoFocus placeholder={t('room.joinAddressHint')} data-testid="room-join-address" />
        </Form.Item>
        <Form.Item name="code" label={t('room.pairCode')} rules={[{ required: true, message: t('room.pairWrong') }]}>
          <Input autoComplete="off" style={{ fontFamily: 'monospace', letterSpacing: 2 }} data-testid="room-join-code" />
        </Form.Item>
        <Form.Item name="seatName" label={t('room.pairSeatName')} rules={[{ required: true, message: t('room.pairSeatNameInvalid') }]}>
          <Input placeholder={t('room.pairSeatNameHint')} maxLength={40} data-testid="room-join-seat" />
        </Form.Item>
        <Form.Item name="fingerprint256" label={t('room.joinFingerprint')} extra={t('room.joinFingerprintHint')}>
          <Input autoComplete="off" style={{ fontFamily: 'monospace' }} data-testid="room-join-fingerprint" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="room-join-error" />}
        {done && <Alert type="success" showIcon message={done} style={{ marginBottom: 12 }} data-testid="room-join-done" />}
        <Button type="primary" htmlType="submit" block loading={busy} disabled={done !== null} data-testid="room-join-submit">
          {t('room.joinSubmit')}
        </Button>
        <Button type="link" block href="#/" style={{ marginTop: 8 }}>
          {t('common.cancel')}
        </Button>
      </Form>
    </Frame>
  );
}

/** The login, or the lock screen when `locked` names who was signed in. */
export function LoginScreen({ t, locked, lockMinutes, onSignedIn }: { t: T; locked: SessionUser | null; lockMinutes: number; onSignedIn: (u: SessionUser) => void }) {
  const { busy, error, submit } = useSubmit(onSignedIn);
  const [other, setOther] = useState(false);
  const lockedAs = other ? null : locked;
  return (
    <Frame title={lockedAs ? t('auth.lockedTitle') : t('auth.loginTitle')}>
      {lockedAs && (
        <Typography.Paragraph type="secondary" data-testid="lock-hint">
          {t('auth.lockedHint', { name: lockedAs.displayName, minutes: lockMinutes })}
        </Typography.Paragraph>
      )}
      <Form<{ username: string; password: string }>
        key={lockedAs?.username ?? 'login'}
        layout="vertical"
        initialValues={{ username: lockedAs?.username ?? '' }}
        onFinish={(v) => void submit(() => api.auth.login({ username: v.username, password: v.password }))}
      >
        <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, message: t('user.usernameRequired') }]} hidden={!!lockedAs}>
          <Input prefix={<UserOutlined />} autoFocus={!lockedAs} autoComplete="username" data-testid="login-username" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('user.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoFocus={!!lockedAs} autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="auth-error" />}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
          {lockedAs ? t('auth.unlock') : t('auth.loginSubmit')}
        </Button>
        {lockedAs && (
          <Button type="link" block onClick={() => setOther(true)} data-testid="login-other">
            {t('auth.otherUser')}
          </Button>
        )}
      </Form>
    </Frame>
  );
}
