import { todayIso } from '../../../../shared/schemas/dates.ts';
import { AppError } from '../../data/errors.ts';
import { ensurePrivateFolder } from '../../data/fs-atomic.ts';
import { bundledLicences } from '../../domain/resources.ts';
import { fileNameFor } from '../../domain/documents/file-names.ts';
import type { AppContext } from '../context.ts';
import type { HandlerSlice } from './types.ts';

export function appHandlers(ctx: AppContext): HandlerSlice<'app' | 'settings' | 'support' | 'files'> {
  return {
    'app.info': () => ({
      version: ctx.version,
      buildDate: ctx.buildDate,
      dataDir: ctx.dataDir,
      shell: ctx.platform?.shell ?? 'browser-host',
      spellCheck: false as const,
      licences: bundledLicences(),
    }),
    // Only ever on the user's click: the app makes no request of its own.
    'app.openDownloadPage': async () => ({ opened: (await ctx.platform?.openDownloadPage?.()) ?? false }),
    'app.closeReady': () => {
      ctx.platform?.closeReady();
      return { ok: true as const };
    },
    'support.openLogFolder': async () => {
      ensurePrivateFolder(ctx.supportLog.dir);
      return { opened: (await ctx.platform?.openFolder?.(ctx.supportLog.dir)) ?? false };
    },
    'support.saveLog': async () => {
      const documents = ctx.platform?.documents;
      if (!documents) throw new AppError('INTERNAL');
      const name = fileNameFor('IPT Workstation support log', null, todayIso(), 'initials', 'txt');
      const text = ctx.supportLog.text() || 'The log is empty.\n';
      return { ...(await documents.saveFile(name, new TextEncoder().encode(text))), id: null };
    },
    // The browser host has no file manager to show: it answers false, and the page says so.
    'files.showInFolder': ({ id }) => ({ shown: ctx.platform?.documents?.showInFolder?.(id) ?? false }),
    'settings.get': () => ctx.settings.get(),
    'settings.update': (patch) => {
      const next = ctx.settings.update(patch);
      ctx.openRepositories()?.audit.append({ type: 'settings.changed' });
      return next;
    },
  };
}
