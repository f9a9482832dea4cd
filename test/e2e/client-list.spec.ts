import { expect, test } from '@playwright/test';
import { createVault, expectAccessible, openSession, screenshot, type AppSession } from './harness.ts';

let session: AppSession;
test.afterAll(async () => {
  await session?.close().catch(() => undefined);
  session?.cleanup();
});

const CLIENTS = 150;

test('a long client list keeps only the rows in view in the page and is walked by keyboard', async () => {
  session = await openSession();
  const { page } = session;
  await createVault(page);
  // Many clients through the app's own contract object, as the client form would save them.
  const created = await page.evaluate(async (count) => {
    const ipt = (globalThis as unknown as { ipt: { clients: { create(input: unknown): Promise<{ ok: boolean }> } } }).ipt;
    let ok = 0;
    for (let i = 0; i < count; i++) {
      const result = await ipt.clients.create({ fields: { fullName: `Client ${String(i).padStart(3, '0')}`, dateOfBirth: '1980-01-01' } });
      if (result.ok) ok++;
    }
    return ok;
  }, CLIENTS);
  expect(created).toBe(CLIENTS);
  const list = page.getByRole('navigation', { name: 'Clients' });
  // A change of the status control reloads the list.
  await list.getByLabel('Show').selectOption('all');
  await expect(list.getByText(`${CLIENTS} clients`)).toBeVisible();

  const rows = list.getByRole('listitem');
  const rendered = await rows.count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(60);
  await expect(rows.first()).toHaveAttribute('aria-setsize', String(CLIENTS));
  await expect(rows.first()).toHaveAttribute('aria-posinset', '1');

  await list.getByRole('button', { name: /^Client 000/ }).focus();
  await page.keyboard.press('End');
  await expect(page.locator(':focus')).toHaveText(/^Client 149/);
  await expect(page.locator('li:has(:focus)')).toHaveAttribute('aria-posinset', String(CLIENTS));
  await page.keyboard.press('Home');
  await expect(page.locator(':focus')).toHaveText(/^Client 000/);
  await page.keyboard.press('PageDown');
  await expect(page.locator(':focus')).toHaveText(/^Client 010/);
  await page.keyboard.press('ArrowDown');
  await expect(page.locator(':focus')).toHaveText(/^Client 011/);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(page.locator(':focus')).toHaveText(/^Client 009/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /Client 009/ })).toBeVisible();
  await screenshot(page, 'client-list-long');
  await expectAccessible(page, 'client-list-long');
});
