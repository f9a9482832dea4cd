/** Permanent deletion of a client: only when the user has typed the client's full name. */
import { AppError } from '../data/errors.ts';
import type { ClientRepository } from '../data/clients.ts';
import type { RetentionService } from '../data/retention.ts';

export function deleteClient(deps: { clients: Pick<ClientRepository, 'get'>; retention: Pick<RetentionService, 'delete'> }, id: string, confirmFullName: string): void {
  if (confirmFullName.trim() !== deps.clients.get(id).fields.fullName) {
    throw new AppError('VALIDATION_FAILED', { fields: { confirmFullName: 'Type the client’s full name exactly to confirm.' } });
  }
  deps.retention.delete(id);
}
