// Runs in Electron's main process and in plain Node. Maps a request path to a file under the
// renderer folder, refusing anything that would leave it (the path-traversal check shared by the
// app:// protocol and browser mode).
import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { CONTENT_TYPES } from './csp.js';

export type StaticLookup = { ok: true; file: string; contentType: string } | { ok: false; status: 403 | 404 };

export function resolveStatic(root: string, urlPath: string): StaticLookup {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return { ok: false, status: 403 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 403 };
  const rel = normalize(decoded === '/' || decoded === '' ? '/index.html' : decoded);
  const base = resolve(root);
  const file = resolve(join(base, rel));
  if (file !== base && !file.startsWith(base + sep)) return { ok: false, status: 403 };
  if (!existsSync(file) || !statSync(file).isFile()) return { ok: false, status: 404 };
  return { ok: true, file, contentType: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' };
}
