import AxeBuilder from '@axe-core/playwright';
import { chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromiumExecutable, CHROMIUM_ARGS } from '../support/chromium.ts';
import { startHostProcess, type HostProcess } from '../support/host-process.ts';
import type { PageElement } from '../support/page-globals.ts';
import { tempDir } from '../support/temp.ts';

export { chromiumExecutable, CHROMIUM_ARGS };

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-results/screenshots');

export interface AppSession {
  host: HostProcess;
  context: BrowserContext;
  page: Page;
  dataDir: string;
  tmpDir: string;
  profileDir: string;
  /** Every request that tried to leave the host; the test fails if any did. */
  externalRequests: string[];
  restartHost(): Promise<void>;
  close(): Promise<void>;
  cleanup(): void;
}

/** A browser-host session: its own data, temp and browser-profile folders, and a network guard. */
export async function openSession(): Promise<AppSession> {
  const root = tempDir('ipt-e2e-');
  const dataDir = join(root.path, 'data');
  const tmpDir = join(root.path, 'tmp');
  const profileDir = join(root.path, 'profile');
  for (const dir of [dataDir, tmpDir, profileDir]) mkdirSync(dir, { recursive: true });
  const outputDir = join(root.path, 'exports');
  let host = await startHostProcess({ dataDir, tmpDir, outputDir });
  const externalRequests: string[] = [];
  const context = await chromium.launchPersistentContext(profileDir, {
    headless: true,
    ...(chromiumExecutable() ? { executablePath: chromiumExecutable() } : {}),
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    env: { ...process.env, TMPDIR: tmpDir },
  });
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin === new URL(host.url).origin || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    externalRequests.push(url.href);
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(host.openUrl);
  const session: AppSession = {
    get host() {
      return host;
    },
    context,
    page,
    dataDir,
    tmpDir,
    profileDir,
    externalRequests,
    async restartHost() {
      host = await startHostProcess({ dataDir, tmpDir, outputDir });
      await page.goto(host.openUrl);
    },
    async close() {
      await context.close();
      await host.stop();
    },
    cleanup: () => root.remove(),
  };
  return session;
}

/** axe-core on the current screen: no serious or critical violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: ${v.id} (${v.impact}) on ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `axe on ${screen}`).toEqual([]);
}

/** Keeps a screenshot as a test artifact; with a selector, of that part of the screen. */
export async function screenshot(page: Page, name: string, selector?: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  if (selector) {
    // The app scrolls inside its panes: bring the part to the top, then take the window.
    await page.locator(selector).first().evaluate((el) => (el as unknown as PageElement).scrollIntoView({ block: 'start' }));
    await page.screenshot({ path });
  } else await page.screenshot({ path, fullPage: true });
}

export const E2E_PASSPHRASE = 'saffron kettle wanders past nine bridges';

/** First run: passphrase, recovery key shown and typed back; ends on the empty workspace. */
export async function createVault(page: Page, passphrase = E2E_PASSPHRASE): Promise<string> {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Type the passphrase again').fill(passphrase);
  await expect(page.getByText('Good: this passphrase can be used.')).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  const recoveryKey = (await page.getByTestId('recovery-key').textContent())!.trim();
  await page.getByLabel('I have written down my recovery key').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('textbox', { name: 'Recovery key' }).fill(recoveryKey);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByText('No clients yet.')).toBeVisible({ timeout: 30_000 });
  return recoveryKey;
}

export async function addClient(page: Page, fullName: string, dateOfBirth = '1984-03-09'): Promise<void> {
  await page.getByRole('button', { name: 'New client' }).click();
  await page.getByLabel('Full name (required)').fill(fullName);
  await page.getByLabel('Date of birth (required)').fill(dateOfBirth);
  await page.getByRole('button', { name: 'Save client' }).click();
  await expect(page.getByRole('heading', { name: fullName, level: 1 })).toBeVisible();
}
