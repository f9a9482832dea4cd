/**
 * The audit chain's head kept outside the vault, in the settings file (data/audit.ts explains the
 * tag). Written at unlock and lock only, not per row: a stale anchor is a prefix of the chain and
 * still checks, and a settings write per audit row would double the writes of every autosave.
 */
import type { AuditService } from '../data/audit.ts';
import type { SettingsService } from '../data/settings.ts';

export function anchorAudit(audit: AuditService | null | undefined, settings: SettingsService): void {
  const anchor = audit?.anchor();
  if (anchor) settings.update({ auditAnchor: anchor });
}

/**
 * At unlock: checks the chain still reaches the anchored head, records the opening event (and a
 * cut tail, as its own audit row: reported, never a refusal to unlock), then re-anchors.
 */
export function openAuditTrail(audit: AuditService, settings: SettingsService, opening: Parameters<AuditService['append']>[0]): void {
  const anchored = settings.get().auditAnchor;
  const whole = audit.checkAnchor(anchored);
  audit.append(opening);
  if (!whole) audit.append({ type: 'audit.tail_cut', detail: { anchoredSeq: anchored?.seq ?? 0 } });
  anchorAudit(audit, settings);
}
