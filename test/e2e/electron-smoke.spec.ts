import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from '../support/temp.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** The Electron binary's path, without triggering electron's lazy download (it needs the network). */
function electronBinary(): string | null {
  const dir = join(ROOT, 'node_modules/electron');
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) return existsSync(override) ? override : null;
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();

test.describe('Electron app smoke test', () => {
  test.skip(binary === null, 'skipped: no Electron binary (it cannot be downloaded on this machine)');

  test('starts, shows the first-run screen, and exposes only window.ipt', async () => {
    const home = tempDir('ipt-electron-');
    const app = await electron.launch({
      executablePath: binary!,
      args: [ROOT, `--user-data-dir=${home.path}`],
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '0' },
    });
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
    const globals = await window.evaluate(() => ({
      ipt: typeof (window as unknown as { ipt?: unknown }).ipt,
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(globals).toEqual({ ipt: 'object', require: 'undefined', process: 'undefined' });
    expect(window.url()).toMatch(/^app:\/\/ipt\//);
    await app.close();
    home.remove();
  });
});
