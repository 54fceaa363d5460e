// Test helper (plain Node): the real app in browser mode (same renderer build, same dispatcher)
// on a database of the test's own, driven by Playwright in Debian's Chromium.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { closeDatabase, openDatabase, type Db } from '../../electron/db/connection.js';
import { rendererDir } from '../../electron/main/app-root.js';
import { startBrowserServer, type BrowserServer } from '../../electron/main/browser-server.js';
import { createDispatcher } from '../../electron/main/dispatcher.js';
import { createContext } from '../../electron/services/context.js';
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
  stop(): Promise<void>;
}

/**
 * Starts the app on its own database. `clock` (tests only) replaces the server's clock: it exists
 * only in this helper, which builds the service context in the test's own process; the app's
 * entry points (electron/main, the CLI) always use createContext's Date.now.
 */
export async function startApp(dbPath: string, opts: { clock?: () => number } = {}): Promise<RunningApp> {
  const db = openDatabase(dbPath);
  const ctx = createContext(db, { dbPath, transport: 'http', version: 'e2e' }, 'e2e:officer');
  if (opts.clock) ctx.now = opts.clock;
  const server = await startBrowserServer({ dispatch: createDispatcher(ctx, { logError: () => {} }), staticDir: rendererDir(), port: 0 });
  return {
    server,
    db,
    stop: async () => {
      await server.close();
      closeDatabase(db);
    },
  };
}

/** Opens the printed URL (token -> cookie) and waits for the shell. */
export async function openApp(browser: Browser, app: RunningApp, hash = ''): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
  await page.goto(app.server.url);
  if (hash) await page.evaluate((h) => (window.location.hash = h), hash);
  await page.getByTestId('duty-clock').waitFor();
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
