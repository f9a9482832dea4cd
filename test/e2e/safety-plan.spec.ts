import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { PageGlobals } from '../support/page-globals.ts';
import { pdfPages } from '../support/readers.ts';
import { createVault, E2E_PASSPHRASE, expectAccessible, openSession, screenshot, type AppSession } from './harness.ts';

let session: AppSession;
test.afterAll(async () => {
  await session?.close().catch(() => undefined);
  session?.cleanup();
});

test('an open item-9 risk leads to a safety plan: made, saved, revised, printed, and the first version is still there', async () => {
  session = await openSession();
  const { page } = session;
  await createVault(page);
  // The client, a person in the inventory and a PHQ-9 with question 9 answered 2, through the same contract the screens use.
  await page.evaluate(async () => {
    const api = (globalThis as unknown as PageGlobals).ipt;
    const unwrap = <T,>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
      if (!r.ok) throw new Error(r.error.code);
      return r.value;
    };
    const client = unwrap(await api.clients.create({ fields: { fullName: 'Mira Solberg', dateOfBirth: '1990-02-03' } }));
    unwrap(await api.people.create({ clientId: client.id, fields: { name: 'Ingrid', relationship: 'sibling' } }));
    unwrap(await api.measures.administer({ clientId: client.id, instrumentId: 'phq9', answers: [3, 3, 2, 2, 2, 2, 2, 1, 2] }));
  });
  // Locking drops every cached read; after unlocking, the screens read what the calls above wrote.
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByLabel('Passphrase').fill(E2E_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: /Mira Solberg/ }).click({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Risk assessment needed' })).toBeVisible();
  await expect(page.getByText('No safety plan yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Make or review the safety plan' }).click();

  // The plan opens in place of the overview, with focus on its heading.
  await expect(page.getByRole('heading', { name: 'Safety plan', level: 2 })).toBeFocused();
  await expect(page.getByText('Opened from an open risk record')).toBeVisible();
  // Nothing written: the message is at the warning signs, and nothing is saved.
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(page.getByText('Write at least one warning sign: they say when to use the plan.')).toBeVisible();
  await expectAccessible(page, 'safety plan with a message');

  // Filled in by keyboard: type, Tab to the next control, Enter on buttons.
  await page.getByLabel('Warning sign 1', { exact: true }).fill('Lying awake going over the argument');
  await page.getByRole('button', { name: 'Add a thing to do' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Thing to do on my own 1', { exact: true })).toBeFocused();
  await page.keyboard.type('Walk the dog by the river');
  await page.getByRole('button', { name: 'Add a person', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.getByLabel('Person 1: from the inventory', { exact: true }).selectOption({ label: 'Ingrid' });
  await expect(page.getByLabel('Person 1: name', { exact: true })).toHaveValue('Ingrid');
  await page.getByLabel('Person 1: phone', { exact: true }).fill('07700 900123');
  await page.getByRole('button', { name: 'Add a service or crisis line' }).click();
  await page.getByLabel('Service 1', { exact: true }).fill('Out-of-hours line');
  await page.getByLabel('Service 1: phone', { exact: true }).fill('0800 000 111');
  await page.getByRole('button', { name: 'Add a safety step' }).click();
  await page.getByLabel('Safety step 1', { exact: true }).fill('Tablets kept by my sister');
  await page.getByRole('button', { name: 'Add a reason' }).click();
  await page.getByLabel('Reason 1', { exact: true }).fill('Seeing my niece grow up');
  await page.getByRole('button', { name: 'Save as a new version' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Saved as version 1' })).toBeVisible();
  await expectAccessible(page, 'safety plan saved');
  await screenshot(page, '60-safety-plan');

  // A revision: one more reason, saved as version 2.
  await page.getByRole('button', { name: 'Add a reason' }).click();
  await page.getByLabel('Reason 2', { exact: true }).fill('Finishing my degree');
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as version 2' })).toBeVisible();

  // The client's copy: a PDF with the plan and no score.
  await page.getByRole('button', { name: 'Print the client’s copy (PDF)' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved as [A-Z]+ safety plan version 2 \d{4}-\d\d-\d\d\.pdf/ })).toBeVisible();
  const text = (await pdfPages(new Uint8Array(readFileSync(join(session.dataDir, '..', 'exports', readdirSync(join(session.dataDir, '..', 'exports')).find((n) => / safety plan version 2 .*\.pdf$/.test(n))!))))).join(' ');
  expect(text).toContain('Finishing my degree');
  expect(text).toContain('Ingrid: 07700 900123');
  expect(text).not.toMatch(/PHQ|score|diagnos/i);

  // The first version is still there, as it was, and opens by keyboard.
  const first = page.locator('details').filter({ hasText: 'Version 1, saved' });
  await first.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(first).toContainText('Seeing my niece grow up');
  await expect(first).not.toContainText('Finishing my degree');
  await expect(first).toContainText('answers a risk record');
  await expectAccessible(page, 'safety plan versions');

  // Back to the overview: the panel names the current version and has the focus.
  await page.getByRole('button', { name: 'Back to the overview' }).click();
  await expect(page.getByRole('button', { name: 'Open the safety plan' })).toBeFocused();
  await expect(page.getByText(/Version 2, saved/)).toBeVisible();
  expect(session.externalRequests).toEqual([]);
});
