import { expect, test } from '@playwright/test';
import type { PageGlobals } from '../support/page-globals.ts';
import { createVault, E2E_PASSPHRASE, openSession, type AppSession } from './harness.ts';

let session: AppSession;
test.afterAll(async () => {
  await session?.close().catch(() => undefined);
  session?.cleanup();
});

test('typed text survives the host being killed two seconds after the last keystroke', async () => {
  session = await openSession();
  const { page } = session;
  await createVault(page);
  // Set up through the same contract the screens use.
  const sessionId = await page.evaluate(async () => {
    const api = (globalThis as unknown as PageGlobals).ipt;
    const unwrap = <T,>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
      if (!r.ok) throw new Error(r.error.code);
      return r.value;
    };
    const client = unwrap(await api.clients.create({ fields: { fullName: 'Draft Safety', dateOfBirth: '1990-01-01' } }));
    const course = unwrap(await api.courses.create({ clientId: client.id, type: 'acute', contract: { startDate: '2026-01-05', plannedSessions: 12, frequency: 'weekly' } }));
    return unwrap(await api.sessions.create({ courseId: course.id, date: '2026-01-05', attendance: 'attended' })).id;
  });
  await page.reload();
  await page.getByRole('button', { name: /^Draft Safety/ }).click();
  await page.getByRole('tab', { name: 'Course' }).click();
  await page.getByRole('button', { name: /^Open note/ }).click();
  const field = page.getByLabel('Mood since the last session');
  const words = 'Slept badly after the phone call with her sister, then a calmer weekend';
  await field.pressSequentially(words, { delay: 15 });
  await page.waitForTimeout(2000);

  await session.host.kill();
  await session.restartHost();
  await page.getByLabel('Passphrase').fill(E2E_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: /^Draft Safety/ }).click();
  await page.getByRole('tab', { name: 'Course' }).click();
  await page.getByRole('button', { name: /^Open note/ }).click();
  await expect(page.getByLabel('Mood since the last session')).toHaveValue(words);
  expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
});
