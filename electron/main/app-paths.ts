// Runs in Electron's main process; imports no electron. Where the built preload is, found from
// the app root so it works from dist/ and from inside app.asar alike.
import { join } from 'node:path';
import { appRoot } from './app-root.js';

export function preloadPath(root: string = appRoot()): string {
  return join(root, 'dist', 'electron', 'preload', 'index.cjs');
}
