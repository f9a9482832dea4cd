/** Blank worksheets as DOCX: any technique template, the inventory, the circle, PHQ-9 and GAD-7. */
import { BorderStyle, Document, Footer, HeadingLevel, ImageRun, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, AlignmentType } from 'docx';
import { INSTRUMENT_ATTRIBUTION, instrument, type InstrumentId } from '../../../../shared/ipt/instruments.ts';
import type { TemplateDefinition, TemplateField } from '../../../../shared/ipt/templates/types.ts';
import { INVENTORY_PROMPTS } from './print-html.ts';

const line = () => new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '777777', space: 8 } }, spacing: { after: 200 }, children: [] });
const text = (t: string, opts: { bold?: boolean; size?: number; color?: string } = {}) => new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text: t, ...opts })] });

function grid(headers: string[], rows: number): Table {
  const cell = (t: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: t, bold, size: 18 })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: headers.map((h) => cell(h, true)) }), ...Array.from({ length: rows }, () => new TableRow({ height: { value: 500, rule: 'atLeast' }, children: headers.map(() => cell('')) }))],
  });
}

function blank(field: TemplateField): (Paragraph | Table)[] {
  switch (field.type) {
    case 'choice':
      return [text(field.choices.map((c) => `☐ ${c.label}`).join('    '))];
    case 'rating':
      return [text(Array.from({ length: 11 }, (_, i) => `☐ ${i}`).join('  '))];
    case 'exchange':
      return [grid(['Who', 'Words, as remembered', 'Tone', 'Face, body, gestures'], 6)];
    case 'options':
      return [grid(['Option', 'For', 'Against', '0-10'], 5)];
    case 'steps':
      return [grid(['Step', 'By when', 'Done'], 4)];
    case 'text':
    case 'person':
      return [line()];
    default:
      return [line(), line(), line()];
  }
}

function footer(): Footer {
  return new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: 'Page ', size: 16 }), new TextRun({ children: [PageNumber.CURRENT], size: 16 }), new TextRun({ text: ' of ', size: 16 }), new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16 })] })] });
}

async function pack(title: string, children: (Paragraph | Table)[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ creator: 'IPT Workstation', title, styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } }, sections: [{ footers: { default: footer() }, children }] }));
}

export function templateWorksheetDocx(t: TemplateDefinition): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(t.title)] }), text(t.summary, { color: '555555' }), text('Name: ____________________    Date: ____________')];
  for (const section of t.sections) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(section.title)] }));
    for (const field of section.fields) {
      body.push(text(field.label, { bold: true }));
      if (field.help) body.push(text(field.help, { color: '555555', size: 18 }));
      body.push(...blank(field));
    }
  }
  return pack(t.title, body);
}

export function inventoryWorksheetDocx(): Promise<Buffer> {
  const body: Paragraph[] = [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Interpersonal inventory')] }), text('One page per important person, past or present.')];
  for (const prompt of INVENTORY_PROMPTS) body.push(text(prompt, { bold: true }), line());
  return pack('Interpersonal inventory', body);
}

export function circleWorksheetDocx(png: Uint8Array): Promise<Buffer> {
  return pack('Closeness circle', [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Closeness circle')] }),
    text('Write your name in the centre and place the people in your life on the rings: the closest ring is for the people you feel closest to.'),
    new Paragraph({ children: [new ImageRun({ type: 'png', data: png, transformation: { width: 500, height: 500 }, altText: { name: 'Blank closeness circle', title: 'Blank closeness circle', description: 'Three rings around a centre' } })] }),
  ]);
}

export function instrumentWorksheetDocx(id: InstrumentId): Promise<Buffer> {
  const def = instrument(id);
  const cell = (t: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: t, bold, size: 18 })] })] });
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: [cell(''), ...def.answers.map((a) => cell(`${a.label} (${a.value})`, true))] }),
      ...def.items.map((item) => new TableRow({ cantSplit: true, children: [cell(`${item.number}. ${item.text}`), ...def.answers.map(() => cell('☐'))] })),
    ],
  });
  return pack(def.name, [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(def.name)] }),
    text('Name: ____________________    Date: ____________'),
    text(def.stem, { bold: true }),
    table,
    text(def.difficulty.text),
    text(def.difficulty.options.map((o) => `☐ ${o}`).join('    ')),
    text(INSTRUMENT_ATTRIBUTION, { size: 16, color: '555555' }),
  ]);
}
