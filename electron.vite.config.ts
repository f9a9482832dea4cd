import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('electron/main/shell/index.ts'),
          // Worker threads load their own entry file, found beside index.js at run time.
          'kdf-worker': resolve('electron/main/data/keys/kdf-worker.ts'),
          'packet-worker': resolve('electron/main/domain/documents/packet-worker.ts'),
          'backup-worker': resolve('electron/main/domain/backup/backup-worker.ts'),
          'full-export-worker': resolve('electron/main/domain/documents/full-export-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload may require only `electron`: bundle everything else into one CJS file.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      // The CSP allows no inline data: fonts or scripts; keep assets as files.
      assetsInlineLimit: 0,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
