import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layer order of main/ (read bottom-up; an import may only point down or
 * sideways within its layer) and the two clients of the contract. Every import
 * counts, type-only ones included: a type import is still a dependency a
 * reader has to follow, and it is how cycles start.
 */
const root = resolve(__dirname, '../..');

const MAIN_LAYERS: Array<[layer: string, match: (p: string) => boolean]> = [
  ['contract', (p) => p.startsWith('main/contract/')],
  ['runtime', (p) => p === 'main/runtime.ts' || p === 'main/data-dir.ts'],
  ['store', (p) => p.startsWith('main/store/')],
  ['core', (p) => p.startsWith('main/core/')],
  ['channels', (p) => p.startsWith('main/channels/')],
  ['app-context', (p) => p === 'main/app-context.ts'],
  ['api', (p) => p.startsWith('main/api/')],
  ['app', (p) => p === 'main/app.ts' || p === 'main/app-options.ts'],
  ['host', (p) => p === 'main/host.ts'],
  ['shell', (p) => p.startsWith('main/shell/')],
  ['serve', (p) => p === 'main/serve.ts'],
];
/** shell and serve are two alternative tops: neither may import the other. */
const SIBLING_TOPS = new Set(['shell', 'serve']);

function layerOf(file: string): string | undefined {
  if (file.startsWith('renderer/')) return 'renderer';
  if (file.startsWith('preload/')) return 'preload';
  return MAIN_LAYERS.find(([, m]) => m(file))?.[0];
}
const rank = (layer: string): number => MAIN_LAYERS.findIndex(([l]) => l === layer);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(join(root, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

const CONTRACT_ALIAS = /^@contract(\/.*)?$/;
const candidates = (base: string): string[] => [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`];

/** Project-internal imports of one file, resolved to repo-relative paths. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
  const out: string[] = [];
  for (const { fileName: spec } of info.importedFiles) {
    let base: string | undefined;
    const alias = CONTRACT_ALIAS.exec(spec);
    if (alias) base = join(root, 'main/contract', alias[1] ?? 'index');
    else if (spec.startsWith('.')) base = resolve(join(root, dirname(file)), spec);
    // Only source files take part (package.json for the version, CSS files and assets do not).
    if (!base || /\.(json|css|svg|png)$/.test(spec)) continue;
    const hit = candidates(base).find((c) => {
      try {
        return statSync(c).isFile();
      } catch {
        return false;
      }
    });
    if (!hit) throw new Error(`${file}: cannot resolve import '${spec}'`);
    out.push(relative(root, hit));
  }
  return out;
}

const files = [...sourceFiles('main'), ...sourceFiles('preload'), ...sourceFiles('renderer/src')];
const graph = new Map(files.map((f) => [f, importsOf(f)]));

/** Why an import from `from` to `to` breaks the layering, or null when it is allowed. */
export function layerViolation(from: string, to: string): string | null {
  const a = layerOf(from);
  const b = layerOf(to);
  if (!a || !b) return `${!a ? from : to} belongs to no layer; add it to MAIN_LAYERS or move it`;
  if (a === 'renderer' || a === 'preload') {
    return b === a || b === 'contract' ? null : `${a} may import only main/contract (via @contract)`;
  }
  if (b === 'renderer' || b === 'preload') return `main must not import ${b}`;
  if (SIBLING_TOPS.has(a) && SIBLING_TOPS.has(b) && a !== b) return `${a} and ${b} are alternative tops`;
  return rank(b) <= rank(a) ? null : `${a} must not import the higher layer ${b}`;
}

/** Strongly connected components with more than one file (Tarjan). */
function cycles(g: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (g.get(v) ?? []).includes(v)) found.push(comp.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return found;
}

describe('layers', () => {
  it('every source file belongs to a layer', () => {
    expect(files.filter((f) => !layerOf(f))).toEqual([]);
  });

  it('no import points up the layer order (type-only imports included)', () => {
    const bad: string[] = [];
    for (const [from, tos] of graph) {
      for (const to of tos) {
        const why = layerViolation(from, to);
        if (why) bad.push(`${from} -> ${to}: ${why}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('no import cycle (type-only imports included)', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('the checks themselves catch an upward import and a cycle', () => {
    expect(layerViolation('main/store/db.ts', 'main/core/messaging.ts')).toMatch(/higher layer core/);
    expect(layerViolation('main/contract/index.ts', 'main/runtime.ts')).toMatch(/higher layer runtime/);
    expect(layerViolation('renderer/src/App.tsx', 'main/core/phone.ts')).toMatch(/only main\/contract/);
    expect(layerViolation('main/shell/main.ts', 'main/serve.ts')).toMatch(/alternative tops/);
    expect(layerViolation('main/api/server.ts', 'main/store/db.ts')).toBeNull();
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cycles(g)).toEqual([['a', 'b', 'c']]);
  });
});

/** The texts of every string and template literal in a source (template parts without their expressions). */
export function literalsOf(source: string, fileName = 'x.ts'): string[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: string[] = [];
  const walk = (n: ts.Node): void => {
    if (ts.isStringLiteralLike(n)) out.push(n.text);
    else if (ts.isTemplateExpression(n)) out.push([n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join('?'));
    ts.forEachChild(n, walk);
  };
  walk(sf);
  return out;
}

/** A statement of SQL: what only main/store may hold. */
const SQL = /\b(SELECT\s[\s\S]*\bFROM\b|INSERT\s+(OR\s+\w+\s+)?INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b|CREATE\s+(UNIQUE\s+)?(TABLE|INDEX|TRIGGER|VIEW)\b|DROP\s+(TABLE|INDEX)\b|ALTER\s+TABLE\b|PRAGMA\s+\w+)/;
export const sqlIn = (source: string, fileName?: string): string[] => literalsOf(source, fileName).filter((l) => SQL.test(l));

/** WhatsApp's id forms: only main/channels/whatsapp knows them. */
const WA_ID = /@c\.us\b|@lid\b|@g\.us\b|status@broadcast|@s\.whatsapp\.net/;
const ADAPTER_INSTANCEOF = /\binstanceof\s+(WhatsAppChannel|SimulatorChannel)\b/;

describe('adapters stay behind the Channel interface', () => {
  const source = (f: string): string => readFileSync(join(root, f), 'utf8');

  it('no file outside main/channels asks which adapter it has (capabilities instead of instanceof)', () => {
    expect(files.filter((f) => !f.startsWith('main/channels/') && ADAPTER_INSTANCEOF.test(source(f)))).toEqual([]);
  });

  it('the transports (main/api) import no adapter; only the composition root does', () => {
    const bad = [...graph].flatMap(([from, tos]) =>
      from.startsWith('main/api/') ? tos.filter((to) => to.startsWith('main/channels/')).map((to) => `${from} -> ${to}`) : [],
    );
    expect(bad).toEqual([]);
  });

  it("WhatsApp's id forms appear only in main/channels/whatsapp", () => {
    const layers = ['main/core/', 'main/store/', 'main/api/', 'main/contract/'];
    expect(files.filter((f) => layers.some((l) => f.startsWith(l)) && WA_ID.test(source(f)))).toEqual([]);
  });

  it('SQL lives only in main/store: no prepare() and no statement text elsewhere', () => {
    const outside = files.filter((f) => !f.startsWith('main/store/'));
    expect(outside.filter((f) => /\.prepare\s*\(/.test(source(f)))).toEqual([]);
    // Parsing is the slow part: only files whose raw text looks like SQL are parsed for literals.
    const suspects = outside.filter((f) => SQL.test(source(f)));
    expect(suspects.flatMap((f) => sqlIn(source(f), f).map((l) => `${f}: ${l.slice(0, 60)}`))).toEqual([]);
  });

  it('the checks themselves catch SQL, an id form and instanceof', () => {
    expect(sqlIn("const q = db.prepare('SELECT * FROM wa_sent WHERE idempotency_key = ?');")).toHaveLength(1);
    expect(sqlIn('db.exec(`INSERT OR IGNORE INTO t(a) VALUES (${x})`);')).toHaveLength(1);
    expect(sqlIn("const m: 'GET' | 'DELETE' = 'DELETE'; const s = 'Bitte Kontakt auswählen';")).toEqual([]);
    expect(WA_ID.test('const id = `${digits}@c.us`;')).toBe(true);
    expect(WA_ID.test("if (id === 'status@broadcast') return;")).toBe(true);
    expect(WA_ID.test('const mail = "laden@example.com";')).toBe(false);
    expect(ADAPTER_INSTANCEOF.test('if (ctx.channel instanceof WhatsAppChannel) {')).toBe(true);
  });
});
