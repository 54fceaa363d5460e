// Runs in plain Node (tests). The object the preload exposes as window.duty: exactly the
// contract's methods, each calling invoke('duty:call', name, input) and returning its ApiResult
// untouched. Also checks the preload entry itself exposes nothing else.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildBridge } from '../../electron/preload/bridge.js';
import { LIVE_CHANNEL } from '../../shared/api/channel.js';
import { METHOD_NAMES } from '../../shared/api/contract.js';

function leaves(obj: object): string[] {
  return Object.entries(obj).filter(([k]) => k !== 'onChange').flatMap(([domain, methods]) => Object.keys(methods as object).map((leaf) => `${domain}.${leaf}`));
}

describe('preload bridge', () => {
  it('exposes exactly the contract methods', () => {
    const bridge = buildBridge(async () => undefined);
    assert.deepEqual(leaves(bridge).sort(), [...METHOD_NAMES].sort());
    for (const m of Object.values(bridge)) for (const fn of Object.values(m as object)) assert.equal(typeof fn, 'function');
  });

  it('calls invoke("duty:call", method, input) and returns the ApiResult as is', async () => {
    const calls: unknown[][] = [];
    const results = new Map<string, unknown>([
      ['units.list', { ok: true, value: [{ id: 1 }] }],
      ['units.get', { ok: false, error: { code: 'not_found', message: '未找到' } }],
    ]);
    const bridge = buildBridge(async (...args) => {
      calls.push(args);
      return results.get(args[1]);
    });
    assert.deepEqual(await bridge.units.list({ query: '水务' }), { ok: true, value: [{ id: 1 }] });
    assert.deepEqual(await bridge.units.get({ id: 7 } as never), { ok: false, error: { code: 'not_found', message: '未找到' } });
    assert.deepEqual(calls, [
      ['duty:call', 'units.list', { query: '水务' }],
      ['duty:call', 'units.get', { id: 7 }],
    ]);
  });

  it('every method goes through the one channel with its own name', async () => {
    const seen: string[] = [];
    const bridge = buildBridge(async (channel, method) => {
      assert.equal(channel, 'duty:call');
      seen.push(method);
      return { ok: true, value: null };
    });
    for (const name of METHOD_NAMES) {
      const [domain, leaf] = name.split('.') as [string, string];
      await (bridge as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>)[domain]![leaf]!({});
    }
    assert.deepEqual(seen, METHOD_NAMES);
  });

  it('onChange listens on the live channel only and hands the listener the batch, never the event', () => {
    const listening = new Map<string, (payload: unknown) => void>();
    const bridge = buildBridge(
      async () => undefined,
      (channel, handler) => {
        listening.set(channel, handler);
        return () => void listening.delete(channel);
      },
    );
    const heard: unknown[][] = [];
    const stop = bridge.onChange((...args: unknown[]) => void heard.push(args));
    assert.deepEqual([...listening.keys()], [LIVE_CHANNEL]);
    listening.get(LIVE_CHANNEL)!({ seq: 3, tables: ['incidents'] });
    assert.deepEqual(heard, [[{ seq: 3, tables: ['incidents'] }]]);
    stop();
    assert.equal(listening.size, 0);
    assert.throws(() => bridge.onChange('not a function' as never), TypeError);
  });

  it('the preload entry exposes only window.duty, built from ipcRenderer.invoke and one listener', () => {
    const src = readFileSync(new URL('../../electron/preload/index.ts', import.meta.url), 'utf8');
    const code = src.replace(/^\s*\/\/.*$/gm, '');
    assert.match(code, /import \{ contextBridge, ipcRenderer \} from 'electron';/);
    assert.equal(code.match(/exposeInMainWorld\(/g)?.length, 1);
    assert.match(code, /exposeInMainWorld\(\s*'duty',\s*buildBridge\(\s*\(channel, method, input\) => ipcRenderer\.invoke\(channel, method, input\),/);
    // The listener drops the IPC event and passes the payload only; the channel is the bridge's (LIVE_CHANNEL).
    assert.match(code, /const onMessage = \(_event: unknown, payload: unknown\) => handler\(payload\);/);
    // ipcRenderer appears only in the import, the invoke arrow, and on/removeListener of that handler.
    assert.equal(code.match(/ipcRenderer/g)?.length, 4);
    assert.equal(code.match(/ipcRenderer\.on\(channel, onMessage\)/g)?.length, 1);
    assert.doesNotMatch(code, /\b(require|process|ipcRenderer\.send|ipcRenderer\.once|webFrame|shell)\b/);
  });
});
