// End to end, in headless Chromium against browser mode: a night drill on a clock the test moves
// (server and page together). 40 reports over two simulated hours: new incidents from the
// districts, follow-ups, a written report, a follow-up whose figures lift the level (a concealment
// suspicion), a final report that closes its incident, a media tip the unit never reports (an
// omission) and a tip from the public the unit then reports. At every step the officer is on
// another page (intake, log, 督办, bulletin) and the deadline strip there shows every live
// deadline of the duty room: the nearest by name with its countdown, the rest counted. At the end
// the leader's 督办 list starts with the omission and the concealment suspicion.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { callContext } from '../../electron/services/context.js';
import { addReport, createIncident } from '../../electron/services/incidents/intake.js';
import { dashboard } from '../../electron/services/incidents/queries.js';
import { runRulesClock } from '../../electron/services/incidents/rules-clock.js';
import { createUnit } from '../../electron/services/units.js';
import { intakeSchema, reportFieldsSchema, ALARM_WINDOW_MS } from '../../shared/domain/incident.js';
import type { Category } from '../../shared/domain/categories.js';
import { launchBrowser, screenshot, signIn, startApp } from '../helpers/browser.js';
import { tempDbPath } from '../helpers/temp.js';

const MIN = 60_000;
const START = Date.parse('2026-11-24T23:00:00+08:00');
const UNITS = ['东城区', '西城区', '南湖区', '北山区', '江岸区', '江汉区', '硚口区', '汉阳区'];
const PAGES = ['#/intake', '#/log', '#/followup', '#/bulletin'] as const;
const SHOWN = 5;

describe('night drill (browser mode)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  test('40 reports over two hours: every live deadline on every page; the leader sees the worst flags first', async () => {
    let serverNow = START;
    const app = await startApp(tempDbPath('e2e-night.db'), { clock: () => serverNow });
    // The officer's writes go through the host's own context, as every seat's do: the pages hear them live.
    const ctx = callContext(app.context, 'e2e:officer');
    for (const name of UNITS) createUnit(ctx, { name, kind: 'district', dutyPhone: '027-85551234', fax: '', contactName: '', contactTitle: '', contactPhone: '', address: '', notes: '' });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
    await page.clock.install({ time: serverNow });
    await page.goto(app.server.url);
    await signIn(page, await app.userFor('leader'));
    await page.getByTestId('duty-clock').waitFor();

    const categories: Category[] = ['road_traffic', 'fire', 'construction', 'gas', 'hazardous_chemicals'];
    const created: { id: number; unit: string }[] = [];
    let concealed = 0;
    const newIncident = (k: number, over: { channel?: 'phone' | 'media' | 'public'; fromUnit?: string; deaths?: number } = {}) => {
      const unit = UNITS[k % UNITS.length]!;
      const { incident } = createIncident(
        ctx,
        intakeSchema.parse({
          category: categories[k % categories.length],
          responsibleUnit: unit,
          occurredAt: serverNow - 20 * MIN,
          place: `${unit}第${k}号现场`,
          report: {
            kind: 'initial',
            channel: over.channel ?? 'phone',
            fromUnit: over.fromUnit ?? unit,
            receivedAt: serverNow,
            location: `${unit}第${k}号现场`,
            deaths: over.deaths ?? 0,
            missing: 0,
            seriouslyInjured: k % 3,
            summary: `第${k}号事件`,
          },
        }),
        'incidents.create',
        { scripted: true },
      );
      created.push({ id: incident.id, unit });
      return incident.id;
    };
    const followup = (id: number, unit: string, over: Record<string, unknown> = {}, closes = false) =>
      addReport(ctx, id, reportFieldsSchema.parse({ kind: 'followup', channel: 'phone', fromUnit: unit, receivedAt: serverNow, summary: '续报', ...over }), 'incidents.addReport', { closesIncident: closes });

    try {
      for (let k = 0; k < 40; k++) {
        // The report of this step.
        if (k === 0) newIncident(101, { channel: 'media', fromUnit: '市融媒体中心' }); // never reported by its unit: an omission
        else if (k === 6) newIncident(102, { channel: 'public', fromUnit: '群众来电' });
        else if (k === 7) followup(created.at(-1)!.id, created.at(-1)!.unit, { kind: 'initial' }); // the unit reports the public's tip
        else if (k === 2) (concealed = newIncident(k, { deaths: 1 }));
        else if (k === 12) followup(concealed, created.find((c) => c.id === concealed)!.unit, { deaths: 3, summary: '核实后死亡3人' }); // the level rises: III
        else if (k === 30) followup(created[3]!.id, created[3]!.unit, { kind: 'final', channel: 'fax', summary: '处置完毕', deaths: 0, missing: 0, seriouslyInjured: 0, location: 'x', measuresTaken: '已处置', directLossYuan: 0 }, true);
        else if (k % 3 === 0 && created.length > 2) {
          // Never the media's tip (created first): its unit's silence is the omission under test.
          const pool = created.slice(1);
          const c = pool[(k * 7) % pool.length]!;
          followup(c.id, c.unit, k % 2 ? { channel: 'fax', kind: 'followup', summary: '书面报告', measuresTaken: '已处置', directLossYuan: 0, location: 'x', deaths: 0, missing: 0, seriouslyInjured: 0 } : {});
        } else newIncident(k);

        // Three minutes pass, on both clocks; the rules clock ticks as the app runs it.
        serverNow += 3 * MIN;
        await page.clock.fastForward(3 * MIN);
        runRulesClock(ctx);
        const where = PAGES[k % PAGES.length]!;
        await page.evaluate((h) => (window.location.hash = h), where);
        // The officer is at work, not away: a keystroke keeps the screen from locking.
        await page.keyboard.press('Shift');
        // The strip reads again when the writes are heard; its countdowns move with the page's clock.
        await page.clock.fastForward(16_000);
        serverNow += 16_000;

        const live = dashboard(ctx).items.filter((i) => i.deadline > serverNow - ALARM_WINDOW_MS).sort((a, b) => a.deadline - b.deadline);
        const strip = page.getByTestId('deadline-strip');
        const expectShown = live.slice(0, SHOWN).map((i) => `strip-${i.incidentId}:${i.code}:${i.deadline}`);
        const more = live.length - SHOWN;
        // The strip reads again when it hears the writes (live): waited for, shown chips and the count
        // of the rest together (the chips alone can already match while the count is the last read's).
        await page.waitForFunction(
          ([ids, rest]) => {
            const shown = ids.every((id) => document.querySelector(`[data-testid="${id}"]`)) && document.querySelectorAll('[data-testid^="strip-"][data-deadline]').length === ids.length;
            const counted = document.querySelector('[data-testid="strip-more"]')?.textContent ?? null;
            return shown && (rest > 0 ? counted !== null && counted.includes(`另有 ${rest} 项未列出`) : counted === null);
          },
          [expectShown, more] as const,
          { timeout: 10_000 },
        ).catch(async (e) => {
          await screenshot(page, `night-step-${k}-failed`);
          throw new Error(`step ${k} on ${where}: ${(e as Error).message}\nexpected ${expectShown.join(', ')} and ${more} more\nstrip: ${await strip.innerText()}`);
        });
        // Overdue ones are red, with how long over.
        for (const i of live.slice(0, SHOWN).filter((x) => x.deadline < serverNow)) {
          const chip = page.getByTestId(`strip-${i.incidentId}:${i.code}:${i.deadline}`);
          assert.match((await chip.getAttribute('class')) ?? '', /strip-late/);
          assert.match(await chip.innerText(), /超 /);
        }
        if (k % 10 === 9) await screenshot(page, `night-${where.slice(2)}-${k}`);
      }

      // The leader's list: the omission and the concealment suspicion first.
      await page.evaluate(() => (window.location.hash = '#/followup'));
      const rows = page.getByTestId('flag-queue').locator('tbody tr.ant-table-row');
      await rows.first().waitFor();
      const first2 = [await rows.nth(0).innerText(), await rows.nth(1).innerText()].join('\n');
      assert.match(first2, /漏报/);
      assert.match(first2, /瞒报/);
      await screenshot(page, 'night-followup-end');
    } finally {
      await context.close();
      await app.stop();
    }
  });
});
