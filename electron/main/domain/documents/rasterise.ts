/**
 * SVG to PNG without a DOM or an install script: resvg compiled to WASM, with the app's own font,
 * so pictures come out the same on every machine. Used for the closeness circle and charts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { resourcesDir } from '../resources.ts';

let ready: Promise<void> | null = null;
let fonts: Uint8Array[] = [];

/** The fonts folder: resources/fonts in the source tree and beside the built app. */
export function fontsDir(): string {
  return join(resourcesDir(), 'fonts');
}

/**
 * resvg's WebAssembly: from source, in its package; in the built app, `resvg.wasm` beside the bundle
 * (electron.vite.config.ts copies it there: the package itself is bundled, not shipped).
 */
export function resvgWasmPath(): string {
  if (import.meta.url.endsWith('.ts')) return createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm');
  return fileURLToPath(new URL('./resvg.wasm', import.meta.url));
}

function init(): Promise<void> {
  ready ??= (async () => {
    const wasm = readFileSync(resvgWasmPath());
    await initWasm(wasm);
    fonts = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((name) => new Uint8Array(readFileSync(join(fontsDir(), name))));
  })();
  return ready;
}

export async function svgToPng(svg: string, width?: number): Promise<Uint8Array> {
  await init();
  const resvg = new Resvg(svg, {
    font: { fontBuffers: fonts, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    ...(width ? { fitTo: { mode: 'width' as const, value: width } } : {}),
  });
  const image = resvg.render();
  const png = image.asPng();
  image.free();
  resvg.free();
  return png;
}
