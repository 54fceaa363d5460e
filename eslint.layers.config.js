// Runs in plain Node: `npm run lint:layers`, ESLint with the import rules of the layout alone (the
// blocks of eslint.config.js that hold them), for a quick look while moving files around.
import { defineConfig } from 'eslint/config';
import { ignores, layerBlocks, sources } from './eslint.config.js';

// Disable comments name rules this run leaves off (react-hooks, ...): not its business here.
export default defineConfig(ignores, sources, { linterOptions: { reportUnusedDisableDirectives: 'off' } }, ...layerBlocks);
