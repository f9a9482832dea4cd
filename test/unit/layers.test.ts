/**
 * The layer rules in eslint.config.js and the import-cycle check (scripts/check-cycles.ts) refuse
 * what they should: one wrong import per rule fails the lint, one allowed import per layer passes,
 * and a fixture cycle made of type-only imports is reported.
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { findCycles, SOURCE_GLOBS } from '../../scripts/check-cycles.ts';

const root = join(import.meta.dirname, '..', '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: join(root, 'eslint.config.js') });
});

/** The `no-restricted-imports` messages ESLint gives `code` as if it were the file at `filePath`. */
async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  expect(result?.messages.filter((m) => m.fatal)).toEqual([]);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules refuse an upward or sideways import', () => {
  const refused: [name: string, filePath: string, code: string, says: RegExp][] = [
    ['data -> app', 'electron/main/data/x.ts', "import { App } from '../app/app.ts';", /lowest layer of main/],
    ['data -> domain', 'electron/main/data/x.ts', "import { BackupService } from '../domain/backup/backup-service.ts';", /never domain\//],
    ['data (nested) -> shell', 'electron/main/data/keys/x.ts', "import { buildMenu } from '../../shell/menu.ts';", /lowest layer of main/],
    ['domain -> app (type-only)', 'electron/main/domain/x.ts', "import type { AppContext } from '../app/context.ts';", /never app\/ or shell\//],
    ['domain -> shell', 'electron/main/domain/documents/x.ts', "import { cspHeader } from '../../shell/security-policy.ts';", /never app\/ or shell\//],
    ['app -> shell', 'electron/main/app/x.ts', "import { buildMenu } from '../shell/menu.ts';", /never a shell/],
    ['app -> host', 'electron/main/app/handlers/x.ts', "import { startHost } from '../../../host/server.ts';", /never a shell/],
    ['host -> data/vault', 'electron/host/x.ts', "import { VaultService } from '../main/data/vault/vault-service.ts';", /only app\/ \(the composition\)/],
    ['host -> data/settings (type-only)', 'electron/host/x.ts', "import type { PreferencesStore } from '../main/data/settings.ts';", /only app\/ \(the composition\)/],
    ['host -> shell/index', 'electron/host/x.ts', "import '../main/shell/index.ts';", /only app\/ \(the composition\)/],
    ['host -> electron', 'electron/host/x.ts', "import { app } from 'electron';", /plain Node/],
    ['renderer -> electron', 'renderer/src/x.ts', "import { ipcRenderer } from 'electron';", /window\.ipt/],
    ['renderer -> main', 'renderer/src/screens/x.tsx', "import { App } from '../../../electron/main/app/app.ts';", /window\.ipt/],
    ['renderer -> node:fs', 'renderer/src/x.ts', "import { readFileSync } from 'node:fs';", /no Node modules/],
    ['shared -> node:fs', 'shared/x.ts', "import { readFileSync } from 'node:fs';", /no Node modules/],
    ['shared -> fs (no prefix)', 'shared/ipt/x.ts', "import { readFileSync } from 'fs';", /no Node modules/],
    ['shared -> electron/main', 'shared/schemas/x.ts', "import { AppError } from '../../electron/main/data/errors.ts';", /nothing of ours outside shared/],
    ['shared -> renderer', 'shared/x.ts', "import { ipt } from '../renderer/src/ipt.ts';", /nothing of ours outside shared/],
    ['shared -> react', 'shared/x.ts', "import { useState } from 'react';", /no React/],
    ['shared -> electron', 'shared/x.ts', "import { app } from 'electron';", /no Electron/],
    ['data -> electron', 'electron/main/data/x.ts', "import { safeStorage } from 'electron';", /Only electron\/main\/shell\//],
    ['domain -> electron', 'electron/main/domain/documents/x.ts', "import { BrowserWindow } from 'electron';", /Only electron\/main\/shell\//],
    ['app -> electron', 'electron/main/app/x.ts', "import { app } from 'electron';", /Only electron\/main\/shell\//],
    ['app -> electron-store', 'electron/main/app/x.ts', "import Store from 'electron-store';", /Only electron\/main\/shell\//],
    ['main -> renderer', 'electron/main/shell/x.ts', "import { App } from '../../../renderer/src/App.tsx';", /never import the renderer/],
    ['shell -> host', 'electron/main/shell/x.ts', "import { startHost } from '../../host/server.ts';", /does not import the browser host/],
    ['preload -> main', 'electron/preload/x.ts', "import { App } from '../main/app/app.ts';", /only shared\/ .* and electron/],
    ['preload -> node:fs', 'electron/preload/x.ts', "import { readFileSync } from 'node:fs';", /no Node modules/],
    ['data -> test', 'electron/main/data/x.ts', "import { tempDir } from '../../../test/support/temp.ts';", /never imports test\//],
    ['re-export counts', 'electron/main/data/x.ts', "export { App } from '../app/app.ts';", /lowest layer of main/],
  ];

  it.each(refused)('%s', async (_name, filePath, code, says) => {
    const messages = await restricted(filePath, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(says);
  });
});

describe('layer rules allow a downward import', () => {
  const allowed: [name: string, filePath: string, code: string][] = [
    ['shared -> shared, zod', 'shared/ipt/x.ts', "import { z } from 'zod';\nimport { ERROR_CODES } from '../errors.ts';"],
    ['data -> data, shared, npm', 'electron/main/data/x.ts', "import { AppError } from './errors.ts';\nimport { VaultService } from './vault/vault-service.ts';\nimport type { Settings } from '../../../shared/schemas/settings.ts';\nimport Database from 'better-sqlite3-multiple-ciphers';\nimport { readFileSync } from 'node:fs';"],
    ['domain -> data, domain', 'electron/main/domain/documents/x.ts', "import { AppError } from '../../data/errors.ts';\nimport type { DocumentPlatform } from './platform.ts';"],
    ['app -> domain, data, app', 'electron/main/app/handlers/x.ts', "import { BackupService } from '../../domain/backup/backup-service.ts';\nimport { createRepositories } from '../../data/repositories.ts';\nimport type { AppContext } from '../context.ts';"],
    ['shell -> electron, app, domain, data', 'electron/main/shell/x.ts', "import { app } from 'electron';\nimport { createApp } from '../app/app.ts';\nimport type { DocumentPlatform } from '../domain/documents/platform.ts';\nimport { defaultKdfPolicy } from '../data/keys/kdf-policy.ts';"],
    [
      'host -> app and the named helpers',
      'electron/host/x.ts',
      [
        "import { createApp, type PreferencesStore } from '../main/app/app.ts';",
        "import type { AppContext } from '../main/app/context.ts';",
        "import { cspHeader } from '../main/shell/security-policy.ts';",
        "import { serveStatic } from '../main/shell/static-files.ts';",
        "import type { DocumentPlatform } from '../main/domain/documents/platform.ts';",
        "import { writeFileAtomic } from '../main/data/fs-atomic.ts';",
        "import { defaultKdfPolicy } from '../main/data/keys/kdf-policy.ts';",
        "import { createConfStore } from './conf-store.ts';",
        "import { CHANNELS } from '../../shared/contract.ts';",
      ].join('\n'),
    ],
    ['renderer -> shared, react', 'renderer/src/screens/x.tsx', "import { useState } from 'react';\nimport type { Course } from '../../../shared/schemas/course.ts';\nimport { ipt } from '../ipt.ts';"],
    ['preload -> electron, shared', 'electron/preload/x.ts', "import { contextBridge, ipcRenderer } from 'electron';\nimport { createContractClient } from '../../shared/contract-client.ts';"],
    ['test/ is free', 'test/unit/x.test.ts', "import { VaultService } from '../../electron/main/data/vault/vault-service.ts';\nimport { app } from 'electron';"],
    ['config files are free', 'renderer/x.vite.config.ts', "import { resolve } from 'node:path';"],
  ];

  it.each(allowed)('%s', async (_name, filePath, code) => {
    expect(await restricted(filePath, code)).toEqual([]);
  });
});

describe('import cycles', () => {
  it('reports a cycle made only of type imports (test/fixtures/cycle)', async () => {
    const cycles = await findCycles(['test/fixtures/cycle/*.ts'], root);
    expect(cycles).toHaveLength(1);
    expect([...(cycles[0] ?? [])].sort()).toEqual(['test/fixtures/cycle/a.ts', 'test/fixtures/cycle/b.ts']);
  });

  it('finds none in electron/, renderer/, shared/', async () => {
    expect(await findCycles(SOURCE_GLOBS, root)).toEqual([]);
  });
});
