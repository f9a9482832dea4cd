import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { safetyPlanContentSchema, type SafetyPlanContent, type SafetyPlanRevision, type safetyPlanSaveSchema } from '../../../shared/schemas/safety-plan.ts';
import type { AuditService } from './audit.ts';
import type { ClientRepository } from './clients.ts';
import { AppError } from './errors.ts';
import { laterTimestamp, readJson } from './records.ts';
import type { RiskRepository } from './risks.ts';
import type { Db } from './vault/database.ts';

interface RevisionRow {
  id: string;
  client_id: string;
  revision: number;
  content: string;
  created_at: string;
}

/** What safety plans need from the records' owners. */
export interface SafetyPlanOwners {
  clients: Pick<ClientRepository, 'assertExists'>;
  risks: Pick<RiskRepository, 'clientOf'>;
}

/**
 * Safety plans (`safety_plan_revisions`, `safety_plan_risks`): one plan per client, saved as
 * numbered revisions. Saving never changes an earlier revision (a trigger refuses it); each
 * revision names the risk records it answers and is audited with opaque ids only.
 */
export class SafetyPlanRepository {
  private readonly db: Db;
  private readonly audit: AuditService;
  private readonly owners: SafetyPlanOwners;
  private readonly now: () => Date;

  constructor(db: Db, audit: AuditService, owners: SafetyPlanOwners, now: () => Date = () => new Date()) {
    this.db = db;
    this.audit = audit;
    this.owners = owners;
    this.now = now;
  }

  /** The client's current plan: its latest revision, or null when none has been made. */
  latest(clientId: string): SafetyPlanRevision | null {
    this.owners.clients.assertExists(clientId);
    const row = this.db.prepare('SELECT * FROM safety_plan_revisions WHERE client_id = ? ORDER BY revision DESC LIMIT 1').get(clientId) as RevisionRow | undefined;
    return row ? this.toRevision(row) : null;
  }

  /** Every revision, newest first. */
  revisions(clientId: string): SafetyPlanRevision[] {
    this.owners.clients.assertExists(clientId);
    return (this.db.prepare('SELECT * FROM safety_plan_revisions WHERE client_id = ? ORDER BY revision DESC').all(clientId) as RevisionRow[]).map((r) => this.toRevision(r));
  }

  /** One revision by its number; NOT_FOUND when the client has no such revision. */
  revision(clientId: string, revision: number): SafetyPlanRevision {
    const row = this.db.prepare('SELECT * FROM safety_plan_revisions WHERE client_id = ? AND revision = ?').get(clientId, revision) as RevisionRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', { message: 'That revision of the safety plan could not be found.' });
    return this.toRevision(row);
  }

  /** Saves the plan as a new revision, numbered one after the latest. */
  save(input: z.output<typeof safetyPlanSaveSchema>): SafetyPlanRevision {
    const { clientId, riskIds, basedOn } = input;
    // Parsed again here: the repository is also called by domain code and tests, not only through dispatch.
    const content: SafetyPlanContent = safetyPlanContentSchema.parse(input.content);
    const id = randomUUID();
    this.db.transaction(() => {
      this.owners.clients.assertExists(clientId);
      const latest = this.db.prepare('SELECT revision, created_at FROM safety_plan_revisions WHERE client_id = ? ORDER BY revision DESC LIMIT 1').get(clientId) as { revision: number; created_at: string } | undefined;
      if ((latest?.revision ?? null) !== basedOn) {
        throw new AppError('CONFLICT', { message: 'The safety plan was saved elsewhere since you opened it. Reload it to see the newer revision, then make your changes again.' });
      }
      const linked = [...new Set(riskIds)];
      for (const riskId of linked) {
        if (this.owners.risks.clientOf(riskId) !== clientId) throw new AppError('VALIDATION_FAILED', { fields: { riskIds: 'That risk record is not one of this client’s.' } });
      }
      const revision = (latest?.revision ?? 0) + 1;
      // Strictly after the previous revision, so the dates always order as the numbers do.
      const createdAt = latest ? laterTimestamp(this.now(), latest.created_at) : this.now().toISOString();
      this.db.prepare('INSERT INTO safety_plan_revisions (id, client_id, revision, content, created_at) VALUES (?, ?, ?, ?, ?)').run(id, clientId, revision, JSON.stringify(content), createdAt);
      const link = this.db.prepare('INSERT INTO safety_plan_risks (revision_id, risk_id) VALUES (?, ?)');
      for (const riskId of linked) link.run(id, riskId);
      this.audit.append({ type: 'safety_plan.revised', recordType: 'safety_plan', recordId: id, detail: { revision, risks: linked.length } });
    })();
    return this.toRevision(this.db.prepare('SELECT * FROM safety_plan_revisions WHERE id = ?').get(id) as RevisionRow);
  }

  /** Records that a client copy was printed (opaque id and the revision number only). */
  printed(revision: SafetyPlanRevision): void {
    this.audit.append({ type: 'safety_plan.printed', recordType: 'safety_plan', recordId: revision.id, detail: { revision: revision.revision } });
  }

  /** The ids of the client's safety-plan revisions: the opaque ids their audit rows carry (the audit panel's per-client filter). */
  idsOfClient(clientId: string): string[] {
    return (this.db.prepare('SELECT id FROM safety_plan_revisions WHERE client_id = ?').all(clientId) as { id: string }[]).map((r) => r.id);
  }

  private toRevision(r: RevisionRow): SafetyPlanRevision {
    const riskIds = (this.db.prepare('SELECT risk_id FROM safety_plan_risks WHERE revision_id = ? ORDER BY risk_id').all(r.id) as { risk_id: string }[]).map((x) => x.risk_id);
    return { id: r.id, clientId: r.client_id, revision: r.revision, content: readJson(safetyPlanContentSchema, r.content), createdAt: r.created_at, riskIds };
  }
}
