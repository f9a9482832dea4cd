/** Readers for what the app writes: DOCX XML, PDF text per page, zip entries (encrypted or not). */
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { BlobReader, configure, TextWriter, Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';

export function docxParts(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).filter(([name]) => name.endsWith('.xml') || name.endsWith('.rels')).map(([name, data]) => [name, strFromU8(data)]));
}

export function docxMedia(bytes: Uint8Array): string[] {
  return Object.keys(unzipSync(bytes)).filter((n) => n.startsWith('word/media/'));
}

/** The visible text of a WordprocessingML part, paragraph by paragraph. */
export function docxText(xml: string): string {
  return xml
    .replace(/<w:p[ >][\s\S]*?<\/w:p>/g, (p) => `${(p.match(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('')}\n`)
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false });
  const doc = await task.promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  await task.destroy();
  return pages;
}

/** What a screen reader gets from a PDF: whether it is tagged (a StructTreeRoot pdf.js can read) and its outline's titles. */
export async function pdfAccessibility(bytes: Uint8Array): Promise<{ structTree: boolean; outline: string[] }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false });
  const doc = await task.promise;
  const tree = await (await doc.getPage(1)).getStructTree();
  const titles = (items: { title: string; items: unknown[] }[] | null): string[] => (items ?? []).flatMap((i) => [i.title, ...titles(i.items as { title: string; items: unknown[] }[])]);
  const outline = titles(await doc.getOutline());
  await task.destroy();
  return { structTree: tree !== null && tree.children.length > 0, outline };
}

export async function readZip(bytes: Uint8Array, password?: string): Promise<Record<string, Uint8Array>> {
  configure({ useWebWorkers: false });
  const reader = new ZipReader(new Uint8ArrayReader(bytes), password ? { password } : {});
  const out: Record<string, Uint8Array> = {};
  try {
    for (const entry of await reader.getEntries()) {
      if (!entry.directory) out[entry.filename] = await entry.getData!(new Uint8ArrayWriter());
    }
  } finally {
    await reader.close();
  }
  return out;
}

export async function zipEntryNames(bytes: Uint8Array): Promise<string[]> {
  const reader = new ZipReader(new BlobReader(new Blob([new Uint8Array(bytes)])));
  const names = (await reader.getEntries()).map((e) => e.filename);
  await reader.close();
  return names;
}

export function readBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

export { TextWriter };
