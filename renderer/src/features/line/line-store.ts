import { create } from 'zustand';
import type { MethodOutput } from '@contract';
import type { ApiError } from '@contract/errors';

export type LineStatus = MethodOutput<'line.status'>;

export interface LineState {
  /** The line's status from main; null until known or when it could not be read. */
  status: LineStatus | null;
  /** A switch was asked for; the UI reloads when main reports it done. */
  switching: boolean;
  /** The outcome of the last settings action in this section. */
  notice: { kind: 'ok' } | { kind: 'error'; error: ApiError } | null;
}

export const useLine = create<LineState>()(() => ({ status: null, switching: false, notice: null }));
