import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import selfsigned from 'selfsigned';
import { UNUSED_MODULES } from './unused-modules';

/**
 * A local stand-in for web.whatsapp.com over HTTPS (self-signed). Chromium
 * reaches it through --host-resolver-rules and --ignore-certificate-errors
 * (see `chromeArgs`). The "phone" lives here, in the test process, so it
 * outlives browser restarts: its history is what catch-up finds, and what
 * the page sends is recorded back into it.
 */

export interface PhoneMessage {
  id: string;
  chat: string;
  fromMe?: boolean;
  type?: string;
  body?: string;
  /** Unix seconds, as the sender's phone stamped it. */
  t: number;
  notifyName?: string;
  subtype?: string;
  ack?: number;
  /** A reply with quote: the quoted message's id on the phone and whether the shop sent it. */
  quote?: { id: string; fromMe?: boolean };
  /** A file (voice note, video ...): its bytes are served to the page's download manager. */
  media?: { mimetype: string; filename?: string; data: Buffer; seconds?: number };
}

export interface StandInWorld {
  /** 'never': the page loads but offers nothing the library knows (WhatsApp Web changed). */
  boot: 'normal' | 'never';
  /** 'never': sync stops at 42 % and hasSynced never comes. */
  ready: 'normal' | 'never';
  qrRotateMs: number;
  /** After this many QR codes the page stops rotating (UNPAIRED_IDLE). */
  qrRotations: number;
  /** How many newest messages per chat are loaded; older ones need loadEarlierMsgs. */
  loadedPerChat: number;
  /** lid → phone id. */
  lids: Record<string, string>;
  notOnWhatsApp: string[];
  sendDelayMs: number;
  /** 'hang': a pairing-code request is never answered (reported for 1.34.7 on a client started in QR mode). */
  pairing: 'normal' | 'hang';
  /** The code the page hands out when pairing works. */
  pairingCode: string;
}

export interface StandInEvent {
  kind: string;
  data: Record<string, unknown>;
}

const PAGE_JS = readFileSync(join(import.meta.dirname, 'page.js'), 'utf8');

export class StandIn {
  readonly world: StandInWorld = { boot: 'normal', ready: 'normal', qrRotateMs: 20_000, qrRotations: 5, loadedPerChat: 5, lids: {}, notOnWhatsApp: [], sendDelayMs: 0, pairing: 'normal', pairingCode: 'K7QP2XWM' };
  readonly history = new Map<string, PhoneMessage[]>();
  readonly events: StandInEvent[] = [];
  private commands: { seq: number; op: string; args: unknown }[] = [];
  private seq = 0;
  private waiters: (() => void)[] = [];
  private readonly pollers = new Set<ServerResponse>();
  private eventWaiters: (() => void)[] = [];

  private constructor(private readonly server: Server, readonly port: number) {}

  static async start(): Promise<StandIn> {
    const pems = await selfsigned.generate([{ name: 'commonName', value: 'web.whatsapp.com' }], { keySize: 2048, algorithm: 'sha256' });
    const ref: { self?: StandIn } = {};
    const server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => ref.self?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const addr = server.address();
    if (!addr || typeof addr === 'string') throw new Error('no port');
    ref.self = new StandIn(server, addr.port);
    return ref.self;
  }

  /** Chromium flags that send web.whatsapp.com here and accept the self-signed certificate. */
  get chromeArgs(): string[] {
    return [`--host-resolver-rules=MAP web.whatsapp.com 127.0.0.1:${this.port}`, '--ignore-certificate-errors'];
  }

  /** Back to a fresh phone for the next test (commands keep counting: old pages are gone). */
  reset(): void {
    Object.assign(this.world, { boot: 'normal', ready: 'normal', qrRotateMs: 20_000, qrRotations: 5, loadedPerChat: 5, lids: {}, notOnWhatsApp: [], sendDelayMs: 0, pairing: 'normal', pairingCode: 'K7QP2XWM' });
    this.history.clear();
    this.events.length = 0;
  }

  /** A message the phone has (sent while Tresen was closed, or long ago). */
  onPhone(m: PhoneMessage): void {
    const list = this.history.get(m.chat) ?? [];
    list.push(m);
    this.history.set(m.chat, list);
  }

  /** The shop reads the chat on the phone: its unread count drops to 0 in the page. */
  readOnPhone(chat: string): void {
    this.command('readOnPhone', { chat });
  }

  /** A message arriving now: on the phone and, live, in the open page. */
  arrive(m: PhoneMessage): void {
    this.onPhone(m);
    this.command('message', m);
  }

  /** A message that reaches the page without a live event (delivered during an outage): only catch-up finds it. */
  arriveQuietly(m: PhoneMessage): void {
    this.onPhone(m);
    this.command('message', { ...m, quiet: true });
  }

  command(op: string, args: unknown = {}): void {
    if (op === 'message') args = withoutBytes(args as PhoneMessage);
    this.commands.push({ seq: ++this.seq, op, args });
    for (const w of this.waiters.splice(0)) w();
  }

  sent(): Record<string, unknown>[] {
    return this.events.filter((e) => e.kind === 'sent').map((e) => e.data);
  }

  async waitForEvent(pred: (e: StandInEvent) => boolean, what: string, ms = 15_000): Promise<StandInEvent> {
    const end = Date.now() + ms;
    for (;;) {
      const hit = this.events.find(pred);
      if (hit) return hit;
      if (Date.now() > end) throw new Error(`stand-in: no ${what} within ${ms} ms`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, 250);
        this.eventWaiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  async close(): Promise<void> {
    for (const r of this.pollers) r.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private json(res: ServerResponse, v: unknown): void {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(v));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'https://web.whatsapp.com');
    if (url.pathname === '/standin.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(PAGE_JS);
      return;
    }
    if (url.pathname.startsWith('/__standin/media/')) {
      const id = decodeURIComponent(url.pathname.slice('/__standin/media/'.length));
      const m = [...this.history.values()].flat().find((x) => x.id === id && x.media);
      if (!m?.media) {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(m.media.data);
      return;
    }
    if (url.pathname === '/__standin/state') {
      const history: Record<string, unknown[]> = {};
      for (const [k, v] of this.history) history[k] = v.map(withoutBytes);
      this.json(res, { ...this.world, history, cursor: this.seq });
      return;
    }
    if (url.pathname === '/__standin/next') {
      const after = Number(url.searchParams.get('after') ?? 0);
      const reply = () => {
        const list = this.commands.filter((c) => c.seq > after);
        if (list.length === 0) return false;
        this.pollers.delete(res);
        this.json(res, list);
        return true;
      };
      if (reply()) return;
      this.pollers.add(res);
      const t = setTimeout(() => {
        this.pollers.delete(res);
        if (!res.writableEnded) this.json(res, []);
      }, 20_000);
      const w = () => {
        if (res.writableEnded) return;
        if (reply()) clearTimeout(t);
        else this.waiters.push(w);
      };
      this.waiters.push(w);
      res.on('close', () => clearTimeout(t));
      return;
    }
    if (url.pathname === '/__standin/event' && req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        try {
          const e = JSON.parse(body) as StandInEvent;
          this.events.push(e);
          if (e.kind === 'sent') {
            const d = e.data as { id: string; chat: string; body: string; t: number };
            this.onPhone({ id: d.id.split('_')[2] ?? d.id, chat: d.chat, fromMe: true, body: d.body, t: d.t });
          }
          for (const w of this.eventWaiters.splice(0)) w();
        } catch {
          // a broken event from a page being torn down
        }
        res.writeHead(204);
        res.end();
      });
      return;
    }
    // Every other path is "WhatsApp Web": the same page.
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      `<!doctype html><html><head><meta charset="utf-8"><title>WhatsApp</title>` +
        `<script>window.__STANDIN_OTHER_MODULES__=${JSON.stringify(UNUSED_MODULES)};</script>` +
        `<script src="/standin.js"></script></head><body><div id="app"></div></body></html>`,
    );
  }
}

/** The page learns a file's type and size; its bytes stay here until the page downloads them. */
function withoutBytes(m: PhoneMessage): unknown {
  if (!m.media) return m;
  const { data, ...rest } = m.media;
  return { ...m, media: { ...rest, size: data.length } };
}

/** Chromium processes whose command line mentions `dir` (a test's temp folder). */
export function chromiumProcessesUnder(dir: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmd.includes(dir) && /chrom/i.test(cmd)) pids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}
