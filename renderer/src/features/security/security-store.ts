import { create } from 'zustand';
import type { AccessLogEntry, ApiKeyView, LocalApiView, SessionState } from '@contract';

export interface SecurityState {
  /** What this window may do now (null until loaded). */
  session: SessionState | null;
  keys: ApiKeyView[] | null;
  localApi: LocalApiView | null;
  log: AccessLogEntry[] | null;
  logNext: string | null;
  setSession(session: SessionState): void;
}

export const useSecurity = create<SecurityState>()((set) => ({
  session: null,
  keys: null,
  localApi: null,
  log: null,
  logNext: null,
  setSession: (session) => set({ session }),
}));

/** Manager rights now; true while unknown would show manager controls to staff, so unknown is false. */
export const isManager = (s: SecurityState): boolean => s.session?.manager === true;
