/**
 * The desktop app's document platform: PDFs from a hidden, script-less window (printToPDF), the
 * system save and print dialogs. The page is served from memory through app://ipt/__print/…, so
 * no document ever touches a temporary file.
 */
import { app, BrowserWindow, dialog, shell } from 'electron';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { pageTemplates, type DocumentPlatform, type PdfOptions } from '../domain/documents/platform.ts';
import { SavedFiles } from '../domain/documents/saved-files.ts';

/** Print pages use only inline styles and embedded images; they run no script. */
export const PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'self'";
export const PRINT_PATH = '/__print/';

const pending = new Map<string, string>();

/** The HTML of a print job, served once by the protocol handler. */
export function takePrintPage(pathname: string): string | null {
  if (!pathname.startsWith(PRINT_PATH)) return null;
  const id = pathname.slice(PRINT_PATH.length);
  const html = pending.get(id) ?? null;
  pending.delete(id);
  return html;
}

async function withPrintWindow<T>(html: string, origin: string, work: (window: BrowserWindow) => Promise<T>): Promise<T> {
  const id = randomUUID();
  pending.set(id, html);
  const window = new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, disableBlinkFeatures: 'Auxclick', spellcheck: false } });
  try {
    await window.loadURL(`${origin}${PRINT_PATH}${id}`);
    return await work(window);
  } finally {
    pending.delete(id);
    window.destroy();
  }
}

/** The save dialog's file-type filter for a suggested name, so the system names the kind of file. */
export function saveFilters(suggestedName: string): { name: string; extensions: string[] }[] {
  const kinds: Record<string, string> = { '.pdf': 'PDF document', '.docx': 'Word document', '.zip': 'Zip archive', '.csv': 'CSV spreadsheet', '.txt': 'Text file', '.json': 'JSON file' };
  const ext = extname(suggestedName).toLowerCase();
  const kind = kinds[ext];
  return kind ? [{ name: kind, extensions: [ext.slice(1)] }] : [];
}

/** Where the last file was saved (a device preference), so the next save dialog opens there. */
export interface SaveFolderMemory {
  last(): string;
  remember(folder: string): void;
}

export function electronDocuments(origin: string, parent: () => BrowserWindow | null, folders: SaveFolderMemory): DocumentPlatform {
  const saved = new SavedFiles();
  return {
    htmlToPdf: (html: string, options: PdfOptions) =>
      withPrintWindow(html, origin, async (window) =>
        new Uint8Array(
          await window.webContents.printToPDF({
            pageSize: options.paperSize,
            printBackground: true,
            displayHeaderFooter: true,
            // Tagged for screen readers, with an outline (bookmarks) built from the headings.
            generateTaggedPDF: true,
            generateDocumentOutline: true,
            ...pageTemplates(options),
            margins: { top: 0.87, bottom: 0.79, left: 0.63, right: 0.63 },
          }),
        ),
      ),
    saveFile: async (suggestedName: string, data: Uint8Array) => {
      const owner = parent();
      const options = { defaultPath: join(folders.last() || app.getPath('documents'), suggestedName), filters: saveFilters(suggestedName) };
      const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { saved: false, fileName: suggestedName, fileId: null };
      await writeFile(choice.filePath, data, { mode: 0o600 });
      folders.remember(dirname(choice.filePath));
      return { saved: true, fileName: choice.filePath.split(/[\\/]/).pop() ?? suggestedName, fileId: saved.remember(choice.filePath) };
    },
    showInFolder: (fileId: string) => {
      const path = saved.pathOf(fileId);
      if (path) shell.showItemInFolder(path);
      return path !== null;
    },
    printDialog: (html: string) =>
      withPrintWindow(
        html,
        origin,
        (window) => new Promise<boolean>((resolve) => window.webContents.print({ silent: false, printBackground: true }, (success) => resolve(success))),
      ),
  };
}
