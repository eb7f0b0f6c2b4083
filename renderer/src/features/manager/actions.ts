import type { MethodInput, MethodOutput } from '@contract';
import { api } from '../../api';
import type { ApiClient } from '../../api/client';

/** Hands a base64 PDF to the browser as a download. */
export function savePdf(fileName: string, pdfBase64: string): void {
  const bytes = Uint8Array.from(atob(pdfBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

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
