import type { ContactComplianceView, RetentionPreview, RetentionSettings } from '@contract';
import { api } from '../../api';
import type { ApiClient } from '../../api/client';
import { downloadBase64, downloadBytes } from '../../lib/download';


/** Exports, erasure, legal hold and retention: the calls behind the manager's buttons (main decides and checks the role). */
export function createComplianceActions(client: ApiClient) {
  return {
    async downloadAccessExport(contactId: number): Promise<void> {
      const { fileName, base64 } = await client.call('compliance.exportContact', { contactId });
      downloadBase64(fileName, base64, 'application/zip');
    },
    async downloadContactsCsv(purpose: 'service' | 'marketing', fields: Parameters<typeof client.call<'compliance.exportContactsCsv'>>[1]['fields']): Promise<number> {
      const { fileName, csv, count } = await client.call('compliance.exportContactsCsv', { purpose, fields });
      downloadBytes(fileName, csv, 'text/csv;charset=utf-8');
      return count;
    },
    erase(contactId: number): Promise<{ erased: true; chatDeleted: boolean | null }> {
      return client.call('compliance.erase', { contactId });
    },
    status(contactId: number): Promise<ContactComplianceView> {
      return client.call('compliance.contact', { contactId });
    },
    setLegalHold(contactId: number, hold: boolean, reason?: string): Promise<ContactComplianceView> {
      return client.call('compliance.setLegalHold', { contactId, hold, ...(reason ? { reason } : {}) });
    },
    retention(): Promise<RetentionSettings> {
      return client.call('retention.get', {});
    },
    saveRetention(patch: Partial<RetentionSettings>): Promise<RetentionSettings> {
      return client.call('retention.update', { patch });
    },
    preview(): Promise<RetentionPreview> {
      return client.call('retention.preview', {});
    },
  };
}

export const complianceActions = createComplianceActions(api);
