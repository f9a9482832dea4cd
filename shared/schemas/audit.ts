/** Audit event types. Rows carry only these, a time, and opaque record ids: never names or text. */
export const AUDIT_EVENT_TYPES = [
  'vault.created',
  'vault.unlocked',
  'vault.locked',
  'vault.recovered',
  'vault.passphrase_changed',
  'client.created',
  'client.changed',
  'client.archived',
  'client.restored',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export const AUDIT_RECORD_TYPES = ['client'] as const;
export type AuditRecordType = (typeof AUDIT_RECORD_TYPES)[number];
