// Runs in Electron's main process; imports no electron. Where the UI lives: a custom, privileged
// `app://` scheme on one fixed host, never file:// (which would expose the whole disk to the page).
/** electron-builder.yml's appId; Windows shows notifications only for the installed shortcut's ID. */
export const APP_ID = 'cn.gov.emergency.dutydesk';
export const APP_SCHEME = 'app';
export const APP_HOST = 'duty';
export const START_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * True only for `app://duty/...`. Compared by protocol and host, not `URL.origin`: Node's URL
 * reports the origin of a non-special scheme as the string 'null', which would match any such URL.
 */
export function isAppUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}
