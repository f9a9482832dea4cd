import type { AppContext } from '../context.ts';
import type { HandlerSlice } from './types.ts';

/** The client's safety plan: the current revision, every revision, a new revision, the client's copy. */
export function safetyPlanHandlers(ctx: AppContext): HandlerSlice<'safetyPlan'> {
  return {
    'safetyPlan.get': ({ clientId }) => ctx.session().safetyPlans.latest(clientId),
    'safetyPlan.save': (input) => ctx.session().safetyPlans.save(input),
    'safetyPlan.revisions': ({ clientId }) => ctx.session().safetyPlans.revisions(clientId),
    'safetyPlan.print': (req) => ctx.docs().printSafetyPlan(req),
  };
}
