/**
 * resources/licences.json: name, version, licence and licence text of every library the app ships.
 * The bundled ones come from rollup-plugin-license, which sees each module that went into the main,
 * preload and renderer bundles; the packages left outside the bundle (the production packages in
 * package-lock.json: the SQLCipher addon, electron-store and theirs) and the font are read from their own folders. The About screen
 * lists them (app.info); the texts travel with the app in the same file.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import license, { type Dependency } from 'rollup-plugin-license';
import type { Plugin } from 'vite';
import { productionPackages } from './production-packages.ts';

// The project folder: the build runs there (electron.vite.config.ts resolves its paths the same way;
// this module is bundled into the config, so import.meta.dirname is not this file's folder).
const ROOT = process.cwd();
export const LICENCES_FILE = join(ROOT, 'resources/licences.json');

export interface LicenceEntry {
  name: string;
  version: string;
  licence: string;
  text: string;
}

/** What each bundle took in, kept while one `electron-vite build` runs its three builds. */
const bundled = new Map<string, LicenceEntry[]>();

/** Where a package's source and full licence are published: its homepage or repository. */
function home(dependency: Dependency): string {
  const repository = typeof dependency.repository === 'string' ? dependency.repository : dependency.repository?.url;
  return dependency.homepage ?? repository ?? 'its package on the npm registry';
}

function fromDependency(dependency: Dependency): LicenceEntry {
  const licence = dependency.license ?? 'see text';
  const texts = [dependency.licenseText, dependency.noticeText].filter(Boolean);
  // A package may ship no licence file (@resvg/resvg-wasm, MPL-2.0): then name the licence and where
  // the source and the licence's text are published, as the MPL asks.
  if (texts.length === 0) texts.push(`${dependency.name} ${dependency.version} is licensed under the ${licence} licence. Its source code and the full licence text are published at ${home(dependency)}.`);
  return { name: dependency.name ?? 'unknown', version: dependency.version ?? '', licence, text: texts.join('\n\n') };
}

/** A package outside the bundles, read from node_modules: its licence file, as npm ships it. */
function fromPackage(name: string, dir: string): LicenceEntry {
  const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string; license?: string | { type: string } };
  const file = readdirSync(dir).find((entry) => /^(licen[cs]e|copying)(\.\w+)?$/i.test(entry));
  return {
    name,
    version: meta.version,
    licence: typeof meta.license === 'string' ? meta.license : (meta.license?.type ?? 'see text'),
    text: file ? readFileSync(join(dir, file), 'utf8') : '',
  };
}

function write(): void {
  const entries = new Map<string, LicenceEntry>();
  for (const entry of [...bundled.values()].flat()) entries.set(`${entry.name}@${entry.version}`, entry);
  for (const { name, dir } of productionPackages(ROOT)) {
    const entry = fromPackage(name, dir);
    entries.set(`${entry.name}@${entry.version}`, entry);
  }
  const fontLicence = join(ROOT, 'resources/fonts/DejaVu-LICENSE.txt');
  entries.set('DejaVu Sans (font)', {
    name: 'DejaVu Sans (font)',
    version: '2.37',
    licence: 'Bitstream Vera / public domain changes',
    text: existsSync(fontLicence) ? readFileSync(fontLicence, 'utf8') : '',
  });
  const list = [...entries.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  writeFileSync(LICENCES_FILE, `${JSON.stringify(list, null, 2)}\n`);
}

/** The licence plugin for one of the three bundles; each build rewrites the list with what it took in. */
export function licences(bundle: 'main' | 'preload' | 'renderer'): Plugin {
  return license({
    thirdParty: {
      includePrivate: false,
      multipleVersions: true,
      output: (dependencies) => {
        bundled.set(bundle, dependencies.map(fromDependency));
        write();
      },
    },
  }) as unknown as Plugin;
}
