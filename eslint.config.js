// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/*
 * Layers, enforced here. Imports go only downward:
 *
 *   electron/main/shell/ ──┐
 *   electron/host/ ────────┴─> main/app/ ──> main/domain/ ──> main/data/ ──> shared/
 *   renderer/, electron/preload/ ─────────────────────────────────────────> shared/
 *
 * The Electron shell may import anything in main; the browser host only app/ and a few named
 * helpers (HOST_MAY_IMPORT_FROM_MAIN). Only the shell and the preload import electron. test/,
 * bench/, scripts/ and config files are free. Type-only imports and re-exports count too.
 * Import cycles are checked by scripts/check-cycles.ts (run by `npm run lint`).
 *
 * Flat config gives a file the LAST `no-restricted-imports` setting that matches it, so every
 * folder has exactly one block below with all of its restrictions, and the blocks' `files` do not
 * overlap.
 */

/** Folders of ours, matched as a path segment of an import ('../app/app.ts', '../../../app/x.ts'). */
const folder = (...names) => ({ globs: names.map((name) => `**/${name}/**`) });
/** npm packages or Node modules by exact name, and their subpaths ('react', 'react-dom/client'). */
const modules = (...names) => ({ names, globs: names.map((name) => `${name}/**`) });
/** Node's modules: 'node:*', and the old unprefixed names ('fs', 'fs/promises'). */
const bareBuiltins = builtinModules.filter((name) => !name.startsWith('node:') && !name.includes('/'));
const nodeBuiltins = { names: bareBuiltins, globs: ['node:*', ...bareBuiltins.map((name) => `${name}/**`)] };
const electronOnly = modules('electron', 'electron-store');

const ONLY_SHELL_ELECTRON =
  'Only electron/main/shell/ and the preload may import Electron; below the shell, reach it through a platform interface (app/platform.ts, domain/documents/platform.ts).';
const NOT_RENDERER = 'Main and host code never import the renderer; they share code through shared/ only.';
const NOT_TOOLS = 'Application code never imports test/, bench/ or scripts/.';
const NOT_PRELOAD = 'Nothing imports the preload: it is its own bundle, loaded by Electron.';

/**
 * One block per folder. `rules` are [what, plain-words message] pairs; `what` names modules exactly
 * (`names`, e.g. 'electron'), by gitignore-style globs (`globs`, e.g. '**\/app/**') or by a regular
 * expression (`regex`, for an allow-list). Bare names must not be globs: the glob 'electron' would
 * also match the folder '../electron/'.
 */
const layer = (name, files, rules) => ({
  name: `layers/${name}`,
  files,
  ignores: ['**/*.config.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: rules.flatMap(([what, message]) => (what.names ?? []).map((module) => ({ name: module, message }))),
        patterns: rules.flatMap(([what, message]) => [
          ...(what.globs ? [{ group: what.globs, message }] : []),
          ...(what.regex ? [{ regex: what.regex, message }] : []),
        ]),
      },
    ],
  },
});

/**
 * What electron/host/ may take from electron/main/: the composition (app/), the transport helpers
 * it shares with the shell (plain data, no Electron), the document platform interface it implements,
 * atomic file writes and the KDF policy. Anything else of main is refused.
 */
const HOST_MAY_IMPORT_FROM_MAIN = [
  'app/',
  'shell/security-policy\\.ts$',
  'shell/static-files\\.ts$',
  'domain/documents/platform\\.ts$',
  'data/fs-atomic\\.ts$',
  'data/keys/kdf-policy\\.ts$',
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tools/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', 'bench/.cache/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },

  layer('shared', ['shared/**/*.ts'], [
    [folder('electron', 'renderer'), 'shared/ imports nothing of ours outside shared/: every layer uses it, so it depends on none.'],
    [folder('test', 'bench', 'scripts'), NOT_TOOLS],
    [nodeBuiltins, 'shared/ runs in main and in the renderer: no Node modules (no node:*, no Buffer).'],
    [modules('electron', 'electron-store', 'better-sqlite3-multiple-ciphers', 'conf', 'playwright-core'), 'shared/ runs in main and in the renderer: no Electron or other platform package.'],
    [modules('react', 'react-dom'), 'shared/ runs in main too: no React or DOM code.'],
  ]),

  layer('renderer', ['renderer/**/*.{ts,tsx}'], [
    [folder('electron'), 'The renderer reaches main only through window.ipt; of our code it imports shared/ only.'],
    [folder('test', 'bench', 'scripts'), NOT_TOOLS],
    [modules('electron', 'electron-store', 'better-sqlite3-multiple-ciphers'), 'The renderer never imports Electron or the database: it reaches main only through window.ipt.'],
    [nodeBuiltins, 'The renderer is a sandboxed web page: no Node modules.'],
  ]),

  layer('preload', ['electron/preload/**/*.ts'], [
    [folder('main', 'host', 'renderer'), 'The preload imports only shared/ (the contract client) and electron.'],
    [folder('test', 'bench', 'scripts'), NOT_TOOLS],
    [nodeBuiltins, 'A sandboxed preload may require only electron: no Node modules.'],
  ]),

  layer('main/data', ['electron/main/data/**/*.ts'], [
    [folder('app', 'domain', 'shell'), 'electron/main/data/ is the lowest layer of main: it imports only shared/ and data/ itself, never domain/, app/ or shell/.'],
    [folder('host'), 'electron/main/ never imports electron/host/ (the browser host is a shell on top of app/).'],
    [folder('renderer'), NOT_RENDERER],
    [folder('preload'), NOT_PRELOAD],
    [folder('test', 'bench', 'scripts'), NOT_TOOLS],
    [electronOnly, ONLY_SHELL_ELECTRON],
  ]),

  layer('main/domain', ['electron/main/domain/**/*.ts'], [
    [folder('app', 'shell'), 'electron/main/domain/ imports only data/, shared/ and domain/ itself, never app/ or shell/ (the layers above it).'],
    [folder('host'), 'electron/main/ never imports electron/host/ (the browser host is a shell on top of app/).'],
    [folder('renderer'), NOT_RENDERER],
    [folder('preload'), NOT_PRELOAD],
    [folder('test', 'bench', 'scripts'), NOT_TOOLS],
    [electronOnly, ONLY_SHELL_ELECTRON],
  ]),

  layer('main/app', ['electron/main/app/**/*.ts'], [
    [folder('shell', 'host'), 'electron/main/app/ (the composition) imports domain/, data/, shared/ and app/ itself, never a shell (shell/ or electron/host/): the shells import the app.'],
    [folder('renderer'), NOT_RENDERER],
    [folder('preload'), NOT_PRELOAD],
    [folder('test', 'bench', 'scripts'), NOT_TOOLS],
    [electronOnly, ONLY_SHELL_ELECTRON],
  ]),

  layer('main/shell', ['electron/main/shell/**/*.ts'], [
    [folder('host'), 'The Electron shell does not import the browser host: both are shells over app/.'],
    [folder('renderer'), NOT_RENDERER],
    [folder('preload'), NOT_PRELOAD],
    [folder('test', 'bench', 'scripts'), NOT_TOOLS],
  ]),

  layer('host', ['electron/host/**/*.ts'], [
    [
      { regex: `^(\\.\\./)+main/(?!${HOST_MAY_IMPORT_FROM_MAIN.join('|')})` },
      'electron/host/ imports from electron/main/ only app/ (the composition) and the shared transport helpers: shell/security-policy.ts, shell/static-files.ts, domain/documents/platform.ts, data/fs-atomic.ts, data/keys/kdf-policy.ts.',
    ],
    [folder('renderer'), NOT_RENDERER],
    [folder('preload'), NOT_PRELOAD],
    [folder('test', 'bench', 'scripts'), NOT_TOOLS],
    [electronOnly, 'The browser host runs under plain Node: it never imports Electron.'],
  ]),
);
