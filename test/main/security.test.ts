// Runs in plain Node (tests). The guards on every web page: navigation, redirects, new windows and
// webviews blocked; permissions denied except notifications for our own app:// page.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import type { App, Session, WebContents } from 'electron';
import { ALLOWED_PERMISSIONS, applySessionPolicy, guardAllWebContents, hardenWebContents, isPermissionAllowed } from '../../electron/main/security.js';
import { FakeWebContents, fakeEvent } from './fake-electron.js';

function hardened() {
  const contents = new FakeWebContents();
  const opened: unknown[] = [];
  hardenWebContents(contents as unknown as WebContents, (url) => {
    opened.push(url);
    return true;
  });
  return { contents, opened };
}

describe('navigation guards', () => {
  for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
    for (const url of ['https://example.com/', 'http://127.0.0.1:5178/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)', 'data:text/html,<script>1</script>', 'devtools://devtools/']) {
      it(`${event} to ${url} is prevented`, () => {
        const { contents } = hardened();
        const e = fakeEvent(url);
        contents.emit(event, e, url);
        assert.equal(e.defaultPrevented, true);
      });
    }
    it(`${event} within app://duty is allowed (reload, in-app links)`, () => {
      const { contents } = hardened();
      const e = fakeEvent('app://duty/index.html#/units');
      contents.emit(event, e, e.url);
      assert.equal(e.defaultPrevented, false);
    });
  }

  it('every web contents gets the guards, via web-contents-created', () => {
    const app = new EventEmitter();
    guardAllWebContents(app as unknown as App, () => true);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    const e = fakeEvent('https://example.com/');
    contents.emit('will-navigate', e, e.url);
    assert.equal(e.defaultPrevented, true);
    assert.ok(contents.windowOpenHandler);
  });
});

describe('new windows and webviews', () => {
  for (const url of ['https://www.mem.gov.cn/', 'http://example.com/a?b=c', 'app://duty/index.html', 'file:///C:/Windows/System32/calc.exe', 'about:blank', 'javascript:alert(1)']) {
    it(`window.open(${url}) is denied`, () => {
      const { contents } = hardened();
      assert.deepEqual(contents.windowOpenHandler?.({ url }), { action: 'deny' });
    });
  }

  it('hands the URL of a denied window to openExternal (which filters the scheme)', () => {
    const { contents, opened } = hardened();
    contents.windowOpenHandler?.({ url: 'https://www.mem.gov.cn/' });
    assert.deepEqual(opened, ['https://www.mem.gov.cn/']);
  });

  it('prevents attaching a <webview>', () => {
    const { contents } = hardened();
    const e = fakeEvent('');
    contents.emit('will-attach-webview', e, {}, { src: 'https://example.com' });
    assert.equal(e.defaultPrevented, true);
  });
});

describe('permissions', () => {
  function installed() {
    let request: Parameters<Session['setPermissionRequestHandler']>[0] = null;
    let check: Parameters<Session['setPermissionCheckHandler']>[0] = null;
    let device: Parameters<Session['setDevicePermissionHandler']>[0] = null;
    applySessionPolicy({
      setPermissionRequestHandler: (h) => void (request = h),
      setPermissionCheckHandler: (h) => void (check = h),
      setDevicePermissionHandler: (h) => void (device = h),
    });
    assert.ok(request && check && device, 'all three handlers installed');
    const ask = (permission: string, requestingUrl: string) => {
      let granted: boolean | undefined;
      request!({} as WebContents, permission as never, (g) => (granted = g), { requestingUrl, isMainFrame: true });
      assert.notEqual(granted, undefined, 'callback called');
      return granted;
    };
    const probe = (permission: string, origin: string, requestingUrl?: string) =>
      check!(null, permission as never, origin, { isMainFrame: true, ...(requestingUrl ? { requestingUrl } : {}) });
    return { ask, probe, device: device as unknown as (d: unknown) => boolean };
  }

  const denied = ['media', 'geolocation', 'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'fullscreen', 'hid', 'serial', 'usb', 'midiSysex', 'openExternal', 'pointerLock', 'fileSystem', 'unknown', 'window-management', 'local-fonts', 'idle-detection'];
  for (const p of denied) {
    it(`denies ${p} even to our own page (request and check)`, () => {
      const { ask, probe } = installed();
      assert.equal(ask(p, 'app://duty/index.html'), false);
      assert.equal(probe(p, 'app://duty', 'app://duty/index.html'), false);
    });
  }

  it('allows notifications to our own app:// page (deadline alarms)', () => {
    const { ask, probe } = installed();
    assert.equal(ask('notifications', 'app://duty/index.html'), true);
    assert.equal(probe('notifications', 'app://duty', 'app://duty/index.html'), true);
    assert.equal(probe('notifications', 'app://duty'), true);
  });

  for (const url of ['https://example.com/', 'app://other/', 'file:///tmp/x.html', 'http://127.0.0.1:5178/']) {
    it(`denies notifications to a foreign page: ${url}`, () => {
      const { ask, probe } = installed();
      assert.equal(ask('notifications', url), false);
      assert.equal(probe('notifications', new URL(url).origin, url), false);
    });
  }

  it('denies every HID/serial/USB device', () => {
    assert.equal(installed().device({ deviceType: 'usb', origin: 'app://duty' }), false);
  });

  it('the allow-list is exactly notifications', () => {
    assert.deepEqual([...ALLOWED_PERMISSIONS], ['notifications']);
    assert.equal(isPermissionAllowed('notifications', undefined), false);
  });
});
