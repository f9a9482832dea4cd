/** What documents need from the shell: PDF rendering and saving where the user chooses. */
export interface PdfOptions {
  paperSize: 'A4' | 'Letter';
  /** Printed at the top of every page (client name and date of birth). */
  headerText: string;
}

export interface SaveResult {
  saved: boolean;
  fileName: string;
  /** An opaque id for "Show in folder" (the path stays in main); null when nothing was saved. */
  fileId: string | null;
}

export interface DocumentPlatform {
  htmlToPdf(html: string, options: PdfOptions): Promise<Uint8Array>;
  /** Asks where to save (desktop) or writes into the chosen output folder (browser host). */
  saveFile(suggestedName: string, data: Uint8Array): Promise<SaveResult>;
  /** The system print dialog; false where there is none (the browser host). */
  printDialog(html: string, options: PdfOptions): Promise<boolean>;
  /** Shows a saved file in the system's file manager (desktop only); false if the id is unknown. */
  showInFolder?(fileId: string): boolean;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Chromium header and footer templates (Electron printToPDF and Playwright page.pdf share them). */
export function pageTemplates(options: PdfOptions): { headerTemplate: string; footerTemplate: string } {
  const style = 'font-family: DejaVu Sans, Verdana, sans-serif; font-size: 8px; color: #333; width: 100%; padding: 0 14mm; display: flex; justify-content: space-between;';
  return {
    headerTemplate: `<div style="${style}"><span>${escapeHtml(options.headerText)}</span><span>Confidential</span></div>`,
    footerTemplate: `<div style="${style}"><span>IPT Workstation</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
  };
}
