import type { MethodInput, MethodOutput } from '@contract';
import { api } from '../../api';
import type { ApiClient } from '../../api/client';
import { downloadBase64 } from '../../lib/download';

/** Hands a base64 PDF to the browser as a download. */
export const savePdf = (fileName: string, pdfBase64: string): void => downloadBase64(fileName, pdfBase64, 'application/pdf');

/** The manager area's calls; the main process checks the role on each. */
export function createManagerActions(client: ApiClient) {
  return {
    contacts: (input: MethodInput<'manager.contacts'>): Promise<MethodOutput<'manager.contacts'>> => client.call('manager.contacts', input),
    proof: (contactId: number): Promise<MethodOutput<'manager.proof'>> => client.call('manager.proof', { contactId }),
    stats: (from: string, to: string): Promise<MethodOutput<'manager.stats'>> => client.call('manager.stats', { from, to }),
    record: (): Promise<MethodOutput<'manager.processingRecord'>> => client.call('manager.processingRecord', {}),
    async saveRecordPdf(): Promise<void> {
      const { fileName, pdfBase64 } = await client.call('manager.processingRecordPdf', {});
      savePdf(fileName, pdfBase64);
    },
  };
}

export const managerActions = createManagerActions(api);
