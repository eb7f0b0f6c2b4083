import type { ChannelState } from '../../core/channel';
import { BrowserNotFoundError, SnapBrowserError, findBrowser } from './browser';
import { askPairingCode } from './pairing';
import { containPageHandlers, containReinjection, createRealClient, sessionFolder, type PageHandlers, type Reinjecting } from './client-options';
import { attachClientEvents, type MessageEvents } from './client-events';
import { destroyClient, killBrowser, releaseStaleProfile } from './orphaned-browser';
import { removeSessionFolder } from './session-removal';
import { errText, withTimeout, type LineShared, type WaClient } from './wa-client';

/**
 * Supervision of the client's life. The client runs in this process, but the
 * thing that crashes and hangs — Chrome and WhatsApp Web — already runs in a
 * separate browser process driven over the DevTools protocol. What is left to
 * contain here is the library's promises: every call goes through a timeout,
 * every event handler is wrapped so nothing escapes, each client instance has
 * a generation number so events of a discarded client are ignored, and a
 * watchdog restarts a client that stops answering. A crash, hang or
 * disconnect leads to a new client after an exponential back-off.
 */

/** What the rest of the line does when the supervised client lives, connects or goes. */
export interface SupervisorHooks extends MessageEvents {
  /** Ready, or connected again: deliver what arrived meanwhile. */
  catchUp(): void;
  /** The client is connected: start connected-only work (media retries). */
  startConnectedWork(): void;
  /** The client went away: stop connected-only work. */
  stopConnectedWork(): void;
  /** Stop or restart: every timer of the line ends. */
  stopTimers(): void;
  /** Wait (bounded) for inbound work in progress. */
  drainInbound(): Promise<void>;
}

export class Supervisor {
  running = false;
  generation = 0;
  client: WaClient | undefined;
  ready = false;
  current: ChannelState = { state: 'disconnected', reason: 'not started' };

  private readonly attached = new WeakSet<WaClient>();
  private attempts = 0;
  private readonly backoffInitial: number;
  private readonly backoffMax: number;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdogTimer: ReturnType<typeof setInterval> | undefined;
  private plannedTimer: ReturnType<typeof setTimeout> | undefined;
  private readyTimer: ReturnType<typeof setTimeout> | undefined;
  private qrTimer: ReturnType<typeof setTimeout> | undefined;
  /** The client being launched, so a stop meanwhile can still close its browser. */
  private launching: { client: WaClient; settled: Promise<unknown> } | undefined;

  constructor(
    private readonly s: LineShared,
    private readonly hooks: SupervisorHooks,
  ) {
    this.backoffInitial = s.o.backoff?.initialMs ?? 2_000;
    this.backoffMax = s.o.backoff?.maxMs ?? 5 * 60_000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempts = 0;
    // Launching never throws to the caller: failures show up as state.
    void this.launch();
  }

  async stop(): Promise<void> {
    await this.discardClient();
    await this.hooks.drainInbound();
    if (this.current.state !== 'logged_out' && this.current.state !== 'failed') this.setState({ state: 'disconnected', reason: 'stopped' });
  }

  /** Planned restart (weekly, memory): in-flight inbound work finishes first; catch-up covers the gap. */
  async restart(reason = 'planned restart'): Promise<void> {
    if (!this.running) return;
    this.s.o.logger.info('whatsapp: restarting client', { reason });
    this.clearTimers();
    const client = this.client;
    this.client = undefined;
    this.generation++;
    this.ready = false;
    await this.hooks.drainInbound();
    if (client) await this.teardown(client);
    this.attempts = 0;
    if (this.running) void this.launch();
  }

  /** Unlink the line (settings): logs the session out on WhatsApp and deletes it here. */
  async unlink(): Promise<void> {
    const client = this.client;
    if (client) {
      try {
        await withTimeout(client.logout(), this.s.t.callMs, 'logout');
      } catch (err) {
        this.s.o.logger.warn('whatsapp: logout failed; removing the local session anyway', { error: errText(err) });
      }
    }
    await this.loggedOut();
  }

  /** Linking by code instead of QR (see pairing.ts): the code appears as state 'pairing_code'. */
  async requestPairingCode(phone: string): Promise<string> {
    const code = await askPairingCode(this.s, this, phone);
    this.setState({ state: 'pairing_code', code });
    return code;
  }

  setState(s: ChannelState): void {
    if (JSON.stringify(s) === JSON.stringify(this.current)) return;
    this.current = s;
    this.watchReady(s.state);
    try {
      this.s.handlers.state?.(s);
    } catch (err) {
      this.s.o.logger.error('whatsapp: state handler threw', { error: errText(err) });
    }
  }

  /**
   * A deadline from "loaded and not waiting for a person" (starting after
   * initialize, syncing) to ready. WhatsApp Web that changed, or a sync that
   * raced the library's listener, would otherwise show "syncing" forever.
   */
  private watchReady(state: ChannelState['state'], loaded = false): void {
    const waiting = (state === 'syncing' || (state === 'starting' && loaded)) && !this.ready && this.running;
    if (!waiting) {
      if (state !== 'syncing' && state !== 'starting') this.clearReadyTimer();
      return;
    }
    if (this.readyTimer || this.s.t.readyMs <= 0) return;
    const client = this.client;
    const gen = this.generation;
    this.readyTimer = setTimeout(() => {
      this.readyTimer = undefined;
      if (gen !== this.generation || this.ready || !client) return;
      this.s.o.logger.warn('whatsapp: not ready in time; starting a new client', { readyMs: this.s.t.readyMs, state: this.current.state });
      void this.replace(client, 'WhatsApp Web did not finish loading');
    }, this.s.t.readyMs);
    this.readyTimer.unref?.();
  }

  /**
   * WhatsApp Web stops rotating the QR code after a while and waits for a
   * click (the library's handler for that fails in 1.34.7). A QR code older
   * than qrStaleMs is dead: a new client shows a fresh one.
   */
  private watchQr(client: WaClient, gen: number): void {
    clearTimeout(this.qrTimer);
    const ms = this.s.o.qrStaleMs ?? 90_000;
    if (ms <= 0) return;
    this.qrTimer = setTimeout(() => {
      this.qrTimer = undefined;
      if (gen !== this.generation || this.current.state !== 'qr') return;
      this.s.o.logger.info('whatsapp: the QR code stopped changing; showing a fresh one');
      void this.replace(client, 'QR code expired');
    }, ms);
    this.qrTimer.unref?.();
  }

  private clearReadyTimer(): void {
    clearTimeout(this.readyTimer);
    this.readyTimer = undefined;
  }

  makeClient(generation: number): WaClient {
    const o = this.s.o;
    if (o.clientFactory) return o.clientFactory(generation);
    const configured = typeof o.executablePath === 'function' ? o.executablePath() : o.executablePath;
    const executablePath = findBrowser(configured);
    // One DevTools call must be allowed to last as long as the longest deadline of our own (a media
    // download), or puppeteer ends it first; the channel's own deadlines bound every call anyway.
    const t = this.s.t;
    const protocolTimeoutMs = Math.max(t.downloadMs, t.sendMs, t.callMs) + 10_000;
    const client = createRealClient({ dataDir: o.dataDir, clientId: this.s.clientId, executablePath, ...o.realClient, protocolTimeoutMs: o.realClient?.protocolTimeoutMs ?? protocolTimeoutMs });
    containReinjection(client as unknown as Reinjecting, o.logger);
    containPageHandlers(client as unknown as PageHandlers, o.logger);
    return client as unknown as WaClient;
  }

  private profileDir(): string {
    return sessionFolder(this.s.o.dataDir, this.s.clientId);
  }

  private async launch(): Promise<void> {
    if (!this.running) return;
    const gen = ++this.generation;
    this.ready = false;
    this.setState({ state: 'starting' });
    let client: WaClient;
    try {
      client = this.makeClient(gen);
    } catch (err) {
      if (err instanceof BrowserNotFoundError || err instanceof SnapBrowserError) {
        // Retrying cannot help until the browser is installed or configured.
        this.s.o.logger.error('whatsapp: no browser', { error: err.message });
        this.running = false;
        this.setState({ state: 'failed', reason: err.message });
        return;
      }
      this.s.o.logger.error('whatsapp: cannot create client', { error: errText(err) });
      this.scheduleRestart(errText(err));
      return;
    }
    this.client = client;
    this.attach(client, gen);
    if (!this.s.o.clientFactory) await releaseStaleProfile(this.profileDir(), this.s.o.logger);
    const init = client.initialize();
    this.launching = { client, settled: init.catch(() => undefined) };
    // A launch that finishes after its client was discarded still opened a browser: close it.
    void this.launching.settled.then(() => {
      if (gen !== this.generation && this.client !== client) void withTimeout(client.destroy(), this.s.t.destroyMs, 'late destroy').catch(() => killBrowser(client));
    });
    try {
      await withTimeout(init, this.s.t.initializeMs, 'initialize');
      if (gen !== this.generation) return;
      this.watchBrowser(client, gen);
      this.watchReady(this.current.state, true);
    } catch (err) {
      if (gen !== this.generation) return;
      this.s.o.logger.warn('whatsapp: client failed to start', { error: errText(err) });
      await this.replace(client, errText(err));
    }
  }

  /** Drop a failed client and start a new one after the back-off. */
  private async replace(client: WaClient, reason: string): Promise<void> {
    if (this.client === client) this.client = undefined;
    this.generation++;
    this.ready = false;
    this.stopConnectedTimers();
    this.clearReadyTimer();
    await this.teardown(client);
    this.scheduleRestart(reason);
  }

  private scheduleRestart(reason: string): void {
    if (!this.running) return;
    const delay = Math.min(this.backoffMax, this.backoffInitial * 2 ** this.attempts);
    this.attempts++;
    this.setState({ state: 'disconnected', retryInMs: delay, reason });
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => void this.launch(), delay);
    this.restartTimer.unref?.();
  }

  private async teardown(client: WaClient): Promise<void> {
    const wasLaunching = this.launching?.client === client;
    if (this.launching?.client === client) {
      // Stopped while launching: the browser may not be known yet. Wait (bounded) until it is, then close it.
      const end = Date.now() + Math.min(this.s.t.destroyMs, 3_000);
      while (!client.pupBrowser && Date.now() < end) {
        const settled = await Promise.race([this.launching.settled.then(() => true), new Promise((r) => setTimeout(() => r(false), 50))]);
        if (settled) break;
      }
      this.launching = undefined;
    }
    await destroyClient(client, this.s.t.destroyMs, this.s.o.logger);
    // Whatever still holds the profile now (a browser still launching, or one that ignored close) is ended.
    if (!this.s.o.clientFactory && (wasLaunching || !client.pupBrowser)) await releaseStaleProfile(this.profileDir(), this.s.o.logger);
  }

  private watchBrowser(client: WaClient, gen: number): void {
    const browser = client.pupBrowser as { on?: (e: string, f: () => void) => unknown } | null | undefined;
    if (browser && typeof browser.on === 'function') {
      browser.on('disconnected', () => {
        if (gen !== this.generation) return;
        this.s.o.logger.warn('whatsapp: the browser closed or crashed');
        void this.replace(client, 'browser closed');
      });
    }
  }

  /** Listeners go on each client instance exactly once; events of an older instance are ignored. */
  private attach(client: WaClient, gen: number): void {
    if (this.attached.has(client)) return;
    this.attached.add(client);
    attachClientEvents(client, gen, () => this.generation, this.s.o.logger, {
      ...this.hooks,
      currentState: () => this.current,
      isReady: () => this.ready,
      setState: (s) => this.setState(s),
      watchQr: (c, g) => this.watchQr(c, g),
      onReady: (c, g) => this.onReady(c, g),
      onWaState: (st) => this.onWaState(st),
      replace: (c, r) => this.replace(c, r),
      loggedOut: () => this.loggedOut(),
      blocked: (r) => this.blocked(r),
    });
  }

  private onReady(client: WaClient, gen: number): void {
    this.ready = true;
    this.clearReadyTimer();
    this.attempts = 0;
    this.setState({ state: 'connected' });
    this.startConnectedTimers(client, gen);
    this.hooks.catchUp();
  }

  private onWaState(s: string): void {
    if (s === 'CONNECTED') {
      if (this.ready && this.current.state !== 'connected') {
        this.setState({ state: 'connected' });
        this.hooks.catchUp();
      }
      return;
    }
    if (s === 'TOS_BLOCK' || s === 'SMB_TOS_BLOCK') {
      void this.blocked(s);
      return;
    }
    if (this.ready && ['OPENING', 'TIMEOUT', 'CONFLICT', 'PROXYBLOCK', 'DEPRECATED_VERSION'].includes(s)) {
      // The library reconnects by itself from these; if it gives up it emits 'disconnected'.
      this.setState({ state: 'disconnected', reason: s });
    }
  }

  /** Stops supervising and tears the current client down; its late events are ignored (new generation). */
  private async discardClient(): Promise<void> {
    this.running = false;
    this.clearTimers();
    const client = this.client;
    this.client = undefined;
    this.generation++;
    this.ready = false;
    if (client) await this.teardown(client);
  }

  /** WhatsApp blocked the number: no restart can help, and the session is worthless. */
  private async blocked(s: string): Promise<void> {
    if (this.current.state === 'failed') return;
    this.setState({ state: 'failed', reason: `WhatsApp has blocked this number (${s})` });
    await this.discardClient();
    await this.removeSession();
  }

  private async removeSession(): Promise<void> {
    await removeSessionFolder(this.profileDir(), this.s.o.logger);
  }

  private async loggedOut(): Promise<void> {
    await this.discardClient();
    await this.removeSession();
    this.setState({ state: 'logged_out' });
  }

  private startConnectedTimers(client: WaClient, gen: number): void {
    this.stopConnectedTimers();
    const watchdogMs = this.s.o.watchdogMs ?? 60_000;
    if (watchdogMs > 0) {
      this.watchdogTimer = setInterval(() => {
        if (gen !== this.generation || this.current.state !== 'connected') return;
        withTimeout(client.getState(), this.s.t.callMs, 'getState').catch((err: unknown) => {
          if (gen !== this.generation) return;
          this.s.o.logger.warn('whatsapp: client stopped answering', { error: errText(err) });
          void this.replace(client, 'not responding');
        });
      }, watchdogMs);
      this.watchdogTimer.unref?.();
    }
    const planned = this.s.o.plannedRestartMs ?? 7 * 24 * 3_600_000;
    if (planned > 0 && !this.plannedTimer) {
      this.plannedTimer = setTimeout(() => {
        this.plannedTimer = undefined;
        void this.restart('planned restart');
      }, planned);
      this.plannedTimer.unref?.();
    }
    this.hooks.startConnectedWork();
  }

  private stopConnectedTimers(): void {
    clearInterval(this.watchdogTimer);
    this.watchdogTimer = undefined;
    this.hooks.stopConnectedWork();
  }

  private clearTimers(): void {
    this.stopConnectedTimers();
    clearTimeout(this.qrTimer);
    this.qrTimer = undefined;
    this.clearReadyTimer();
    clearTimeout(this.restartTimer);
    clearTimeout(this.plannedTimer);
    this.restartTimer = this.plannedTimer = undefined;
    this.hooks.stopTimers();
  }
}
