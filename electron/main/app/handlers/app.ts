import { bundledLicences } from '../../domain/resources.ts';
import type { AppContext } from '../context.ts';
import type { HandlerSlice } from './types.ts';

export function appHandlers(ctx: AppContext): HandlerSlice<'app' | 'settings'> {
  return {
    'app.info': () => ({
      version: ctx.version,
      dataDir: ctx.dataDir,
      shell: ctx.platform?.shell ?? 'browser-host',
      spellCheck: false as const,
      licences: bundledLicences(),
    }),
    'app.closeReady': () => {
      ctx.platform?.closeReady();
      return { ok: true as const };
    },
    'settings.get': () => ctx.settings.get(),
    'settings.update': (patch) => {
      const next = ctx.settings.update(patch);
      ctx.openRepositories()?.audit.append({ type: 'settings.changed' });
      return next;
    },
  };
}
