import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under dir (recursively), as paths relative to dir. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p).map((f) => join(name, f)));
    else out.push(name);
  }
  return out;
}

/**
 * Which files under dir contain any of the needles as bytes (UTF-8, and
 * lower-case UTF-8: the search index stores folded words). Returns
 * "file: needle" lines; empty means nowhere.
 */
export function findOnDisk(dir: string, needles: readonly string[]): string[] {
  const hits: string[] = [];
  for (const rel of filesUnder(dir)) {
    const bytes = readFileSync(join(dir, rel));
    for (const n of needles) {
      for (const form of new Set([n, n.toLowerCase()])) {
        if (bytes.includes(Buffer.from(form, 'utf8'))) hits.push(`${relative('.', rel)}: ${form}`);
      }
    }
  }
  return hits;
}
