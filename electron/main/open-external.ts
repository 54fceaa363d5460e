// Runs in Electron's main process. The one way the app hands a URL to the operating system.
// Only http: and https: pass: file:, javascript:, smb:, ms-msdt: or any custom scheme given to
// shell.openExternal can start programs or read local files on the duty-room PC.
import type { Shell } from 'electron';

const MAX_URL_LENGTH = 2048;

/** The normalized URL if it may be opened outside the app, else null. */
export function safeExternalUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  // user:pass@ lets a link show one host and open another ("https://gov.cn@evil.example").
  if (u.username !== '' || u.password !== '') return null;
  return u.href;
}

export type OpenExternal = (url: unknown) => boolean;

export function createOpenExternal(shell: Pick<Shell, 'openExternal'>, logError: (e: unknown) => void = () => {}): OpenExternal {
  return (url) => {
    const safe = safeExternalUrl(url);
    if (safe === null) return false;
    // electronegativity: OPEN_EXTERNAL_JS_CHECK justified: the only call in the app, and only for
    // http(s) URLs that safeExternalUrl has parsed and normalised (tested in open-external.test.ts).
    shell.openExternal(safe).catch(logError);
    return true;
  };
}
