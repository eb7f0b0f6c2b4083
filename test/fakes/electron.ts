/**
 * A small in-memory stand-in for the parts of the `electron` module the shell
 * and preload use (the Electron binary is not available to the tests). It
 * keeps the real behaviours the code relies on: ipcMain.handle refuses a
 * second handler per channel, app.quit emits a cancellable 'before-quit',
 * loadFile navigates the webContents to the file:// URL, and IPC messages
 * from ipcRenderer reach ipcMain with a sender and a senderFrame.
 */
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

type Listener = (...args: unknown[]) => unknown;

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  url?: string;
}
export const makeEvent = (extra: Record<string, unknown> = {}): FakeEvent => {
  const e: FakeEvent = {
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
    ...extra,
  };
  return e;
};

export class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}
}

export class FakeSession {
  headersListener: Listener | null = null;
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  spellCheckerLanguages: string[] = [];
  webRequest = {
    onHeadersReceived: (listener: Listener) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: Listener) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener) {
    this.permissionCheckHandler = handler;
  }
  setSpellCheckerLanguages(langs: string[]) {
    this.spellCheckerLanguages = langs;
  }
}

let nextId = 1;
export class FakeWebContents extends EventEmitter {
  id = nextId++;
  url = '';
  destroyed = false;
  session = new FakeSession();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: Array<{ channel: string; message: unknown }> = [];
  mainFrame = new FakeWebFrame('');
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return this.destroyed;
  }
  send(channel: string, message: unknown) {
    // Like Electron, what crosses IPC is a structured clone.
    this.sent.push({ channel, message: structuredClone(message) });
    ipcRenderer.emit(channel, { sender: ipcRenderer }, structuredClone(message));
  }
  navigate(url: string) {
    this.url = url;
    this.mainFrame.url = url;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  webContents = new FakeWebContents();
  visible = false;
  focused = false;
  minimized = false;
  destroyed = false;
  loadedFile: string | null = null;
  loadedUrl: string | null = null;
  constructor(public options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
  }
  async loadURL(url: string) {
    this.loadedUrl = url;
    this.webContents.navigate(url);
    this.emit('ready-to-show');
  }
  async loadFile(file: string) {
    this.loadedFile = file;
    this.webContents.navigate(pathToFileURL(file).href);
    this.emit('ready-to-show');
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
    this.focused = false;
  }
  focus() {
    this.focused = true;
  }
  isFocused() {
    return this.focused;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** What clicking the window's close button does: 'close' can be cancelled. */
  close() {
    const e = makeEvent();
    this.emit('close', e);
    if (e.defaultPrevented) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;
class FakeIpcMain extends EventEmitter {
  handlers = new Map<string, InvokeHandler>();
  handle(channel: string, fn: InvokeHandler) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  /** An invoke as it arrives from a renderer. */
  async invokeFrom(sender: FakeWebContents, frame: FakeWebFrame | null, channel: string, ...args: unknown[]) {
    const fn = this.handlers.get(channel);
    if (!fn) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await fn({ sender, senderFrame: frame, frameId: 1, processId: 1 }, ...args.map((a) => structuredClone(a))));
  }
}
export const ipcMain = new FakeIpcMain();

class FakeIpcRenderer extends EventEmitter {
  /** The window this renderer lives in; invoke() goes to ipcMain as that sender. */
  host: FakeWebContents | null = null;
  invoke(channel: string, ...args: unknown[]) {
    if (!this.host) return Promise.reject(new Error('renderer not attached to a window'));
    return ipcMain.invokeFrom(this.host, this.host.mainFrame, channel, ...args);
  }
}
export const ipcRenderer = new FakeIpcRenderer();

export const contextBridge = {
  exposed: {} as Record<string, unknown>,
  exposeInMainWorld(key: string, api: unknown) {
    if (key in this.exposed) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
    this.exposed[key] = api;
  },
};

class FakeApp extends EventEmitter {
  lock = true;
  isPackaged = false;
  locale = 'en-US';
  version = '9.9.9';
  appPath = '/opt/tresen';
  paths: Record<string, string> = { userData: '/tmp/tresen-user-data' };
  quitRequested = 0;
  quitted = false;
  ready = false;
  appUserModelId: string | null = null;
  private readyResolve: (() => void) | null = null;
  private readyPromise = new Promise<void>((r) => (this.readyResolve = r));
  reset() {
    this.removeAllListeners();
    this.lock = true;
    this.isPackaged = false;
    this.locale = 'en-US';
    this.appPath = '/opt/tresen';
    this.paths = { userData: '/tmp/tresen-user-data' };
    this.quitRequested = 0;
    this.quitted = false;
    this.ready = false;
    this.appUserModelId = null;
    this.readyPromise = new Promise<void>((r) => (this.readyResolve = r));
  }
  requestSingleInstanceLock() {
    return this.lock;
  }
  whenReady() {
    return this.readyPromise;
  }
  becomeReady() {
    this.ready = true;
    this.readyResolve?.();
  }
  getPath(name: string) {
    const p = this.paths[name];
    if (!p) throw new Error(`unknown path ${name}`);
    return p;
  }
  setPath(name: string, value: string) {
    this.paths[name] = value;
  }
  getAppPath() {
    return this.appPath;
  }
  getVersion() {
    return this.version;
  }
  /** Like Electron before ready: the system language is not known yet (answers en-US). */
  getLocale() {
    return this.ready ? this.locale : 'en-US';
  }
  setAppUserModelId(id: string) {
    this.appUserModelId = id;
  }
  quit() {
    this.quitRequested++;
    const e = makeEvent();
    this.emit('before-quit', e);
    if (!e.defaultPrevented) this.quitted = true;
  }
}
export const app = new FakeApp();

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  static failNext = false;
  tooltip = '';
  menu: { template: Array<Record<string, unknown>> } | null = null;
  destroyed = false;
  constructor(public image: unknown) {
    super();
    if (Tray.failNext) {
      Tray.failNext = false;
      throw new Error('no tray on this desktop');
    }
    Tray.instances.push(this);
  }
  setToolTip(t: string) {
    this.tooltip = t;
  }
  setContextMenu(menu: { template: Array<Record<string, unknown>> }) {
    this.menu = menu;
  }
  destroy() {
    this.destroyed = true;
  }
}

export const Menu = {
  applicationMenu: undefined as unknown,
  buildFromTemplate: (template: Array<Record<string, unknown>>) => ({ template }),
  setApplicationMenu(menu: unknown) {
    this.applicationMenu = menu;
  },
};

export class Notification extends EventEmitter {
  static instances: Notification[] = [];
  static isSupported() {
    return true;
  }
  shown = false;
  constructor(public options: { title: string; body: string }) {
    super();
    Notification.instances.push(this);
  }
  show() {
    this.shown = true;
  }
}

export const nativeImage = {
  createFromBuffer: (buffer: Buffer) => ({ buffer }),
};

export const shell = {
  opened: [] as string[],
  async openExternal(url: string) {
    this.opened.push(url);
  },
};

export const dialog = {
  errors: [] as Array<{ title: string; content: string }>,
  showErrorBox(title: string, content: string) {
    this.errors.push({ title, content });
  },
};

export const protocol = {
  privileged: [] as Array<{ scheme: string; privileges: Record<string, boolean> }>,
  handlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>) {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: { url: string }) => Promise<Response>) {
    this.handlers.set(scheme, handler);
  },
};

/** Fresh state for every test. */
export function resetFakeElectron(): void {
  BrowserWindow.instances = [];
  Tray.instances = [];
  Tray.failNext = false;
  Notification.instances = [];
  ipcMain.handlers.clear();
  ipcMain.removeAllListeners();
  ipcRenderer.removeAllListeners();
  ipcRenderer.host = null;
  contextBridge.exposed = {};
  Menu.applicationMenu = undefined;
  shell.opened = [];
  dialog.errors = [];
  protocol.privileged = [];
  protocol.handlers.clear();
  app.reset();
}
