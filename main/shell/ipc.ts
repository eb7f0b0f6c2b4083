import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, ipcChannel, methodNames } from '../contract';
import type { MethodName } from '../contract';
import type { Envelope } from '../contract/errors';
import type { TresenApp } from '../app-context';
import type { Logger } from '../runtime';
import { isAppUrl } from './window';
import { newSession, type Session } from '../core/session';

export interface IpcOptions {
  app: Pick<TresenApp, 'dispatch' | 'subscribe'>;
  /** The main window, looked up on every call: it can be closed and created again. */
  getWindow: () => BrowserWindow | null;
  /** file:// URL of the app's page; calls from any other page are refused. */
  rendererUrl: string;
  logger: Logger;
}

/** The payload pushed on IPC_EVENT_CHANNEL; the preload hands it to `on(event, fn)` listeners. */
export interface IpcEventMessage {
  event: string;
  payload: unknown;
}

/**
 * Why a call must be refused, or null when it comes from the top frame of our
 * own window showing our own page. An injected frame, a foreign page the
 * window was tricked into, or another webContents gets nothing.
 */
export function rejectSender(event: IpcMainInvokeEvent, win: BrowserWindow | null, rendererUrl: string): string | null {
  if (!win || win.isDestroyed()) return 'no main window';
  if (event.sender !== win.webContents) return 'not the main window';
  const frame = event.senderFrame;
  if (!frame) return 'sender frame gone';
  if (frame.parent) return 'not the top frame';
  if (!isAppUrl(frame.url, rendererUrl)) return 'foreign page';
  return null;
}

/**
 * One ipcMain handler per method of the contract, each answering an
 * Envelope (never a rejection: errors thrown across IPC lose their shape),
 * plus the event push to the window. Returns a dispose function.
 */
export function registerIpc({ app, getWindow, rendererUrl, logger }: IpcOptions): () => void {
  const channels: string[] = [];
  // The window's session: the profile switched to in it is main's to know, not the renderer's to claim.
  const session = newSession({
    notify: (event, payload) => {
      const win = getWindow();
      if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
      const message: IpcEventMessage = { event, payload };
      win.webContents.send(IPC_EVENT_CHANNEL, message);
    },
  });

  for (const name of methodNames) {
    const channel = ipcChannel(name);
    channels.push(channel);
    ipcMain.handle(channel, async (event, input: unknown): Promise<Envelope<unknown>> => {
      const reason = rejectSender(event, getWindow(), rendererUrl);
      if (reason) {
        logger.warn('ipc call refused', { method: name, reason, url: event.senderFrame?.url?.slice(0, 200) });
        return { ok: false, error: { code: 'forbidden', message: `Call refused: ${reason}.` } };
      }
      return dispatchSafely(app, name, input, session, logger);
    });
  }

  const unsubscribe = app.subscribe((event, payload) => {
    const win = getWindow();
    if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
    const message: IpcEventMessage = { event, payload };
    win.webContents.send(IPC_EVENT_CHANNEL, message);
  });

  return () => {
    unsubscribe();
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

async function dispatchSafely(
  app: Pick<TresenApp, 'dispatch'>,
  name: MethodName,
  input: unknown,
  session: Session,
  logger: Logger,
): Promise<Envelope<unknown>> {
  try {
    return await app.dispatch(name, input, session);
  } catch (err) {
    // dispatch promises never to throw; if it does, the renderer still gets an answer.
    logger.error('dispatch threw', { method: name, error: String(err) });
    return { ok: false, error: { code: 'internal', message: 'Internal error.' } };
  }
}
