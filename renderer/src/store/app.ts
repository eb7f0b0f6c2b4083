import { create } from 'zustand';
import type { ChannelStateView, MethodOutput } from '@contract';
import type { ConnectionState } from '../api/client';

export type AppInfo = MethodOutput<'app.info'>;

export interface AppState {
  info: AppInfo | null;
  channel: ChannelStateView | null;
  connection: ConnectionState;
  /** Last failure to load the basics, shown until the next success. */
  loadError: string | null;
  simOpen: boolean;
  setInfo(info: AppInfo): void;
  setChannel(channel: ChannelStateView): void;
  setConnection(connection: ConnectionState): void;
  setLoadError(message: string | null): void;
  toggleSim(open?: boolean): void;
}

export const useApp = create<AppState>()((set) => ({
  info: null,
  channel: null,
  connection: 'connecting',
  loadError: null,
  simOpen: false,
  setInfo: (info) => set({ info, channel: info.channel }),
  setChannel: (channel) => set({ channel }),
  setConnection: (connection) => set({ connection }),
  setLoadError: (loadError) => set({ loadError }),
  toggleSim: (open) => set((s) => ({ simOpen: open ?? !s.simOpen })),
}));
