import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The library's source folder (the installed whatsapp-web.js). */
export const LIBRARY_SRC = join(process.cwd(), 'node_modules', 'whatsapp-web.js', 'src');

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? jsFiles(p) : p.endsWith('.js') ? [p] : [];
  });
}

/** Every module name the library's injected and page-evaluated code asks window.require for. */
export function libraryModuleNames(src = LIBRARY_SRC): string[] {
  const names = new Set<string>();
  for (const f of jsFiles(src)) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/window\s*\.\s*require\(\s*['"`]([\w$]+)['"`]\s*,?\s*\)/g)) names.add(m[1] as string);
  }
  return [...names].sort();
}

/** The module names page.js implements (keys of its `modules` table). */
export function standInModuleNames(pageSource: string): string[] {
  const start = pageSource.indexOf('const modules = {');
  const end = pageSource.indexOf('\n  };', start);
  if (start < 0 || end < 0) throw new Error('page.js: modules table not found');
  return [...pageSource.slice(start, end).matchAll(/^ {4}(\w+): /gm)].map((m) => m[1] as string);
}
