import { expect, test, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { todayIso } from '../../shared/schemas/dates.ts';
import type { PageGlobals } from '../support/page-globals.ts';
import { addClient, createVault, expectAccessible, openSession, screenshot, type AppSession } from './harness.ts';

let session: AppSession;
test.afterAll(async () => {
  await session?.close().catch(() => undefined);
  session?.cleanup();
});

/** A calendar date as the screen shows it (the page's own formatter, so any locale works). */
function shown(page: Page, iso: string): Promise<string> {
  return page.evaluate((d) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.parse(`${d}T00:00:00Z`)), iso);
}

/** The sessions table row of the session on `iso`. */
async function row(page: Page, iso: string) {
  const when = await shown(page, iso);
  return page.getByRole('row').filter({ has: page.getByRole('button', { name: new RegExp(`^Edit the session of ${when}`) }) });
}

/** The session column of each row, in table order. */
async function numbers(page: Page): Promise<string[]> {
  return page.locator('section[aria-labelledby="sessions-heading"] tbody tr:has(td:nth-child(5)) td:nth-child(3)').allTextContents();
}

/** The treatment paragraph of a progress-letter draft, as main writes it. */
function letterTreatment(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const api = (globalThis as unknown as PageGlobals).ipt;
    const clients = await api.clients.list({});
    if (!clients.ok) throw new Error(clients.error.code);
    const draft = await api.letters.draft({ clientId: clients.value[0]!.id, kind: 'progress' });
    if (!draft.ok) throw new Error(draft.error.code);
    return draft.value.sections.find((s) => s.id === 'treatment')!.text;
  });
}

test('plan a 16-session course, correct attendance, move sessions, delete a mistaken one, export the appointments', async () => {
  session = await openSession();
  const { page } = session;
  await createVault(page);
  await addClient(page, 'Ada Quinn');

  await page.getByRole('tab', { name: 'Course' }).click();
  await page.getByLabel('Start date').fill('2026-01-05');
  await page.getByLabel('Planned sessions').fill('16');
  await page.getByRole('button', { name: 'Start course' }).click();
  await expect(page.getByText('No sessions yet · 16 planned')).toBeVisible();

  // Plan the course from the contract: sixteen weekly dates, accepted as offered, at 10:00.
  await page.getByRole('button', { name: 'Plan sessions' }).click();
  await page.getByRole('button', { name: 'Suggest dates' }).click();
  await expect(page.getByLabel('Session 16 date')).toHaveValue('2026-04-20');
  for (let i = 1; i <= 16; i++) await page.getByLabel(`Session ${i} time`).fill('10:00');
  await expectAccessible(page, 'plan sessions');
  await screenshot(page, '70-plan-sessions', 'form[aria-labelledby="plan-heading"]');
  await page.getByRole('button', { name: 'Plan 16 sessions' }).click();
  await expect(page.getByRole('cell', { name: 'Planned', exact: true })).toHaveCount(16);

  // Fourteen sessions happened (set up through the API: the screens are tested on one below).
  await page.evaluate(async () => {
    const api = (globalThis as unknown as PageGlobals).ipt;
    const clients = await api.clients.list({});
    if (!clients.ok) throw new Error(clients.error.code);
    const courses = await api.courses.list({ clientId: clients.value[0]!.id });
    if (!courses.ok) throw new Error(courses.error.code);
    const list = await api.sessions.list({ courseId: courses.value[0]!.id });
    if (!list.ok) throw new Error(list.error.code);
    for (const s of list.value.slice(0, 14)) {
      const r = await api.sessions.update({ id: s.id, expectedUpdatedAt: s.updatedAt, attendance: 'attended' });
      if (!r.ok) throw new Error(r.error.code);
    }
  });
  // Calls made behind the screen's back: going into a note and back refetches the course.
  await (await row(page, '2026-01-05')).getByRole('button', { name: /^Open note/ }).click();
  await page.getByRole('button', { name: '← Back to the course' }).click();
  await expect(page.getByText('2 sessions remain in the contract')).toBeVisible();
  expect((await numbers(page)).slice(12, 16)).toEqual(['13 of 16', '14 of 16', '–', '–']);
  await expect((await row(page, '2026-04-06')).getByRole('cell', { name: 'Ending phase' })).toBeVisible();
  expect(await letterTreatment(page)).toMatch(/14 of 14 sessions offered so far were attended/);

  // One wrong click: the fourth session is marked did-not-attend. Numbers, phase, ending prompt and the letter follow.
  await (await row(page, '2026-01-26')).getByRole('button', { name: /^Edit/ }).click();
  const edit = page.getByRole('form', { name: /Correct the session of/ });
  await edit.getByLabel('Status').selectOption({ label: 'Did not attend' });
  await expectAccessible(page, 'correct a session');
  await screenshot(page, '71-correct-session', 'section[aria-labelledby="sessions-heading"]');
  await edit.getByRole('button', { name: 'Save session' }).click();
  await expect(page.getByText('3 sessions remain in the contract')).toBeVisible();
  expect((await numbers(page)).slice(3, 5)).toEqual(['–', '4 of 16']);
  await expect((await row(page, '2026-04-06')).getByRole('cell', { name: '13 of 16' })).toBeVisible();
  await expect((await row(page, '2026-04-06')).getByRole('cell', { name: 'Middle phase' })).toBeVisible();
  expect(await letterTreatment(page)).toMatch(/13 of 14 sessions offered so far were attended/);

  // Corrected back to attended.
  await (await row(page, '2026-01-26')).getByRole('button', { name: /^Edit/ }).click();
  await page.getByRole('form', { name: /Correct the session of/ }).getByLabel('Status').selectOption({ label: 'Attended' });
  await page.getByRole('form', { name: /Correct the session of/ }).getByRole('button', { name: 'Save session' }).click();
  await expect(page.getByText('2 sessions remain in the contract')).toBeVisible();
  await expect((await row(page, '2026-04-06')).getByRole('cell', { name: '14 of 16' })).toBeVisible();
  expect(await letterTreatment(page)).toMatch(/14 of 14 sessions offered so far were attended/);

  // A holiday: session 15 and every later one move by a week, by keyboard.
  await (await row(page, '2026-04-13')).getByRole('button', { name: /^Move/ }).click();
  const move = page.getByRole('form', { name: /Move the session of/ });
  await move.getByLabel('New date').fill('2026-04-20');
  await move.getByLabel(/This one and every later planned session/).check();
  await expectAccessible(page, 'move sessions');
  await move.getByRole('button', { name: 'Move', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(await row(page, '2026-04-27')).toBeVisible();
  await expect(await row(page, '2026-04-13')).toHaveCount(0);
  await expect((await row(page, '2026-04-06')).getByRole('cell', { name: '14 of 16' })).toBeVisible();

  // A session recorded by mistake shifts every number; deleting it (after confirming) puts them back.
  await page.getByLabel('Session date').fill('2026-01-06');
  await page.getByLabel('Time', { exact: true }).first().fill('15:00');
  await page.getByRole('button', { name: 'Record session' }).click();
  await expect((await row(page, '2026-01-06')).getByRole('cell', { name: '2 of 16' })).toBeVisible();
  await expect(page.getByText('1 session remains in the contract')).toBeVisible();
  await (await row(page, '2026-01-06')).getByRole('button', { name: /^Delete/ }).click();
  const confirm = page.getByRole('group', { name: /Delete the session of/ });
  await expect(confirm).toBeFocused();
  await expectAccessible(page, 'delete a session');
  await confirm.getByRole('button', { name: 'Delete session' }).click();
  await expect(await row(page, '2026-01-06')).toHaveCount(0);
  await expect(page.getByText('2 sessions remain in the contract')).toBeVisible();
  expect((await numbers(page)).slice(0, 2)).toEqual(['1 of 16', '2 of 16']);
  expect(await letterTreatment(page)).toMatch(/14 of 14 sessions offered so far were attended/);

  // The overview shows the next appointment (the first planned one from today on).
  await page.getByRole('tab', { name: 'Overview' }).click();
  const today = todayIso();
  const next = ['2026-04-20', '2026-04-27'].find((d) => d >= today);
  await expect(page.getByText(next ? `${await shown(page, next)} at 10:00` : 'None planned')).toBeVisible();

  // The appointments for the user's own calendar: initials only, no alarms, read back by a parser.
  await page.getByRole('tab', { name: 'Course' }).click();
  await page.getByRole('button', { name: 'Export appointments (.ics)' }).click();
  await expect(page.getByText('Calendar file saved.')).toBeVisible();
  const dir = join(session.dataDir, '..', 'exports');
  const name = readdirSync(dir).find((n) => n.endsWith('.ics'))!;
  const text = readFileSync(join(dir, name), 'utf8');
  expect(text).not.toMatch(/Ada|Quinn|VALARM/);
  const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  expect(events.map((e) => [e.summary, e.startDate.toString()])).toEqual([
    ['AQ', '2026-04-20T10:00:00'],
    ['AQ', '2026-04-27T10:00:00'],
  ]);

  // The sessions of the year as a spreadsheet for the therapist's own records: BOM, initials.
  await page.getByRole('button', { name: 'Settings' }).click();
  const csvForm = page.getByRole('form', { name: 'Sessions as a spreadsheet' });
  await csvForm.getByLabel('From').fill('2026-01-01');
  await csvForm.getByLabel('To', { exact: true }).fill('2026-12-31');
  await expectAccessible(page, 'settings with sessions CSV');
  await csvForm.getByRole('button', { name: 'Export sessions as CSV…' }).click();
  await expect(csvForm.getByText('Spreadsheet saved.')).toBeVisible();
  const csv = readFileSync(join(dir, readdirSync(dir).find((n) => n.endsWith('.csv'))!));
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csv.toString('utf8').slice(1).trim().split('\r\n');
  expect(lines[0]).toBe('Date,Time,Minutes,Status,Modality,Client');
  expect(lines).toHaveLength(17);
  expect(lines[1]).toBe('2026-01-05,10:00,50,Attended,In person,AQ');
  expect(lines[16]).toBe('2026-04-27,10:00,50,Planned,In person,AQ');
});
