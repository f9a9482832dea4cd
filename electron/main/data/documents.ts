import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { letterSectionSchema, recipientSchema, type Authorisation, type LetterDraft, type LetterRecord } from '../../../shared/schemas/documents.ts';
import type { AuditService } from './audit.ts';
import type { ClientRepository } from './clients.ts';
import { readJson, requireRow } from './records.ts';
import type { Db } from './vault/database.ts';

interface LetterRow {
  id: string;
  client_id: string;
  kind: LetterRecord['kind'];
  date: string;
  recipient: string;
  sections: string;
  consent_override_reason: string;
  /** 1 when the stored sections hold process-note text (migration 008; triggers keep it true). */
  includes_process_notes: 0 | 1;
  created_at: string;
}

/** Letters as they were sent (`letters`), and authorisations to disclose psychotherapy notes (`disclosure_authorisations`). */
export class DocumentRepository {
  private readonly db: Db;
  private readonly audit: AuditService;
  private readonly clients: Pick<ClientRepository, 'assertExists'>;
  private readonly now: () => Date;

  constructor(db: Db, audit: AuditService, clients: Pick<ClientRepository, 'assertExists'>, now: () => Date = () => new Date()) {
    this.db = db;
    this.audit = audit;
    this.clients = clients;
    this.now = now;
  }

  /**
   * Keeps the letter's final text, recipient, date and kind in the vault, marked when it carries
   * the process-notes section so outputs can withhold it (domain/documents/process-note-gate.ts).
   */
  saveLetter(draft: LetterDraft, consentOverrideReason: string): LetterRecord {
    const id = randomUUID();
    const sections = draft.sections.filter((s) => s.included);
    const processNotes = sections.some((s) => s.id === 'process_notes');
    this.db.transaction(() => {
      this.clients.assertExists(draft.clientId);
      this.db
        .prepare('INSERT INTO letters (id, client_id, kind, date, recipient, sections, consent_override_reason, includes_process_notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, draft.clientId, draft.kind, draft.date, JSON.stringify(draft.recipient), JSON.stringify(sections), consentOverrideReason, processNotes ? 1 : 0, this.now().toISOString());
      this.audit.append({ type: 'letter.exported', recordType: 'letter', recordId: id, detail: { consentOverridden: consentOverrideReason !== '', processNotes } });
    })();
    return this.letter(id);
  }

  letter(id: string): LetterRecord {
    return this.toLetter(requireRow(this.db.prepare('SELECT * FROM letters WHERE id = ?').get(id) as LetterRow | undefined));
  }

  letters(clientId: string): LetterRecord[] {
    this.clients.assertExists(clientId);
    return (this.db.prepare('SELECT * FROM letters WHERE client_id = ? ORDER BY date DESC, created_at DESC').all(clientId) as LetterRow[]).map((r) => this.toLetter(r));
  }

  recordAuthorisation(input: { clientId: string; authorisedBy: string; date: string; scope: string }): Authorisation {
    const id = randomUUID();
    this.db.transaction(() => {
      this.clients.assertExists(input.clientId);
      this.db
        .prepare('INSERT INTO disclosure_authorisations (id, client_id, authorised_by, date, scope, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, input.clientId, input.authorisedBy, input.date, input.scope, this.now().toISOString());
      this.audit.append({ type: 'authorisation.recorded', recordType: 'authorisation', recordId: id });
    })();
    return this.authorisation(id);
  }

  authorisation(id: string): Authorisation {
    const r = requireRow(this.db.prepare('SELECT * FROM disclosure_authorisations WHERE id = ?').get(id) as { id: string; client_id: string; authorised_by: string; date: string; scope: string; created_at: string } | undefined);
    return { id: r.id, clientId: r.client_id, authorisedBy: r.authorised_by, date: r.date, scope: r.scope, createdAt: r.created_at };
  }

  authorisations(clientId: string): Authorisation[] {
    const ids = this.db.prepare('SELECT id FROM disclosure_authorisations WHERE client_id = ? ORDER BY date DESC').all(clientId) as { id: string }[];
    return ids.map((r) => this.authorisation(r.id));
  }

  audited(type: 'document.printed' | 'worksheet.exported' | 'packet.exported' | 'vault.exported', recordId?: string, detail: Record<string, number | boolean> = {}): void {
    this.audit.append({ type, ...(recordId ? { recordType: 'client' as const, recordId } : {}), detail });
  }

  /** The ids of the client's letters and disclosure authorisations: the opaque ids their audit rows carry (the audit panel's per-client filter). */
  idsOfClient(clientId: string): string[] {
    return (this.db.prepare('SELECT id FROM letters WHERE client_id = :client UNION ALL SELECT id FROM disclosure_authorisations WHERE client_id = :client').all({ client: clientId }) as { id: string }[]).map((r) => r.id);
  }

  private toLetter(r: LetterRow): LetterRecord {
    return {
      id: r.id,
      clientId: r.client_id,
      kind: r.kind,
      date: r.date,
      recipient: readJson(recipientSchema, r.recipient),
      sections: readJson(z.array(letterSectionSchema), r.sections),
      consentOverrideReason: r.consent_override_reason,
      includesProcessNotes: r.includes_process_notes === 1,
      createdAt: r.created_at,
    };
  }
}
