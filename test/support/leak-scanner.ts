/**
 * Finds a marker string anywhere in files below some folders: as UTF-8, UTF-16LE and UTF-16BE,
 * inside zip entries (DOCX, XLSX, packets), inside gzip data, and inside PDF Flate streams.
 * Used to prove that client data never reaches disk outside the encrypted vault.
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, inflateSync, inflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';

export interface LeakFinding {
  file: string;
  /** Where inside the file, e.g. "zip:word/document.xml" or "pdf-stream:3". */
  location: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
}

function encodings(marker: string): [LeakFinding['encoding'], Buffer][] {
  const le = Buffer.from(marker, 'utf16le');
  const be = Buffer.from(le);
  be.swap16();
  return [
    ['utf-8', Buffer.from(marker, 'utf8')],
    ['utf-16le', le],
    ['utf-16be', be],
  ];
}

function scanBytes(bytes: Uint8Array, marker: string, file: string, location: string, depth: number, out: LeakFinding[]): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const [encoding, needle] of encodings(marker)) {
    if (buffer.includes(needle)) out.push({ file, location, encoding });
  }
  if (depth > 4) return;
  if (buffer.length > 4 && buffer.readUInt32LE(0) === 0x04034b50) {
    try {
      for (const [name, data] of Object.entries(unzipSync(bytes))) scanBytes(data, marker, file, `${location}zip:${name}/`, depth + 1, out);
    } catch {
      // encrypted or damaged zip: the raw bytes were scanned above
    }
  }
  if (buffer.length > 2 && buffer[0] === 0x1f && buffer[1] === 0x8b) {
    try {
      scanBytes(gunzipSync(buffer), marker, file, `${location}gzip/`, depth + 1, out);
    } catch {
      // not really gzip
    }
  }
  if (buffer.subarray(0, 5).toString('latin1') === '%PDF-') scanPdfStreams(buffer, marker, file, location, depth, out);
}

function scanPdfStreams(pdf: Buffer, marker: string, file: string, location: string, depth: number, out: LeakFinding[]): void {
  let index = 0;
  let count = 0;
  while ((index = pdf.indexOf('stream', index, 'latin1')) !== -1) {
    let start = index + 'stream'.length;
    if (pdf[start] === 0x0d) start++;
    if (pdf[start] === 0x0a) start++;
    const end = pdf.indexOf('endstream', start, 'latin1');
    if (end === -1) break;
    const data = pdf.subarray(start, end);
    for (const inflate of [inflateSync, inflateRawSync]) {
      try {
        scanBytes(inflate(data), marker, file, `${location}pdf-stream:${count}/`, depth + 1, out);
        break;
      } catch {
        // not Flate data, or not this variant
      }
    }
    count++;
    index = end + 'endstream'.length;
  }
}

export function scanForMarker(marker: string, roots: string[]): LeakFinding[] {
  const findings: LeakFinding[] = [];
  const walk = (path: string) => {
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      return;
    }
    if (stat.isSymbolicLink()) return;
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) walk(join(path, name));
      return;
    }
    if (!stat.isFile()) return;
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      return;
    }
    scanBytes(bytes, marker, path, '', 0, findings);
  };
  for (const root of roots) if (existsSync(root)) walk(root);
  return findings;
}

/** How many files were looked at: a scan of nothing proves nothing. */
export function countFiles(roots: string[]): number {
  let count = 0;
  const walk = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
    else if (stat.isFile()) count++;
  };
  for (const root of roots) if (existsSync(root)) walk(root);
  return count;
}
