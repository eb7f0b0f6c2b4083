// Sandboxed preload: bundled into dist/preload/index.cjs, and 'electron' is
// the only module it requires at runtime.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('tresen', createBridge(ipcRenderer));

export type { TresenBridge } from './types';
