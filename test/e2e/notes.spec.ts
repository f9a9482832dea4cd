import { expect, test } from '@playwright/test';
import { addClient, createVault, expectAccessible, openSession, screenshot, type AppSession } from './harness.ts';

let session: AppSession;
test.afterAll(async () => {
  await session?.close().catch(() => undefined);
  session?.cleanup();
});

test('a session with a communication analysis that becomes a role play, then problem solving; sign; addendum; search', async () => {
  session = await openSession();
  const { page } = session;
  await createVault(page);

  // The practice profile names the clinician on signed notes.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Clinician name').fill('Dr Rowan Ellis');
  await page.getByLabel('Credentials').fill('DClinPsy');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Practice profile saved.')).toBeVisible();
  await expectAccessible(page, 'settings');

  await addClient(page, 'Noor Haddad');
  await page.getByRole('tab', { name: 'Inventory' }).click();
  await page.getByRole('button', { name: 'Add a person' }).click();
  await page.getByLabel('Name or initials').fill('Sam');
  await page.getByLabel('Relationship', { exact: true }).selectOption({ label: 'Partner' });
  await page.getByRole('button', { name: 'Add to inventory' }).click();
  await page.getByRole('tab', { name: 'Course' }).click();
  await page.getByLabel('Start date').fill('2026-01-05');
  await page.getByRole('button', { name: 'Start course' }).click();
  await page.getByLabel('Primary problem area').selectOption({ label: 'Role dispute' });
  await page.getByRole('button', { name: 'Save problem areas' }).click();
  await expect(page.getByRole('form', { name: 'Problem areas' }).getByRole('status')).toHaveText('Saved.');
  await page.getByLabel('Session date').fill('2026-01-05');
  await page.getByRole('button', { name: 'Record session' }).click();
  await page.getByRole('button', { name: /^Open note/ }).first().click();

  // The structured note saves itself.
  await expect(page.getByRole('heading', { name: /Session 1 of 12/ })).toBeVisible();
  await page.getByLabel('Mood since the last session').fill('Low, flat, tearful on Sunday');
  await page.getByLabel('Work on the problem area').fill('Went through the Sunday argument in detail.');
  await expect(page.getByRole('region', { name: 'Session note' }).getByRole('status')).toContainText('Saved at');
  await expectAccessible(page, 'session note (draft)');

  // A communication analysis, ordered first for a role dispute.
  await expect(page.getByLabel('Add a technique')).toHaveValue('communication-analysis');
  // The button stands level with the list it adds from, not with the hint under it.
  const listBox = (await page.getByLabel('Add a technique').boundingBox())!;
  const addBox = (await page.getByRole('button', { name: 'Add technique' }).boundingBox())!;
  expect(Math.abs(addBox.y - listBox.y)).toBeLessThanOrEqual(1);
  expect(Math.abs(addBox.height - listBox.height)).toBeLessThanOrEqual(2);
  await page.getByRole('button', { name: 'Add technique' }).click();
  await page.getByLabel('Entry 1: When it happened').fill('Sunday evening');
  await page.getByLabel('Entry 1: With whom').selectOption({ label: 'Sam' });
  await page.getByLabel('Entry 1: Where, and what was going on').fill('Washing up after dinner');
  await page.getByRole('button', { name: 'Add a turn' }).click();
  await page.getByLabel('Turn 1: words, as remembered').fill('You always leave it to me');
  await page.getByLabel('Turn 1: tone of voice').fill('tired');
  await page.getByLabel('Turn 1: face, body, gestures').fill('back turned');
  await page.getByLabel('Going silent or withdrawing').check();
  await page.getByLabel('Entry 1: The one to try').fill('Say I am worn out and ask to share the evenings');
  await expect(page.getByRole('region', { name: /Communication analysis/ }).getByRole('status')).toContainText('Saved at');
  await screenshot(page, '20-communication-analysis', '.entry');

  // It becomes a role play, prefilled.
  await page.getByRole('button', { name: 'Continue as role play' }).click();
  await expect(page.getByLabel('Entry 2: What the client wants from the conversation')).toHaveValue('Say I am worn out and ask to share the evenings');
  await expect(page.getByLabel('Entry 2: The other person')).toHaveValue(/.+/);
  await page.getByLabel('Entry 2: Confidence before (0-10)').selectOption('3');
  await page.getByLabel('Entry 2: Confidence after (0-10)').selectOption('7');
  await page.getByLabel('Entry 2: Plan to try it for real').fill('Ask Sam on Saturday morning about a washing-up rota');
  await expect(page.getByRole('region', { name: /Role play/ }).getByRole('status')).toContainText('Saved at');

  // Then a problem-solving entry, prefilled from the plan.
  await page.getByRole('button', { name: 'Continue as problem solving' }).click();
  await expect(page.getByLabel('Entry 3: The problem, stated specifically')).toHaveValue('Ask Sam on Saturday morning about a washing-up rota');
  await page.getByRole('button', { name: 'Add an option' }).click();
  await page.getByLabel('Option 1', { exact: true }).fill('Write the rota together');
  await page.getByLabel('Option 1: rating').selectOption('8');
  await expect(page.getByRole('region', { name: /Problem solving/ }).getByRole('status')).toContainText('Saved at');
  await expectAccessible(page, 'three technique entries');
  await screenshot(page, '21-session-with-entries');

  // Sign, then add an addendum.
  await page.getByRole('button', { name: 'Sign note' }).click();
  await expect(page.getByText('The note is signed.')).toBeVisible();
  await expect(page.getByText(/signed .* by Dr Rowan Ellis, DClinPsy/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add technique' })).toHaveCount(0);
  await page.getByLabel('New addendum').fill('Client emailed: the Saturday talk went well.');
  await page.getByRole('button', { name: 'Add addendum' }).click();
  await expect(page.getByText('Client emailed: the Saturday talk went well.')).toBeVisible();
  await expectAccessible(page, 'signed note with addendum');
  await screenshot(page, '22-signed-note');

  // Find it by a word in the role play.
  await page.getByRole('searchbox', { name: 'Search notes, techniques and clients' }).fill('rota');
  await page.keyboard.press('Enter');
  const result = page.getByRole('button', { name: /Noor Haddad · Technique: Role play/ });
  await expect(result).toBeVisible();
  await expect(result.locator('mark').first()).toHaveText('rota');
  await expectAccessible(page, 'search results');
  await screenshot(page, '23-search');
  // One key from either search box reaches the first result.
  const searchbox = page.getByRole('searchbox', { name: 'Search notes, techniques and clients' });
  await expect(searchbox).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.search-results button').first()).toBeFocused();
  await page.getByLabel('Words to find').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.search-results button').first()).toBeFocused();
  await page.getByRole('button', { name: /Noor Haddad · Technique/ }).first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /Session 1 of 12/ })).toBeVisible();
  // Focus goes to the opened note's heading, not back to the top of the page.
  await expect(page.getByRole('heading', { name: /Session 1 of 12/ })).toBeFocused();

  // A client record opened from the results: focus on the client's name.
  await searchbox.fill('Haddad');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /Noor Haddad · Client record/ }).click();
  await expect(page.getByRole('heading', { name: 'Noor Haddad', level: 1 })).toBeFocused();

  expect(session.externalRequests).toEqual([]);
});
