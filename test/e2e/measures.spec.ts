import { expect, test } from '@playwright/test';
import type { PageGlobals } from '../support/page-globals.ts';
import { addClient, createVault, E2E_PASSPHRASE, expectAccessible, openSession, screenshot, type AppSession } from './harness.ts';

let session: AppSession;
test.afterAll(async () => {
  await session?.close().catch(() => undefined);
  session?.cleanup();
});

test('a PHQ-9 in client mode with item 9 = 1: the client sees no alert, the therapist does, records the assessment, and sees the chart', async () => {
  session = await openSession();
  const { page } = session;
  await createVault(page);
  await addClient(page, 'Robin Ashe');
  // A course, sessions, a life event and a first PHQ-9, through the same contract the screens use.
  await page.evaluate(async () => {
    const api = (globalThis as unknown as PageGlobals).ipt;
    const unwrap = <T,>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
      if (!r.ok) throw new Error(r.error.code);
      return r.value;
    };
    const client = unwrap(await api.clients.list({})).find((c) => c.fullName === 'Robin Ashe')!;
    const course = unwrap(await api.courses.create({ clientId: client.id, type: 'acute', contract: { startDate: '2026-01-05', plannedSessions: 12, frequency: 'weekly' } }));
    const first = unwrap(await api.sessions.create({ courseId: course.id, date: '2026-01-05', attendance: 'attended' }));
    unwrap(await api.sessions.create({ courseId: course.id, date: '2026-02-16', attendance: 'attended' }));
    unwrap(await api.measures.administer({ clientId: client.id, sessionId: first.id, instrumentId: 'phq9', answers: [2, 2, 2, 2, 2, 2, 2, 2, 0], administeredOn: '2026-01-05' }));
    unwrap(await api.timeline.createEvent({ clientId: client.id, fields: { date: '2026-01-25', kind: 'move', title: 'Moved back home' } }));
  });
  await page.getByRole('tab', { name: 'Measures' }).click();
  await expect(page.getByRole('heading', { name: 'Progress' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Other 0-10 ratings' })).toBeVisible();
  await page.getByLabel('GAD-7', { exact: true }).uncheck();
  await page.getByRole('button', { name: 'Hand the laptop to the client' }).click();

  // The client's screen: the questionnaire only.
  await expect(page.getByRole('heading', { name: 'Questionnaire' })).toBeVisible();
  await expect(page.getByText('Robin Ashe')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Lock' })).toHaveCount(0);
  await expect(page.getByText('Over the last 2 weeks, how often have you been bothered by any of the following problems?')).toBeVisible();
  await expect(page.getByText('Developed by Drs. Robert L. Spitzer')).toBeVisible();
  const refused = await page.evaluate(async () => {
    const r = await (globalThis as unknown as PageGlobals).ipt.clients.list({});
    return r.ok ? 'ok' : r.error.code;
  });
  expect(refused).toBe('CLIENT_MODE');
  const answers = ['Several days', 'More than half the days', 'Several days', 'Several days', 'Not at all', 'Several days', 'Not at all', 'Not at all', 'Several days'];
  for (const [i, label] of answers.entries()) {
    await page.getByRole('group', { name: new RegExp(`^${i + 1}\\. `) }).getByLabel(label).check();
  }
  await page.getByRole('group', { name: /how difficult have these problems/ }).getByLabel('Somewhat difficult').check();
  await expectAccessible(page, 'client mode questionnaire');
  await screenshot(page, '30-client-mode');
  await page.getByRole('button', { name: 'I have finished' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you' })).toBeVisible();
  await expect(page.getByText(/risk|question 9|self-harm/i)).toHaveCount(0);
  await expectAccessible(page, 'client mode thank you');

  // The therapist ends client mode with the passphrase and sees the alert.
  await page.getByRole('button', { name: 'For the therapist: end the questionnaire' }).click();
  await page.getByLabel('Therapist’s passphrase').fill('not my passphrase at all');
  await page.getByRole('button', { name: 'End and return to the record' }).click();
  await expect(page.getByRole('alert')).toContainText('does not open this vault');
  await page.getByLabel('Therapist’s passphrase').fill(E2E_PASSPHRASE);
  await page.getByRole('button', { name: 'End and return to the record' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'PHQ-9 question 9' })).toContainText('answered with 1 out of 3');
  await expect(page.getByRole('heading', { name: 'Risk assessment needed' })).toBeVisible();
  await expectAccessible(page, 'therapist sees the item-9 alert');
  await screenshot(page, '31-item9-alert');
  await page.getByRole('textbox', { name: 'Risk assessment' }).fill('Passive thoughts only, no plan or intent. Safety plan reviewed; agreed to call if worse.');
  await page.getByRole('button', { name: 'Record assessment' }).click();
  await expect(page.getByRole('heading', { name: 'Risk assessment needed' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Dismiss this message' }).click();

  // The chart: two PHQ-9 administrations and the life event on the same axis.
  const chart = page.locator('.measures-chart').first();
  await expect(chart.locator('.series-phq9 circle')).toHaveCount(2);
  await expect(chart.locator('.chart-event')).toHaveCount(1);
  await expect(chart).toContainText('Moved back home');
  await expect(page.getByRole('row', { name: /^9\. Thoughts that you would be better off dead/ })).toContainText('(changed from 0)');
  await expectAccessible(page, 'measures tab');
  await screenshot(page, '32-measures-chart', '.measures-tab');

  // A paper PHQ-9 from the 16 February session, entered today, goes on 16 February.
  await page.getByRole('button', { name: 'Enter a PHQ-9' }).click();
  const form = page.getByRole('form', { name: 'Enter a PHQ-9' });
  // The button goes away: focus is on the questionnaire's heading, not at the top of the page.
  await expect(form.getByRole('heading', { name: 'PHQ-9', exact: true })).toBeFocused();
  for (const i of [0, 1, 2, 3, 4, 5, 6, 7, 8]) await form.getByRole('group', { name: new RegExp(`^${i + 1}\\. `) }).getByLabel(i < 4 ? 'Several days' : 'Not at all').check();
  const dateField = form.getByLabel('Date the client answered');
  await expect(dateField).toHaveValue(await page.evaluate(() => new Date().toLocaleDateString('en-CA')));
  // Leaving the field checks it (the form checks on blur, so its message shows before Save is pressed).
  await dateField.fill(`${new Date().getFullYear() + 1}-01-01`);
  await dateField.blur();
  await expect(form.getByText('This date cannot be in the future.')).toBeVisible();
  await form.getByRole('button', { name: 'Save PHQ-9' }).click();
  await expect(form.getByText('This date cannot be in the future.')).toBeVisible();
  await expect(chart.locator('.series-phq9 circle')).toHaveCount(2);
  await dateField.fill('2026-02-16');
  await dateField.blur();
  await expect(form.getByText('This date cannot be in the future.')).toHaveCount(0);
  await expectAccessible(page, 'entering a dated PHQ-9');
  await form.getByRole('button', { name: 'Save PHQ-9' }).click();
  await expect(form).toHaveCount(0);
  await expect(chart.locator('.series-phq9 circle')).toHaveCount(3);
  const columns = page.getByRole('region', { name: 'PHQ-9 answers by question (scrolls sideways)' }).getByRole('columnheader');
  const headings = await columns.allTextContents();
  const feb16 = await page.evaluate(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(2026, 1, 16)));
  // Ordered by the day answered: 5 January, then the paper form of 16 February, then today's in client mode.
  expect(headings.findIndex((h) => h.startsWith(feb16))).toBe(2);
  expect(session.externalRequests).toEqual([]);
});
