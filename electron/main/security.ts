// Runs in Electron's main process. The guards every web page in the app gets, whoever created it:
// no navigation or redirect away from our pages (app://duty, or on a seat the room's host, whose
// certificate is pinned: electron/main/seat.ts), no new windows (http(s) links go to the browser
// through the one openExternal helper), no <webview>, and permissions denied except the one the
// duty room needs.
import type { App, Session, WebContents } from 'electron';
import { isAppUrl } from './app-url.js';
import type { OpenExternal } from './open-external.js';

/**
 * Permissions a page of ours may get. Only 'notifications': a deadline alarm (a report due to the
 * provincial bureau in 30 minutes) must reach the officer while the window is minimized or behind
 * another program, and the renderer raises it with the web Notification API so the same code
 * works in browser mode. Camera, microphone, geolocation, clipboard reading, HID/serial/USB,
 * screen capture, fullscreen-by-script, etc. have no use here and stay denied.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications']);

/** Which URLs are our own pages: app://duty, and on a seat its host's pages (read at each check: a seat can join or leave). */
export type IsOurs = (url: string) => boolean;

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, isOurs: IsOurs = isAppUrl): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && requestingUrl !== undefined && isOurs(requestingUrl);
}

export function applySessionPolicy(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>,
  isOurs: IsOurs = isAppUrl,
): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, isOurs));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, details.requestingUrl ?? requestingOrigin, isOurs),
  );
  // No HID, serial or USB device is ever granted without asking, nor by asking.
  session.setDevicePermissionHandler(() => false);
}

type Preventable = { preventDefault(): void };

export function hardenWebContents(contents: WebContents, openExternal: OpenExternal, isOurs: IsOurs = isAppUrl): void {
  const blockOffApp = (event: Preventable, url: string) => {
    if (!isOurs(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => blockOffApp(event, event.url));
  contents.on('will-frame-navigate', (event) => blockOffApp(event, event.url));
  contents.on('will-redirect', (event) => blockOffApp(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // A link with target=_blank to a public page opens in the system browser; nothing opens here.
    openExternal(url);
    return { action: 'deny' };
  });
}

/** Registered before any window exists, so no WebContents escapes the guards. */
export function guardAllWebContents(app: Pick<App, 'on'>, openExternal: OpenExternal, isOurs: IsOurs = isAppUrl): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal, isOurs));
}
