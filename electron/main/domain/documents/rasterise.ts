/**
 * SVG to PNG without a DOM or an install script: resvg compiled to WASM, with the app's own font,
 * so pictures come out the same on every machine. Used for the closeness circle and charts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { resourcesDir } from '../resources.ts';

let ready: Promise<void> | null = null;
let fonts: Uint8Array[] = [];

/** The fonts folder: resources/fonts in the source tree and beside the built app. */
export function fontsDir(): string {
  return join(resourcesDir(), 'fonts');
}

function init(): Promise<void> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasm = readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm'));
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
