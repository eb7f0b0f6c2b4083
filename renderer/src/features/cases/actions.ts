import type { CaseStatus, MethodInput, MethodOutput } from '@contract';
import { api } from '../../api';
import type { ApiClient } from '../../api/client';
import { toApiError } from '../../api/client';
import { useCases, type CaseFilter } from './cases-store';
import { base64ToBytes } from '../../lib/download';

/** The cases feature's actions: the only code of this feature that calls the API. */
export function createCaseActions(client: ApiClient) {
  const store = () => useCases.getState();
  let listSeq = 0;

  const loadDetail = async (id: string): Promise<void> => {
    store().setDetail(await client.call('cases.get', { id }));
  };

  const loadList = async (append = false): Promise<void> => {
    const mine = ++listSeq;
    const { filter, next } = store();
    store().setListState(true, null);
    try {
      const page = await client.call('cases.list', {
        ...(filter.type ? { type: filter.type } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.overdue ? { overdue: true } : {}),
        ...(filter.open ? { open: true } : {}),
        ...(append && next ? { cursor: next } : {}),
        limit: 50,
      });
      if (mine === listSeq) store().setList(page.items, page.next, append);
    } catch (err) {
      if (mine === listSeq) store().setListState(false, toApiError(err));
    }
  };

  return {
    loadDetail,
    loadList,
    async setFilter(filter: Partial<CaseFilter>): Promise<void> {
      store().setFilter(filter);
      await loadList(false);
    },
    async loadForContact(contactId: number): Promise<void> {
      const page = await client.call('cases.list', { contactId, limit: 100 });
      store().setForContact(contactId, page.items);
    },
    async create(input: MethodInput<'cases.create'>): Promise<MethodOutput<'cases.create'>> {
      const view = await client.call('cases.create', input);
      store().upsert(view);
      return view;
    },
    preview: (id: string, status: CaseStatus) => client.call('cases.preview', { id, status }),
    async update(input: MethodInput<'cases.update'>): Promise<MethodOutput<'cases.update'>> {
      const r = await client.call('cases.update', input);
      store().upsert(r.case);
      await loadDetail(input.id);
      return r;
    },
    async notify(id: string, text?: string): Promise<MethodOutput<'cases.notify'>> {
      const r = await client.call('cases.notify', text ? { id, text } : { id });
      store().upsert(r.case);
      await loadDetail(id);
      return r;
    },
    async attach(id: string, messageId: number): Promise<void> {
      store().setDetail(await client.call('cases.attach', { id, messageId }));
    },
    /** A PDF or file of the case as an object URL (the caller revokes it). */
    async labelUrl(id: string, format: 'a4' | 'a6'): Promise<{ url: string; fileName: string }> {
      const r = await client.call('cases.label', { id, format });
      return { url: URL.createObjectURL(new Blob([base64ToBytes(r.base64)], { type: r.mime })), fileName: r.fileName };
    },
    async fileUrl(id: string, mediaId: number): Promise<string> {
      const r = await client.call('cases.file', { id, mediaId });
      return URL.createObjectURL(new Blob([base64ToBytes(r.base64)], { type: r.mime }));
    },
    async loadSettings(): Promise<void> {
      store().setSettings(await client.call('cases.settings', {}));
    },
    async saveSettings(patch: MethodInput<'cases.updateSettings'>): Promise<void> {
      store().setSettings(await client.call('cases.updateSettings', patch));
    },
    importPreview: (csv: string) => client.call('cases.importPreview', { csv }),
    async importCommit(csv: string, skipInvalid: boolean): Promise<MethodOutput<'cases.importCommit'>> {
      const r = await client.call('cases.importCommit', { csv, skipInvalid });
      await loadList(false);
      return r;
    },
    /** Keeps the store current from main's events; returns the stop function. */
    watch(): () => void {
      return client.on('case.updated', (view) => {
        store().upsert(view);
        if (store().details[view.id]) void loadDetail(view.id).catch(() => {});
      });
    },
  };
}


export const caseActions = createCaseActions(api);
