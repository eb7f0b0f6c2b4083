import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

/**
 * The UI figures of `npm run bench:ui`, merged into test-results/bench-ui.json
 * (read by `npm run bench`). Each scale spec adds its own keys and keeps the
 * other's. Figures are recorded, never asserted.
 */
export const BENCH_UI_FILE = join(process.cwd(), 'test-results', 'bench-ui.json');

/** Per-spec longest tasks; `ui_longest_task_ms` is the longest of them, the start included. */
const LONGEST_KEYS = ['conversation_longest_task_ms', 'inbox_longest_task_ms'] as const;
/** The same after each spec's start (its first inbox row): `ui_longest_task_after_start_ms`. */
const AFTER_START_KEYS = ['conversation_longest_task_after_start_ms', 'inbox_longest_task_after_start_ms'] as const;

export type Figures = Record<string, number | string | boolean | null>;

export function mergeBenchUi(figures: Figures): Figures {
  let current: Figures = {};
  try {
    current = JSON.parse(readFileSync(BENCH_UI_FILE, 'utf8')) as Figures;
  } catch {
    // First spec of a run (or a damaged file): start fresh.
  }
  const merged: Figures = { ...current, ...figures, measured_at: new Date().toISOString() };
  const longest = LONGEST_KEYS.map((k) => merged[k]).filter((v): v is number => typeof v === 'number');
  if (longest.length) merged.ui_longest_task_ms = Math.max(...longest);
  const after = AFTER_START_KEYS.map((k) => merged[k]).filter((v): v is number => typeof v === 'number');
  if (after.length) merged.ui_longest_task_after_start_ms = Math.max(...after);
  mkdirSync(join(process.cwd(), 'test-results'), { recursive: true });
  const tmp = `${BENCH_UI_FILE}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(merged, null, 2)}\n`);
  renameSync(tmp, BENCH_UI_FILE);
  return merged;
}

/** The value below which 95 % of the samples lie (nearest rank). */
export function p95(samples: readonly number[]): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!);
}

export function median(samples: readonly number[]): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return round(sorted[Math.floor(sorted.length / 2)]!);
}

export const round = (n: number): number => Math.round(n * 10) / 10;

/** What the page's probe holds (see installProbe). */
interface Probe {
  longest: number;
  tasks: number;
  /** Each long task's start and duration (the first 1,000). */
  taskList: Array<[number, number]>;
  keys: number[];
  firstRowMs: number | null;
  /** Each phase a spec marked (markPhase) and when it began. */
  phases: Array<[string, number]>;
}

/** Marks where a phase of a spec begins (the chat's open, typing, the burst …): its long tasks count toward it. */
export async function markPhase(page: Page, name: string): Promise<void> {
  await page.evaluate((name) => (window as unknown as { __probe: Probe }).__probe.phases.push([name, performance.now()]), name);
}

/**
 * The longest task of each marked phase, as figures named
 * `<prefix>_longest_task_<phase>_ms`, by the phase a task began in ("start"
 * before the first mark; 0 for a phase without a long task): where a long
 * task of a run came from.
 */
export function longestByPhase(probe: Probe, prefix: string): Figures {
  const out: Record<string, number> = { start: 0, ...Object.fromEntries(probe.phases.map(([name]) => [name, 0])) };
  for (const [at, duration] of probe.taskList) {
    let phase = 'start';
    for (const [name, from] of probe.phases) if (at >= from) phase = name;
    out[phase] = Math.max(out[phase]!, round(duration));
  }
  return Object.fromEntries(Object.entries(out).map(([phase, ms]) => [`${prefix}_longest_task_${phase}_ms`, ms]));
}

/**
 * The longest task of the page's start (until the first inbox row was
 * painted) and of everything after it (what staff do at the counter).
 */
export function longestBeforeAndAfterStart(probe: Probe): { start: number; after: number } {
  const edge = probe.firstRowMs ?? Infinity;
  let start = 0;
  let after = 0;
  for (const [at, duration] of probe.taskList) {
    if (at < edge) start = Math.max(start, duration);
    else after = Math.max(after, duration);
  }
  return { start: round(start), after: round(after) };
}

/**
 * Installed before the page's own scripts: a long-task observer over the
 * whole run, key-to-paint per key press in the composer (the key event's
 * time to just after the next frame), and when the first inbox row appeared.
 */
export async function installProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const probe = { longest: 0, tasks: 0, taskList: [] as Array<[number, number]>, keys: [] as number[], firstRowMs: null as number | null, phases: [] as Array<[string, number]> };
    (window as unknown as { __probe: typeof probe }).__probe = probe;
    /** Runs `fn` just after the next frame has been painted. */
    const afterPaint = (fn: () => void) =>
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = fn;
        ch.port2.postMessage(0);
      });
    (window as unknown as { __afterPaint: typeof afterPaint }).__afterPaint = afterPaint;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        probe.tasks++;
        probe.longest = Math.max(probe.longest, e.duration);
        if (probe.taskList.length < 1_000) probe.taskList.push([e.startTime, e.duration]);
      }
    }).observe({ type: 'longtask', buffered: true });
    document.addEventListener(
      'keydown',
      (e) => {
        const target = e.target as HTMLElement | null;
        if (target?.dataset.testid !== 'composer-input') return;
        const start = e.timeStamp;
        afterPaint(() => probe.keys.push(performance.now() - start));
      },
      true,
    );
    const watch = new MutationObserver(() => {
      if (!document.querySelector('[data-testid="contact-row"]')) return;
      watch.disconnect();
      afterPaint(() => (probe.firstRowMs = performance.now()));
    });
    document.addEventListener('DOMContentLoaded', () => watch.observe(document.body, { childList: true, subtree: true }));
  });
}

export async function readProbe(page: Page): Promise<Probe> {
  return page.evaluate(() => {
    const p = (window as unknown as { __probe: Probe }).__probe;
    return { ...p, keys: [...p.keys], taskList: [...p.taskList], phases: [...p.phases] };
  });
}

/**
 * Arms a watcher in the page: resolves (see awaitShown) with Date.now() just
 * after the frame in which a message containing `marker` is on screen in the
 * thread. Armed before the message is sent, so nothing is missed.
 */
export async function armShown(page: Page, marker: string): Promise<void> {
  await page.evaluate((marker) => {
    const w = window as unknown as { __shown: Record<string, Promise<number>>; __afterPaint: (fn: () => void) => void };
    if (typeof w.__afterPaint !== 'function') throw new Error('installProbe(page) has to run before the page is loaded');
    w.__shown ??= {};
    w.__shown[marker] = new Promise<number>((resolve) => {
      const visible = (): boolean => {
        const thread = document.querySelector('[data-testid="thread"]');
        if (!thread) return false;
        const box = thread.getBoundingClientRect();
        const rows = thread.querySelectorAll('[data-testid="message"]');
        for (let i = rows.length - 1; i >= 0 && i >= rows.length - 40; i--) {
          const row = rows[i]!;
          if (!row.textContent?.includes(marker)) continue;
          const r = row.getBoundingClientRect();
          return r.bottom > box.top && r.top < box.bottom;
        }
        return false;
      };
      const done = () => {
        obs.disconnect();
        w.__afterPaint(() => resolve(Date.now()));
      };
      const obs = new MutationObserver(() => {
        if (visible()) done();
      });
      obs.observe(document.body, { childList: true, subtree: true, characterData: true });
      if (visible()) done();
    });
  }, marker);
}

export async function awaitShown(page: Page, marker: string): Promise<number> {
  return page.evaluate((marker) => (window as unknown as { __shown: Record<string, Promise<number>> }).__shown[marker]!, marker);
}

/**
 * Arms a watch in the page for the next click: readClickToShown then gives
 * the time from the click event to just after the frame in which the last
 * element matching `selector` is on the page (and holds `text`, if given).
 * Armed (awaited) before the click; gives up with a reason instead of hanging.
 */
export async function armClickToShown(page: Page, selector: string, text: string | null, limitMs = 15_000): Promise<void> {
  await page.evaluate(
    ({ selector, text, limitMs }) => {
      const w = window as unknown as { __afterPaint: (fn: () => void) => void; __clickToShown: Promise<number> };
      // Without the probe the watch would wait for ever (its time limit is cleared once the element shows).
      if (typeof w.__afterPaint !== 'function') throw new Error('installProbe(page) has to run before the page is loaded');
      w.__clickToShown = new Promise<number>((resolve, reject) => {
        let clicked = 0;
        document.addEventListener('click', (e) => (clicked = e.timeStamp), { capture: true, once: true });
        const shown = (): boolean => {
          const last = [...document.querySelectorAll(selector)].at(-1);
          return !!last && (text === null || !!last.textContent?.includes(text));
        };
        const limit = setTimeout(() => {
          obs.disconnect();
          reject(new Error(clicked ? `${text ?? selector} was not shown within ${limitMs} ms of the click` : 'the click never reached the page'));
        }, limitMs);
        const obs = new MutationObserver(() => {
          if (!clicked || !shown()) return;
          obs.disconnect();
          clearTimeout(limit);
          w.__afterPaint(() => resolve(performance.now() - clicked));
        });
        obs.observe(document.body, { childList: true, subtree: true, characterData: true });
      });
      // Not awaited here; a rejection is read by readClickToShown.
      w.__clickToShown.catch(() => {});
    },
    { selector, text, limitMs },
  );
}

export function readClickToShown(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __clickToShown: Promise<number> }).__clickToShown);
}

/** A send that failed at the transport (a keep-alive connection closed just as the request left): worth another try. */
export class TransportError extends Error {}

/**
 * Posts simulated customers' messages (as the fixtures' simSend, expecting
 * 202) over node:http keep-alive connections. The sender shares the
 * machine with the app it measures, and the CPU it takes is taken from the
 * app: with fetch (undici) the test's processes used 2.5-2.7 s of CPU during
 * the burst of 2,000 on two cores, with node:http 0.9-1.1 s.
 */
export function keepAliveSender(origin: string, token: string, connections: number): { send(phone: string, text: string): Promise<void>; close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(origin);
  const send = (phone: string, text: string): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({ text });
      const req = request(
        {
          agent,
          hostname,
          port,
          method: 'POST',
          path: `/sim/customers/${encodeURIComponent(phone)}/messages`,
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => (res.statusCode === 202 ? resolve() : reject(new Error(`simSend ${phone}: HTTP ${res.statusCode} ${Buffer.concat(chunks).toString()}`))));
          res.on('error', (err) => reject(new TransportError(err.message, { cause: err })));
        },
      );
      req.on('error', (err) => reject(new TransportError(err.message, { cause: err })));
      req.end(body);
    });
  return { send, close: () => agent.destroy() };
}
