// Runs in the renderer. The shell: settings (language, theme) loaded once, antd configured for
// them, navigation to every area, the clock with the duty day.
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  NotificationOutlined,
  FileTextOutlined,
  FormOutlined,
  LockOutlined,
  LogoutOutlined,
  SettingOutlined,
  TeamOutlined,
  SwapOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Alert, App as AntApp, Button, ConfigProvider, Layout, Menu, Result, Segmented, Select, Spin, Tooltip, theme as antTheme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AuthStatus } from '../../shared/api/methods/users.js';
import { refusalText } from '../../shared/api/action-label.js';
import { mayCall } from '../../shared/api/roles.js';
import type { Settings } from '../../shared/domain/settings.js';
import type { SessionUser } from '../../shared/domain/user.js';
import type { MessageKey } from '../../shared/i18n/index.js';
import { api, ApiCallError, onSignedOut, transport } from './api.js';
import { syncedCall } from './clock.js';
import { ChangePasswordButton, LoginScreen, RoomJoinScreen, SetupAdminScreen } from './components/auth-screens.js';
import { ClockWarning } from './components/clock-warning.js';
import { HostBanner } from './components/host-banner.js';
import { RecordWarning } from './components/record-warning.js';
import { DeadlineStrip } from './components/deadline-strip.js';
import { DutyClock } from './components/duty-clock.js';
import { FollowupPicker } from './components/followup-picker.js';
import { useIdleLock } from './components/idle-lock.js';
import { AppContext, makeT, useApp, type AppState } from './i18n.js';
import { PAGES } from './pages/registry.js';
import { onSignInNeeded, startSaveQueue } from './save-queue.js';
import { useHashRoute, type Route } from './use-hash-route.js';

const NAV: { route: Route; key: MessageKey; icon: ReactNode }[] = [
  { route: 'dashboard', key: 'nav.dashboard', icon: <DashboardOutlined /> },
  { route: 'intake', key: 'nav.intake', icon: <FormOutlined /> },
  { route: 'log', key: 'nav.log', icon: <UnorderedListOutlined /> },
  { route: 'followup', key: 'nav.followup', icon: <AlertOutlined /> },
  { route: 'zero', key: 'nav.zero', icon: <FileDoneOutlined /> },
  { route: 'relay', key: 'nav.relay', icon: <NotificationOutlined /> },
  { route: 'ledger', key: 'nav.ledger', icon: <AuditOutlined /> },
  { route: 'roster', key: 'nav.roster', icon: <CalendarOutlined /> },
  { route: 'handover', key: 'nav.handover', icon: <SwapOutlined /> },
  { route: 'bulletin', key: 'nav.bulletin', icon: <FileTextOutlined /> },
  { route: 'stats', key: 'nav.stats', icon: <BarChartOutlined /> },
  { route: 'units', key: 'nav.units', icon: <ApartmentOutlined /> },
  { route: 'users', key: 'nav.users', icon: <TeamOutlined /> },
  { route: 'settings', key: 'nav.settings', icon: <SettingOutlined /> },
];

/** Areas shown only to roles that may do their work (the dispatcher refuses the calls anyway). */
const ADMIN_ROUTES: ReadonlySet<Route> = new Set(['users', 'settings']);
const visibleNav = (user: SessionUser) => NAV.filter((n) => !ADMIN_ROUTES.has(n.route) || mayCall('users.list', user.role));

function Page({ route, user }: { route: Route; user: SessionUser }) {
  const { t } = useApp();
  if (ADMIN_ROUTES.has(route) && !mayCall('users.list', user.role)) return <Result status="403" title={refusalText(t, route === 'users' ? 'users.list' : 'settings.update', user.role)} />;
  const AreaPage = PAGES[route];
  return <AreaPage />;
}

function Shell() {
  const { settings, t, user, lock, signOut } = useApp();
  useIdleLock(settings.lockMinutes, lock);
  const setDisplay = (patch: Pick<Partial<Settings>, 'locale' | 'theme'>) => void api.auth.setDisplay(patch).then(() => window.dispatchEvent(new Event('duty:settings')));
  const [route, go] = useHashRoute();
  const { token } = antTheme.useToken();
  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Sider width={200} breakpoint="lg" collapsedWidth={64} theme="dark">
        <div className="duty-brand">
          <img src="./favicon.svg" alt="" />
          <span>{t('app.name')}</span>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[route]}
          onClick={(e) => go(e.key as Route)}
          items={visibleNav(user).map((n) => ({ key: n.route, icon: n.icon, label: t(n.key), 'data-testid': `nav-${n.route}` }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="duty-header" style={{ background: token.colorBgContainer, borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
          <span style={{ fontWeight: 600, color: token.colorText }}>{settings.bureauName}</span>
          <span className="spacer" />
          <span style={{ color: token.colorText }}>
            <DutyClock />
          </span>
          <Segmented
            data-testid="theme-toggle"
            aria-label={t('shell.theme.toggle')}
            value={settings.theme}
            onChange={(v) => setDisplay({ theme: v as Settings['theme'] })}
            options={[
              { value: 'day', label: t('shell.theme.day') },
              { value: 'night', label: t('shell.theme.night') },
            ]}
          />
          <Select
            data-testid="lang-select"
            aria-label={t('shell.language')}
            value={settings.locale}
            style={{ width: 110 }}
            onChange={(v) => setDisplay({ locale: v })}
            options={[
              { value: 'zh-CN', label: '简体中文' },
              { value: 'en', label: 'English' },
            ]}
          />
          <span style={{ color: token.colorText }} data-testid="signed-in-user">
            {user.displayName}（{t(`user.role.${user.role}`)}）
          </span>
          <ChangePasswordButton t={t} />
          <Tooltip title={t('auth.lockNow')}>
            <Button icon={<LockOutlined />} onClick={lock} aria-label={t('auth.lockNow')} data-testid="lock-now" />
          </Tooltip>
          <Tooltip title={t('auth.logout')}>
            <Button icon={<LogoutOutlined />} onClick={signOut} aria-label={t('auth.logout')} data-testid="sign-out" />
          </Tooltip>
        </Layout.Header>
        <ClockWarning />
        <DeadlineStrip />
        <FollowupPicker />
        <Layout.Content className="duty-content" style={{ background: token.colorBgLayout }}>
          <Page route={route} user={user} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export function App() {
  const [status, setStatus] = useState<AuthStatus | null>(null);
  const [user, setUser] = useState<SessionUser | null>(null);
  /** Who was signed in when the screen locked (the lock screen asks for their password). */
  const [locked, setLocked] = useState<SessionUser | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The desktop app's join form (the 值班室 menu, the first start's link): shown whoever is signed in; the service decides.
  const [joining, setJoining] = useState(() => transport === 'electron' && window.location.hash === '#/room-join');
  useEffect(() => {
    const on = () => setJoining(transport === 'electron' && window.location.hash === '#/room-join');
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);

  useEffect(() => {
    // Saves kept while the host could not be reached go out when it is back (save-queue.ts).
    startSaveQueue();
    syncedCall(() => api.auth.status({})).then((s) => {
      setStatus(s);
      setUser(s.user);
    }, (e: Error) => setError(e.message));
  }, []);

  // Signed out meanwhile (a lock, a restarted host): the lock screen asks; only other failures stop the shell.
  const loadSettings = useCallback(() => api.settings.get({}).then(setSettings, (e: Error) => (e instanceof ApiCallError && e.error.code === 'unauthenticated' ? undefined : setError(e.message))), []);
  useEffect(() => {
    if (!user) return;
    void loadSettings();
    window.addEventListener('duty:settings', loadSettings);
    return () => window.removeEventListener('duty:settings', loadSettings);
  }, [user, loadSettings]);

  /** The lock screen, for a session the host already ended (it said so): nothing to tell the host. */
  const showLock = useCallback(() => {
    setUser((u) => {
      if (u) setLocked(u);
      return null;
    });
  }, []);
  /** Locked here (the lock button, inactivity): the host locks the session too. */
  const lock = useCallback(() => {
    showLock();
    api.auth.lock({}).catch(() => {});
  }, [showLock]);
  const signOut = useCallback(() => {
    void api.auth.logout({}).finally(() => {
      setUser(null);
      setLocked(null);
    });
  }, []);
  // The server locked the session (inactivity, account disabled): show the lock screen at once. Only
  // shown: asking the host to lock a session it already ended would answer 'signed out' again, and a
  // lock sent then could reach the host after the person signed in again, locking the new session.
  useEffect(() => onSignedOut(showLock), [showLock]);
  // Saves wait for a person the restarted host no longer knows: the lock screen asks them to sign in.
  useEffect(() => onSignInNeeded(showLock), [showLock]);

  const signedIn = useCallback((u: SessionUser) => {
    setUser(u);
    setLocked(null);
    setStatus((s) => (s ? { ...s, hasUsers: true } : s));
  }, []);

  const updateSettings = useCallback(async (patch: Partial<Settings>) => {
    setSettings(await api.settings.update(patch));
  }, []);

  const look = settings ?? status;
  const state = useMemo<AppState | null>(
    () => (settings && user ? { settings, t: makeT(settings.locale), updateSettings, user, lock, signOut } : null),
    [settings, updateSettings, user, lock, signOut],
  );

  useEffect(() => {
    if (!look) return;
    document.documentElement.lang = look.locale;
    document.documentElement.dataset.theme = look.theme;
    document.title = makeT(look.locale)('app.name');
  }, [look]);

  if (error) return <Result status="error" title={makeT('zh-CN')('shell.offline', { message: error })} />;
  if (!status || !look) return <Spin fullscreen />;
  const t = makeT(look.locale);
  const night = look.theme === 'night';
  let body: ReactNode;
  if (joining) body = <RoomJoinScreen t={t} />;
  else if (!status.hasUsers) body = <SetupAdminScreen t={t} onSignedIn={signedIn} />;
  else if (!user) body = <LoginScreen t={t} locked={locked} lockMinutes={settings?.lockMinutes ?? status.lockMinutes} onSignedIn={signedIn} />;
  else if (!state) body = <Spin fullscreen />;
  else
    body = (
      <AppContext.Provider value={state}>
        <Shell />
      </AppContext.Provider>
    );
  return (
    <ConfigProvider
      locale={look.locale === 'en' ? enUS : zhCN}
      theme={{
        algorithm: night ? antTheme.darkAlgorithm : antTheme.defaultAlgorithm,
        token: { colorPrimary: night ? '#3c89e8' : '#1554ad', borderRadius: 4, fontSize: 14 },
      }}
      // Every dropdown can be searched by typing (the role in the user dialog could not).
      select={{ showSearch: { optionFilterProp: 'label' } }}
    >
      <AntApp style={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
        {status.clock === 'drill' && (
          <Alert type="warning" banner showIcon={false} className="drill-banner" data-testid="drill-banner" message={t('shell.drillClock')} />
        )}
        <HostBanner t={t} signedIn={user !== null} />
        <RecordWarning t={t} />
        <div style={{ flex: 1, minHeight: 0 }}>{body}</div>
      </AntApp>
    </ConfigProvider>
  );
}
