/**
 * The one gate for psychotherapy (process) note text on its way out of the vault.
 *
 * Why one gate: process notes are kept apart from the record and may appear in an output only
 * when the person making it asks for them, and, when it goes to someone else, with the client's
 * recorded authorisation. Each output path used to decide that for itself: the full export
 * honoured `includeProcessNotes` for session notes but copied stored letters word for word, so a
 * letter once sent with the authorised process-notes section carried the notes into every later
 * export (issue 14). Now every path that can show process-note text (letter drafts and exports,
 * prints, the referral packet and its FHIR bundle, the full export and its FHIR bundles, search
 * results) holds a gate made from its own request and lets text through only what the gate
 * passes, so the rule is written, reviewed and tested once. Reading process notes for output
 * anywhere else is a bug.
 *
 * The audit CSV holds opaque ids only, and backups are encrypted copies of the vault itself:
 * neither carries text, so neither needs the gate.
 */
import type { Authorisation, LetterRecord, LetterSection } from '../../../../shared/schemas/documents.ts';
import type { SearchHit } from '../../../../shared/schemas/note.ts';
import { AppError } from '../../data/errors.ts';
import type { Repositories } from '../../data/repositories.ts';

/** What a stored letter's process-notes section says in an output made without process notes. */
export const PROCESS_NOTES_WITHHELD = 'Withheld: this copy was made without psychotherapy notes.';

export class ProcessNoteGate {
  /** True when process-note text may appear in this output. */
  readonly open: boolean;
  /** The client's authorisation, for an output that goes to someone else. */
  readonly authorisation: Authorisation | null;
  /** The only client whose notes may pass, for a disclosure; null for the therapist's own copy. */
  private readonly clientId: string | null;

  private constructor(open: boolean, authorisation: Authorisation | null, clientId: string | null) {
    this.open = open;
    this.authorisation = authorisation;
    this.clientId = clientId;
  }

  /** Lets no process-note text through. */
  static closed(): ProcessNoteGate {
    return new ProcessNoteGate(false, null, null);
  }

  /**
   * For an output that goes to someone else (a letter, a print, the referral packet): open only
   * when the request asks for process notes and names an authorisation recorded for this client.
   * Asking without one is refused, never quietly closed.
   */
  static forDisclosure(repos: Pick<Repositories, 'documents'>, clientId: string, request: { includeProcessNotes?: boolean; authorisationId?: string | null }): ProcessNoteGate {
    if (!request.includeProcessNotes) return ProcessNoteGate.closed();
    const id = request.authorisationId;
    if (!id) throw new AppError('VALIDATION_FAILED', { fields: { authorisationId: 'Record the client’s authorisation before including psychotherapy notes.' } });
    const auth = repos.documents.authorisation(id);
    if (auth.clientId !== clientId) throw new AppError('VALIDATION_FAILED', { fields: { authorisationId: 'That authorisation belongs to another client.' } });
    return new ProcessNoteGate(true, auth, clientId);
  }

  /** For the therapist's own copy (the full export, search in the app): their choice alone. */
  static forOwnUse(includeProcessNotes: boolean): ProcessNoteGate {
    return new ProcessNoteGate(includeProcessNotes, null, null);
  }

  /** Whether process notes of this client may pass. */
  allows(clientId: string): boolean {
    return this.open && (this.clientId === null || this.clientId === clientId);
  }

  /** A session's process note, read only when the gate lets it through; null otherwise or when empty. */
  noteText(clientId: string, read: () => string): string | null {
    return this.allows(clientId) ? read() || null : null;
  }

  /** A letter's sections as they may go out: without the process-notes section when closed. */
  sections(clientId: string, sections: LetterSection[]): LetterSection[] {
    return this.allows(clientId) ? sections : sections.filter((s) => s.id !== 'process_notes');
  }

  /**
   * A stored letter as it may appear in an output. A letter marked as carrying process notes
   * keeps its process-notes section, with the text replaced by a plain "withheld", so the reader
   * knows the letter as sent had one.
   */
  letter(letter: LetterRecord): LetterRecord {
    const carries = letter.includesProcessNotes || letter.sections.some((s) => s.id === 'process_notes');
    if (!carries || this.allows(letter.clientId)) return letter;
    return { ...letter, sections: letter.sections.map((s) => (s.id === 'process_notes' ? { ...s, text: PROCESS_NOTES_WITHHELD } : s)) };
  }

  /** Search results: snippets of process notes only when the query asked for them. */
  searchHits(hits: SearchHit[]): SearchHit[] {
    return hits.filter((h) => h.kind !== 'process_note' || this.allows(h.clientId));
  }
}
