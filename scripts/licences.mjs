// Writes resources/licences.json: name, version and licence of every library the app ships
// (production dependencies and the libraries bundled into main, preload and renderer).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const BUNDLED = ['react', 'react-dom', 'react-hook-form', '@hookform/resolvers', 'zod', 'hash-wasm', '@zxcvbn-ts/core', '@zxcvbn-ts/language-common', '@zxcvbn-ts/language-en', '@tanstack/react-virtual', '@tanstack/virtual-core'];
const names = [...new Set([...Object.keys(pkg.dependencies ?? {}), ...BUNDLED])].sort();
const licences = names.map((name) => {
  const meta = JSON.parse(readFileSync(resolve(root, 'node_modules', name, 'package.json'), 'utf8'));
  return { name, version: meta.version, licence: typeof meta.license === 'string' ? meta.license : (meta.license?.type ?? 'see package') };
});
licences.push({ name: 'DejaVu Sans (font)', version: '2.37', licence: 'Bitstream Vera / public domain changes (resources/fonts/DejaVu-LICENSE.txt)' });
writeFileSync(resolve(root, 'resources/licences.json'), `${JSON.stringify(licences, null, 2)}\n`);
