// `npm run soak [-- ROUNDS]`: the kill test with many rounds (default 20).
// Serve mode is SIGKILLed at random moments during an inbound burst, a full
// outbox and file uploads; the summary lands in test-results/kill-summary-N.json.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rounds = process.argv[2] ?? '20';
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const r = spawnSync(process.execPath, [vitest, 'run', 'test/integration/kill'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, KILL_ROUNDS: rounds },
});
process.exit(r.status ?? 1);
