import type { AppContext } from '../context.ts';
import type { HandlerSlice } from './types.ts';

/** Questionnaires, their settings and schedule, and client mode (the client fills one in). */
export function measureHandlers(ctx: AppContext): HandlerSlice<'measures' | 'clientMode'> {
  return {
    'measures.administer': (input) => ctx.session().measures.administer(input),
    'measures.list': ({ clientId, courseId }) => ctx.session().measures.list(clientId, courseId),
    'measures.summary': ({ clientId, courseId }) => ctx.session().measures.summary(clientId, courseId),
    'measures.chart': ({ clientId }) => ctx.session().measures.chartData(clientId),
    'measures.settings': () => ctx.session().measures.settings(),
    'measures.saveSettings': (settings) => ctx.session().measures.saveSettings(settings),
    'measures.setSchedule': ({ courseId, every }) => {
      ctx.session().courses.setMeasureEvery(courseId, every);
      return { ok: true as const };
    },

    'clientMode.start': ({ clientId, sessionId, instruments }) => {
      ctx.session().measures.startClientMode(clientId, sessionId, instruments);
      ctx.setClientMode(true);
      return ctx.session().measures.clientModeView();
    },
    'clientMode.view': () => ctx.session().measures.clientModeView(),
    'clientMode.saveDraft': (draft) => {
      ctx.session().measures.saveClientDraft(draft);
      return { ok: true as const };
    },
    'clientMode.submit': () => {
      ctx.session().measures.submitClientMode();
      return ctx.session().measures.clientModeView();
    },
    'clientMode.exit': async ({ passphrase }) => {
      await ctx.vault.verifyPassphrase(passphrase);
      const result = ctx.session().measures.endClientMode();
      ctx.setClientMode(false);
      return result;
    },
  };
}
