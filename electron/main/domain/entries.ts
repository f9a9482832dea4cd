/** A new technique entry, prefilled from the entry it follows on from (communication analysis -> role play -> problem solving). */
import { prefill } from '../../../shared/ipt/templates/logic.ts';
import type { EntryValues } from '../../../shared/ipt/templates/types.ts';
import type { EntryRepository } from '../data/entries.ts';
import type { TemplateRegistry } from '../data/templates.ts';

export function createEntry(
  deps: { entries: Pick<EntryRepository, 'get' | 'create'>; templates: Pick<TemplateRegistry, 'latest'> },
  input: { sessionId: string; templateId: string; sourceEntryId: string | null },
) {
  let initial: EntryValues = {};
  if (input.sourceEntryId) {
    const source = deps.entries.get(input.sourceEntryId);
    initial = prefill(source.templateId, source.values as EntryValues, deps.templates.latest(input.templateId));
  }
  return deps.entries.create(input.sessionId, input.templateId, input.sourceEntryId, initial);
}
