// Runs in Electron's main process: the entry point (package.json "main"). Deliberately thin: all
// logic is in app.ts, which takes the electron API as a parameter so it is tested with a fake.
import * as electron from 'electron';
import { defaultDataDir } from '../db/paths.js';
import { appVersion, rendererDir } from './app-root.js';
import { preloadPath } from './app-paths.js';
import { startApp } from './app.js';

startApp(electron, {
  argv: process.argv,
  dataDir: defaultDataDir(),
  rendererDir: rendererDir(),
  preloadPath: preloadPath(),
  version: appVersion(),
});
