import { todayIso } from '../../../../shared/schemas/dates.ts';
import { AppError } from '../../data/errors.ts';
import type { Repositories } from '../../data/repositories.ts';
import { appointmentsIcs, initialsOf, sessionsCsv } from '../../domain/documents/session-exports.ts';
import { fileNameFor } from '../../domain/documents/file-names.ts';
import { SessionSchedule } from '../../domain/sessions.ts';
import type { AppContext } from '../context.ts';
import type { HandlerSlice } from './types.ts';

function schedule(s: Repositories): SessionSchedule {
  return new SessionSchedule({ clients: s.clients, courses: s.courses, sessions: s.sessions, people: s.people });
}

export function courseHandlers(ctx: AppContext): HandlerSlice<'courses' | 'sessions'> {
  const save = async (name: string, data: Uint8Array) => {
    const platform = ctx.platform?.documents;
    if (!platform) throw new AppError('INTERNAL', { message: 'Files cannot be saved here.' });
    return platform.saveFile(name, data);
  };
  return {
    'courses.create': (input) => ctx.session().courses.create(input),
    'courses.get': ({ id }) => ctx.session().courses.get(id),
    'courses.list': ({ clientId }) => ctx.session().courses.list(clientId),
    'courses.update': (input) => ctx.session().courses.update(input),
    'courses.renegotiate': (input) => ctx.session().courses.renegotiate(input),
    'courses.close': ({ id }) => ctx.session().courses.setClosed(id, true),
    'courses.reopen': ({ id }) => ctx.session().courses.setClosed(id, false),
    'sessions.create': (input) => schedule(ctx.session()).create(input),
    'sessions.list': ({ courseId }) => ctx.session().sessions.numbered(courseId),
    'sessions.update': (input) => schedule(ctx.session()).update(input),
    'sessions.delete': ({ id }) => {
      schedule(ctx.session()).remove(id);
      return { ok: true as const };
    },
    'sessions.reschedule': (input) => schedule(ctx.session()).reschedule(input),
    'sessions.proposeSeries': (input) => schedule(ctx.session()).proposeSeries(input),
    'sessions.planSeries': (input) => schedule(ctx.session()).planSeries(input),
    'sessions.exportCsv': async ({ from, to, names }) => {
      if (to < from) throw new AppError('VALIDATION_FAILED', { fields: { to: 'The end of the range is before its start.' } });
      const s = ctx.session();
      const label = new Map<string, string>();
      const rows = s.sessions.inRange(from, to).map((r) => {
        if (!label.has(r.clientId)) {
          const name = s.clients.get(r.clientId).fields.fullName;
          label.set(r.clientId, names === 'full' ? name : initialsOf(name));
        }
        return { ...r, client: label.get(r.clientId)! };
      });
      const result = await save(fileNameFor(`sessions ${from} to`, null, to, ctx.settings.get().exportNameStyle, 'csv'), sessionsCsv(rows));
      if (result.saved) s.audit.append({ type: 'sessions.exported', detail: { rows: rows.length, fullNames: names === 'full' } });
      return { ...result, id: null };
    },
    'sessions.exportIcs': async ({ clientId, summary, word }) => {
      if (summary === 'word' && !word) throw new AppError('VALIDATION_FAILED', { fields: { word: 'Enter the word the calendar should show.' } });
      const s = ctx.session();
      const client = s.clients.get(clientId).fields;
      const fullName = client.fullName;
      const title = summary === 'full' ? fullName : summary === 'word' ? word : initialsOf(fullName);
      const planned = s.sessions.factsForClient(clientId).filter((x) => x.attendance === 'planned');
      // A calendar shown under a chosen word keeps the client out of the file's name too.
      const fileName = fileNameFor('appointments', summary === 'word' ? null : client, todayIso(), ctx.settings.get().exportNameStyle, 'ics');
      const result = await save(fileName, new TextEncoder().encode(appointmentsIcs(planned, title, new Date())));
      if (result.saved) s.audit.append({ type: 'calendar.exported', recordType: 'client', recordId: clientId, detail: { events: planned.length } });
      return { ...result, id: null };
    },
  };
}
