/**
 * The letter as DOCX (the `docx` package): letterhead on the first page, date, recipient, a
 * "Re:" line, the chosen sections, a measures table taken from the vault, the chart and circle as
 * images, the sign-off, and "Confidential" with page numbers on every page.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import { instrument } from '../../../../shared/ipt/instruments.ts';
import type { LetterDraft } from '../../../../shared/schemas/documents.ts';
import { longDate, type RecordData } from './record-data.ts';

export interface LetterImages {
  chartPng: Uint8Array | null;
  circlePng: Uint8Array | null;
}

const PAGE = {
  A4: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
  Letter: { width: convertMillimetersToTwip(215.9), height: convertMillimetersToTwip(279.4) },
};

function paragraphs(text: string): Paragraph[] {
  return text
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => new Paragraph({ spacing: { after: 160 }, children: block.split('\n').flatMap((line, i) => (i ? [new TextRun({ text: line, break: 1 })] : [new TextRun(line)])) }));
}

/** First and latest PHQ-9 and GAD-7 with dates, bands and the change verdict with its rule. */
export function measuresTableRows(data: RecordData): string[][] {
  const rows: string[][] = [];
  for (const id of ['phq9', 'gad7'] as const) {
    const c = data.summary?.[id];
    if (!c) continue;
    const verdict = c.reliableChange ? `${c.reliableChange.verdict} (${c.reliableChange.rule})` : data.summary?.nhs ? data.summary.nhs.summary : 'not assessed (no reliable-change settings)';
    rows.push([
      instrument(id).name,
      `${c.first.total} (${c.first.band}), ${longDate(c.first.administeredOn)}`,
      `${c.latest.total} (${c.latest.band}), ${longDate(c.latest.administeredOn)}`,
      c.first.id === c.latest.id ? '' : c.difference > 0 ? `+${c.difference}` : String(c.difference),
      c.first.id === c.latest.id ? 'one score so far' : verdict,
    ]);
  }
  return rows;
}

function cell(text: string, header = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold: header, size: 20 })] })] });
}

function image(data: Uint8Array, width: number, height: number, altText: string): Paragraph {
  return new Paragraph({
    spacing: { after: 200 },
    children: [new ImageRun({ type: 'png', data, transformation: { width, height }, altText: { name: altText, title: altText, description: altText } })],
  });
}

function confidentialFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: 'Confidential', bold: true, size: 18 }), new TextRun({ text: '   Page ', size: 18 }), new TextRun({ children: [PageNumber.CURRENT], size: 18 }), new TextRun({ text: ' of ', size: 18 }), new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 18 })],
      }),
    ],
  });
}

export async function buildLetterDocx(draft: LetterDraft, data: RecordData, images: LetterImages): Promise<Buffer> {
  const p = data.profile;
  const f = data.client.fields;
  const letterhead: Paragraph[] = [];
  if (p.logo) letterhead.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [new ImageRun({ type: p.logo.mime === 'image/png' ? 'png' : 'jpg', data: Buffer.from(p.logo.base64, 'base64'), transformation: { width: 120, height: 60 } })] }));
  letterhead.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: p.practiceName || p.clinicianName, bold: true, size: 28 })] }));
  for (const line of [...p.address.split('\n'), [p.phone, p.email].filter(Boolean).join(' · ')].filter(Boolean)) {
    letterhead.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: line, size: 18 })] }));
  }
  letterhead.push(new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '1F5F8B', space: 4 } }, children: [] }));

  const nhs = f.identifiers.find((i) => /nhs/i.test(i.type));
  const body: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 240 }, children: [new TextRun(longDate(draft.date))] }),
    ...[draft.recipient.name, draft.recipient.practice, ...draft.recipient.address.split('\n')].filter(Boolean).map((line) => new Paragraph({ children: [new TextRun(line)] })),
    new Paragraph({ spacing: { before: 240, after: 240 }, children: [new TextRun(`Dear ${draft.recipient.name},`)] }),
    new Paragraph({
      spacing: { after: 240 },
      children: [new TextRun({ text: `Re: ${f.fullName}, date of birth ${longDate(f.dateOfBirth)}${nhs ? `, ${nhs.type} ${nhs.value}` : ''}`, bold: true })],
    }),
  ];
  for (const section of draft.sections.filter((s) => s.included)) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [new TextRun({ text: section.title, color: '1F5F8B' })] }));
    body.push(...paragraphs(section.text));
    if (section.id === 'measures') {
      const rows = measuresTableRows(data);
      if (rows.length) {
        body.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ tableHeader: true, cantSplit: true, children: ['Measure', 'First', 'Latest', 'Change', 'Verdict and rule'].map((h) => cell(h, true)) }),
              ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c)) })),
            ],
          }),
        );
      }
    }
    if (section.id === 'chart' && images.chartPng) body.push(image(images.chartPng, 600, 252, 'PHQ-9 and GAD-7 totals over time'));
    if (section.id === 'circle' && images.circlePng) body.push(image(images.circlePng, 360, 360, 'Closeness circle'));
  }
  body.push(new Paragraph({ spacing: { before: 360 }, children: [new TextRun(`${p.signOff || 'Yours sincerely'},`)] }));
  if (p.signatureImage) body.push(new Paragraph({ children: [new ImageRun({ type: p.signatureImage.mime === 'image/png' ? 'png' : 'jpg', data: Buffer.from(p.signatureImage.base64, 'base64'), transformation: { width: 160, height: 60 } })] }));
  body.push(new Paragraph({ spacing: { before: p.signatureImage ? 0 : 480 }, children: [new TextRun({ text: p.clinicianName, bold: true })] }));
  for (const line of [p.credentials, p.registrationNumber ? `Registration ${p.registrationNumber}` : '', p.practiceName].filter(Boolean)) body.push(new Paragraph({ children: [new TextRun(line)] }));

  const size = PAGE[p.paperSize];
  const doc = new Document({
    creator: 'IPT Workstation',
    title: 'Letter',
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: size.width, height: size.height }, margin: { top: convertMillimetersToTwip(20), bottom: convertMillimetersToTwip(20), left: convertMillimetersToTwip(22), right: convertMillimetersToTwip(22) } },
        },
        headers: {
          first: new Header({ children: letterhead }),
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: `${p.practiceName || p.clinicianName} · Re: ${f.fullName}`, size: 16, color: '505860' })] })] }),
        },
        footers: { first: confidentialFooter(), default: confidentialFooter() },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
