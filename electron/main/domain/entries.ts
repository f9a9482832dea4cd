/** A new technique entry, prefilled from the entry it follows on from (communication analysis -> role play -> problem solving). */
import { prefill } from '../../../shared/ipt/templates/logic.ts';
import type { EntryValues } from '../../../shared/ipt/templates/types.ts';
import type { NoteRepository } from '../data/notes.ts';
import type { TemplateRegistry } from '../data/templates.ts';

export function createEntry(
  deps: { notes: Pick<NoteRepository, 'entry' | 'createEntry'>; templates: Pick<TemplateRegistry, 'latest'> },
  input: { sessionId: string; templateId: string; sourceEntryId: string | null },
) {
  let initial: EntryValues = {};
  if (input.sourceEntryId) {
    const source = deps.notes.entry(input.sourceEntryId);
    initial = prefill(source.templateId, source.values as EntryValues, deps.templates.latest(input.templateId));
  }
  return deps.notes.createEntry(input.sessionId, input.templateId, input.sourceEntryId, initial);
}
