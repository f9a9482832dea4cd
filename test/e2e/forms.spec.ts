import { expect, test } from '@playwright/test';
import { addClient, createVault, E2E_PASSPHRASE, expectAccessible, openSession, type AppSession } from './harness.ts';

let session: AppSession;
test.describe.configure({ mode: 'serial' });
test.afterAll(async () => {
  await session?.close().catch(() => undefined);
  session?.cleanup();
});

test('course forms keep typed text across tab switches, and a lock asks before it would lose it', async () => {
  session = await openSession();
  const { page } = session;
  await createVault(page);
  await addClient(page, 'Robin Keeps');
  await page.getByRole('tab', { name: 'Course' }).click();
  await page.getByLabel('Start date').fill('2026-01-05');
  await page.getByRole('button', { name: 'Start course' }).click();
  await expect(page.getByText('No sessions yet · 12 planned')).toBeVisible();

  // A field error shows at the field before anything is sent (the shared schema, checked here).
  const checklist = page.getByRole('form', { name: 'Initial phase checklist' });
  await checklist.getByLabel('Code system (optional)').selectOption('ICD-10');
  await checklist.getByLabel('Diagnosis code').fill('not a code');
  await checklist.getByRole('button', { name: 'Save checklist' }).click();
  await expect(checklist.getByLabel('Diagnosis code')).toHaveAttribute('aria-invalid', 'true');
  await expect(checklist).toContainText('Enter a code like F32.1 or 6A70.');
  await checklist.getByLabel('Diagnosis code').fill('F32.1');
  await expect(checklist.getByLabel('Diagnosis code')).not.toHaveAttribute('aria-invalid', 'true');
  const formulation = page.getByRole('form', { name: 'Formulation' });

  // Typed, not saved, then another tab and back: the text is still there.
  const words = 'Low mood since the move; conflict with partner over the new role';
  await formulation.getByLabel('Written formulation').fill(words);
  await page.getByLabel('Diagnosis', { exact: true }).fill('Depressive episode');
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByRole('heading', { name: 'Current course' })).toBeVisible();
  await page.getByRole('tab', { name: 'Course' }).click();
  await expect(page.getByRole('form', { name: 'Formulation' }).getByLabel('Written formulation')).toHaveValue(words);
  await expect(page.getByLabel('Diagnosis', { exact: true })).toHaveValue('Depressive episode');
  await expect(page.getByRole('form', { name: 'Formulation' })).toContainText('Unsaved changes from before');

  // Another client and back: still there.
  await addClient(page, 'Sam Other');
  await page.getByRole('button', { name: /^Robin Keeps/ }).click();
  await page.getByRole('tab', { name: 'Course' }).click();
  await expect(page.getByRole('form', { name: 'Formulation' }).getByLabel('Written formulation')).toHaveValue(words);

  // Lock: asked first. "Stay" keeps everything as it was.
  await page.getByRole('button', { name: 'Lock' }).click();
  const question = page.getByRole('alertdialog', { name: 'Unsaved changes' });
  await expect(question).toContainText('the formulation');
  await expect(question).toContainText('the initial phase checklist');
  await expectAccessible(page, 'unsaved changes question');
  await question.getByRole('button', { name: 'Stay' }).click();
  await expect(question).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Formulation' }).getByLabel('Written formulation')).toHaveValue(words);

  // Lock again and save: both sections are saved, then the vault locks.
  await page.getByRole('button', { name: 'Lock' }).click();
  await question.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock your vault' })).toBeVisible();
  await page.getByLabel('Passphrase').fill(E2E_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: /^Robin Keeps/ }).click();
  await page.getByRole('tab', { name: 'Course' }).click();
  await expect(page.getByRole('form', { name: 'Formulation' }).getByLabel('Written formulation')).toHaveValue(words);
  await expect(page.getByLabel('Diagnosis', { exact: true })).toHaveValue('Depressive episode');
  await expect(page.getByRole('form', { name: 'Formulation' })).not.toContainText('Unsaved changes from before');

  // Discard at lock: the edit is gone after unlocking, the saved text is not.
  await page.getByRole('form', { name: 'Formulation' }).getByLabel('Written formulation').fill('Not to be kept');
  await page.getByRole('button', { name: 'Lock' }).click();
  await question.getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock your vault' })).toBeVisible();
  await page.getByLabel('Passphrase').fill(E2E_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: /^Robin Keeps/ }).click();
  await page.getByRole('tab', { name: 'Course' }).click();
  await expect(page.getByRole('form', { name: 'Formulation' }).getByLabel('Written formulation')).toHaveValue(words);
});

test('a late reply for an earlier filter does not replace the list for the current one', async () => {
  const { page } = session;
  // Hold back the reply to the first filter ("S") until the second ("Robin") has been answered.
  let releaseFirst: () => void = () => undefined;
  const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
  let sawFirst = false;
  await page.route('**/rpc/clients.list', async (route) => {
    const body = route.request().postDataJSON() as { nameFilter?: string };
    if (body.nameFilter === 'S') {
      sawFirst = true;
      await firstHeld;
    }
    await route.continue();
  });
  const filter = page.getByLabel('Filter by name');
  await filter.fill('S');
  await expect.poll(() => sawFirst).toBe(true);
  await filter.fill('Robin');
  const list = page.getByRole('navigation', { name: 'Clients' });
  await expect(list.getByRole('button', { name: /^Robin Keeps/ })).toBeVisible();
  await expect(list.getByRole('button', { name: /^Sam Other/ })).toHaveCount(0);
  // Now the reply for "S" (Sam Other only) arrives, late.
  releaseFirst();
  await page.waitForResponse((r) => r.url().endsWith('/rpc/clients.list'));
  await page.waitForTimeout(300);
  await expect(list.getByRole('button', { name: /^Robin Keeps/ })).toBeVisible();
  await expect(list.getByRole('button', { name: /^Sam Other/ })).toHaveCount(0);
  await page.unroute('**/rpc/clients.list');
});

test('the template editor keeps typed text when the user goes to another screen and comes back', async () => {
  const { page } = session;
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Make my own copy of Clarification' }).click();
  const editor = page.getByRole('region', { name: /^Edit your template/ });
  const title = 'Clarification, in my words';
  await editor.getByLabel('Template title').fill(title);
  await editor.getByLabel('Section 1, field 1: label').fill('What the client meant to say');

  // Another screen and back: the editor opens again with the typed text, and says it is unsaved.
  await page.getByRole('button', { name: 'New client' }).click();
  await expect(page.getByRole('heading', { name: 'New client' })).toBeVisible();
  await expect(editor).toHaveCount(0);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(editor.getByLabel('Template title')).toHaveValue(title);
  await expect(editor.getByLabel('Section 1, field 1: label')).toHaveValue('What the client meant to say');
  await expect(editor).toContainText('Unsaved changes from before are shown.');
  await expectAccessible(page, 'template editor with kept edits');

  // A field error shows at the field before anything is sent (the shared template schema).
  await editor.getByLabel('Template title').fill('');
  await editor.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(editor.getByLabel('Template title')).toHaveAttribute('aria-invalid', 'true');
  await expect(editor).toContainText('Give the template a title.');
  await editor.getByLabel('Template title').fill(title);
  await editor.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(page.getByText(`Saved “${title}” as version 2.`)).toBeVisible();
  // Saved: nothing is kept, so going away and back shows the list, not the editor.
  await page.getByRole('button', { name: 'New client' }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('button', { name: `Edit ${title}` })).toBeVisible();
  await expect(editor).toHaveCount(0);
});
