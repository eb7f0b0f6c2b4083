import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Electron stays at the edge: only main/shell/ and preload/ may load it, so
 * the rest of the app runs (and is tested) under plain Node. The ESLint rule
 * says the same; this test also covers files ESLint does not lint and
 * require()/import() calls.
 */
const root = path.resolve(__dirname, '../..');
// scripts/ may resolve the electron package: there it only names the binary to launch.
const SCANNED = ['main', 'renderer', 'test'];
const ALLOWED = ['main/shell/', 'preload/'];
const EXTENSIONS = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'native', 'out', 'release']);

const mod = 'electron';
// import … from 'electron' | import 'electron' | export … from 'electron' | require('electron') | import('electron'),
// including subpaths such as 'electron/main'.
const spec = `['"\`]${mod}(?:/[\\w-]+)?['"\`]`;
const IMPORT_RE = new RegExp(
  [`\\bfrom\\s*${spec}`, `\\bimport\\s*${spec}`, `\\brequire\\s*\\(\\s*${spec}\\s*\\)`, `\\bimport\\s*\\(\\s*${spec}\\s*\\)`].join('|'),
);

function importsElectron(source: string): boolean {
  return IMPORT_RE.test(source);
}

function walk(dir: string, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(full, out);
    } else if (EXTENSIONS.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

describe('electron boundary', () => {
  it('recognises every way of loading the module', () => {
    const q = "'";
    for (const src of [
      `import { app } from ${q}${mod}${q};`,
      `import type { BrowserWindow } from "${mod}";`,
      `import ${q}${mod}${q};`,
      `export { app } from ${q}${mod}/main${q};`,
      `const e = require( ${q}${mod}${q} );`,
      `const e = await import(${q}${mod}/renderer${q});`,
    ]) {
      expect(importsElectron(src), src).toBe(true);
    }
    for (const src of [`vi.mock(${q}${mod}${q}, () => ({}))`, `import x from ${q}${mod}-builder${q};`, `// ${mod} stays at the edge`]) {
      expect(importsElectron(src), src).toBe(false);
    }
  });

  it('only main/shell/ and preload/ import it', () => {
    const self = path.relative(root, __filename).split(path.sep).join('/');
    const files = SCANNED.flatMap((d) => walk(path.join(root, d)));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files
      .map((f) => path.relative(root, f).split(path.sep).join('/'))
      .filter((rel) => rel !== self && !ALLOWED.some((prefix) => rel.startsWith(prefix)))
      .filter((rel) => importsElectron(readFileSync(path.join(root, rel), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
