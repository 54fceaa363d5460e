// Build of the Electron preload into one CommonJS file: a sandboxed preload cannot require other
// project files, so the contract's method list is bundled in.
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist/electron/preload',
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    lib: { entry: 'electron/preload/index.ts', formats: ['cjs'], fileName: () => 'index.cjs' },
    rolldownOptions: { external: ['electron'] },
  },
});
