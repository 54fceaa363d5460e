// Runs in plain Node (tests). The import rules of docs/architecture.md, as eslint.config.js holds
// them: small sources linted as if they lay in each folder, each breach reported and each allowed
// import left alone. Through ESLint's Node API with the project's own configuration.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../..', import.meta.url));
let eslint: ESLint;

/** The layer findings for `code` placed at `filePath` (from the repository root). */
async function findings(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  assert.ok(result, filePath);
  const other = result.messages.filter((m) => m.ruleId !== 'layers/imports');
  assert.deepEqual(other, [], `${filePath}: only the layers rule runs here`);
  return result.messages.map((m) => m.message);
}

async function refused(filePath: string, code: string, why: RegExp) {
  const found = await findings(filePath, code);
  assert.equal(found.length, 1, `${filePath}: ${code} -> ${JSON.stringify(found)}`);
  assert.match(found[0]!, why);
}

async function allowed(filePath: string, code: string) {
  assert.deepEqual(await findings(filePath, code), [], `${filePath}: ${code}`);
}

before(() => {
  eslint = new ESLint({ cwd: root, ruleFilter: ({ ruleId }) => ruleId === 'layers/imports' });
});

describe('shared/: pure TypeScript, no electron, no Node, nothing of the project outside shared/', () => {
  const at = 'shared/domain/x.ts';
  test('refuses Node built-ins, with or without node:', async () => {
    await refused(at, "import { readFileSync } from 'node:fs';", /Node built-in 'node:fs'/);
    await refused(at, "import { join } from 'path';", /Node built-in 'path'/);
  });
  test('refuses electron and packages that are not pure libraries', async () => {
    await refused(at, "import { app } from 'electron';", /only the packages zod, date-fns, @date-fns\/tz, not 'electron'/);
    await refused(at, "import { useState } from 'react';", /not 'react'/);
  });
  test('refuses the rest of the project, however deep the file and whatever the import form', async () => {
    await refused(at, "import { openDatabase } from '../../electron/db/connection.js';", /may import only shared\/, not electron\/db\/connection\.js/);
    await refused('shared/domain/rules/x.ts', "export * from '../../../renderer/src/api.js';", /not renderer\/src\/api\.js/);
    await refused(at, "import type { Db } from '../../electron/db/connection.js';", /may import only shared\//);
    await refused(at, "export const load = () => import('../../electron/services/settings.js');", /may import only shared\//);
  });
  test('allows shared/ itself and the pure libraries', async () => {
    await allowed(at, "import { z } from 'zod';\nimport { addDays } from 'date-fns';\nimport { tz } from '@date-fns/tz';\nimport { contract } from '../api/contract.js';\nexport { z, addDays, tz, contract };");
  });
});

describe('renderer/: only renderer/ and shared/, never electron or Node', () => {
  const at = 'renderer/src/pages/x.tsx';
  test('refuses electron/ services, main and the electron package', async () => {
    await refused(at, "import { createDispatcher } from '../../../electron/services/dispatcher.js';", /may import only renderer\/ and shared\/, not electron\/services\/dispatcher\.js/);
    await refused(at, "import { CONTENT_SECURITY_POLICY } from '../../../electron/main/csp.js';", /not electron\/main\/csp\.js/);
    await refused(at, "import { ipcRenderer } from 'electron';", /must not import 'electron'/);
  });
  test('refuses Node built-ins', async () => {
    await refused(at, "import { Buffer } from 'node:buffer';", /Node built-in 'node:buffer'/);
  });
  test('allows renderer/, shared/ and web packages', async () => {
    await allowed(at, "import { Button } from 'antd';\nimport { api } from '../api.js';\nimport { contract } from '../../../shared/api/contract.js';\nexport { Button, api, contract };");
  });
});

describe('electron/db, services, export, cli: plain Node, no electron, no main, no renderer', () => {
  test('services may not import electron, not even its types', async () => {
    await refused('electron/services/x.ts', "import { app } from 'electron';", /must not import 'electron': db, services, export and cli run in plain Node/);
    await refused('electron/services/incidents/x.ts', "import type { BrowserWindow } from 'electron';", /must not import 'electron'/);
  });
  test('the CLI may not reach into electron/main, statically or not', async () => {
    await refused('electron/cli/commands/x.ts', "import { startApp } from '../../main/app.js';", /must not import electron\/main\//);
    await refused('electron/cli/x.ts', "export const run = async () => (await import('../main/serve.js')).main;", /must not import electron\/main\//);
  });
  test('db and export may not import main, preload or renderer', async () => {
    await refused('electron/db/x.ts', "import { api } from '../../renderer/src/api.js';", /must not import renderer\//);
    await refused('electron/export/x.ts', "export * from '../main/csp.js';", /must not import electron\/main\//);
    await refused('electron/db/repositories/x.ts', "import { buildBridge } from '../../preload/bridge.js';", /must not import electron\/preload\//);
  });
  test('allows Node, the other plain-Node folders, shared/ and the dispatcher', async () => {
    await allowed('electron/cli/commands/x.ts', "import { readFileSync } from 'node:fs';\nimport { createDispatcher } from '../../services/dispatcher.js';\nimport { openDatabase } from '../../db/connection.js';\nimport { contract } from '../../../shared/api/contract.js';\nexport { readFileSync, createDispatcher, openDatabase, contract };");
  });
});

describe('electron/main and electron/preload: the only ones that import electron', () => {
  test('allows electron there', async () => {
    await allowed('electron/main/x.ts', "import { app } from 'electron';\nimport { createSessionDispatcher } from '../services/dispatcher.js';\nexport { app, createSessionDispatcher };");
    await allowed('electron/preload/x.ts', "import { contextBridge } from 'electron';\nimport { DUTY_CHANNEL } from '../../shared/api/channel.js';\nexport { contextBridge, DUTY_CHANNEL };");
  });
});
