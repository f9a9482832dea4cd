import type { AppContext } from '../context.ts';
import type { HandlerSlice } from './types.ts';

/** The inventory, the closeness circle, the timeline and 0-10 rating series. */
export function relationshipHandlers(ctx: AppContext): HandlerSlice<'people' | 'circle' | 'timeline' | 'ratings'> {
  return {
    'people.list': ({ clientId, includeArchived }) => ctx.session().people.list(clientId, includeArchived),
    'people.create': ({ clientId, fields }) => ctx.session().people.create(clientId, fields),
    'people.update': ({ id, expectedUpdatedAt, fields }) => ctx.session().people.update(id, expectedUpdatedAt, fields),
    'people.reorder': ({ clientId, order }) => ctx.session().people.reorder(clientId, order),
    'people.usage': ({ id }) => ({ usedIn: ctx.session().people.usage(id) }),
    'people.remove': ({ id }) => ctx.session().people.remove(id),
    'people.archive': ({ id }) => ctx.session().people.setArchived(id, true),
    'people.restore': ({ id }) => ctx.session().people.setArchived(id, false),

    'circle.get': ({ clientId }) => ctx.session().circle.get(clientId),
    'circle.update': ({ clientId, rings, placements }) => ctx.session().circle.update(clientId, rings, placements),
    'circle.saveSnapshot': ({ clientId, takenOn, label }) => ctx.session().circle.snapshot(clientId, takenOn, label),
    'circle.snapshots': ({ clientId }) => ctx.session().circle.snapshots(clientId),
    'circle.compare': ({ beforeId, afterId }) => ctx.session().circle.compare(beforeId, afterId),

    'timeline.get': ({ clientId }) => ctx.session().timeline.timeline(clientId),
    'timeline.createEvent': ({ clientId, fields }) => ctx.session().timeline.create(clientId, fields),
    'timeline.updateEvent': ({ id, expectedUpdatedAt, fields }) => ctx.session().timeline.update(id, expectedUpdatedAt, fields),
    'timeline.removeEvent': ({ id }) => {
      ctx.session().timeline.remove(id);
      return { ok: true as const };
    },

    'ratings.createSeries': (input) => ctx.session().ratings.createSeries(input),
    'ratings.add': (input) => ctx.session().ratings.add(input),
    'ratings.list': ({ clientId, courseId }) => ctx.session().ratings.list(clientId, courseId),
  };
}
