import { expect, test } from '@playwright/test';
import type { PageGlobals } from '../support/page-globals.ts';
import { addClient, createVault, E2E_PASSPHRASE, expectAccessible, openSession, type AppSession } from './harness.ts';

let session: AppSession;
test.afterAll(async () => {
  await session?.close().catch(() => undefined);
  session?.cleanup();
});

test('locks after the idle time with a minute’s warning, and "Stay unlocked" resets the timer', async () => {
  session = await openSession();
  const { page } = session;
  await page.clock.install();
  await createVault(page);
  await page.evaluate(() => (globalThis as unknown as PageGlobals).ipt.settings.update({ autoLockMinutes: 2 }));
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByLabel('Passphrase').fill(E2E_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByText('No clients yet.')).toBeVisible({ timeout: 30_000 });
  await page.reload();
  await expect(page.getByText('No clients yet.')).toBeVisible();
  await addClient(page, 'Idle Test');

  await page.clock.runFor(61_000);
  const warning = page.getByRole('alertdialog', { name: 'Still there?' });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('The vault locks in');
  await expectAccessible(page, 'idle warning');
  await warning.getByRole('button', { name: 'Stay unlocked' }).click();
  await expect(warning).toHaveCount(0);

  await page.clock.runFor(61_000);
  await expect(warning).toBeVisible();
  await page.clock.runFor(61_000);
  await expect(page.getByRole('heading', { name: 'Unlock your vault' })).toBeVisible();
  await expect(page.getByText('Idle Test')).toHaveCount(0);
  const status = await page.evaluate(async () => {
    const r = await (globalThis as unknown as PageGlobals).ipt.vault.status({});
    return r.ok ? r.value.state : 'error';
  });
  expect(status).toBe('locked');
});
