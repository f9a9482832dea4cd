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
  'course.created',
  'course.changed',
  'course.renegotiated',
  'course.closed',
  'course.reopened',
  'person.created',
  'person.changed',
  'person.reordered',
  'person.archived',
  'person.restored',
  'person.removed',
  'circle.changed',
  'snapshot.created',
  'life_event.created',
  'life_event.changed',
  'life_event.removed',
  'rating_series.created',
  'rating.added',
  'session.created',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export const AUDIT_RECORD_TYPES = ['client', 'course', 'person', 'snapshot', 'life_event', 'rating_series', 'session'] as const;
export type AuditRecordType = (typeof AUDIT_RECORD_TYPES)[number];
