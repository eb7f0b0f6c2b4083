import type { AppContext } from '../../app-context';
import { ApiError } from '../../contract/errors';
import { toContactSummary } from '../../core/views';
import type { Handlers } from '../router';

type ManagerHandlers = Pick<
  Handlers,
  'manager.contacts' | 'manager.proof' | 'manager.stats' | 'manager.processingRecord' | 'manager.processingRecordPdf'
>;

/** The manager's area: consent review, statistics, processing record (access and audit are declared in the contract). */
export function managerHandlers(ctx: AppContext, history: (contactId: number) => ReturnType<Handlers['consent.history']>): ManagerHandlers {
  const { manager, store } = ctx;
  return {
    'manager.contacts': (input) => manager.contacts(input),
    'manager.proof': async ({ contactId }) => {
      const row = store.contacts.listRow(contactId);
      if (!row) throw new ApiError('not_found', 'contact not found', { field: 'contactId' });
      return { contact: toContactSummary(row), events: await history(contactId) };
    },
    'manager.stats': (period) => manager.stats(period),
    'manager.processingRecord': () => manager.processingRecord(),
    'manager.processingRecordPdf': async () => {
      const pdf = await manager.processingRecordPdf();
      return { fileName: pdf.fileName, pdfBase64: Buffer.from(pdf.bytes).toString('base64') };
    },
  };
}
