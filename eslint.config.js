// Runs in plain Node: ESLint's configuration (`npm run lint`, part of `npm test`). Above all it holds
// the import rules of docs/architecture.md, one block per folder (the rule is
// scripts/eslint-layers.mjs); besides them, a few cheap rules that need no type information, so the
// whole tree lints in seconds. eslint.layers.config.js (`npm run lint:layers`) runs the layers alone.
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './scripts/eslint-layers.mjs';

const layers = (options) => ({ 'layers/imports': ['error', options] });

export const ignores = { ignores: ['dist/**', 'release/**', 'test-results/**', '.tmp/**', 'build/**'] };

/** Every source file: TypeScript's parser (without type information: fast) and the plugins. */
export const sources = {
  files: ['**/*.{ts,tsx,mts,cts,js,mjs}'],
  languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
  plugins: { '@typescript-eslint': tseslint.plugin, 'react-hooks': reactHooks, layers: layersPlugin(import.meta.dirname) },
};

// A later block's options replace an earlier one's for the same rule and file, so each block states
// the whole rule for its folder.
export const layerBlocks = [
  {
    files: ['shared/**/*.ts'],
    rules: layers({
      onlyFolders: ['shared'],
      onlyPackages: ['zod', 'date-fns', '@date-fns/tz'],
      noBuiltins: true,
      why: 'shared/ is pure TypeScript that runs anywhere, bundled into the renderer too (a new pure library is added to onlyPackages in eslint.config.js)',
    }),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: layers({
      onlyFolders: ['renderer', 'shared'],
      notPackages: ['electron'],
      noBuiltins: true,
      why: 'the renderer is a web page; it reaches the main process only through its api (renderer/src/api.ts)',
    }),
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: layers({ notPackages: ['electron'], why: 'only electron/main and electron/preload run inside Electron' }),
  },
  {
    files: ['electron/{db,services,export,cli}/**/*.ts'],
    rules: layers({
      notPackages: ['electron'],
      notFolders: ['electron/main', 'electron/preload', 'renderer'],
      why: 'db, services, export and cli run in plain Node too (the CLI, browser mode, tests)',
    }),
  },
];

export default defineConfig(
  ignores,
  sources,
  {
    files: sources.files,
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-async-promise-executor': 'error',
      'no-debugger': 'error',
      'no-dupe-else-if': 'error',
      'no-dupe-keys': 'error',
      'no-duplicate-case': 'error',
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
      'no-self-assign': 'error',
      'no-self-compare': 'error',
      'no-unreachable': 'error',
      'no-unsafe-finally': 'error',
      'no-var': 'error',
      'prefer-const': ['error', { destructuring: 'all' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'use-isnan': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    // The app's own code; tests may read JSON as any.
    files: ['shared/**/*.ts', 'electron/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  ...layerBlocks,
);
