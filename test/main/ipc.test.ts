// Runs in plain Node (tests). The IPC channel answers only our window's main frame on app://duty;
// every other sender gets 'forbidden' and the dispatcher is never called.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IpcMain } from 'electron';
import { DUTY_CHANNEL } from '../../shared/api/channel.js';
import { createIpcHandler, isTrustedSender, registerIpc, type SenderEvent, type WindowLike } from '../../electron/main/ipc.js';
import { FakeBrowserWindow, type FakeFrame } from './fake-electron.js';

function setup() {
  const win = new FakeBrowserWindow({});
  const calls: [unknown, unknown][] = [];
  const handler = createIpcHandler({
    dispatch: async (method, input) => {
      calls.push([method, input]);
      return { ok: true, value: 'dispatched' };
    },
    window: () => win as unknown as WindowLike,
    locale: () => 'zh-CN',
  });
  const good = (): SenderEvent => ({ sender: { id: win.webContents.id }, senderFrame: win.webContents.mainFrame });
  return { win, calls, handler, good };
}

describe('IPC sender check', () => {
  it('forwards a call from our main frame on app://duty to the dispatcher', async () => {
    const { calls, handler, good } = setup();
    const result = await handler(good(), 'units.list', { query: '水务' });
    assert.deepEqual(result, { ok: true, value: 'dispatched' });
    assert.deepEqual(calls, [['units.list', { query: '水务' }]]);
  });

  it('accepts the same frame by process and routing id when Electron gives a new wrapper', async () => {
    const { calls, handler, win } = setup();
    const copy: FakeFrame = { ...win.webContents.mainFrame };
    await handler({ sender: { id: win.webContents.id }, senderFrame: copy }, 'app.info', {});
    assert.equal(calls.length, 1);
  });

  const refusals: [string, (s: ReturnType<typeof setup>) => SenderEvent][] = [
    ['a subframe (iframe) of our page', ({ win }) => ({ sender: { id: win.webContents.id }, senderFrame: { url: 'app://duty/index.html', parent: win.webContents.mainFrame, processId: 10, routingId: 999 } })],
    ['a frame that is not our main frame', ({ win }) => ({ sender: { id: win.webContents.id }, senderFrame: { url: 'app://duty/index.html', parent: null, processId: 11, routingId: 5 } })],
    ['our main frame showing a foreign https page', ({ win }) => ({ sender: { id: win.webContents.id }, senderFrame: { ...win.webContents.mainFrame, url: 'https://evil.example/' } })],
    ['our main frame on file://', ({ win }) => ({ sender: { id: win.webContents.id }, senderFrame: { ...win.webContents.mainFrame, url: 'file:///C:/x.html' } })],
    ['our main frame on another app:// host', ({ win }) => ({ sender: { id: win.webContents.id }, senderFrame: { ...win.webContents.mainFrame, url: 'app://other/index.html' } })],
    ['our main frame on about:blank', ({ win }) => ({ sender: { id: win.webContents.id }, senderFrame: { ...win.webContents.mainFrame, url: 'about:blank' } })],
    ['a frame that navigated away or was destroyed (senderFrame null)', ({ win }) => ({ sender: { id: win.webContents.id }, senderFrame: null })],
    ['another web contents', ({ win }) => ({ sender: { id: win.webContents.id + 1000 }, senderFrame: win.webContents.mainFrame })],
  ];
  for (const [what, event] of refusals) {
    it(`refuses ${what} without calling the dispatcher`, async () => {
      const s = setup();
      const result = await s.handler(event(s), 'units.create', { name: 'x' });
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.error.code, 'forbidden');
      assert.equal(!result.ok && result.error.message, '无权执行此操作');
      assert.deepEqual(s.calls, []);
    });
  }

  it('refuses everything when the window is gone or destroyed', () => {
    const { win, good } = setup();
    assert.equal(isTrustedSender(good(), null), false);
    win.destroyed = true;
    assert.equal(isTrustedSender(good(), win as unknown as WindowLike), false);
  });

  it('registers exactly one channel, duty:call, and passes only method and input on', async () => {
    const { win, calls, good } = setup();
    const handlers = new Map<string, (...a: unknown[]) => unknown>();
    registerIpc({ handle: (ch: string, h: (...a: unknown[]) => unknown) => void handlers.set(ch, h) } as unknown as IpcMain, {
      dispatch: async (m, i) => (calls.push([m, i]), { ok: true, value: 1 }),
      window: () => win as unknown as WindowLike,
      locale: () => 'en',
    });
    assert.deepEqual([...handlers.keys()], [DUTY_CHANNEL]);
    assert.equal(DUTY_CHANNEL, 'duty:call');
    assert.deepEqual(await handlers.get(DUTY_CHANNEL)!(good(), 'app.info', {}, 'extra'), { ok: true, value: 1 });
    assert.deepEqual(calls, [['app.info', {}]]);
  });
});
