// End to end (issue 19): Chromium as a seat of the duty room over HTTPS on 127.0.0.1. Launched
// with the host's key pinned (--ignore-certificate-errors-spki-list=<spki>, as docs/room.md tells a
// browser seat), it pairs on the host's page with the code, signs in with its own account, sees the
// log; its write is audited with its seat; the admin sees the seat signed in under Settings → 值班室.
// Launched without the pin, the same browser refuses the host's certificate.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, callFromPage, E2E_PASSWORD, screenshot, signIn } from '../helpers/browser.js';
import { startRoom, type RunningRoom } from '../helpers/room.js';
import { tempDbPath } from '../helpers/temp.js';

const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

describe('a browser seat of the duty room', () => {
  let room: RunningRoom;
  const browsers: Browser[] = [];
  before(async () => {
    room = await startRoom(tempDbPath('e2e-room.db'), { now: Date.parse('2026-11-24T09:00:00+08:00') });
  });
  after(async () => {
    for (const b of browsers) await b.close();
    await room.stop();
  });

  test('without the pin, Chromium refuses the host\'s self-signed certificate', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: BASE_ARGS });
    browsers.push(browser);
    const page = await browser.newPage();
    await assert.rejects(page.goto(`${room.origin}/pair`), /ERR_CERT_AUTHORITY_INVALID|ERR_CERT/);
  });

  test('pinned by its SPKI: pairs on the page, signs in, sees the log; its write names the seat', async () => {
    // Playwright gives Chromium its own --user-data-dir, which the SPKI flag needs to be honoured.
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...BASE_ARGS, `--ignore-certificate-errors-spki-list=${room.spki}`] });
    browsers.push(browser);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
    await page.goto(`${room.origin}/`);
    assert.equal(new URL(page.url()).pathname, '/pair', 'an unpaired browser is sent to the pairing page');
    await page.getByTestId('pair-code').fill('ZZZZ-ZZZZ');
    await page.getByTestId('pair-seat-name').fill('带班领导办公室');
    await page.getByTestId('pair-submit').click();
    await page.getByTestId('pair-error').waitFor();
    assert.match(await page.getByTestId('pair-error').innerText(), /配对码不正确/);
    await page.getByTestId('pair-code').fill(room.code().toLowerCase());
    await page.getByTestId('pair-submit').click();
    await page.getByTestId('login-username').waitFor();
    const cookies = await context.cookies();
    const seat = cookies.find((c) => c.name === 'duty_seat')!;
    assert.ok(seat && seat.secure && seat.httpOnly && seat.sameSite === 'Strict', JSON.stringify(cookies));
    assert.equal(room.code(), '', 'the code is used up');

    await signIn(page, await room.userFor('admin'), E2E_PASSWORD);
    await page.getByTestId('duty-clock').waitFor();
    await page.evaluate(() => (window.location.hash = '#/log'));
    await page.getByTestId('log-search').waitFor();

    const created = await callFromPage(page, 'units.create', { name: '浏览器席位区', kind: 'district', dutyPhone: '027-85550002' });
    assert.equal(created.ok, true, JSON.stringify(created));
    const row = room.db.prepare("SELECT actor, seat FROM audit_log WHERE method = 'units.create' ORDER BY id DESC LIMIT 1").get();
    assert.deepEqual(row, { actor: 'user:e2e-admin', seat: '带班领导办公室' });

    // The admin's view of the room, from this seat: running, the fingerprint, this seat signed in.
    await page.evaluate(() => (window.location.hash = '#/settings'));
    await page.getByTestId('settings-tab-room').click();
    await page.getByTestId('room-state').getByText('主机运行中').waitFor();
    assert.equal(await page.getByTestId('room-fingerprint').innerText(), room.fingerprint256);
    await page.getByTestId('room-new-code').click();
    await page.getByTestId('room-code').waitFor();
    assert.equal(await page.getByTestId('room-code').innerText(), room.code());
    const seats = page.getByTestId('room-seats');
    await seats.getByText('带班领导办公室').waitFor();
    await seats.getByText('测试管理员').waitFor();
    await seats.getByText('在线').waitFor();
    await screenshot(page, 'room-settings');
  });
});
