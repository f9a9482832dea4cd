import type { AppContext } from '../context.ts';
import type { HandlerSlice } from './types.ts';

export function courseHandlers(ctx: AppContext): HandlerSlice<'courses' | 'sessions'> {
  return {
    'courses.create': (input) => ctx.session().courses.create(input),
    'courses.get': ({ id }) => ctx.session().courses.get(id),
    'courses.list': ({ clientId }) => ctx.session().courses.list(clientId),
    'courses.update': (input) => ctx.session().courses.update(input),
    'courses.renegotiate': (input) => ctx.session().courses.renegotiate(input),
    'courses.close': ({ id }) => ctx.session().courses.setClosed(id, true),
    'courses.reopen': ({ id }) => ctx.session().courses.setClosed(id, false),
    'sessions.create': (input) => {
      const s = ctx.session();
      return s.sessions.numberedOne(s.sessions.create(input));
    },
    'sessions.list': ({ courseId }) => ctx.session().sessions.numbered(courseId),
  };
}
