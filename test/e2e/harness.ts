import AxeBuilder from '@axe-core/playwright';
import { chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startHostProcess, type HostProcess } from '../support/host-process.ts';
import { tempDir } from '../support/temp.ts';

/** Debian's Chromium here (CHROMIUM_PATH overrides); Playwright's own browser elsewhere. */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) return fromEnv;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
];

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
  let host = await startHostProcess({ dataDir, tmpDir });
  const externalRequests: string[] = [];
  const context = await chromium.launchPersistentContext(profileDir, {
    headless: true,
    ...(chromiumExecutable() ? { executablePath: chromiumExecutable() } : {}),
    args: CHROMIUM_ARGS,
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
      host = await startHostProcess({ dataDir, tmpDir });
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

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
