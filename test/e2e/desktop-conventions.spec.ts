/**
 * The application menu's commands, through the keys the renderer binds to them (the browser host
 * has no menu; in the desktop app the menu sends the same command names, see shell-main.test.ts):
 * Print (Ctrl+P), Export (Ctrl+E), Back up now (Ctrl+B) and Settings (Ctrl+,).
 */
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PageGlobals } from '../support/page-globals.ts';
import { addClient, createVault, expectAccessible, openSession, type AppSession } from './harness.ts';

let session: AppSession;
test.afterAll(async () => {
  await session?.close().catch(() => undefined);
  session?.cleanup();
});

function exports(): string[] {
  try {
    return readdirSync(join(session.dataDir, '..', 'exports'));
  } catch {
    return [];
  }
}

test('menu commands by keyboard: print what is open, export, back up now, settings', async () => {
  session = await openSession();
  const { page } = session;
  await createVault(page);

  // Print with nothing printable open: a plain message, nothing written.
  await page.keyboard.press('Control+p');
  await expect(page.getByText('Open a session note or a course to print it.')).toBeVisible();
  expect(exports()).toEqual([]);
  await expectAccessible(page, 'print with nothing open');

  // Back up now before a folder is chosen: the reason, in words.
  await page.keyboard.press('Control+b');
  await expect(page.getByText('Choose a folder for backups first.')).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByText('Choose a folder for backups first.')).toBeHidden();

  // Settings, and Export opens Settings at the export panel with focus on its heading.
  await page.keyboard.press('Control+,');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Help' }).click();
  await page.keyboard.press('Control+e');
  await expect(page.getByRole('heading', { name: 'Export everything' })).toBeFocused();

  // With a course open, Print saves the course summary; with a note open, the session.
  await addClient(page, 'Imogen Vance');
  await page.evaluate(async () => {
    const api = (globalThis as unknown as PageGlobals).ipt;
    const unwrap = <T,>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
      if (!r.ok) throw new Error(r.error.code);
      return r.value;
    };
    const client = unwrap(await api.clients.list({})).find((c) => c.fullName === 'Imogen Vance')!;
    const course = unwrap(await api.courses.create({ clientId: client.id, type: 'acute', contract: { startDate: '2026-01-05', plannedSessions: 12, frequency: 'weekly' } }));
    const s = unwrap(await api.sessions.create({ courseId: course.id, date: '2026-01-05', attendance: 'attended' }));
    unwrap(await api.notes.saveDraft({ sessionId: s.id, fields: { intervalMood: 'Steadier this week' } }));
  });
  await page.getByRole('tab', { name: 'Course' }).click();
  await page.getByRole('button', { name: /Open note/ }).first().waitFor();
  await page.keyboard.press('Control+p');
  await expect(page.getByText(/^Saved .*\.pdf\.$/)).toBeVisible({ timeout: 30_000 });
  const afterCourse = exports();
  expect(afterCourse).toHaveLength(1);
  expect(readFileSync(join(session.dataDir, '..', 'exports', afterCourse[0]!)).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByRole('button', { name: /Open note/ }).first().click();
  await expect(page.locator('#note-heading')).toBeFocused();
  await page.keyboard.press('Control+p');
  await expect(page.getByText(/^Saved .*\.pdf\.$/)).toBeVisible({ timeout: 30_000 });
  const added = exports().filter((n) => !afterCourse.includes(n));
  expect(added).toHaveLength(1);
  expect(added[0]).not.toBe(afterCourse[0]);
  await expectAccessible(page, 'printed from the menu');

  // Settings › A log for support: saved where the user chooses, with no name and no path in it.
  await page.keyboard.press('Control+,');
  await page.getByRole('button', { name: 'Save the log for support…' }).click();
  await expect(page.getByText(/^Saved IPT Workstation support log \d{4}-\d\d-\d\d\.txt\. Attach it/)).toBeVisible();
  const logName = exports().find((n) => n.startsWith('IPT Workstation support log'))!;
  const log = readFileSync(join(session.dataDir, '..', 'exports', logName), 'utf8');
  expect(log).toContain(' call documents.print ');
  expect(log).not.toContain('Imogen');
  expect(log).not.toContain(session.dataDir);
  await expectAccessible(page, 'support log saved');
});
