/**
 * The audit panel's per-client view. Audit rows carry only opaque ids, so "this client's rows" are
 * the rows of the client's id and of every record id the client's records have; each repository
 * lists the ids of its own rows (its tables, its index on client_id) and the audit trail is asked
 * for those ids only.
 */
import type { AuditRow, AuditService } from '../data/audit.ts';

interface IdsOfClient {
  idsOfClient(clientId: string): string[];
}

/** Every owner of rows whose ids appear in audit rows. */
export interface ClientRecordOwners {
  courses: IdsOfClient;
  sessions: IdsOfClient;
  people: IdsOfClient;
  entries: IdsOfClient;
  measures: IdsOfClient;
  documents: IdsOfClient;
  risks: IdsOfClient;
  timeline: IdsOfClient;
  ratings: IdsOfClient;
  circle: IdsOfClient;
  safetyPlans: IdsOfClient;
}

/** The client's id and every id of the client's records, each once. */
export function clientRecordIds(owners: ClientRecordOwners, clientId: string): string[] {
  const { courses, sessions, people, entries, measures, documents, risks, timeline, ratings, circle, safetyPlans } = owners;
  const all = [courses, sessions, people, entries, measures, documents, risks, timeline, ratings, circle, safetyPlans].flatMap((o) => o.idsOfClient(clientId));
  return [...new Set([clientId, ...all])];
}

/** Newest first, optionally for one client's records and of one type. */
export function auditTrail(repos: ClientRecordOwners & { audit: Pick<AuditService, 'query'> }, filter: { clientId: string | null; type: string; limit: number }): AuditRow[] {
  return repos.audit.query({ recordIds: filter.clientId ? clientRecordIds(repos, filter.clientId) : null, type: filter.type, limit: filter.limit });
}
