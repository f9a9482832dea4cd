import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** Builds the browser host's bridge as one classic script: out/host/host-bridge.js. */
export default defineConfig({
  build: {
    outDir: resolve('out/host'),
    emptyOutDir: true,
    lib: {
      entry: resolve('renderer/host-bridge.ts'),
      formats: ['iife'],
      name: 'iptHostBridge',
      fileName: () => 'host-bridge.js',
    },
  },
});
