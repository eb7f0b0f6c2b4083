// `npm run bench -- [--contacts N] [--messages M] [--quick] [--out FILE] [--no-serve]`:
// bundles the benchmark and serve mode with esbuild and runs the benchmark
// under Node (see bench/store.bench.ts and docs/performance.md).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const external = ['better-sqlite3', 'electron', 'whatsapp-web.js', 'bufferutil', 'utf-8-validate', '@pdf-lib/fontkit', 'bwip-js'];
const bundle = (entry, outfile) =>
  build({
    entryPoints: [join(root, entry)],
    outfile: join(root, outfile),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external,
    logLevel: 'warning',
  });
await Promise.all([bundle('bench/store.bench.ts', 'dist/bench/store.bench.cjs'), bundle('main/serve.ts', 'dist/bench/serve.cjs')]);
const run = spawnSync(
  process.execPath,
  ['--max-old-space-size=4096', join(root, 'dist/bench/store.bench.cjs'), '--serve-bundle', join(root, 'dist/bench/serve.cjs'), ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
printUiExtras();
process.exit(run.status ?? 1);

/**
 * The benchmark table shows the five UI figures it merges from
 * test-results/bench-ui.json (written by `npm run bench:ui`); the scale specs
 * record more, printed here beside their goals.
 */
function printUiExtras() {
  const args = process.argv.slice(2);
  const at = args.indexOf('--ui-results');
  const file = at >= 0 && args[at + 1] ? args[at + 1] : join(root, 'test-results', 'bench-ui.json');
  let ui;
  try {
    ui = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    console.log('UI figures: none yet (run `npm run bench:ui`).');
    return;
  }
  const rows = [
    ['open a 100,000-message chat', 'ms', ui.conversation_open_ms, '≤ 100'],
    ['scroll it to its start', 'ms', ui.conversation_scroll_to_start_ms, ''],
    // Each older page on the way: from the scroll to the frame that shows it.
    ['  each older page shown, p95', 'ms', ui.conversation_older_page_p95_ms, '≤ 100'],
    ['incoming message visible, median', 'ms', ui.ui_incoming_median_ms, ''],
    ['key to paint, median', 'ms', ui.ui_key_to_paint_median_ms, '≤ 16'],
    ['burst of 2,000: all accepted after', 's', ui.burst_accepted_s, ''],
    ['switch between 50 waiting chats p95', 'ms', ui.inbox_switch_p95_ms, '≤ 100'],
    // The same for chats not fetched ahead (not waiting): each needs its round trip.
    ['  20 answered chats, first open p95', 'ms', ui.inbox_switch_cold_p95_ms, '≤ 100'],
    ['first inbox row (20,000 contacts)', 'ms', ui.inbox_first_row_ms, ''],
    ['inbox paged through 20,000', 'ms', ui.inbox_page_through_all_ms, ''],
    ['inbox frame gap while paging p95', 'ms', ui.inbox_frame_gap_p95_ms, '≤ 50'],
    ['longest task: chat / inbox', 'ms', `${show(ui.conversation_longest_task_ms)} / ${show(ui.inbox_longest_task_ms)}`, '≤ 50'],
    // The same split at each spec's first inbox row: the page's start, and what staff do after it.
    [
      '  before first row: chat / inbox',
      'ms',
      `${show(ui.conversation_longest_task_before_first_row_ms)} / ${show(ui.inbox_longest_task_before_first_row_ms)}`,
      '',
    ],
    ['  after it: chat / inbox', 'ms', `${show(ui.conversation_longest_task_after_start_ms)} / ${show(ui.inbox_longest_task_after_start_ms)}`, '≤ 50'],
  ];
  console.log(`UI (npm run bench:ui, measured ${ui.measured_at ?? '?'}):`);
  for (const [name, unit, value, goal] of rows) console.log(`${name.padEnd(36)}${unit.padEnd(6)}${show(value).padStart(12)}${''.padStart(12)}${goal.padStart(10)}`);
  // Where the long tasks came from: each spec's phases (the scale specs mark them).
  for (const [spec, prefix] of [['chat', 'conversation'], ['inbox', 'inbox']]) {
    // Every …_longest_task_<phase>_ms but the split at the first row (printed above).
    const phaseKey = new RegExp(`^${prefix}_longest_task_(?!before_first_row_ms$|after_start_ms$)(\\w+)_ms$`);
    const phases = Object.entries(ui).flatMap(([key, ms]) => {
      const m = phaseKey.exec(key);
      return m ? [`${m[1]} ${show(ms)}`] : [];
    });
    if (phases.length) console.log(`  longest task by phase, ${spec} (ms): ${phases.join(', ')}`);
  }
  console.log('');
}

function show(v) {
  if (v === null || v === undefined) return '—';
  return typeof v === 'number' ? v.toLocaleString('en-US') : String(v);
}
