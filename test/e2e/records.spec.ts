import { expect, test } from '@playwright/test';
import { addClient, createVault, expectAccessible, openSession, screenshot, type AppSession } from './harness.ts';

let session: AppSession;
test.afterAll(async () => {
  await session?.close().catch(() => undefined);
  session?.cleanup();
});

test('retention list, permanent deletion with a typed name, and the audit trail check', async () => {
  session = await openSession();
  const { page } = session;
  await createVault(page);
  await addClient(page, 'Ines Moreau');
  await addClient(page, 'Keep Me');

  await page.getByRole('button', { name: 'Settings' }).click();
  const exportPanel = page.getByRole('region', { name: 'Export everything' });
  const exportButton = exportPanel.getByRole('button', { name: 'Export everything…' });
  await expect(exportButton).toBeDisabled();
  await exportPanel.getByLabel('Passphrase for the zip file').fill('short');
  await expect(exportPanel.getByText('Use at least 12 characters.')).toBeVisible();
  await exportPanel.getByLabel('Passphrase for the zip file').fill('amber otter quietly sings');
  await exportButton.click();
  await expect(exportPanel.getByText(/^Saved IPT Workstation export .*\.zip\.$/)).toBeVisible();
  await expectAccessible(page, 'settings-export');

  const panel = page.getByRole('region', { name: 'Keeping and deleting records' });
  await expect(panel.getByText('No records are past their retention date.')).toBeVisible();
  await panel.getByLabel('Show every record, to delete one made by mistake').check();
  await panel.getByRole('button', { name: 'Delete permanently… Ines Moreau' }).click();
  await expect(panel.getByText('This record is still inside its retention period.')).toBeVisible();
  const confirm = panel.getByRole('button', { name: 'Delete permanently', exact: true });
  await expect(confirm).toBeDisabled();
  await panel.getByLabel(/Type the client's full name/).fill('Ines Moreu');
  await expect(confirm).toBeDisabled();
  await expectAccessible(page, 'settings-delete-confirm');
  await panel.getByLabel(/Type the client's full name/).fill('Ines Moreau');
  await confirm.click();
  await expect(panel.getByText("Ines Moreau's record was deleted.")).toBeVisible();
  await expect(panel.getByRole('cell', { name: 'Ines Moreau', exact: true })).toHaveCount(0);
  await expect(panel.getByRole('cell', { name: 'Keep Me', exact: true })).toBeVisible();

  const audit = page.getByRole('region', { name: 'Audit trail' });
  await audit.getByRole('button', { name: 'Check the audit trail' }).click();
  await expect(audit.getByText(/The audit trail is intact: \d+ entries checked\./)).toBeVisible();
  await audit.getByLabel('Show entries for').selectOption({ label: 'Keep Me' });
  await expect(audit.getByRole('cell', { name: 'Client created' })).toHaveCount(1);
  await audit.getByLabel('Show entries for').selectOption({ label: 'Everyone, and the app itself' });
  await audit.getByLabel('Kind of event').selectOption({ label: 'Client deleted' });
  await expect(audit.getByRole('cell', { name: 'Client deleted' })).toHaveCount(1);
  await expectAccessible(page, 'settings-audit-filtered');
  await screenshot(page, 'settings-records-audit', 'section[aria-labelledby="retention-heading"]');

  const clients = page.getByRole('navigation', { name: 'Clients' });
  await expect(clients.getByRole('button', { name: /^Keep Me/ })).toBeVisible();
  await expect(clients.getByRole('button', { name: /^Ines Moreau/ })).toHaveCount(0);
});
