import { newCaseRow, type CaseRow } from '../../main/store/cases-repo';

/**
 * A stored case as the repository writes it: an open repair just received
 * (at time 1), with no typed fields, unless `over` says otherwise.
 */
export const caseRow = (over: Partial<CaseRow> & Pick<CaseRow, 'id' | 'number' | 'phone'>): CaseRow => ({
  ...newCaseRow({ id: over.id, number: over.number, phone: over.phone, type: 'repair', status: 'received', at: 1 }),
  ...over,
});
