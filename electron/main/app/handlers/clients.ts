import { clientOverview } from '../../domain/overview.ts';
import type { AppContext } from '../context.ts';
import type { HandlerSlice } from './types.ts';

export function clientHandlers(ctx: AppContext): Omit<HandlerSlice<'clients'>, 'clients.delete'> {
  return {
    'clients.list': (query) => ctx.session().clients.list(query),
    'clients.get': ({ id }) => ctx.session().clients.get(id),
    'clients.create': ({ fields }) => ctx.session().clients.create(fields),
    'clients.update': ({ id, expectedUpdatedAt, fields }) => ctx.session().clients.update(id, expectedUpdatedAt, fields),
    'clients.archive': ({ id }) => ctx.session().clients.archive(id),
    'clients.restore': ({ id }) => ctx.session().clients.restore(id),
    'clients.overview': ({ id }) => clientOverview(ctx.session(), id),
  };
}
