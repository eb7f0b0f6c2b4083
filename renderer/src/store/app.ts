import { create } from 'zustand';
import type { ChannelStateView, MethodOutput } from '@contract';
import type { ApiError } from '@contract/errors';
import type { ConnectionState } from '../api/client';

export type AppInfo = MethodOutput<'app.info'>;

export interface AppState {
  info: AppInfo | null;
  channel: ChannelStateView | null;
  connection: ConnectionState;
  /** Last failure to load the basics, shown (in the UI's words) until the next success. */
  loadError: ApiError | null;
  setInfo(info: AppInfo): void;
  setChannel(channel: ChannelStateView): void;
  setConnection(connection: ConnectionState): void;
  setLoadError(error: ApiError | null): void;
}

export const useApp = create<AppState>()((set) => ({
  info: null,
  channel: null,
  connection: 'connecting',
  loadError: null,
  setInfo: (info) => set({ info, channel: info.channel }),
  setChannel: (channel) => set({ channel }),
  setConnection: (connection) => set({ connection }),
  setLoadError: (loadError) => set({ loadError }),
}));
