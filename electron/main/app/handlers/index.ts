/** The whole handler table, one slice per channel group; TypeScript checks every channel has one. */
import type { AppContext } from '../context.ts';
import { appHandlers } from './app.ts';
import { protectionHandlers } from './backups.ts';
import { clientHandlers } from './clients.ts';
import { courseHandlers } from './courses.ts';
import { documentHandlers } from './documents.ts';
import { measureHandlers } from './measures.ts';
import { noteHandlers } from './notes.ts';
import { relationshipHandlers } from './relationships.ts';
import { safetyPlanHandlers } from './safety-plan.ts';
import type { Handlers } from './types.ts';
import { vaultHandlers } from './vault.ts';

export function createHandlers(ctx: AppContext): Handlers {
  return {
    ...vaultHandlers(ctx),
    ...appHandlers(ctx),
    ...protectionHandlers(ctx),
    ...clientHandlers(ctx),
    ...courseHandlers(ctx),
    ...relationshipHandlers(ctx),
    ...noteHandlers(ctx),
    ...measureHandlers(ctx),
    ...documentHandlers(ctx),
    ...safetyPlanHandlers(ctx),
  };
}
