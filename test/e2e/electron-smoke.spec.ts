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

  test('starts, shows the first-run screen, exposes only window.ipt, locks from the menu, and prints to PDF', async () => {
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

    // Create the vault, lock it from the application menu, unlock again.
    const passphrase = 'saffron kettle wanders past nine bridges';
    await window.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await window.getByLabel('Type the passphrase again').fill(passphrase);
    await window.getByRole('button', { name: 'Continue' }).click();
    const recoveryKey = (await window.getByTestId('recovery-key').textContent())!.trim();
    await window.getByLabel('I have written down my recovery key').check();
    await window.getByRole('button', { name: 'Continue' }).click();
    await window.getByRole('textbox', { name: 'Recovery key' }).fill(recoveryKey);
    await window.getByRole('button', { name: 'Create vault' }).click();
    await expect(window.getByText('No clients yet.')).toBeVisible({ timeout: 30_000 });
    await app.evaluate(({ Menu }) => {
      const find = (items: Electron.MenuItem[]): Electron.MenuItem | undefined => {
        for (const item of items) {
          if (item.label === 'Lock') return item;
          const inner = item.submenu ? find(item.submenu.items) : undefined;
          if (inner) return inner;
        }
        return undefined;
      };
      find(Menu.getApplicationMenu()!.items)!.click();
    });
    await expect(window.getByRole('heading', { name: 'Unlock your vault' })).toBeVisible();
    await window.getByLabel('Passphrase').fill(passphrase);
    await window.getByRole('button', { name: 'Unlock' }).click();
    await expect(window.getByText('No clients yet.')).toBeVisible({ timeout: 30_000 });

    // Menu commands reach the page: Settings… opens Settings.
    await app.evaluate(({ Menu }) => {
      const find = (items: Electron.MenuItem[]): Electron.MenuItem | undefined => {
        for (const item of items) {
          if (item.label === 'Settings…') return item;
          const inner = item.submenu ? find(item.submenu.items) : undefined;
          if (inner) return inner;
        }
        return undefined;
      };
      find(Menu.getApplicationMenu()!.items)!.click();
    });
    await expect(window.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();

    // A right-click in a text field pops up the edit menu (recorded instead of shown).
    await app.evaluate(({ Menu }) => {
      const popped: string[][] = [];
      (globalThis as unknown as { popped: string[][] }).popped = popped;
      Menu.prototype.popup = function (this: Electron.Menu) {
        popped.push(this.items.map((i) => i.role ?? i.label));
      };
    });
    await window.getByRole('searchbox').click({ button: 'right' });
    await expect.poll(() => app.evaluate(() => (globalThis as unknown as { popped: string[][] }).popped.at(-1) ?? [])).toEqual(expect.arrayContaining(['cut', 'copy', 'paste']));

    // The window's state is saved from Electron's own events: maximised, then back.
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.maximize());
    const windowMode = () => window.evaluate(async () => ((await (window as unknown as { ipt: { settings: { get: (i: object) => Promise<{ value: { windowMode: string } }> } } }).ipt.settings.get({})).value.windowMode));
    await expect.poll(windowMode).toBe('maximized');
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.unmaximize());
    await expect.poll(windowMode).toBe('normal');

    // Print-to-PDF: a session summary through the hidden print window, saved where the (stubbed)
    // save dialog says; the file is a real PDF.
    const pdfPath = join(home.path, 'summary.pdf');
    await app.evaluate(({ dialog }, path) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath: path })) as typeof dialog.showSaveDialog;
    }, pdfPath);
    const printed = await window.evaluate(async () => {
      const api = (window as unknown as { ipt: Record<string, Record<string, (input: unknown) => Promise<{ ok: boolean; value: { id: string } }>>> }).ipt;
      const client = await api['clients']!['create']!({ fields: { fullName: 'Smoke Test', dateOfBirth: '1980-01-01' } });
      const course = await api['courses']!['create']!({ clientId: client.value.id, type: 'acute', contract: { startDate: '2026-01-05', plannedSessions: 12, frequency: 'weekly' } });
      const session = await api['sessions']!['create']!({ courseId: course.value.id, date: '2026-01-05', attendance: 'attended' });
      await api['notes']!['saveDraft']!({ sessionId: session.value.id, fields: { intervalMood: 'Smoke test note' } });
      return (await api['documents']!['print']!({ sessionId: session.value.id })).ok;
    });
    expect(printed).toBe(true);
    expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await app.close();
    home.remove();
  });
});
