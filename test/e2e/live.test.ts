// End to end, two seats (two browser contexts, two users) on one browser-mode server on a drill
// clock: what one seat writes shows at the other within a second, without reloading the page and
// without polling (the live channel, GET /api/events): an incident saved at intake appears in the
// other seat's log; a flag reviewed at one seat leaves the other's 督办 list; a flag the rules clock
// raises alarms on the other seat's dashboard.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createContext } from '../../electron/services/context.js';
import { runRulesClock } from '../../electron/services/incidents/rules-clock.js';
import { formatInZone } from '../../shared/domain/duty-day.js';
import { ensureUnits } from '../helpers/context.js';
import { launchBrowser, openApp, screenshot, startApp, typeMediaFireReport, type RunningApp } from '../helpers/browser.js';
import { sceneIncident } from '../helpers/scenes.js';
import { tempDbPath } from '../helpers/temp.js';

const MIN = 60_000;
const START = Date.parse('2026-11-24T14:10:20+08:00');
const typed = (ms: number) => formatInZone(ms, 'Asia/Shanghai', 'yyyy-MM-dd HH:mm');
/** The bound: a write shows at every seat within this. */
const WITHIN_MS = 1000;

/**
 * Writes through the services on a context of its own (its own change bus): the seats do not hear
 * of it, as if it had been written before they opened. `at` is the writer's clock.
 */
function silentContext(app: RunningApp, at: number) {
  const ctx = createContext(app.db, { dbPath: '', transport: 'http', version: 'e2e' }, 'e2e:setup', { now: () => at, kind: 'drill' });
  delete ctx.changes;
  return ctx;
}

/** Waits for `locator`-ish work to finish and answers how long after `since` (ms, test process clock). */
async function msUntil(since: number, wait: Promise<unknown>): Promise<number> {
  await wait;
  return Date.now() - since;
}

describe('two seats, live (browser mode)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  test('an incident saved at seat A shows in seat B’s log within a second, without reloading', async () => {
    const app = await startApp(tempDbPath('e2e-live-log.db'), { now: START });
    ensureUnits(silentContext(app, START), ['西城区']);
    const a = await openApp(browser, app, '#/intake', { as: 'officer' });
    const b = await openApp(browser, app, '#/log', { as: 'leader' });
    try {
      await a.getByTestId('intake-page').waitFor();
      await b.getByTestId('log-page').waitFor();
      const loads = await countListCalls(b);
      await typeMediaFireReport(a, typed(app.now() - 30 * MIN));
      const seen = b.getByText('江汉路步行街商铺').first();
      assert.equal(await seen.count(), 0);
      const clicked = Date.now();
      const atB = msUntil(clicked, seen.waitFor({ timeout: 5000 }));
      await a.getByTestId('intake-save').click();
      await a.getByTestId('intake-saved').waitFor();
      const savedAfter = Date.now() - clicked;
      const shownAfter = await atB;
      process.stdout.write(`# live: saved at A ${savedAfter} ms after the click, shown at B ${shownAfter} ms after it (${shownAfter - savedAfter} ms after A's answer)\n`);
      assert.ok(shownAfter - savedAfter <= WITHIN_MS, `shown at B ${shownAfter - savedAfter} ms after the save`);
      assert.ok(shownAfter <= savedAfter + WITHIN_MS);
      // Read again because of the change, not by a timer: one read of the list, not a stream of them.
      const calls = await loads();
      assert.ok(calls >= 1 && calls <= 3, `${calls} reads of the log at B`);
      await screenshot(b, 'live-log-seat-b');
    } finally {
      await a.context().close();
      await b.context().close();
      await app.stop();
    }
  });

  test('a flag reviewed at seat A leaves seat B’s 督办 list within a second', async () => {
    const app = await startApp(tempDbPath('e2e-live-review.db'), { now: START });
    const seed = silentContext(app, START - MIN);
    ensureUnits(seed, ['东城区']);
    const n = Math.floor(START / MIN) * MIN;
    // A first report 2 h 50 min late: a LATE_FIRST flag awaiting review.
    sceneIncident(seed, { unit: '东城区', occurredAt: n - 300 * MIN, receivedAt: n - 10 * MIN });
    const a = await openApp(browser, app, '#/followup', { as: 'leader' });
    const b = await openApp(browser, app, '#/followup', { as: 'admin' });
    try {
      const rowAt = (p: Page) => p.getByTestId('flag-queue').getByRole('row').filter({ hasText: '首报迟报' });
      await rowAt(a).waitFor();
      await rowAt(b).waitFor();
      await rowAt(a).getByRole('button', { name: /^确\s?认$/ }).click();
      await a.getByTestId('review-leader').fill('张局长');
      await a.getByTestId('review-reason').fill('经电话核实，首报迟报');
      const clicked = Date.now();
      const goneAtB = msUntil(clicked, rowAt(b).waitFor({ state: 'detached', timeout: 5000 }));
      await a.getByTestId('review-save').click();
      await a.getByText('已记录').waitFor();
      const savedAfter = Date.now() - clicked;
      const goneAfter = await goneAtB;
      process.stdout.write(`# live: review saved at A ${savedAfter} ms, gone from B's queue ${goneAfter} ms after the click\n`);
      assert.ok(goneAfter <= savedAfter + WITHIN_MS, `left B's list ${goneAfter - savedAfter} ms after the save`);
      // And B sees it among the confirmed, with A's reason.
      await b.getByTestId('queue-filter').getByText('已确认').click();
      await b.getByTestId('flag-queue').getByText('张局长：经电话核实，首报迟报').waitFor();
    } finally {
      await a.context().close();
      await b.context().close();
      await app.stop();
    }
  });

  test('a flag raised by the rules clock alarms at a seat that has not reloaded', async () => {
    const app = await startApp(tempDbPath('e2e-live-alarm.db'), { now: START });
    const b = await openApp(browser, app, '#/dashboard', { as: 'officer' });
    try {
      await b.getByTestId('dashboard-page').waitFor();
      // Written an hour ago (the seat never heard of it): a media tip whose first report is due 30 minutes ago.
      const t0 = START - 60 * MIN;
      const seed = silentContext(app, t0);
      ensureUnits(seed, ['西城区']);
      const incident = sceneIncident(seed, { unit: '西城区', occurredAt: t0 - 90 * MIN, receivedAt: t0 - MIN, report: { channel: 'media', fromUnit: '市融媒体中心' } });
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(await b.getByTestId(`alarm-${incident.number}-overdue`).count(), 0, 'not heard of yet');
      const ran = Date.now();
      const judged = runRulesClock(app.context);
      assert.ok(judged.changed >= 1, 'the rules clock raised the flag');
      const after = await msUntil(ran, b.getByTestId(`alarm-${incident.number}-overdue`).waitFor({ timeout: 5000 }));
      process.stdout.write(`# live: the rules clock's flag alarmed at the seat ${after} ms after it was written\n`);
      assert.ok(after <= WITHIN_MS, `${after} ms`);
      // The strip (every page) shows it too.
      await b.getByTestId('deadline-strip').getByText('西城区').first().waitFor();
      await screenshot(b, 'live-alarm-seat');
    } finally {
      await b.context().close();
      await app.stop();
    }
  });
});

/** Counts the page's reads of the log from now on; answers the function that says how many so far. */
async function countListCalls(page: Page): Promise<() => Promise<number>> {
  let n = 0;
  page.on('request', (r) => {
    if (r.url().endsWith('/api/incidents.list')) n += 1;
  });
  return async () => {
    await page.waitForTimeout(300);
    return n;
  };
}
