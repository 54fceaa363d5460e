// End to end, in headless Chromium against one browser-mode server on a drill clock: two seats
// (two browser contexts, each signed in as its own user) review the same flag at once. The first
// saves; the second is refused with the first's leader, time and decision, keeps what it typed,
// and its queue shows the flag as it is now. Nothing of the refused review is written.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { auditForEntity } from '../../electron/services/audit.js';
import { createContext } from '../../electron/services/context.js';
import { listQueue } from '../../electron/services/incidents/followup.js';
import { formatInZone } from '../../shared/domain/duty-day.js';
import { ensureUnits } from '../helpers/context.js';
import { launchBrowser, openApp, screenshot, startApp } from '../helpers/browser.js';
import { sceneIncident } from '../helpers/scenes.js';
import { tempDbPath } from '../helpers/temp.js';

const MIN = 60_000;
/** The drill starts here, whatever day the test runs. */
const START = Date.parse('2026-11-24T14:10:20+08:00');

describe('two seats (browser mode)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  test('two leaders review the same flag at once: the second is refused naming the first, keeps what it typed and sees the new state', async () => {
    const app = await startApp(tempDbPath('e2e-seats-conflict.db'), { now: START });
    const ctx = createContext(app.db, { dbPath: '', transport: 'http', version: 'e2e' }, 'e2e:setup', { now: app.now, kind: 'drill' });
    ensureUnits(ctx, ['东城区']);
    const n = Math.floor(app.now() / MIN) * MIN;
    // A first report 2 h 50 min late: one LATE_FIRST flag awaiting a leader.
    sceneIncident(ctx, { unit: '东城区', occurredAt: n - 300 * MIN, receivedAt: n - 10 * MIN });
    const flag = listQueue(ctx, { review: 'pending' }).rows.find((f) => f.code === 'LATE_FIRST')!;
    // Seat A: the leader on duty; seat B: the admin at the other desk.
    const seatA = await openApp(browser, app, '#/followup', { as: 'leader' });
    const seatB = await openApp(browser, app, '#/followup', { as: 'admin' });
    try {
      for (const seat of [seatA, seatB]) await seat.getByTestId(`flag-confirm-${flag.id}`).waitFor();
      // A starts to confirm it and types a reason ...
      await seatA.getByTestId(`flag-confirm-${flag.id}`).click();
      await seatA.getByTestId('review-leader').fill('张局长');
      await seatA.getByTestId('review-reason').fill('经电话核实，东城区首报迟报');
      // ... while B dismisses it and saves first.
      await seatB.getByTestId(`flag-dismiss-${flag.id}`).click();
      await seatB.getByTestId('review-leader').fill('王局');
      await seatB.getByTestId('review-reason').fill('单位已书面说明原因');
      await seatB.getByTestId('review-save').click();
      await seatB.getByText('已记录').waitFor();
      const reviewedAt = listQueue(ctx, { review: 'all' }).rows.find((f) => f.id === flag.id)!.reviewedAt!;

      // A saves: refused, with who decided, when and how.
      await seatA.getByTestId('review-save').click();
      const said = seatA.getByTestId('save-conflict');
      await said.waitFor();
      assert.equal((await said.innerText()).trim(), `该标记已由 王局 于 ${formatInZone(reviewedAt, 'Asia/Shanghai', 'HH:mm')} 核定为“排除”，不能重复核定；已显示最新状态`);
      // What A typed is still there; nothing was sent again.
      assert.equal(await seatA.getByTestId('review-reason').inputValue(), '经电话核实，东城区首报迟报');
      assert.equal(await seatA.getByTestId('review-leader').inputValue(), '张局长');
      await screenshot(seatA, 'seats-conflict-refused');
      // Behind the dialog the queue was read again: the flag no longer awaits a review.
      await seatA.keyboard.press('Escape');
      await seatA.getByTestId(`flag-confirm-${flag.id}`).waitFor({ state: 'detached' });
      await seatA.getByTestId('queue-filter').getByText('已排除').click();
      await seatA.getByTestId('flag-queue').getByText('王局：单位已书面说明原因').waitFor();
      // One review on the record: B's.
      assert.deepEqual(
        auditForEntity(app.db, 'flag', flag.id).filter((a) => a.method === 'flags.review').map((a) => a.actor),
        [`user:${await app.userFor('admin')}`],
      );
    } finally {
      await seatA.context().close();
      await seatB.context().close();
      await app.stop();
    }
  });
});
