import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { docxParts, docxText, pdfPages, readZip } from '../support/readers.ts';
import type { PageGlobals } from '../support/page-globals.ts';
import { scanForMarker } from '../support/leak-scanner.ts';
import { addClient, createVault, expectAccessible, openSession, screenshot, type AppSession } from './harness.ts';

let session: AppSession;
test.afterAll(async () => {
  await session?.close().catch(() => undefined);
  session?.cleanup();
});

function exported(match: RegExp): Uint8Array {
  const dir = join(session.dataDir, '..', 'exports');
  const name = readdirSync(dir).find((n) => match.test(n));
  if (!name) throw new Error(`no export matching ${match} in ${readdirSync(dir).join(', ')}`);
  return new Uint8Array(readFileSync(join(dir, name)));
}

test('a progress letter and a referral packet through the screens, and a session summary printed to PDF', async () => {
  session = await openSession();
  const { page } = session;
  await createVault(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Clinician name').fill('Dr Rowan Ellis');
  await page.getByLabel('Practice name').fill('Riverside IPT Practice');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Practice profile saved.')).toBeVisible();
  await addClient(page, 'Noor Haddad');
  await page.evaluate(async () => {
    const api = (globalThis as unknown as PageGlobals).ipt;
    const unwrap = <T,>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
      if (!r.ok) throw new Error(r.error.code);
      return r.value;
    };
    const client = unwrap(await api.clients.list({})).find((c) => c.fullName === 'Noor Haddad')!;
    const full = unwrap(await api.clients.get({ id: client.id }));
    unwrap(await api.clients.update({ id: client.id, expectedUpdatedAt: full.updatedAt, fields: { ...full.fields, gpConsent: 'yes', gpConsentDate: '2026-01-05', referrer: { name: 'Dr Okafor', practice: 'Riverside Surgery', address: '2 River Road', email: '' }, presentingProblem: 'low mood after moving in with her partner' } }));
    const course = unwrap(await api.courses.create({ clientId: client.id, type: 'acute', contract: { startDate: '2026-01-05', plannedSessions: 12, frequency: 'weekly' } }));
    for (const [i, date] of ['2026-01-05', '2026-01-12', '2026-01-19'].entries()) {
      const s = unwrap(await api.sessions.create({ courseId: course.id, date, attendance: 'attended' }));
      unwrap(await api.notes.saveDraft({ sessionId: s.id, fields: { intervalMood: `Week ${i + 1}: low but steadier`, workDone: 'Looked at the Sunday argument' } }));
      unwrap(await api.measures.administer({ clientId: client.id, sessionId: s.id, instrumentId: 'phq9', answers: [2, 2, 2, 1, 1, 1, 1, 0, 0].map((a) => Math.max(0, a - i)) as (0 | 1 | 2 | 3)[], administeredOn: date }));
    }
  });

  // A progress letter: preview, edit, export.
  await page.getByRole('tab', { name: 'Letters and exports' }).click();
  await page.getByLabel('Kind of letter').selectOption({ label: 'Progress letter' });
  await page.getByRole('button', { name: 'Write the letter' }).click();
  await expect(page.getByRole('form', { name: 'Letter preview' })).toBeVisible();
  await expect(page.getByLabel('Recipient', { exact: true })).toHaveValue('Dr Okafor');
  const plan = page.getByLabel('Plan and requests: text');
  await plan.fill('We will continue weekly. Please review her sleep medication.');
  await expectAccessible(page, 'letter preview');
  // The boxes use the app's own font, like every other field.
  const fonts = await page.evaluate(() => {
    const g = globalThis as unknown as { document: { body: unknown; querySelector(s: string): unknown }; getComputedStyle(e: unknown): { fontFamily: string } };
    return { body: g.getComputedStyle(g.document.body).fontFamily, box: g.getComputedStyle(g.document.querySelector('.letter-preview textarea')).fontFamily };
  });
  expect(fonts.box).toBe(fonts.body);
  await screenshot(page, '50-letter-preview', '.letter-preview');
  await page.getByRole('button', { name: 'Export as a Word document' }).click();
  await expect(page.getByText(/^Saved NH progress letter \d{4}-\d\d-\d\d\.docx\./)).toBeVisible();
  // "Show in folder" is offered next to the message; the browser host has no file manager and says so.
  await page.getByRole('button', { name: 'Show in folder' }).press('Enter');
  await expect(page.getByText('Showing the folder is not available here.')).toBeVisible();
  const letter = docxText(docxParts(exported(/^NH progress letter .*\.docx$/))['word/document.xml']!);
  expect(letter).toContain('Please review her sleep medication.');
  expect(letter).toContain('Re: Noor Haddad');
  await expect(page.getByRole('region', { name: 'Letters sent' })).toContainText('Progress letter to Dr Okafor');

  // A referral packet, reviewed before export. Without a recipient the shared schema stops it at the field, before anything is sent.
  await page.getByRole('button', { name: 'Review what will be exported' }).click();
  await expect(page.getByLabel('Packet recipient', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('form', { name: 'Choose what goes in the packet' }).getByText('Enter who the letter is to.')).toBeVisible();
  await page.getByLabel('Packet recipient', { exact: true }).fill('Dr Mensah');
  await page.getByLabel('Packet recipient’s service').fill('Northgate Psychology');
  await page.getByRole('button', { name: 'Review what will be exported' }).click();
  const review = page.getByRole('region', { name: 'What will be exported' });
  await expect(review).toContainText('fhir-bundle.json');
  await expect(review).toContainText('3 sessions, 3 questionnaires');
  const passphrase = (await page.getByTestId('packet-passphrase').textContent())!.trim();
  await expectAccessible(page, 'packet review');
  await screenshot(page, '51-packet-review', '[aria-label="What will be exported"]');
  await page.getByRole('button', { name: 'Export the packet' }).click();
  await expect(page.getByText(/^Saved NH referral packet \d{4}-\d\d-\d\d\.zip\./)).toBeVisible();
  const files = await readZip(exported(/^NH referral packet .*\.zip$/), passphrase);
  expect(Object.keys(files).sort()).toEqual(['fhir-bundle.json', 'manifest.json', 'record-summary.pdf', 'referral-letter.docx', 'referral-letter.pdf']);

  // A session summary printed to PDF.
  await page.getByRole('tab', { name: 'Course' }).click();
  await page.getByRole('button', { name: /^Open note/ }).first().click();
  await page.getByRole('button', { name: 'Save this session as PDF' }).click();
  await expect(page.getByText(/^Saved NH session summary \d{4}-\d\d-\d\d\.pdf\./)).toBeVisible();
  const pages = await pdfPages(exported(/^NH session summary .*\.pdf$/));
  expect(pages.join(' ')).toContain('Session 1 of 12');
  expect(pages[0]).toContain('Noor Haddad');
  await expectAccessible(page, 'session with print');
  expect(session.externalRequests).toEqual([]);

  // After letters, packet and print: the client's name is only in the files the user exported,
  // never in the data, temp or browser-profile folders.
  await session.close();
  expect(scanForMarker('Noor Haddad', [join(session.dataDir, '..', 'exports')])).not.toEqual([]);
  expect(scanForMarker('Noor Haddad', [session.dataDir, session.tmpDir, session.profileDir])).toEqual([]);
});
