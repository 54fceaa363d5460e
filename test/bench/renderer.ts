// Runs in plain Node (the bench and an e2e test). The incident log page in Chromium, driven by
// Playwright on the real app in browser mode: how long from navigating to the log until its first
// rows show, and the longest task (PerformanceObserver 'longtask') while the whole list is
// scrolled from top to bottom, each stop waiting for its rows. Needs `npm run build` first.
import { copyFileSync, rmSync } from 'node:fs';
import { launchBrowser, openApp, startApp } from '../helpers/browser.js';

export interface RendererFigures {
  firstRowsMs: number;
  longestTaskMs: number;
  longTasks: number;
  stops: number;
  total: number;
  /** Back at the top after the scroll, the first row shows again (the page keeps only recent pages of rows). */
  topAgain: boolean;
}

declare global {
  interface Window {
    __longTasks: number[];
  }
}

export async function measureRenderer(dbPath: string, opts: { stops?: number } = {}): Promise<RendererFigures> {
  // The app's clock ticks on its own database: a copy, so the benchmark's file stays as built.
  const copy = `${dbPath}.renderer`;
  copyFileSync(dbPath, copy);
  const app = await startApp(copy);
  const browser = await launchBrowser();
  try {
    const page = await openApp(browser, app);
    await page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    const t0 = Date.now();
    await page.evaluate(() => (window.location.hash = '#/log'));
    await page.locator('.vlog-row[data-testid^="log-row-"]').first().waitFor();
    const firstRowsMs = Date.now() - t0;
    const firstRow = await page.locator('.vlog-row[data-testid^="log-row-"]').first().getAttribute('data-testid');
    const total = await page.evaluate(() => document.querySelector('.vlog-body')!.scrollHeight);
    await page.evaluate(() => (window.__longTasks = []));
    const stops = opts.stops ?? 120;
    // Top to bottom in even jumps, each waiting until the rows in view have arrived.
    // As a string: tsx would wrap named inner functions in a helper the page does not have.
    await page.evaluate(`(async (n) => {
      const body = document.querySelector('.vlog-body');
      const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
      for (let k = 0; k <= n; k++) {
        body.scrollTop = ((body.scrollHeight - body.clientHeight) * k) / n;
        for (let w = 0; w < 100; w++) {
          await frame();
          const rows = Array.from(body.querySelectorAll('.vlog-row'));
          if (rows.length && rows.every((r) => r.hasAttribute('data-testid'))) break;
        }
      }
    })(${stops})`);
    await page.waitForTimeout(200);
    const tasks = await page.evaluate(() => window.__longTasks);
    await page.evaluate(() => (document.querySelector('.vlog-body')!.scrollTop = 0));
    const topAgain = await page
      .locator(`[data-testid="${firstRow}"]`)
      .waitFor({ timeout: 10_000 })
      .then(() => true, () => false);
    if (process.env.BENCH_TASKS) process.stderr.write(`long tasks: ${tasks.map((t) => Math.round(t)).join(" ")}\n`);
    return { firstRowsMs, longestTaskMs: Math.max(0, ...tasks), longTasks: tasks.length, stops, total, topAgain };
  } finally {
    await browser.close();
    await app.stop();
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) rmSync(f, { force: true });
  }
}

// As a child of test/bench/run.ts: `tsx test/bench/renderer.ts DB` prints the figures as one JSON
// line. A process of its own, like the app's: the app's server (in this process) does not share a
// heap with the bench's other figures, whose collection competed for the two cores with the page.
if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await measureRenderer(process.argv[2]!);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
