import type { AppContext } from '../context.ts';
import type { HandlerSlice } from './types.ts';

/** Letters, prints, worksheets, disclosure authorisations, the referral packet and the full export. */
export function documentHandlers(ctx: AppContext): HandlerSlice<'letters' | 'documents' | 'authorisations' | 'packet' | 'export'> {
  return {
    'letters.draft': (req) => ctx.docs().draft(req),
    'letters.export': ({ draft, consentOverrideReason }) => ctx.docs().exportLetter(draft, consentOverrideReason),
    'letters.list': ({ clientId }) => ctx.session().documents.letters(clientId),
    'documents.print': (req) => ctx.docs().print(req),
    'documents.worksheet': (req) => ctx.docs().worksheet(req),
    'authorisations.record': (input) => ctx.session().documents.recordAuthorisation(input),
    'authorisations.list': ({ clientId }) => ctx.session().documents.authorisations(clientId),
    'packet.preview': (sel) => ctx.docs().preview(sel),
    'packet.export': (sel) => ctx.docs().exportPacket(sel),
    'export.full': (req) => ctx.docs().exportAll(req),
  };
}
