// Test helper (plain Node): the real app in browser mode (same renderer build, same dispatcher)
// on a database of the test's own, driven by Playwright in Debian's Chromium.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { closeDatabase, openDatabase, type Db } from '../../electron/db/connection.js';
import { rendererDir } from '../../electron/main/app-root.js';
import { startBrowserServer, type BrowserServer } from '../../electron/main/browser-server.js';
import { createLiveHub, type LiveHub } from '../../electron/main/live-events.js';
import { actorName } from '../../electron/services/actors.js';
import type { UserRole } from '../../shared/domain/user.js';
import { findUserByName } from '../../electron/db/repositories/users.js';
import { drillClock, type Clock } from '../../electron/services/clock.js';
import { createSessionDispatcher } from '../../electron/services/dispatcher.js';
import { createContext, type ServiceContext } from '../../electron/services/context.js';
import { createUser } from '../../electron/services/users.js';
import { REPO } from './cli.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RESULTS = join(REPO, 'test-results');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface RunningApp {
  server: BrowserServer;
  db: Db;
  /** The account for a role (`admin`, `leader`, `officer`), created on first use; password E2E_PASSWORD. */
  userFor(role: UserRole): Promise<string>;
  /** The server's context (its change bus, for the rules clock a test runs by hand). */
  context: ServiceContext;
  live: LiveHub;
  /** The server's clock (the drill clock when the test gave one). */
  now(): number;
  stop(): Promise<void>;
}

/** The password of every account the e2e helpers create. */
export const E2E_PASSWORD = 'duty-e2e-password';

export async function ensureUser(ctx: ServiceContext, role: UserRole): Promise<string> {
  const username = `e2e-${role}`;
  if (!findUserByName(ctx.db, username)) {
    const displayName = { admin: '测试管理员', leader: '测试带班领导', officer: '测试值班员' }[role];
    await createUser(ctx, { username, displayName, role, password: E2E_PASSWORD, personId: null });
  }
  return username;
}

/**
 * The app in browser mode with sessions as shipped. `withAdmin` (default true) sets up the first
 * admin, so openApp can sign in; false leaves the database without users (the first-start flow).
 * `now` starts the server on a drill clock at that instant, running forward, as `serve --now` does;
 * `clock` hands it a clock the test moves by hand. Either way the shell shows the drill banner.
 * Without either the server runs on the system clock: only for flows that hold on any day.
 */
export async function startApp(dbPath: string, opts: { withAdmin?: boolean; now?: number; clock?: () => number } = {}): Promise<RunningApp> {
  const db = openDatabase(dbPath);
  const clock: Clock | undefined = opts.clock ? { now: opts.clock, kind: 'drill' } : opts.now !== undefined ? drillClock(opts.now) : undefined;
  const ctx = createContext(db, { dbPath, transport: 'http', version: 'e2e' }, 'e2e:setup', clock);
  if (opts.withAdmin !== false) await ensureUser(ctx, 'admin');
  return serveOn(ctx, db, 0);
}

/** Browser mode over `ctx` as serve.ts runs it: the live channel on the same server, so every seat (page) hears the others' writes. */
async function serveOn(ctx: ServiceContext, db: Db, port: number, token?: string): Promise<RunningApp> {
  const dispatch = createSessionDispatcher(ctx, { logError: () => {} });
  const live = createLiveHub({ bus: ctx.changes!, dispatch, describe: (actor) => actorName(ctx, actor) });
  const server = await startBrowserServer({ dispatch: live.watch(dispatch), staticDir: rendererDir(), port, live, ...(token ? { token } : {}) });
  return {
    server,
    db,
    context: ctx,
    live,
    userFor: (role) => ensureUser(ctx, role),
    now: () => ctx.now(),
    stop: async () => {
      live.close();
      await server.close();
      closeDatabase(db);
    },
  };
}

/** Signs in through the login screen as it shows. */
export async function signIn(page: Page, username: string, password = E2E_PASSWORD): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * Opens the printed URL (token -> cookie), signs in (as the admin unless `as` names another role;
 * `as: null` stays on the login screen) and waits for the shell.
 */
export async function openApp(
  browser: Browser,
  app: RunningApp,
  hash = '',
  opts: { as?: UserRole | null; beforeOpen?: (page: Page) => Promise<void> } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
  await opts.beforeOpen?.(page);
  await page.goto(app.server.url);
  if (hash) await page.evaluate((h) => (window.location.hash = h), hash);
  if (opts.as === null) return page;
  await signIn(page, await app.userFor(opts.as ?? 'admin'));
  await page.getByTestId('duty-clock').waitFor();
  return page;
}

/** Calls a contract method from inside the page, exactly as the page's api client does over HTTP. */
export function callFromPage(page: Page, method: string, input: unknown = {}): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return page.evaluate(
    async ([m, i]) => {
      const res = await fetch(`./api/${m}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(i), credentials: 'same-origin' });
      return res.json();
    },
    [method, input] as const,
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** Picks an option of a select by typing its label, as an officer does, and Enter. */
export async function choose(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').last().waitFor();
  await page.keyboard.press('Enter');
}

/**
 * The host restarted after `stop()` (a crash, a reboot): the same database file, port and token, so
 * the seats' pages (their URL and token cookie) reach it again; its sessions, kept in memory, are
 * gone, so every seat signs in again. `now` continues a drill clock (pass the stopped app's `now()`).
 */
export async function restartApp(dbPath: string, stopped: RunningApp, opts: { now?: number } = {}): Promise<RunningApp> {
  const db = openDatabase(dbPath);
  const ctx = createContext(db, { dbPath, transport: 'http', version: 'e2e' }, 'e2e:setup', opts.now === undefined ? undefined : drillClock(opts.now));
  return serveOn(ctx, db, stopped.server.port, stopped.server.token);
}

/** Intake: a fire in 西城区 seen in an online video (media channel), typed as an officer types it; not saved. */
export async function typeMediaFireReport(page: Page, occurredAt: string): Promise<void> {
  await page.getByTestId('intake-from-unit').fill('市融媒体中心');
  await choose(page, 'intake-channel', '媒体');
  await page.getByTestId('intake-occurred-at').fill(occurredAt);
  await choose(page, 'intake-category', '火灾');
  await page.getByTestId('intake-responsible-unit').fill('西城区');
  await page.getByTestId('intake-place').fill('江汉路步行街商铺');
  await page.getByTestId('intake-summary').fill('网络视频显示商铺起火，冒出浓烟');
}
