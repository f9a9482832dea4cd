import { randomUUID } from 'node:crypto';
import { builtInVersion, isBuiltInTemplate, latestBuiltIn, latestBuiltIns } from '../../../shared/ipt/templates/built-in.ts';
import { templateDefinitionSchema } from '../../../shared/ipt/templates/logic.ts';
import type { TemplateDefinition } from '../../../shared/ipt/templates/types.ts';
import type { AuditService } from './audit.ts';
import { AppError } from './errors.ts';
import type { Db } from './vault/database.ts';

/**
 * Main is the authority on templates: it knows every built-in version ever shipped (shared data)
 * and stores every version of the therapist's own templates in the vault (`custom_templates`). An entry is always
 * checked against the exact version it was made with.
 */
export class TemplateRegistry {
  private readonly db: Db;
  private readonly audit: AuditService;
  private readonly now: () => Date;

  constructor(db: Db, audit: AuditService, now: () => Date = () => new Date()) {
    this.db = db;
    this.audit = audit;
    this.now = now;
  }

  resolve(id: string, version: number): TemplateDefinition {
    const builtIn = builtInVersion(id, version);
    if (builtIn) return builtIn;
    const row = this.db.prepare('SELECT definition FROM custom_templates WHERE id = ? AND version = ?').get(id, version) as { definition: string } | undefined;
    if (!row) throw new AppError('NOT_FOUND', { message: 'That template version is not known to this app.' });
    return JSON.parse(row.definition) as TemplateDefinition;
  }

  latest(id: string): TemplateDefinition {
    const builtIn = latestBuiltIn(id);
    if (builtIn) return builtIn;
    const row = this.db.prepare('SELECT definition FROM custom_templates WHERE id = ? ORDER BY version DESC LIMIT 1').get(id) as { definition: string } | undefined;
    if (!row) throw new AppError('VALIDATION_FAILED', { fields: { templateId: 'Choose one of the templates.' } });
    return JSON.parse(row.definition) as TemplateDefinition;
  }

  /** The latest version of every template, built-in and custom. */
  listLatest(): TemplateDefinition[] {
    const custom = (
      this.db
        .prepare('SELECT t.definition FROM custom_templates t WHERE t.version = (SELECT max(version) FROM custom_templates x WHERE x.id = t.id) ORDER BY t.created_at')
        .all() as { definition: string }[]
    ).map((r) => JSON.parse(r.definition) as TemplateDefinition);
    return [...latestBuiltIns(), ...custom];
  }

  /** Copies a template into the therapist's own, as version 1. */
  clone(templateId: string, title?: string): TemplateDefinition {
    const source = this.latest(templateId);
    const copy: TemplateDefinition = { ...structuredClone(source), id: `custom-${randomUUID()}`, version: 1, title: title ?? `${source.title} (my version)` };
    this.insert(copy, templateId);
    return copy;
  }

  /** Saves an edited custom template as its next version; earlier versions stay for old entries. */
  saveVersion(definition: unknown): TemplateDefinition {
    const parsed = templateDefinitionSchema.safeParse(definition);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) fields[issue.path.join('.') || 'definition'] ??= issue.message;
      throw new AppError('VALIDATION_FAILED', { fields });
    }
    const def = parsed.data as TemplateDefinition;
    const current = this.db.prepare('SELECT max(version) AS v, min(based_on) AS basedOn FROM custom_templates WHERE id = ?').get(def.id) as { v: number | null; basedOn: string | null };
    if (current.v === null) throw new AppError('NOT_FOUND', { message: 'Only your own templates can be edited. Make a copy first.' });
    const next = { ...def, version: current.v + 1 };
    this.insert(next, current.basedOn ?? '');
    return next;
  }

  isBuiltIn(id: string): boolean {
    return isBuiltInTemplate(id);
  }

  private insert(def: TemplateDefinition, basedOn: string): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO custom_templates (id, version, based_on, definition, created_at) VALUES (?, ?, ?, ?, ?)').run(def.id, def.version, basedOn, JSON.stringify(def), this.now().toISOString());
      this.audit.append({ type: 'template.created', recordType: 'template', detail: { version: def.version } });
    })();
  }
}
