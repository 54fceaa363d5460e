// Runs in plain Node (tests). Window placement is remembered and restored only where it fits on a
// connected display.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, mock } from 'node:test';
import { DEFAULT_SIZE, loadWindowState, parseWindowState, placementFor, saveWindowState, trackWindowState } from '../../electron/main/window-state.js';
import { FakeBrowserWindow } from './fake-electron.js';

const LAPTOP = { x: 0, y: 0, width: 1920, height: 1040 };
const RIGHT_MONITOR = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('placementFor', () => {
  it('uses the default size when nothing was saved', () => {
    assert.deepEqual(placementFor(null, [LAPTOP]), { ...DEFAULT_SIZE, maximized: false });
  });

  it('restores bounds that lie on a connected display', () => {
    const state = { bounds: { x: 2000, y: 100, width: 1600, height: 1000 }, maximized: false };
    assert.deepEqual(placementFor(state, [LAPTOP, RIGHT_MONITOR]), { ...state.bounds, maximized: false });
  });

  it('ignores the position when that display is unplugged, keeping a size that still fits', () => {
    const state = { bounds: { x: 2000, y: 100, width: 1600, height: 900 }, maximized: true };
    const p = placementFor(state, [LAPTOP]);
    assert.deepEqual(p, { width: 1600, height: 900, maximized: true });
    assert.equal('x' in p, false);
  });

  it('ignores bounds far off-screen (negative coordinates from an old layout)', () => {
    const p = placementFor({ bounds: { x: -5000, y: -3000, width: 1200, height: 800 }, maximized: false }, [LAPTOP]);
    assert.equal(p.x, undefined);
    assert.equal(p.y, undefined);
  });

  it('falls back to the default size when the saved size fits no display', () => {
    const p = placementFor({ bounds: { x: 1920, y: 0, width: 2500, height: 1380 }, maximized: false }, [LAPTOP]);
    assert.deepEqual(p, { ...DEFAULT_SIZE, maximized: false });
  });

  it('tolerates the few pixels Windows puts a snapped window past the work area', () => {
    const p = placementFor({ bounds: { x: -7, y: 0, width: 974, height: 1047 }, maximized: false }, [LAPTOP]);
    assert.equal(p.x, -7);
  });

  it('never restores a size below the minimum', () => {
    const p = placementFor({ bounds: { x: 10, y: 10, width: 200, height: 100 }, maximized: false }, [LAPTOP]);
    assert.equal(p.width, 1024);
    assert.equal(p.height, 640);
  });

  it('restores nothing when no display is reported', () => {
    const p = placementFor({ bounds: { x: 0, y: 0, width: 1200, height: 800 }, maximized: false }, []);
    assert.deepEqual(p, { ...DEFAULT_SIZE, maximized: false });
  });
});

describe('parse, load and save', () => {
  it('rejects corrupt or hostile files', () => {
    for (const text of ['', 'not json', 'null', '[]', '{"bounds":{"x":"1","y":0,"width":10,"height":10}}', '{"bounds":{"x":0,"y":0,"width":-1,"height":10}}', '{"bounds":{"x":1e300,"y":0,"width":10,"height":10}}', '{"maximized":true}']) {
      assert.equal(parseWindowState(text), null, text);
    }
    assert.equal(loadWindowState('/nonexistent/dir/window-state.json'), null);
  });

  it('round-trips through the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duty-ws-'));
    try {
      const file = join(dir, 'window-state.json');
      const state = { bounds: { x: 5, y: 6, width: 1300, height: 900 }, maximized: true };
      saveWindowState(file, state);
      assert.deepEqual(loadWindowState(file), state);
      writeFileSync(file, '{broken');
      assert.equal(loadWindowState(file), null);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('trackWindowState', () => {
  it('saves after moves settle (debounced) and at once on close', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const win = new FakeBrowserWindow({ x: 10, y: 20, width: 1200, height: 800 });
      const saved: unknown[] = [];
      trackWindowState(win, 'state.json', { debounceMs: 500, save: (_f, s) => saved.push(structuredClone(s)) });
      win.emit('move');
      win.bounds.x = 30;
      win.emit('move');
      win.emit('resize');
      mock.timers.tick(499);
      assert.equal(saved.length, 0);
      mock.timers.tick(1);
      assert.deepEqual(saved, [{ bounds: { x: 30, y: 20, width: 1200, height: 800 }, maximized: false }]);
      win.maximized = true;
      win.emit('resize');
      win.close();
      assert.equal(saved.length, 2);
      assert.deepEqual(saved[1], { bounds: { x: 30, y: 20, width: 1200, height: 800 }, maximized: true });
      mock.timers.tick(1000);
      assert.equal(saved.length, 2, 'the pending save was cancelled by the close');
    } finally {
      mock.timers.reset();
    }
  });

  it('does not record fullscreen or minimized bounds', () => {
    const win = new FakeBrowserWindow({ x: 10, y: 20, width: 1200, height: 800 });
    const saved: { bounds: { width: number } }[] = [];
    trackWindowState(win, 'state.json', { save: (_f, s) => saved.push(structuredClone(s)) });
    win.close();
    win.destroyed = false;
    win.fullScreen = true;
    win.bounds.width = 3000;
    win.emit('close');
    assert.equal(saved.at(-1)?.bounds.width, 1200);
  });

  it('a failing write is reported, not thrown (closing must not be blocked)', () => {
    const win = new FakeBrowserWindow({});
    const errors: unknown[] = [];
    trackWindowState(win, join('/nonexistent', 'x', 'state.json'), { logError: (e) => errors.push(e) });
    assert.doesNotThrow(() => win.close());
    assert.equal(errors.length, 1);
  });
});
