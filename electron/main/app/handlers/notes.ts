import { orderByFit } from '../../../../shared/ipt/templates/logic.ts';
import { ProcessNoteGate } from '../../domain/documents/process-note-gate.ts';
import { createEntry } from '../../domain/entries.ts';
import type { AppContext } from '../context.ts';
import type { HandlerSlice } from './types.ts';

/** Session notes, technique entries and templates, search, risk records and the practice profile. */
export function noteHandlers(ctx: AppContext): HandlerSlice<'notes' | 'entries' | 'templates' | 'search' | 'risks' | 'profile'> {
  return {
    'notes.get': ({ sessionId }) => ctx.session().notes.get(sessionId),
    'notes.saveDraft': ({ sessionId, fields }) => ctx.session().notes.saveDraft(sessionId, fields),
    'notes.startFromLast': ({ sessionId }) => ctx.session().notes.startFromLast(sessionId),
    'notes.sign': ({ sessionId }) => ctx.session().notes.sign(sessionId),
    'notes.addAddendum': ({ sessionId, text }) => ctx.session().notes.addAddendum(sessionId, text),
    'notes.void': ({ sessionId, reason }) => ctx.session().notes.void(sessionId, reason),
    'notes.move': ({ sessionId, targetSessionId }) => ctx.session().notes.move(sessionId, targetSessionId),
    'notes.getProcessNote': ({ sessionId }) => ctx.session().notes.processNote(sessionId),
    'notes.saveProcessNote': ({ sessionId, text }) => ctx.session().notes.saveProcessNote(sessionId, text),

    'entries.create': (input) => createEntry(ctx.session(), input),
    'entries.save': ({ id, values }) => ctx.session().entries.save(id, values),
    'entries.remove': ({ id }) => {
      ctx.session().entries.remove(id);
      return { ok: true as const };
    },

    'templates.list': ({ area }) => orderByFit(ctx.session().templates.listLatest(), area),
    'templates.get': ({ id, version }) => ctx.session().templates.resolve(id, version),
    'templates.clone': ({ templateId, title }) => ctx.session().templates.clone(templateId, title),
    'templates.saveVersion': ({ definition }) => ctx.session().templates.saveVersion(definition),

    // Process-note snippets only when the query asked for them: the one gate decides (process-note-gate.ts).
    'search.query': (query) => ProcessNoteGate.forOwnUse(query.includeProcessNotes).searchHits(ctx.session().search.query(query)),

    'risks.list': ({ clientId }) => ctx.session().risks.openRisks(clientId),
    'risks.assess': ({ id, assessment }) => ctx.session().risks.assessRisk(id, assessment),

    'profile.get': () => ctx.session().profile.get(),
    'profile.save': (profile) => ctx.session().profile.save(profile),
  };
}
