/**
 * The browser host's document platform: PDFs from Chromium (playwright-core), files written into
 * the output folder given at launch. Development and tests only.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { ensurePrivateFolder } from '../main/data/fs-atomic.ts';
import { basename, extname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { pageTemplates, type DocumentPlatform, type PdfOptions, type SaveResult } from '../main/domain/documents/platform.ts';

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-extensions'];

function chromiumPath(): string | undefined {
  if (process.env['CHROMIUM_PATH']) return process.env['CHROMIUM_PATH'];
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export class HostDocumentPlatform implements DocumentPlatform {
  private browser: Promise<Browser> | null = null;
  private readonly outputDir: string;

  constructor(outputDir: string) {
    this.outputDir = outputDir;
  }

  async htmlToPdf(html: string, options: PdfOptions): Promise<Uint8Array> {
    this.browser ??= chromium.launch({ headless: true, args: FLAGS, ...(chromiumPath() ? { executablePath: chromiumPath()! } : {}) });
    const browser = await this.browser;
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      // Nothing may be fetched: the document is self-contained.
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({
        format: options.paperSize,
        printBackground: true,
        displayHeaderFooter: true,
        // As the desktop app: tagged for screen readers, with an outline from the headings.
        tagged: true,
        outline: true,
        ...pageTemplates(options),
        margin: { top: '22mm', bottom: '20mm', left: '16mm', right: '16mm' },
      });
      return new Uint8Array(pdf);
    } finally {
      await context.close();
    }
  }

  async saveFile(suggestedName: string, data: Uint8Array): Promise<SaveResult> {
    ensurePrivateFolder(this.outputDir);
    const safe = basename(suggestedName).replace(/[^\w .()-]/g, '_');
    const ext = extname(safe);
    let name = safe;
    for (let n = 2; existsSync(join(this.outputDir, name)); n++) name = `${safe.slice(0, safe.length - ext.length)} (${n})${ext}`;
    writeFileSync(join(this.outputDir, name), data, { mode: 0o600 });
    // An id the page can pass back; the host cannot show a folder, so it keeps no path for it.
    return { saved: true, fileName: name, fileId: randomUUID() };
  }

  async printDialog(): Promise<boolean> {
    return false;
  }

  async close(): Promise<void> {
    if (this.browser) await (await this.browser).close();
    this.browser = null;
  }
}
