import { expect, test } from '@playwright/test';
import { addClient, createVault, expectAccessible, openSession, screenshot, type AppSession } from './harness.ts';

let session: AppSession;
test.afterAll(async () => {
  await session?.close().catch(() => undefined);
  session?.cleanup();
});

test('copy a built-in template, edit the copy, and use it in a session; the practice prefers "interpersonal sensitivity"', async () => {
  session = await openSession();
  const { page } = session;
  await createVault(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Name of the fourth problem area').selectOption({ label: 'Interpersonal sensitivity' });
  await expect(page.getByText('Preferences saved.')).toBeVisible();
  await page.getByRole('button', { name: 'Make my own copy of Clarification' }).click();
  await page.getByLabel('Template title').fill('Clarification (short)');
  await page.getByLabel('Section 1, field 4: label').fill('What became clearer, in the client’s words');
  await page.getByRole('button', { name: 'Add a field to section 1' }).click();
  await page.getByLabel('Section 1, field 5: label').fill('Confidence now');
  await page.getByLabel('Section 1, field 5: kind').selectOption({ label: 'Rating 0-10' });
  await expectAccessible(page, 'template editor');
  await screenshot(page, '40-template-editor');
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(page.getByText('Saved “Clarification (short)” as version 2.')).toBeVisible();

  await addClient(page, 'Tove Lind');
  await page.getByRole('tab', { name: 'Course' }).click();
  await page.getByRole('button', { name: 'Start course' }).click();
  await expect(page.getByLabel('Primary problem area')).toContainText('Interpersonal sensitivity');
  await page.getByRole('button', { name: 'Record session' }).click();
  await page.getByRole('button', { name: /^Open note/ }).click();
  await page.getByLabel('Add a technique').selectOption({ label: 'Clarification (short)' });
  await page.getByRole('button', { name: 'Add technique' }).click();
  await expect(page.getByRole('heading', { name: /Clarification \(short\) \(version 2\)/ })).toBeVisible();
  await page.getByLabel('Entry 1: Confidence now').selectOption('6');
  await page.getByLabel('Entry 1: What became clearer, in the client’s words').fill('That asking is allowed');
  await expect(page.getByRole('region', { name: /Clarification \(short\)/ }).getByRole('status')).toContainText('Saved at');
  await expectAccessible(page, 'custom template entry');
  expect(session.externalRequests).toEqual([]);
});
