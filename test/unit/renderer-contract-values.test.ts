import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { filesUnder } from '../helpers/disk-search';

/**
 * The renderer takes types from the whole contract but values only from its
 * schema-free modules (main/contract/constants.ts and friends): a value
 * import that reaches zod makes the window build every method's schema in
 * its first task. Walks the real import graph, type-only imports left out.
 */
const root = resolve(__dirname, '../..');

const sourceFiles = (dir: string): string[] =>
  filesUnder(join(root, dir))
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => `${dir}/${f}`);

/** Module specifiers a file needs at run time: imports and re-exports that are not type-only. */
function valueImports(file: string, text = readFileSync(join(root, file), 'utf8')): string[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: string[] = [];
  for (const st of src.statements) {
    if (ts.isImportDeclaration(st)) {
      const c = st.importClause;
      const named = c?.namedBindings && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : undefined;
      // `import type {…}` and `import { type A, type B }` (elided by the bundler) need nothing at run time.
      const typeOnly = c !== undefined && (c.isTypeOnly || (!c.name && named !== undefined && named.length > 0 && named.every((e) => e.isTypeOnly)));
      if (!typeOnly) out.push((st.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(st) && st.moduleSpecifier && !st.isTypeOnly) {
      const named = st.exportClause && ts.isNamedExports(st.exportClause) ? st.exportClause.elements : undefined;
      if (!(named && named.length > 0 && named.every((e) => e.isTypeOnly))) out.push((st.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return out;
}

/** A contract module's path for a specifier, or the bare package name. */
function resolveSpec(from: string, spec: string): string {
  let base: string;
  if (spec === '@contract' || spec.startsWith('@contract/')) base = join('main/contract', spec.slice('@contract/'.length) || 'index');
  else if (spec.startsWith('.')) base = join(dirname(from), spec);
  else return spec;
  const hit = [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((c) => existsSync(join(root, c)));
  if (!hit) throw new Error(`${from}: cannot resolve '${spec}'`);
  return relative(root, join(root, hit));
}

describe('what the renderer loads of the contract', () => {
  it('tells type-only imports from value imports', () => {
    const text = [
      "import type { A } from './a';",
      "import { type B, type C } from './b';",
      "import { D, type E } from './d';",
      "export { F } from './f';",
      "export type { G } from './g';",
      "import './side-effect';",
    ].join('\n');
    expect(valueImports('x.ts', text)).toEqual(['./d', './f', './side-effect']);
  });

  it('no value import of the renderer reaches zod', () => {
    const paths = new Map<string, string[]>();
    const queue: string[] = [];
    for (const file of sourceFiles('renderer/src')) {
      for (const spec of valueImports(file)) {
        if (!spec.startsWith('@contract')) continue;
        const target = resolveSpec(file, spec);
        if (!paths.has(target)) {
          paths.set(target, [file, target]);
          queue.push(target);
        }
      }
    }
    expect(queue.length, 'the renderer imports values from the contract').toBeGreaterThan(0);
    const reached: string[] = [];
    while (queue.length) {
      const mod = queue.shift()!;
      for (const spec of valueImports(mod)) {
        const target = resolveSpec(mod, spec);
        if (target === 'zod') reached.push(paths.get(mod)!.join(' → '));
        if (!target.startsWith('main/') || paths.has(target)) continue;
        paths.set(target, [...paths.get(mod)!, target]);
        queue.push(target);
      }
    }
    expect(reached, 'value imports that pull the schemas into the window').toEqual([]);
  });
});
