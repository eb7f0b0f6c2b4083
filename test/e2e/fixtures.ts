import AxeBuilder from '@axe-core/playwright';
import { test as base, expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Store } from '../../main/store';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVE = join(ROOT, 'dist', 'main', 'serve.cjs');
const READY = /^Tresen ready at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+))$/;

export interface SimPhoneMessage {
  direction: 'in' | 'out';
  text: string;
  at: string;
}

/** One serve-mode process with its own fresh data dir. */
export interface Serve {
  /** Page URL including the token. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** A simulated customer writes to the shop (expects 202). */
  simSend(phone: string, text: string): Promise<void>;
  /** What the simulated customer's phone holds. */
  simPhone(phone: string): Promise<SimPhoneMessage[]>;
  /**
   * Stops the process and starts it again on the same data dir, as after an
   * update: the port of the last start and the stored token (extra args such
   * as `--new-token` are passed on). url, origin and token follow the new start.
   * `whileDown` runs between the stop and the start.
   */
  restart(args?: string[], whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** Start with --demo (the default); without it the app runs on the line chosen in line.json. */
  demo?: boolean;
  /** Files to place in the data dir before start (e.g. line.json). */
  files?: Record<string, string>;
  /** Extra environment for the serve process. */
  env?: Record<string, string>;
  /**
   * Start with the first-run wizard (a fresh install). Default: the set-up is
   * completed, so the wizard never stands in front of a test.
   */
  freshSetup?: boolean;
  /** Runs on the fresh data dir before the app starts (e.g. to seed the database). */
  prepare?: (dataDir: string) => void | Promise<void>;
}

export async function startServe(opts: ServeOptions = {}): Promise<Serve> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tresen-e2e-'));
  for (const [name, content] of Object.entries(opts.files ?? {})) writeFileSync(join(dataDir, name), content);
  await opts.prepare?.(dataDir);
  const modeArgs = [...(opts.demo === false ? [] : ['--demo']), opts.freshSetup ? '--fresh-setup' : '--setup-completed'];
  // The first start takes any free port; a restart comes back on it (serve keeps it in the data dir).
  let running = await launch(dataDir, ['--port', '0', ...modeArgs], opts.env);

  const simPath = (phone: string) => `${serve.origin}/sim/customers/${encodeURIComponent(phone)}/messages`;
  const auth = () => ({ Authorization: `Bearer ${serve.token}` });

  const serve: Serve = {
    url: running.url,
    origin: running.origin,
    token: running.token,
    dataDir,
    async simSend(phone, text) {
      const res = await fetch(simPath(phone), {
        method: 'POST',
        headers: { ...auth(), 'Content-Type': 'application/json' },
        body: JSON.stringify({ text }),
      });
      if (res.status !== 202) throw new Error(`simSend ${phone}: HTTP ${res.status} ${await res.text()}`);
    },
    async simPhone(phone) {
      const res = await fetch(simPath(phone), { headers: auth() });
      if (res.status !== 200) throw new Error(`simPhone ${phone}: HTTP ${res.status} ${await res.text()}`);
      return (await res.json()) as SimPhoneMessage[];
    },
    async restart(args = [], whileDown) {
      await terminate(running.child);
      await whileDown?.();
      running = await launch(dataDir, [...modeArgs, ...args], opts.env);
      Object.assign(serve, { url: running.url, origin: running.origin, token: running.token });
    },
    async stop() {
      await terminate(running.child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return serve;
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** One serve process on the data dir, once it printed its ready line. */
async function launch(
  dataDir: string,
  extraArgs: string[],
  env: Record<string, string> | undefined,
): Promise<{ child: ChildProcess; url: string; origin: string; token: string }> {
  const child: ChildProcess = spawn(process.execPath, [SERVE, '--data-dir', dataDir, ...extraArgs], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });

  const ready = await new Promise<RegExpExecArray>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in 30 s\n${stderr}`)), 30_000);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const m = READY.exec(line.trim());
      if (m) resolveReady(m);
      else reject(new Error(`unexpected first stdout line: ${line}\n${stderr}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}\n${stderr}`));
    });
  });
  return { child, url: ready[1]!, origin: `http://127.0.0.1:${ready[2]}`, token: decodeURIComponent(ready[3]!) };
}

/**
 * Worker-scoped would outlive a file when several files share the single
 * worker; these hooks give each test file its own process and data dir.
 */
export function useServe(opts: ServeOptions = {}): () => Serve {
  let serve: Serve | undefined;
  base.beforeAll(async () => {
    serve = await startServe(opts);
  });
  base.afterAll(async () => {
    await serve?.stop();
  });
  return () => {
    if (!serve) throw new Error('serve not started');
    return serve;
  };
}

/** The number of the i-th contact of a seeded book. */
export const bookPhone = (i: number): string => `+49151${String(10_000_000 + i)}`;

/**
 * A book of `count` contacts written into a data folder before serve starts
 * (no route seeds one), named by `name`, one second apart from 2026-01-01;
 * `each` adds to a contact in the same transaction.
 */
export function seedBook(dataDir: string, count: number, name: (i: number) => string, each?: (store: Store, contactId: number, i: number) => void): void {
  const store = Store.open(dataDir);
  const t0 = Date.parse('2026-01-01T08:00:00Z');
  store.tx(() => {
    for (let i = 0; i < count; i++) {
      const c = store.contacts.create(bookPhone(i), t0 + i * 1000);
      store.contacts.setName(c.id, name(i), t0 + i * 1000);
      each?.(store, c.id, i);
    }
  });
  store.close();
}

/**
 * `count` texts in a conversation, a minute apart from `start`: the shop's
 * answers where `fromShop(i)`, the customer's otherwise.
 */
export function writeTexts(store: Store, conversationId: number, start: number, count: number, body: (i: number) => string, fromShop: (i: number) => boolean): void {
  for (let i = 0; i < count; i++) {
    const out = fromShop(i);
    store.messages.insert({
      conversationId,
      direction: out ? 'out' : 'in',
      type: 'text',
      body: body(i),
      author: out ? 'staff' : 'customer',
      status: out ? 'delivered' : 'received',
      createdAt: start + i * 60_000,
    });
  }
}

/**
 * One customer's conversation of `count` texts written into a data folder
 * before serve starts, a minute apart up to now; every third is the shop's
 * answer. No consent is recorded: the customer still has to agree.
 */
export function seedChat(dataDir: string, phone: string, count: number, body: (i: number) => string): void {
  const store = Store.open(dataDir);
  try {
    store.tx(() => {
      const start = Date.now() - count * 60_000;
      const contact = store.contacts.create(phone, start);
      writeTexts(store, store.messages.conversationIdOf(contact.id)!, start, count, body, (i) => i % 3 === 2);
    });
  } finally {
    store.close();
  }
}

/** The PIN the e2e tests give the owner profile ("Inhaber"). */
export const OWNER_PIN = '2468';

/**
 * Staff at the counter work as a profile: sending needs one. Switches this
 * tab to the owner, setting the PIN on the first use in a serve.
 */
export async function signIn(page: Page): Promise<void> {
  await page.getByTestId('profile-switch').click();
  await page.getByRole('menuitem', { name: /Inhaber/ }).click();
  const dialog = page.getByTestId('pin-dialog');
  await dialog.getByTestId('pin-input').fill(OWNER_PIN);
  if (await dialog.getByTestId('pin-repeat').count()) await dialog.getByTestId('pin-repeat').fill(OWNER_PIN);
  await dialog.getByTestId('pin-submit').click();
  await expect(page.getByTestId('profile-current')).toHaveText('Inhaber');
}

const SHOTS = join(ROOT, 'test-results', 'screenshots');

/** A screenshot of the current screen for people to look at. */
/**
 * Opens the settings with manager rights: once the owner has a PIN, the
 * settings ask for it (main checks it); on an unclaimed install they open
 * directly.
 */
export async function openSettingsAsManager(page: Page): Promise<Locator> {
  await page.getByTestId('settings-open').click();
  const settings = page.getByTestId('settings');
  const gate = page.getByTestId('manager-gate');
  await expect(settings.getByTestId('settings-shop').or(gate)).toBeVisible();
  if (await gate.isVisible()) {
    await gate.getByTestId('unlock-pin').fill(OWNER_PIN);
    await gate.getByTestId('unlock-submit').click();
  }
  await expect(settings.getByTestId('settings-shop')).toBeVisible();
  return settings;
}

/** An entry of the top bar's "Mehr" menu (announcements, manager view, demo start, linking the line). */
export async function fromMoreMenu(page: Page, testId: string): Promise<Locator> {
  await page.getByTestId('topbar-more').click();
  const item = page.getByRole('menu').getByTestId(testId);
  await expect(item).toBeVisible();
  return item;
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** axe finds nothing serious or critical on the page (or inside `include`). */
export async function noSeriousViolations(page: Page, include?: string): Promise<void> {
  const builder = new AxeBuilder({ page });
  const result = await (include ? builder.include(include) : builder).analyze();
  const bad = result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Any alert/confirm/prompt fails the test: it would mean injected script ran. */
export function forbidDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (d) => {
    seen.push(d.message());
    void d.dismiss();
  });
  return seen;
}

export const test = base;
export { expect };
