/**
 * The name a saved file is offered under: who it is about (initials by default, the full name if
 * the user chose so in Settings), what it is, and its date — "NH progress letter 2026-12-01.docx" —
 * so a folder of exports reads without opening each one. Every save goes through here.
 */
import { initialsOf } from './session-exports.ts';

export type ExportNameStyle = 'initials' | 'name';

/**
 * Characters no file name may hold on one of Windows, macOS or Linux (Windows forbids the most:
 * < > : " / \ | ? * and control characters; macOS Finder shows ":" as "/").
 */
const FORBIDDEN = '<>:"/\\|?*';
const allowed = (c: string) => c.charCodeAt(0) >= 0x20 && c !== '\u007f' && !FORBIDDEN.includes(c);
/** Windows refuses these as a name's stem whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
/** Well under every system's 255-byte limit, with room for " (2)" and a multi-byte name. */
const MAX_STEM = 120;

/** A file name safe on every desktop system: forbidden characters dropped, no trailing dot or space. */
export function safeFileName(stem: string, ext: string): string {
  let clean = [...stem].filter(allowed).join('').replace(/\s+/g, ' ').trim();
  clean = clean.slice(0, MAX_STEM).replace(/[. ]+$/, '').trim();
  if (clean === '' || RESERVED.test(clean)) clean = `_${clean}`;
  return `${clean}.${ext.replace(/[^A-Za-z0-9]/g, '')}`;
}

/**
 * `kind` is what the file is ("progress letter", "referral packet"); `client` is who it is about,
 * or null for a file about no one client (a blank worksheet, the full export).
 */
export function fileNameFor(kind: string, client: { fullName: string } | null, date: string, style: ExportNameStyle, ext: string): string {
  const who = client ? (style === 'name' ? client.fullName : initialsOf(client.fullName)) : '';
  const what = who ? kind : kind.charAt(0).toLocaleUpperCase() + kind.slice(1);
  return safeFileName([who, what, date].filter(Boolean).join(' '), ext);
}
