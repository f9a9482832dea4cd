import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { licences } from './scripts/licences.ts';

/**
 * resvg's WebAssembly, next to the main bundle as out/main/resvg.wasm (domain/documents/rasterise.ts
 * reads it there): its JS is bundled, so the package folder is not shipped.
 */
function resvgWasm(): Plugin {
  return {
    name: 'ipt:resvg-wasm',
    generateBundle() {
      const source = readFileSync(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm'));
      this.emitFile({ type: 'asset', fileName: 'resvg.wasm', source });
    },
  };
}

export default defineConfig({
  main: {
    plugins: [resvgWasm(), licences('main')],
    // The day of the build, for the offline update notice (electron/main/app/build-info.ts).
    define: { __BUILD_DATE__: JSON.stringify(new Date().toISOString().slice(0, 10)) },
    build: {
      outDir: 'out/main',
      // Only package.json `dependencies` stay outside the bundle: the SQLCipher addon (a native
      // .node file), and electron-store with conf, whose class private fields (#field) the
      // Electronegativity gate cannot parse (npm run scan:electron refuses a partial scan).
      // Plain-JS libraries (docx, zip.js, resvg's JS) are devDependencies and bundled, so the
      // installer ships no package folders for them (docx alone brought 19 MB of sources and types).
      externalizeDeps: true,
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
    plugins: [licences('preload')],
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
    plugins: [react(), licences('renderer')],
    build: {
      outDir: resolve('out/renderer'),
      // The CSP allows no inline data: fonts or scripts; keep assets as files.
      assetsInlineLimit: 0,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
