import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import WebSocket from 'ws';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';
import { OWNER_PIN } from '../../helpers/staff';

/**
 * The kill test: serve mode is SIGKILLed at a random moment while customers
 * write in, the outbox is full and files are being uploaded; it is restarted
 * on the same folder and the client retries what was not answered (same
 * idempotency keys). After N rounds: every message answered 202 is stored
 * once, every accepted send reached the simulated phone once, no temp file is
 * left and the database passes its integrity check.
 *
 * KILL_ROUNDS sets N (3 in `npm test`, 20 in `npm run soak`).
 */
const ROUNDS = Number(process.env.KILL_ROUNDS ?? 3);
const INBOUND_PER_ROUND = 30;
const SENDS_PER_ROUND = 30;
const FILES_PER_ROUND = 4;
const SHOP_CUSTOMER = '+4915100000001';
const WALK_INS = ['+4915100000011', '+4915100000012', '+4915100000013'];

const root = join(__dirname, '..', '..', '..');
const bundle = join(root, 'test-results', 'kill', 'serve.cjs');
const tempDir = useTempDirs();

beforeAll(async () => {
  // Serve mode as it ships (the same entry and bundling as scripts/build.mjs), built next to the
  // repository so it finds node_modules.
  await build({
    entryPoints: [join(root, 'main', 'serve.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron', 'better-sqlite3', 'whatsapp-web.js', 'bufferutil', 'utf-8-validate'],
    logLevel: 'warning',
  });
}, 60_000);

interface Serving {
  child: ChildProcess;
  port: number;
  token: string;
}

function startServe(dataDir: string, rendererDir: string): Promise<Serving> {
  const child = spawn(process.execPath, [bundle, '--data-dir', dataDir, '--demo'], {
    env: { ...process.env, TRESEN_RENDERER_DIR: rendererDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.resume();
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Tresen ready at http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]), token: m[2]! });
    });
    child.once('exit', (code) => reject(new Error(`serve mode exited with ${code}`)));
  });
}

function kill(s: Serving): Promise<void> {
  return new Promise((resolve) => {
    if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
    s.child.once('exit', () => resolve());
    s.child.kill('SIGKILL');
  });
}

const http = (s: Serving, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${s.port}${path}`, {
    method,
    headers: { authorization: `Bearer ${s.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function until<T>(fn: () => Promise<T | undefined>, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Every call comes from one tab, so main keeps its profile from one connection to the next. */
const TAB = 'kill-test-tab-0123456789';

/**
 * A WebSocket call; resolves undefined when the connection dies first (no
 * answer). `asOwner` first switches the tab to the owner profile (sending
 * needs a profile; main keeps it for the tab until it restarts).
 */
async function wsCall(s: Serving, method: string, input: unknown, asOwner?: number): Promise<{ ok: boolean } | undefined> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${s.port}/ws?token=${s.token}&window=${TAB}`);
    const call = () => ws.send(JSON.stringify({ id: 1, method, input }));
    ws.on('error', () => resolve(undefined));
    ws.on('close', () => resolve(undefined));
    ws.on('open', () => {
      if (asOwner === undefined) return call();
      ws.send(JSON.stringify({ id: 0, method: 'profiles.switch', input: { profileId: asOwner, pin: OWNER_PIN, newPin: OWNER_PIN } }));
    });
    ws.on('message', (d) => {
      const f = JSON.parse(String(d)) as { id?: number; result?: { ok: boolean } };
      if (f.id === 0) {
        if (f.result?.ok) call();
        else {
          resolve(f.result);
          ws.close();
        }
      }
      if (f.id === 1) {
        resolve(f.result);
        ws.close();
      }
    });
  });
}

const pdf = (name: string) => Buffer.from(`%PDF-1.4\n% ${name}\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n`);

describe('kill test', () => {
  it(`SIGKILL at random moments, ${ROUNDS} rounds: nothing accepted is lost or duplicated`, async () => {
    const dataDir = tempDir();
    const rendererDir = join(dataDir, '..', `${dataDir.split('/').pop()}-renderer`);
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Tresen</title>');

    const acceptedInbound = new Set<string>();
    const acceptedSends = new Set<string>();
    const acceptedFiles = new Set<string>();
    const pendingSends = new Set<string>();
    const pendingFiles = new Set<string>();
    let contactId = 0;
    let kills = 0;

    let s = await startServe(dataDir, rendererDir);
    // A customer who agreed, so the shop may write to them.
    await http(s, 'POST', `/sim/customers/${encodeURIComponent(SHOP_CUSTOMER)}/messages`, { text: 'Hallo' });
    await http(s, 'POST', `/sim/customers/${encodeURIComponent(SHOP_CUSTOMER)}/messages`, { text: 'JA' });
    await until(async () => {
      const r = await http(s, 'GET', `/api/v1/contacts/${encodeURIComponent(SHOP_CUSTOMER)}`);
      const body = (await r.json()) as { consent?: { service: string } };
      return body.consent?.service === 'granted' ? true : undefined;
    }, 'consent');
    const list = (await wsCall(s, 'contacts.list', {})) as { ok: true; value: { id: number; phone: string }[] };
    contactId = list.value.find((c) => c.phone === SHOP_CUSTOMER)!.id;
    const profiles = (await wsCall(s, 'profiles.list', {})) as { ok: true; value: { id: number; role: string }[] };
    const ownerId = profiles.value.find((p) => p.role === 'manager')!.id;
    const signIn = async (srv: Serving) => {
      const r = await wsCall(srv, 'profiles.current', {}, ownerId);
      if (!r?.ok) throw new Error(`sign-in: ${JSON.stringify(r)}`);
    };
    await signIn(s);

    const send = async (srv: Serving, key: string) => {
      const r = await http(srv, 'POST', '/api/v1/messages', { to: SHOP_CUSTOMER, text: key }, { 'idempotency-key': key });
      if (r.status !== 202) throw new Error(`send ${key}: ${r.status} ${await r.text()}`);
      acceptedSends.add(key);
      pendingSends.delete(key);
    };
    const upload = async (srv: Serving, name: string) => {
      const r = await wsCall(srv, 'messages.sendMedia', {
        contactId,
        fileName: `${name}.pdf`,
        base64: pdf(name).toString('base64'),
        idempotencyKey: name,
      });
      if (!r) return;
      if (!r.ok) throw new Error(`upload ${name}: ${JSON.stringify(r)}`);
      acceptedFiles.add(name);
      pendingFiles.delete(name);
    };

    for (let round = 0; round < ROUNDS; round++) {
      const work: Promise<unknown>[] = [];
      for (let i = 0; i < INBOUND_PER_ROUND; i++) {
        const text = `in-${round}-${i}`;
        const phone = WALK_INS[i % WALK_INS.length]!;
        work.push(
          http(s, 'POST', `/sim/customers/${encodeURIComponent(phone)}/messages`, { text }).then(
            (r) => r.status === 202 && acceptedInbound.add(text),
            () => undefined,
          ),
        );
      }
      for (let i = 0; i < SENDS_PER_ROUND; i++) {
        const key = `out-${round}-${i}`;
        pendingSends.add(key);
        work.push(send(s, key).catch(() => undefined));
      }
      for (let i = 0; i < FILES_PER_ROUND; i++) {
        const name = `file-${round}-${i}`;
        pendingFiles.add(name);
        work.push(upload(s, name));
      }
      // Kill at a random moment of the burst (sometimes right away, sometimes after it settled).
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 400)));
      await kill(s);
      kills++;
      await Promise.all(work);
      const t0 = Date.now();
      s = await startServe(dataDir, rendererDir);
      if (process.env.KILL_DEBUG) process.stderr.write(`restart ${Date.now() - t0} ms\n`);
      await signIn(s);
      // The client retries what it got no answer for, with the same keys.
      for (const key of [...pendingSends]) await send(s, key);
      for (const name of [...pendingFiles]) await upload(s, name);
      expect(pendingFiles.size).toBe(0);
      if (process.env.KILL_DEBUG) process.stderr.write(`round ${round} done ${Date.now() - t0} ms\n`);
    }
    const t1 = Date.now();

    // Everything accepted reaches the phone; then the process is stopped for the checks.
    const phone = await until(async () => {
      const r = await http(s, 'GET', `/sim/customers/${encodeURIComponent(SHOP_CUSTOMER)}/messages`);
      const items = (await r.json()) as { direction: string; text: string }[];
      const out = items.filter((m) => m.direction === 'out').map((m) => m.text);
      const all = [...acceptedSends].every((k) => out.includes(k)) && [...acceptedFiles].every((f) => out.includes(`📎 ${f}.pdf`));
      return all ? out : undefined;
    }, 'all accepted sends on the phone');
    if (process.env.KILL_DEBUG) process.stderr.write(`drain ${Date.now() - t1} ms\n`);
    await kill(s);

    const count = (list: string[], v: string) => list.filter((x) => x === v).length;
    const sendsDuplicated = [...acceptedSends].filter((k) => count(phone, k) > 1).length;
    const filesDuplicated = [...acceptedFiles].filter((f) => count(phone, `📎 ${f}.pdf`) > 1).length;

    const db = new Database(join(dataDir, 'tresen.sqlite3'), { readonly: true });
    const bodies = (db.prepare(`SELECT body FROM messages WHERE direction = 'in'`).all() as { body: string }[]).map((r) => r.body);
    const inboundLost = [...acceptedInbound].filter((t) => !bodies.includes(t)).length;
    const inboundDuplicated = [...acceptedInbound].filter((t) => count(bodies, t) > 1).length;
    const storedFiles = db
      .prepare(`SELECT d.sha256, d.file_name FROM messages m JOIN media d ON d.id = m.media_id`)
      .all() as { sha256: string; file_name: string }[];
    const integrity = db.pragma('integrity_check', { simple: true });
    db.close();
    const mediaDir = join(dataDir, 'media');
    const onDisk = existsSync(mediaDir) ? readdirSync(mediaDir) : [];
    const filesLost = [...acceptedFiles].filter((f) => {
      const sha = createHash('sha256').update(pdf(f)).digest('hex');
      return !storedFiles.some((r) => r.sha256 === sha) || !onDisk.includes(sha);
    }).length;

    const summary = {
      rounds: ROUNDS,
      kills,
      perRound: { inbound: INBOUND_PER_ROUND, sends: SENDS_PER_ROUND, files: FILES_PER_ROUND },
      accepted: { inbound: acceptedInbound.size, sends: acceptedSends.size, files: acceptedFiles.size },
      lost: { inbound: inboundLost, sends: [...acceptedSends].filter((k) => count(phone, k) === 0).length, files: filesLost },
      duplicated: { inbound: inboundDuplicated, sends: sendsDuplicated, files: filesDuplicated },
      tempFiles: onDisk.filter((n) => n.startsWith('.tmp-')).length,
      integrity,
    };
    mkdirSync(join(root, 'test-results'), { recursive: true });
    writeFileSync(join(root, 'test-results', `kill-summary-${ROUNDS}.json`), JSON.stringify(summary, null, 2));
    process.stderr.write(`kill test: ${JSON.stringify(summary)}\n`);

    expect(summary.lost).toEqual({ inbound: 0, sends: 0, files: 0 });
    expect(summary.duplicated).toEqual({ inbound: 0, sends: 0, files: 0 });
    expect(summary.tempFiles).toBe(0);
    expect(integrity).toBe('ok');
    expect(acceptedSends.size).toBe(ROUNDS * SENDS_PER_ROUND);
    expect(acceptedFiles.size).toBe(ROUNDS * FILES_PER_ROUND);
  }, 60_000 + ROUNDS * 20_000);
});
