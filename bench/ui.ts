/**
 * Renderer figures (`ui.*`) and the services' memory: the built renderer in Chromium, driven by
 * Playwright through the browser host (the real services under Node) on a copy of the seeded
 * vault, which then also writes a letter, a referral packet and a backup. The app measures its own
 * moments (renderer/src/perf.ts, names in shared/perf-marks.ts); this reads them from the page's
 * performance timeline.
 * Keystrokes are timed in the page from the key event to the first task after the next paint.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startHostProcess } from '../test/support/host-process.ts';
import { chromiumExecutable, CHROMIUM_ARGS } from '../test/support/chromium.ts';
import type { PageGlobals } from '../test/support/page-globals.ts';
import { PERF } from '../shared/perf-marks.ts';
import { BENCH_PASSPHRASE } from './practice-cache.ts';
import { median } from './stats.ts';

/** The page as the keystroke timer below uses it (page code, typed here without the DOM library). */
interface KeystrokePage {
  __keystrokes: number[];
  document: { activeElement: { addEventListener(type: 'keydown', listener: (event: { timeStamp: number }) => void): void } | null };
  requestAnimationFrame(callback: () => void): number;
  MessageChannel: new () => { port1: { onmessage: (() => void) | null }; port2: { postMessage(message: null): void } };
}

export interface UiFigures {
  unlockToListMs: number;
  unlockListFetchMs: number;
  clientListRenderMs: number;
  clientListRows: number;
  searchKeystrokeMs: number;
  searchResultsMs: number;
  hostPeakRssMb: number;
}

async function measures(page: Page, name: string): Promise<number[]> {
  return page.evaluate((n) => performance.getEntriesByName(n, 'measure').map((m) => m.duration), name);
}

async function waitForMeasures(page: Page, name: string, count: number): Promise<number[]> {
  await page.waitForFunction(([n, c]) => performance.getEntriesByName(n as string, 'measure').length >= (c as number), [name, count] as const, { timeout: 180_000 });
  return measures(page, name);
}

/** The host's peak resident memory, from the kernel (Linux); 0 where /proc is not there. */
function peakRssMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kib / 1024;
  } catch {
    return 0;
  }
}

export async function measureUi(dataDir: string, workDir: string): Promise<UiFigures> {
  const tmpDir = join(workDir, 'ui-tmp');
  mkdirSync(tmpDir, { recursive: true });
  const host = await startHostProcess({ dataDir, tmpDir, outputDir: join(workDir, 'ui-exports') });
  const executablePath = chromiumExecutable();
  const browser = await chromium.launch({ headless: true, args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.route('**/*', (route) => (new URL(route.request().url()).origin === new URL(host.url).origin ? route.continue() : route.abort('blockedbyclient')));
    await page.goto(host.openUrl);

    // Unlock: the app marks the moment the vault answers (key derived, vault open) and the
    // first paint of the client list after it.
    await page.getByLabel('Passphrase', { exact: true }).fill(BENCH_PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    const [unlockToListMs] = await waitForMeasures(page, PERF.unlockToList, 1);

    // The list of every client, rendered again each time the status changes.
    const show = page.getByLabel('Show', { exact: true });
    const rounds = 9;
    for (let i = 0; i < rounds; i++) {
      const before = (await measures(page, PERF.clientListPainted)).length;
      await show.selectOption(i % 2 === 0 ? 'all' : 'active');
      await waitForMeasures(page, PERF.clientListPainted, before + 1);
    }
    const allRenders = await measures(page, PERF.clientListPainted);
    const listRenders = allRenders.slice(1);
    const countText = (await page.locator('.list-count').textContent()) ?? '';
    const clientListRows = Number(countText.replace(/[^\d]/g, ''));

    // Search: open the search screen from the header box, then time keystrokes in its box and
    // the query on Enter.
    await page.getByRole('searchbox', { name: 'Search notes, techniques and clients' }).fill('weekend');
    await page.keyboard.press('Enter');
    const words = page.getByLabel('Words to find');
    // The screen runs the header's query as it opens.
    await page.getByText(/results?, most recent first/).waitFor();
    await words.fill('');
    await words.focus();
    await page.evaluate(() => {
      const w = globalThis as unknown as KeystrokePage;
      w.__keystrokes = [];
      w.document.activeElement!.addEventListener('keydown', (event) => {
        const start = event.timeStamp;
        w.requestAnimationFrame(() => {
          const channel = new w.MessageChannel();
          channel.port1.onmessage = () => w.__keystrokes.push(performance.now() - start);
          channel.port2.postMessage(null);
        });
      });
    });
    const searchTimes: number[] = [];
    for (const query of ['argument', 'sister', 'weekend', 'funeral', 'kitchen', 'grief', 'colleague', 'hopeful']) {
      await words.fill('');
      await page.keyboard.type(query, { delay: 40 });
      const before = (await measures(page, PERF.searchResults)).length;
      await page.keyboard.press('Enter');
      const after = await waitForMeasures(page, PERF.searchResults, before + 1);
      searchTimes.push(after.at(-1)!);
    }
    const keystrokes = await page.evaluate(() => (globalThis as unknown as KeystrokePage).__keystrokes);

    // The heavy work of a day, through the same contract, so the host's peak memory covers it:
    // a progress letter, a referral packet, a backup and its check.
    const failed = await page.evaluate(async (passphrase) => {
      const ipt = (globalThis as unknown as PageGlobals).ipt;
      const problems: string[] = [];
      const need = <T,>(step: string, result: { ok: true; value: T } | { ok: false; error: { code: string } }): T | null => {
        if (result.ok) return result.value;
        problems.push(`${step}: ${result.error.code}`);
        return null;
      };
      const client = need('list', await ipt.clients.list({ status: 'all', nameFilter: '999999' }))?.[0];
      if (!client) return [...problems, 'no large client'];
      const draft = need('draft', await ipt.letters.draft({ clientId: client.id, kind: 'progress', includeProcessNotes: false, authorisationId: null }));
      if (draft) need('letter', await ipt.letters.export({ draft, consentOverrideReason: 'Benchmark letter' }));
      const course = need('courses', await ipt.courses.list({ clientId: client.id }))?.[0];
      if (course) {
        need('packet', await ipt.packet.export({ clientId: client.id, courseIds: [course.id], sessionIds: [], includeMeasures: true, includeLetter: true, recipient: { name: 'Dr Receiver', practice: '', address: '', isGp: false }, includeProcessNotes: false, authorisationId: null, zipPassphrase: 'BENCH-PASS-PHRA-SEXX' }));
      }
      need('folder', await ipt.backups.chooseFolder({}));
      const backup = need('backup', await ipt.backups.run({}));
      if (backup) need('verify', await ipt.backups.verify({ name: backup.name, passphrase }));
      return problems;
    }, BENCH_PASSPHRASE);
    if (failed.length) throw new Error(`the host could not do the day's work: ${failed.join(', ')}`);

    return {
      unlockToListMs: unlockToListMs!,
      // The first render after unlock is part of unlock-to-list; what is left is the list's fetch.
      unlockListFetchMs: unlockToListMs! - allRenders[0]!,
      clientListRenderMs: median(listRenders),
      clientListRows,
      searchKeystrokeMs: median(keystrokes),
      searchResultsMs: median(searchTimes),
      hostPeakRssMb: peakRssMb(host.child.pid),
    };
  } finally {
    await browser.close();
    await host.stop();
  }
}
