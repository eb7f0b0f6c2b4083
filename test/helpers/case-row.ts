import type { CaseRow } from '../../main/store/cases-repo';

/**
 * A stored case as the repository writes it: an open repair just received,
 * with no typed fields, unless `over` says otherwise.
 */
export const caseRow = (over: Partial<CaseRow> & Pick<CaseRow, 'id' | 'number' | 'phone'>): CaseRow => ({
  type: 'repair',
  status: 'received',
  title: '',
  reference: null,
  promised_at: null,
  pickup_until: null,
  carrier: null,
  tracking_number: null,
  appointment_at: null,
  open: 1,
  deadline_at: null,
  last_notice: null,
  created_at: 1,
  updated_at: 1,
  ...over,
});
