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
  FileTextOutlined,
  FormOutlined,
  SettingOutlined,
  SwapOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { App as AntApp, ConfigProvider, Layout, Menu, Result, Segmented, Select, Spin, theme as antTheme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Settings } from '../../shared/domain/settings.js';
import type { MessageKey } from '../../shared/i18n/index.js';
import { api } from './api.js';
import { ClockWarning } from './components/clock-warning.js';
import { DutyClock } from './components/duty-clock.js';
import { AppContext, makeT, useApp, type AppState } from './i18n.js';
import { PlaceholderPage } from './pages/placeholder-page.js';
import { PAGES } from './pages/registry.js';
import { useHashRoute, type Route } from './use-hash-route.js';

const NAV: { route: Route; key: MessageKey; icon: ReactNode }[] = [
  { route: 'dashboard', key: 'nav.dashboard', icon: <DashboardOutlined /> },
  { route: 'intake', key: 'nav.intake', icon: <FormOutlined /> },
  { route: 'log', key: 'nav.log', icon: <UnorderedListOutlined /> },
  { route: 'followup', key: 'nav.followup', icon: <AlertOutlined /> },
  { route: 'zero', key: 'nav.zero', icon: <FileDoneOutlined /> },
  { route: 'ledger', key: 'nav.ledger', icon: <AuditOutlined /> },
  { route: 'roster', key: 'nav.roster', icon: <CalendarOutlined /> },
  { route: 'handover', key: 'nav.handover', icon: <SwapOutlined /> },
  { route: 'bulletin', key: 'nav.bulletin', icon: <FileTextOutlined /> },
  { route: 'stats', key: 'nav.stats', icon: <BarChartOutlined /> },
  { route: 'units', key: 'nav.units', icon: <ApartmentOutlined /> },
  { route: 'settings', key: 'nav.settings', icon: <SettingOutlined /> },
];

function Page({ route }: { route: Route }) {
  const Found = PAGES[route];
  if (Found) return <Found />;
  const nav = NAV.find((n) => n.route === route)!;
  return <PlaceholderPage title={nav.key} />;
}

function Shell() {
  const { settings, t, updateSettings } = useApp();
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
          items={NAV.map((n) => ({ key: n.route, icon: n.icon, label: t(n.key), 'data-testid': `nav-${n.route}` }))}
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
            onChange={(v) => void updateSettings({ theme: v as Settings['theme'] })}
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
            onChange={(v) => void updateSettings({ locale: v })}
            options={[
              { value: 'zh-CN', label: '简体中文' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Layout.Header>
        <ClockWarning />
        <Layout.Content className="duty-content" style={{ background: token.colorBgLayout }}>
          <Page route={route} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export function App() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.settings.get({}).then(setSettings, (e: Error) => setError(e.message));
  }, []);

  const updateSettings = useCallback(async (patch: Partial<Settings>) => {
    setSettings(await api.settings.update(patch));
  }, []);

  const state = useMemo<AppState | null>(
    () => (settings ? { settings, t: makeT(settings.locale), updateSettings } : null),
    [settings, updateSettings],
  );

  useEffect(() => {
    if (!settings) return;
    document.documentElement.lang = settings.locale;
    document.documentElement.dataset.theme = settings.theme;
    document.title = makeT(settings.locale)('app.name');
  }, [settings]);

  if (error) return <Result status="error" title={makeT('zh-CN')('shell.offline', { message: error })} />;
  if (!state) return <Spin fullscreen />;
  const night = state.settings.theme === 'night';
  return (
    <ConfigProvider
      locale={state.settings.locale === 'en' ? enUS : zhCN}
      theme={{
        algorithm: night ? antTheme.darkAlgorithm : antTheme.defaultAlgorithm,
        token: { colorPrimary: night ? '#3c89e8' : '#1554ad', borderRadius: 4, fontSize: 14 },
      }}
    >
      <AntApp style={{ height: '100%' }}>
        <AppContext.Provider value={state}>
          <Shell />
        </AppContext.Provider>
      </AntApp>
    </ConfigProvider>
  );
}
