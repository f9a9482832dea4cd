import { describe, expect, it } from 'vitest';
import { fileNameFor, safeFileName } from '../../electron/main/domain/documents/file-names.ts';

describe('export file names', () => {
  const noor = { fullName: 'Noor Haddad' };

  it('say who, what and when: initials by default, the full name when chosen', () => {
    expect(fileNameFor('progress letter', noor, '2026-12-01', 'initials', 'docx')).toBe('NH progress letter 2026-12-01.docx');
    expect(fileNameFor('progress letter', noor, '2026-12-01', 'name', 'docx')).toBe('Noor Haddad progress letter 2026-12-01.docx');
    expect(fileNameFor('referral packet', { fullName: 'Anne-Marie de la Cruz' }, '2026-12-01', 'initials', 'zip')).toBe('AMDLC referral packet 2026-12-01.zip');
  });

  it('about no one client, the kind leads with a capital', () => {
    expect(fileNameFor('PHQ-9 worksheet', null, '2026-12-01', 'name', 'pdf')).toBe('PHQ-9 worksheet 2026-12-01.pdf');
    expect(fileNameFor('audit trail', null, '2026-12-01', 'initials', 'csv')).toBe('Audit trail 2026-12-01.csv');
  });

  it('drop what Windows, macOS or Linux do not allow in a file name, and keep the rest of a name as typed', () => {
    const name = fileNameFor('progress letter', { fullName: 'Zoë O’Brien: "J/K" <x>|y?*\\z\u0007' }, '2026-12-01', 'name', 'docx');
    expect(name).toBe('Zoë O’Brien JK xyz progress letter 2026-12-01.docx');
    expect([...name].filter((c) => c.charCodeAt(0) < 0x20 || '<>:"/\\|?*'.includes(c))).toEqual([]);
  });

  it('never end a name in a dot or space, never use a name Windows reserves, never run past a safe length', () => {
    expect(safeFileName('notes. . ', 'txt')).toBe('notes.txt');
    expect(safeFileName('CON', 'txt')).toBe('_CON.txt');
    expect(safeFileName('lpt1', 'csv')).toBe('_lpt1.csv');
    expect(safeFileName('???', 'pdf')).toBe('_.pdf');
    expect(safeFileName('a'.repeat(500), 'pdf')).toHaveLength(120 + '.pdf'.length);
    expect(safeFileName('x', 'p/d\\f')).toBe('x.pdf');
  });
});
