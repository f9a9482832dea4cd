import { expect, test } from '@playwright/test';
import { createVault, E2E_PASSPHRASE, expectAccessible, openSession, type AppSession } from './harness.ts';

let session: AppSession;
test.afterAll(async () => {
  await session?.close().catch(() => undefined);
  session?.cleanup();
  delete process.env['IPT_HOST_BUILD_DATE'];
});

test('a build over a year old says so at unlock (until dismissed) and in Settings, and asks the internet nothing', async () => {
  // The host stands in for a packaged build made on this day.
  process.env['IPT_HOST_BUILD_DATE'] = '2024-03-01';
  session = await openSession();
  const { page } = session;
  await createVault(page);
  const notice = page.locator('.update-notice');
  await expect(notice).toContainText('A newer version may fix security problems.');
  await expectAccessible(page, 'update notice at unlock');
  // The host cannot open a browser: it says so, with the address. Nothing was requested.
  await notice.getByRole('button', { name: 'Open the download page' }).press('Enter');
  await expect(notice).toContainText('The browser cannot be opened from here. The download page is https://');
  expect(session.externalRequests).toEqual([]);

  await notice.getByRole('button', { name: 'Dismiss this notice' }).press('Enter');
  await expect(notice).toHaveCount(0);
  // Dismissed for this build: not shown again at the next unlock, still shown in Settings.
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByLabel('Passphrase').fill(E2E_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByText('No clients yet.')).toBeVisible({ timeout: 30_000 });
  await expect(notice).toHaveCount(0);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.locator('.update-notice')).toContainText('made on');
  await expect(page.locator('.update-notice').getByRole('button', { name: 'Dismiss this notice' })).toHaveCount(0);
  await expectAccessible(page, 'update notice in settings');
  expect(session.externalRequests).toEqual([]);
});
