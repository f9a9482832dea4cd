import { expect, test } from '@playwright/test';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countFiles, scanForMarker } from '../support/leak-scanner.ts';
import type { PageGlobals } from '../support/page-globals.ts';
import { addClient, createVault, expectAccessible, openSession, screenshot, type AppSession } from './harness.ts';

const PASSPHRASE = 'saffron kettle wanders past nine bridges';
const MARKER = `Zqx${Date.now().toString(36)}Marker`;

test.describe.configure({ mode: 'serial' });

let session: AppSession;
const laptops: AppSession[] = [];
test.afterAll(() => {
  session?.cleanup();
  for (const s of laptops) s.cleanup();
});

test('create a vault, add a client, lock, refuse a wrong passphrase, unlock: the client is there; nothing leaks', async () => {
  session = await openSession();
  const { page } = session;

  // First run: choose a passphrase, with the strength meter.
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await expectAccessible(page, 'create vault');
  await page.getByLabel('Passphrase', { exact: true }).fill('password');
  await page.getByLabel('Type the passphrase again').fill('password');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Very weak')).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Type the passphrase again').fill(PASSPHRASE);
  await expect(page.getByText('Good: this passphrase can be used.')).toBeVisible();
  await screenshot(page, '01-create-vault');
  await page.getByRole('button', { name: 'Continue' }).click();

  // The recovery key is shown once and must be typed back.
  const recoveryKey = (await page.getByTestId('recovery-key').textContent())!.trim();
  expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){12}[0-9A-Z]{4}$/);
  await expectAccessible(page, 'recovery key');
  // It can be saved to a file the user picks (the host's save folder), with the warning to move it off the laptop.
  await expect(page.getByText('Do not keep the key on this laptop')).toBeVisible();
  await page.getByRole('button', { name: 'Save the key to a file…' }).click();
  await expect(page.getByText(/^Saved as “IPT Workstation recovery key \d{4}-\d{2}-\d{2}\.txt”/)).toBeVisible();
  const exportsDir = join(session.dataDir, '..', 'exports');
  const saved = readFileSync(join(exportsDir, readdirSync(exportsDir).find((f) => f.startsWith('IPT Workstation recovery key'))!), 'utf8');
  expect(saved).toContain(recoveryKey);
  expect(saved).toContain('Keep it away from this computer');
  // Printed, the page shows the one-page sheet alone: the key, the date, what it is for.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.recovery-sheet')).toBeVisible();
  await expect(page.locator('.recovery-sheet')).toContainText(recoveryKey);
  await expect(page.locator('.recovery-sheet')).toContainText('Made on');
  await expect(page.getByRole('heading', { name: 'Welcome to IPT Workstation' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print the key' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('.recovery-sheet')).toBeHidden();
  await screenshot(page, '02-recovery-key');
  await expect(page.getByRole('button', { name: 'Continue' })).toBeDisabled();
  await page.getByLabel('I have written down my recovery key').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('textbox', { name: 'Recovery key' }).fill(recoveryKey.replace(/-/g, ' ').slice(0, -1));
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByText('This does not match the recovery key shown above.')).toBeVisible();
  await expectAccessible(page, 'type back recovery key');
  await page.getByRole('textbox', { name: 'Recovery key' }).fill(recoveryKey.toLowerCase());
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByText('No clients yet.')).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, 'empty workspace');

  // A client, with a bad email first: a field message and nothing saved.
  await page.getByRole('button', { name: 'New client' }).click();
  await expect(page.getByRole('heading', { name: 'New client' })).toBeVisible();
  await expectAccessible(page, 'client form');
  await page.getByLabel('Full name (required)').fill(`Ada ${MARKER}`);
  await page.getByLabel('Preferred name').fill('Ada');
  await page.getByLabel('Date of birth (required)').fill('1984-03-09');
  await page.getByLabel('Email', { exact: true }).fill('not-an-email');
  await page.getByLabel('Presenting problem').fill(`Low mood since a move; notes ${MARKER}`);
  await page.getByRole('button', { name: 'Save client' }).click();
  await expect(page.getByText('Enter a valid email address')).toBeVisible();
  await expectAccessible(page, 'client form with errors');
  await screenshot(page, '03-client-form-error');
  await page.getByLabel('Email', { exact: true }).fill('ada@example.org');
  await page.getByRole('button', { name: 'Add an identifier' }).click();
  await page.getByLabel('Identifier 1: kind').fill('NHS number');
  await page.getByLabel('Identifier 1: value').fill('943 476 5919');
  await page.getByRole('button', { name: 'Save client' }).click();
  await expect(page.getByRole('heading', { name: `Ada ${MARKER} (Ada)` })).toBeVisible();
  await expectAccessible(page, 'client overview, no course yet');
  await page.getByRole('tab', { name: 'Details' }).click();
  await expect(page.getByText('943 476 5919')).toBeVisible();
  await expectAccessible(page, 'client detail');
  await screenshot(page, '04-client-detail');

  // Lock; a wrong passphrase is refused with a clear message.
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock your vault' })).toBeVisible();
  await expect(page.getByText(MARKER)).toHaveCount(0);
  await expectAccessible(page, 'unlock');
  await page.getByLabel('Passphrase').fill('this is not the passphrase');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText('does not open this vault');
  await expectAccessible(page, 'unlock with error');
  await screenshot(page, '05-wrong-passphrase');

  // Unlock: the client is there.
  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  const row = page.getByRole('button', { name: new RegExp(`Ada ${MARKER}`) });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.click();
  await expect(page.getByRole('heading', { name: `Ada ${MARKER} (Ada)` })).toBeVisible();
  await screenshot(page, '06-after-unlock');

  // Archive and find it under archived clients.
  await page.getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByText(/^Archived on/)).toBeVisible();
  await page.getByLabel('Show').selectOption('archived');
  await expect(row).toBeVisible();
  await expectAccessible(page, 'archived list');

  expect(session.externalRequests).toEqual([]);
  await session.close();

  // The marker is nowhere on disk outside the encrypted vault: data, settings, temp, browser profile.
  const folders = [session.dataDir, session.tmpDir, session.profileDir];
  expect(countFiles(folders)).toBeGreaterThan(10);
  expect(scanForMarker(MARKER, folders)).toEqual([]);
});

test('restore on a new laptop: its own step, the new passphrase confirmed and measured, plurals in words', async () => {
  // The old laptop: one client, one backup in the folder the host offers (<root>/exports/backups).
  const old = await openSession();
  laptops.push(old);
  const recoveryKey = await createVault(old.page);
  await addClient(old.page, 'Nell Abernathy');
  await old.page.evaluate(async () => {
    const api = (globalThis as unknown as PageGlobals).ipt;
    await api.backups.chooseFolder({});
    const run = await api.backups.run({});
    if (!run.ok) throw new Error(run.error.code);
  });
  await old.close();

  // The new laptop: the backup folder copied over, no vault yet.
  const fresh = await openSession();
  laptops.push(fresh);
  cpSync(join(old.dataDir, '..', 'exports', 'backups'), join(fresh.dataDir, '..', 'exports', 'backups'), { recursive: true });
  const { page } = fresh;
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await page.getByRole('button', { name: 'Restore from a backup instead' }).click();
  // The restore replaces the create form; the keyboard starts at its heading.
  await expect(page.getByRole('heading', { name: 'Restore from a backup' })).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toHaveCount(0);
  await expect(page.getByLabel('Passphrase', { exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Choose the backup folder' }).click();
  // One client: "1 client", never "1 clients".
  await expect(page.getByLabel('Backup', { exact: true }).locator('option').first()).toHaveText(/: 1 client, 0 sessions$/);
  await page.getByLabel('Open it with').selectOption('recovery');
  await page.getByLabel('Recovery key for the backup').fill(recoveryKey);
  // A weak new passphrase is measured by the same meter as creation, and refused at its field.
  await page.getByLabel('New passphrase after restoring').fill('password');
  await expect(page.getByText('Very weak')).toBeVisible();
  await page.getByLabel('Type the new passphrase again').fill('password');
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByLabel('New passphrase after restoring')).toHaveAttribute('aria-invalid', 'true');
  // A typo in the repeat is caught before anything is sent.
  await page.getByLabel('New passphrase after restoring').fill(PASSPHRASE);
  await expect(page.getByText('Good: this passphrase can be used.')).toBeVisible();
  await page.getByLabel('Type the new passphrase again').fill(`${PASSPHRASE}x`);
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByText('The two passphrases are not the same.')).toBeVisible();
  await expectAccessible(page, 'restore on a new laptop');
  await screenshot(page, '07-restore-new-laptop');
  await page.getByLabel('Type the new passphrase again').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByText(/Restore the backup of .* \(1 client, 0 sessions\)\?/)).toBeVisible();
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('button', { name: /Nell Abernathy/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('1 client', { exact: true })).toBeVisible();
  expect(fresh.externalRequests).toEqual([]);
  await fresh.close();
});
