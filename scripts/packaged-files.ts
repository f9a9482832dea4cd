/**
 * The files an installer puts in the app (app.asar and app.asar.unpacked), chosen by
 * electron-builder's own matchers from electron-builder.yml, so the packaged-layout test and the
 * bench see what `npm run dist` would ship without the Electron binary (which these machines cannot
 * download).
 */
import { readdirSync, readFileSync, statSync, lstatSync, type Stats } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { load } from 'js-yaml';
import { productionPackages } from './production-packages.ts';

const require = createRequire(import.meta.url);

/** The parts of electron-builder's file selection used here (internal API: no published types). */
type Filter = (file: string, stat: Stats) => boolean;
interface Matcher {
  from: string;
  patterns: string[];
  createFilter(): Filter;
}
interface FileMatcherModule {
  FileMatcher: new (from: string, to: string, macroExpander: (pattern: string) => string, patterns?: string[]) => Matcher;
  getMainFileMatchers(appDir: string, destination: string, macroExpander: (pattern: string) => string, platformOptions: object, platformPackager: object, outDir: string, isElectronCompile: boolean): Matcher[];
  getNodeModuleFileMatcher(appDir: string, destination: string, macroExpander: (pattern: string) => string, platformOptions: object, packager: object): Matcher;
  excludedExts: string;
}
interface NodeModuleCopyHelperModule {
  NodeModuleCopyHelper: new (matcher: Matcher, packager: object) => {
    metadata: Map<string, Stats>;
    collectNodeModules(moduleInfo: { name: string; dir: string }, excludedExts: string[], destination: string): Promise<string[]>;
  };
}
// electron-builder's own matchers, as `electron-builder --config electron-builder.yml` runs them.
const { FileMatcher, getMainFileMatchers, getNodeModuleFileMatcher, excludedExts } = require('app-builder-lib/out/fileMatcher.js') as FileMatcherModule;
const { NodeModuleCopyHelper } = require('app-builder-lib/out/util/NodeModuleCopyHelper.js') as NodeModuleCopyHelperModule;
const { expandMacro } = require('app-builder-lib/out/util/macroExpander.js') as { expandMacro: (pattern: string, arch: string | null, appInfo: object, extra: Record<string, string>) => string };

export const ROOT = resolve(import.meta.dirname, '..');

/** electron-builder's key for a platform's section in the config (`${os}`). */
const OS_KEY = { linux: 'linux', darwin: 'mac', win32: 'win' } as const;
export type TargetPlatform = keyof typeof OS_KEY;
export interface Target {
  platform: TargetPlatform;
  arch: 'x64' | 'arm64';
}

export interface BuilderConfig {
  files: unknown[];
  asarUnpack: string[];
  directories: { output: string; buildResources: string };
  linux?: { files?: unknown[] };
  mac?: { files?: unknown[] };
  win?: { files?: unknown[] };
  [key: string]: unknown;
}

export function builderConfig(root = ROOT): BuilderConfig {
  return load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

/** One file in the package: where it comes from, and its path inside the app (posix). */
export interface PackagedFile {
  source: string;
  path: string;
  size: number;
}

function macroExpander(target: Target, root: string) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; productName: string };
  const appInfo = { name: pkg.name, version: pkg.version, productName: pkg.productName, sanitizedProductName: pkg.productName };
  // As PlatformPackager does for file patterns: `${os}` is the config key, "/*" means the folder too.
  return (pattern: string) => expandMacro(pattern, target.arch, appInfo, { os: OS_KEY[target.platform], '/*': '{,/**/*}' });
}

/** Files of the app itself (out/, package.json, resources), walked as electron-builder's AppFileWalker does. */
function appFiles(root: string, config: BuilderConfig, target: Target): PackagedFile[] {
  const expand = macroExpander(target, root);
  const platformOptions = config[OS_KEY[target.platform]] ?? {};
  const info = { projectDir: root, buildResourcesDir: config.directories.buildResources, isPrepackedAppAsar: false, config, debugLogger: { isEnabled: false } };
  const matchers = getMainFileMatchers(root, '/app', expand, platformOptions, { info }, resolve(root, config.directories.output), false);
  const files: PackagedFile[] = [];
  for (const matcher of matchers) {
    const filter = matcher.createFilter();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir).sort()) {
        const path = join(dir, name);
        if (dir === root && (name === 'node_modules' || name === '.git')) continue;
        const stat = lstatSync(path);
        if (!filter(path, stat)) continue;
        if (stat.isDirectory()) walk(path);
        else if (stat.isFile()) files.push({ source: path, path: relative(root, path).split('\\').join('/'), size: stat.size });
      }
    };
    walk(matcher.from);
  }
  return files;
}

/** Production packages' files, each through electron-builder's NodeModuleCopyHelper and the config's exclusions. */
async function nodeModuleFiles(root: string, config: BuilderConfig, target: Target): Promise<PackagedFile[]> {
  const expand = macroExpander(target, root);
  const platformOptions = config[OS_KEY[target.platform]] ?? {};
  const packager = { config, debugLogger: { isEnabled: false }, appInfo: { type: 'npm' }, getWorkspaceRoot: async () => root };
  const moduleMatcher = getNodeModuleFileMatcher(root, '/app', expand, platformOptions, packager);
  // As appFileCopier's getNodeModuleExcludedExts: .o/.obj and the always-excluded extensions; .dll/.exe off Windows.
  const excluded = ['.o', '.obj', ...excludedExts.split(',').map((ext) => `.${ext}`), '.pdb', ...(target.platform === 'win32' ? [] : ['.dll', '.exe'])];
  const files: PackagedFile[] = [];
  for (const pkg of productionPackages(root)) {
    const matcher = new FileMatcher(pkg.dir, join('/app', pkg.path), expand, moduleMatcher.patterns);
    const helper = new NodeModuleCopyHelper(matcher, packager);
    const found = await helper.collectNodeModules({ name: pkg.name, dir: pkg.dir }, excluded, pkg.path);
    for (const source of found) {
      const stat = helper.metadata.get(source) ?? statSync(source);
      if (stat.isFile()) files.push({ source, path: `${pkg.path}/${relative(pkg.dir, source).split('\\').join('/')}`, size: stat.size });
    }
  }
  return files;
}

/** Everything the installer for `target` puts in the app, as electron-builder.yml selects it. */
export async function packagedFiles(target: Target, root = ROOT): Promise<PackagedFile[]> {
  const config = builderConfig(root);
  return [...appFiles(root, config, target), ...(await nodeModuleFiles(root, config, target))];
}

/**
 * The yml's `asarUnpack` as one minimatch pattern for @electron/asar, which tests each file's
 * absolute path (`matchBase` only helps patterns without a slash): anchored at the staging folder.
 */
export function asarUnpackPattern(stagingDir: string, root = ROOT): string {
  const patterns = builderConfig(root).asarUnpack.map((pattern) => `${stagingDir.split('\\').join('/')}/${pattern}`);
  return patterns.length === 1 ? patterns[0]! : `{${patterns.join(',')}}`;
}

/** The target this machine would build for by default. */
export function currentTarget(): Target {
  const platform = process.platform;
  if (platform !== 'linux' && platform !== 'darwin' && platform !== 'win32') throw new Error(`No installer is built for ${platform}.`);
  return { platform, arch: process.arch === 'arm64' ? 'arm64' : 'x64' };
}
