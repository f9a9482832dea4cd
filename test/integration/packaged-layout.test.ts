/**
 * The packaged layout: out/ and the production packages, chosen by electron-builder's own matchers
 * from electron-builder.yml (scripts/packaged-files.ts), packed with @electron/asar with the yml's
 * `asarUnpack`, as `npm run dist` would. Every file the built main resolves at run time must be in
 * app.asar or app.asar.unpacked: the paths are read from the bundle itself (worker names, URLs
 * beside the bundle, bare imports, asset names), so a new runtime file that is not packaged fails
 * here. The archive is then extracted as Electron sees it (unpacked files in place) and the SQLCipher
 * addon is loaded from there.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { createPackageWithOptions, extractAll, extractFile, listPackage, statFile } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asarUnpackPattern, currentTarget, packagedFiles, ROOT, type PackagedFile, type Target } from '../../scripts/packaged-files.ts';
import { tempDir } from '../support/temp.ts';

const MB = 1024 * 1024;
const dir = tempDir('ipt-pack-');
const archive = join(dir.path, 'app.asar');
const unpackedDir = `${archive}.unpacked`;
let files: PackagedFile[] = [];
let inArchive = new Set<string>();

/** JS of the built main as packed: path in the app (posix) and text. */
function mainScripts(): { path: string; code: string }[] {
  return [...inArchive].filter((path) => path.startsWith('out/main/') && path.endsWith('.js')).map((path) => ({ path, code: extractFile(archive, path).toString('utf8') }));
}

function isUnpacked(path: string): boolean {
  return 'unpacked' in statFile(archive, path) && existsSync(join(unpackedDir, path));
}

/** The entry a bare specifier resolves to inside the packed node_modules, or null. */
function packedEntry(specifier: string): string | null {
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  const pkgPath = `node_modules/${name}/package.json`;
  if (!inArchive.has(pkgPath)) return null;
  const pkg = JSON.parse(extractFile(archive, pkgPath).toString('utf8')) as { main?: string; exports?: unknown };
  const sub = specifier.slice(name.length) ? `.${specifier.slice(name.length)}` : '.';
  const fromExports = (value: unknown): string | null => {
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      for (const key of ['node', 'import', 'require', 'default']) if (key in record) return fromExports(record[key]);
    }
    return null;
  };
  const exportsMap = pkg.exports && typeof pkg.exports === 'object' && Object.keys(pkg.exports).some((key) => key.startsWith('.')) ? (pkg.exports as Record<string, unknown>) : { '.': pkg.exports };
  const target = (pkg.exports ? fromExports(exportsMap[sub]) : null) ?? (sub === '.' ? (pkg.main ?? 'index.js') : sub);
  return posix.normalize(`node_modules/${name}/${target}`);
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out/main/index.js'))) throw new Error('Build the app first (npm run build): this test packs out/.');
  files = await packagedFiles(currentTarget());
  const staging = join(dir.path, 'app');
  for (const file of files) {
    mkdirSync(dirname(join(staging, file.path)), { recursive: true });
    copyFileSync(file.source, join(staging, file.path));
  }
  await createPackageWithOptions(staging, archive, { unpack: asarUnpackPattern(staging) });
  inArchive = new Set(listPackage(archive, { isPack: false }).map((path) => path.replaceAll('\\', '/').replace(/^\//, '')));
}, 120_000);

afterAll(() => dir.remove());

describe('the packaged app', () => {
  it('holds the built main, preload and renderer, and leaves the browser host and source maps out', () => {
    for (const path of ['package.json', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) expect(inArchive, path).toContain(path);
    expect([...inArchive].filter((path) => path.startsWith('out/host/') || path.endsWith('.map'))).toEqual([]);
    const pkg = JSON.parse(extractFile(archive, 'package.json').toString('utf8')) as { main: string };
    expect(inArchive).toContain(posix.normalize(pkg.main));
  });

  it('has every worker the main bundle starts, beside the file that starts it', () => {
    const started: string[] = [];
    for (const { path, code } of mainScripts()) {
      // runWorkerOnce(import.meta.url, "kdf-worker", ...) and workerUrl(import.meta.url, "...") in data/worker-url.ts
      for (const [, name] of code.matchAll(/import\.meta\.url,\s*["'`]([\w-]+)["'`]/g)) {
        const worker = posix.join(posix.dirname(path), `${name}.js`);
        started.push(worker);
        expect(inArchive, `${path} starts ${name}`).toContain(worker);
      }
    }
    expect(started.length).toBeGreaterThanOrEqual(2);
  });

  it('has every file the bundle locates beside itself with new URL("./…", import.meta.url)', () => {
    for (const { path, code } of mainScripts()) {
      for (const [, relativeUrl] of code.matchAll(/new URL\(\s*["'`](\.{1,2}\/[^"'`$]+)["'`]\s*,\s*import\.meta\.url\s*\)/g)) {
        expect(inArchive, `${path} reads ${relativeUrl}`).toContain(posix.join(posix.dirname(path), relativeUrl!));
      }
    }
  });

  it('has every file of resources/ the bundle names (fonts, the licence list, ...) in resources/', () => {
    // Names the bundle spells out that are files in the source tree's resources/ must be packaged
    // (library code names files of its own, e.g. docx's "font.ttf" in a comment: those are not ours).
    const ours = new Map(readdirSync(join(ROOT, 'resources'), { recursive: true, encoding: 'utf8' }).map((path) => [posix.basename(path.replaceAll('\\', '/')), path.replaceAll('\\', '/')]));
    const named = new Set<string>();
    for (const { code } of mainScripts()) for (const [, name] of code.matchAll(/["'`]([\w.-]+\.\w+)["'`]/g)) if (ours.has(name!)) named.add(name!);
    for (const name of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'licences.json']) expect(named).toContain(name);
    for (const name of named) expect(inArchive, `${name} is packaged`).toContain(`resources/${ours.get(name)}`);
    // domain/resources.ts: resources/ is two folders above out/main.
    let located = 0;
    for (const { path, code } of mainScripts()) {
      for (const [, up] of code.matchAll(/import\.meta\.dirname,[^)]*?["'`]((?:\.\.\/)+resources)["'`]\)/g)) {
        located += 1;
        expect(posix.join(posix.dirname(path), up!)).toBe('resources');
      }
    }
    expect(located).toBe(1);
  });

  it('has every package the bundle imports at run time, with its entry file', () => {
    const external = new Set<string>();
    for (const { code } of mainScripts()) {
      // ES imports at the start of a line (the bundle's own), import("x"), and require("x") or
      // require.resolve("x") outside a template (ajv keeps `require("ajv/dist/runtime/...")` as text
      // for its standalone mode; it never runs).
      const specifiers = [
        ...code.matchAll(/^import\s[^;]*?from\s*["']([^"']+)["']/gm),
        ...code.matchAll(/^import\s*["']([^"']+)["']/gm),
        ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
        ...code.matchAll(/(?<![`\w.])require(?:\.resolve)?\(\s*["']([^"']+)["']\s*\)/g),
      ].map((match) => match[1]!);
      for (const specifier of specifiers) {
        if (specifier.startsWith('.')) continue;
        if (specifier.startsWith('node:') || builtinModules.includes(specifier) || specifier === 'electron') continue;
        external.add(specifier);
      }
    }
    for (const specifier of external) {
      const entry = packedEntry(specifier);
      expect(entry, `${specifier} is in the package`).not.toBeNull();
      expect(inArchive, `${specifier} resolves to ${entry}`).toContain(entry);
    }
  });

  it('unpacks the SQLCipher addon for this platform only, without its sources, and it loads from there', async () => {
    const { platform, arch } = currentTarget();
    const addons = [...inArchive].filter((path) => path.endsWith('.node'));
    expect(addons).toEqual([`node_modules/better-sqlite3-multiple-ciphers/prebuilds/${platform}-${arch}.node`]);
    expect(isUnpacked(addons[0]!)).toBe(true);
    expect([...inArchive].filter((path) => /^node_modules\/better-sqlite3-multiple-ciphers\/(deps|src|build)\//.test(path))).toEqual([]);

    // As Electron sees the archive: asar files in place and the unpacked ones beside them.
    const extracted = join(dir.path, 'extracted');
    extractAll(archive, extracted);
    const requireFromMain = createRequire(join(extracted, 'out/main/index.js'));
    const Database = requireFromMain('better-sqlite3-multiple-ciphers') as new (path: string) => { pragma: (sql: string, options: { simple: true }) => unknown; close: () => void };
    const db = new Database(':memory:');
    expect(String(db.pragma('cipher', { simple: true }))).toMatch(/\w+/);
    db.close();
  });

  it('loads the passphrase estimator’s dictionaries only when a passphrase is checked', () => {
    // Rolldown marks each module's code with a `// node_modules/...` comment: find the chunks that
    // carry the word lists. With them, index.js was 2.2 MB, loaded at every launch.
    const scripts = mainScripts();
    const index = scripts.find(({ path }) => path === 'out/main/index.js')!;
    const dictionaries = scripts.filter(({ code }) => code.includes('node_modules/@zxcvbn-ts/language-')).map(({ path }) => path);
    expect(dictionaries.length).toBeGreaterThan(0);
    expect(dictionaries).not.toContain(index.path);
    for (const path of dictionaries) {
      const specifier = `./${posix.relative('out/main', path)}`;
      expect(index.code).toContain(`import("${specifier}")`);
      expect(index.code.split('\n').filter((line) => line.startsWith('import ') && line.includes(specifier))).toEqual([]);
    }
    expect(statFile(archive, index.path)).toMatchObject({ size: expect.any(Number) });
    expect((statFile(archive, index.path) as { size: number }).size).toBeLessThan(1024 * 1024);
  });

  it('gives each installer only its own platform’s prebuilt addon', async () => {
    const targets: Target[] = [
      { platform: 'linux', arch: 'x64' },
      { platform: 'linux', arch: 'arm64' },
      { platform: 'win32', arch: 'x64' },
      { platform: 'darwin', arch: 'x64' },
      { platform: 'darwin', arch: 'arm64' },
    ];
    for (const target of targets) {
      const addons = (await packagedFiles(target)).filter((file) => file.path.endsWith('.node')).map((file) => file.path);
      expect(addons, `${target.platform}-${target.arch}`).toEqual([`node_modules/better-sqlite3-multiple-ciphers/prebuilds/${target.platform}-${target.arch}.node`]);
    }
  });

  it('ships less than 35 MB of production packages', () => {
    const bytes = files.filter((file) => file.path.startsWith('node_modules/')).reduce((sum, file) => sum + file.size, 0);
    expect(bytes / MB).toBeLessThan(35);
  });

  it('lists every shipped and bundled library in resources/licences.json, with its licence text', () => {
    const licences = JSON.parse(readFileSync(join(ROOT, 'resources/licences.json'), 'utf8')) as { name: string; version: string; licence: string; text?: string }[];
    const shipped = new Set(files.filter((file) => /^node_modules\/(@[^/]+\/)?[^/]+\/package\.json$/.test(file.path)).map((file) => file.path.slice('node_modules/'.length, -'/package.json'.length)));
    for (const name of shipped) expect(licences.map((entry) => entry.name), name).toContain(name);
    for (const name of ['react', 'zod', '@zxcvbn-ts/core', 'docx', '@zip.js/zip.js', '@resvg/resvg-wasm']) {
      const entry = licences.find((candidate) => candidate.name === name);
      expect(entry, name).toBeDefined();
      expect(entry!.text ?? '', `${name} has its licence text`).toMatch(/permission|licen[cs]e/i);
    }
  });
});
