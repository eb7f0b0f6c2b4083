// Server memory with 10 WebSocket clients that never read: `node scripts/ws-memory.mjs [MESSAGES]`
// (after `npm run build`). Starts serve mode in demo mode, connects the clients, lets simulated
// customers write MESSAGES messages (2 KB each) and prints the server's resident memory before and
// after, and how many of the clients the server dropped.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const messages = Number(process.argv[2] ?? 1500);
const dataDir = mkdtempSync(join(tmpdir(), 'tresen-wsmem-'));
const child = spawn(process.execPath, [join(root, 'dist/main/serve.cjs'), '--data-dir', dataDir, '--demo'], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
let dropped = 0;
child.stderr.on('data', (d) => (dropped += (String(d).match(/dropping a WebSocket client/g) ?? []).length));
const { port, token } = await new Promise((resolve) => {
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
    const m = /127\.0\.0\.1:(\d+)\/\?token=(\S+)/.exec(out);
    if (m) resolve({ port: Number(m[1]), token: m[2] });
  });
});
const rssMb = () => {
  const line = readFileSync(`/proc/${child.pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS'));
  return Math.round(Number(line.split(/\s+/)[1]) / 1024);
};
const sockets = [];
for (let i = 0; i < 10; i++) {
  const s = connect(port, '127.0.0.1');
  s.on('error', () => {});
  await new Promise((r) => s.once('connect', r));
  s.write(
    `GET /ws?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
      'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
  );
  await new Promise((r) => s.once('data', r));
  s.pause(); // never reads again
  sockets.push(s);
}
const before = rssMb();
let peak = before;
const text = 'x'.repeat(2000);
for (let i = 0; i < messages; i++) {
  await fetch(`http://127.0.0.1:${port}/sim/customers/%2B49151000${String(i % 50).padStart(5, '0')}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text: `${i} ${text}` }),
  });
  if (i % 50 === 0) peak = Math.max(peak, rssMb());
}
peak = Math.max(peak, rssMb());
console.log(JSON.stringify({ clients: 10, messages, rssBeforeMb: before, rssPeakMb: peak, droppedClients: dropped }));
for (const s of sockets) s.destroy();
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });
