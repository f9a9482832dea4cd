import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { countFiles, scanForMarker } from '../support/leak-scanner.ts';
import { tempDir } from '../support/temp.ts';

const MARKER = 'PlantedMarker8841';

describe('leak scanner self-test', () => {
  it('finds a marker planted in a DOCX (inside the compressed XML)', async () => {
    const dir = tempDir();
    const doc = new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun(`Dear GP, ${MARKER} attended.`)] })] }] });
    const bytes = await Packer.toBuffer(doc);
    expect(bytes.includes(Buffer.from(MARKER))).toBe(false); // really compressed, so the scanner must inflate
    writeFileSync(join(dir.path, 'letter.docx'), bytes);
    const findings = scanForMarker(MARKER, [dir.path]);
    expect(findings.some((f) => f.location.includes('word/document.xml'))).toBe(true);
    dir.remove();
  });

  it('finds UTF-16 text, gzip data and PDF Flate streams, in nested folders', () => {
    const dir = tempDir();
    mkdirSync(join(dir.path, 'a/b'), { recursive: true });
    writeFileSync(join(dir.path, 'a/utf16le.txt'), Buffer.from(`x ${MARKER} y`, 'utf16le'));
    const be = Buffer.from(MARKER, 'utf16le');
    be.swap16();
    writeFileSync(join(dir.path, 'a/b/utf16be.bin'), be);
    writeFileSync(join(dir.path, 'a/b/cache.gz'), gzipSync(Buffer.from(MARKER)));
    const stream = deflateSync(Buffer.from(`BT (${MARKER}) Tj ET`));
    writeFileSync(join(dir.path, 'doc.pdf'), Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj <</Filter /FlateDecode>> stream\n'), stream, Buffer.from('\nendstream endobj\n%%EOF')]));
    const found = scanForMarker(MARKER, [dir.path]);
    expect(new Set(found.map((f) => f.encoding))).toEqual(new Set(['utf-16be', 'utf-16le', 'utf-8']));
    expect(found.some((f) => f.file.endsWith('utf16le.txt') && f.encoding === 'utf-16le')).toBe(true);
    expect(found.some((f) => f.file.endsWith('utf16be.bin') && f.encoding === 'utf-16be')).toBe(true);
    expect(found.some((f) => f.location.startsWith('pdf-stream:0'))).toBe(true);
    expect(found.some((f) => f.location.startsWith('gzip'))).toBe(true);
    dir.remove();
  });

  it('reports nothing for clean folders, and counts what it read', () => {
    const dir = tempDir();
    writeFileSync(join(dir.path, 'clean.txt'), 'nothing to see');
    expect(scanForMarker(MARKER, [dir.path, join(dir.path, 'missing')])).toEqual([]);
    expect(countFiles([dir.path])).toBe(1);
    dir.remove();
  });
});
