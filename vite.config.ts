// Build of the renderer (React) into dist/renderer, served by app:// in Electron and by browser mode.
import { defineConfig, type Plugin } from 'vite';
import { withMetaCsp } from './electron/main/csp.js';

// The CSP travels as a header (app:// and browser mode) and, from the same constant, as a meta tag.
const metaCsp = (): Plugin => ({ name: 'duty-meta-csp', transformIndexHtml: (html) => withMetaCsp(html) });

export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: 'public',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
    rolldownOptions: {
      // antd marks its modules "use client" for React Server Components; meaningless in a bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [metaCsp()],
});
