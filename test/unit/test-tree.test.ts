import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The test tree mirrors the source tree, so a reader finds a module's tests
 * by its path: test/unit/<path> tests main/<path> (renderer/src, preload and
 * scripts for their own folders). Shared stand-ins live in test/fakes and
 * shared builders in test/helpers; no test imports another test's folder.
 */
const root = resolve(__dirname, '../..');

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(join(root, rel)).isDirectory()) out.push(...files(rel));
    else out.push(rel);
  }
  return out;
}

/** The source folder a unit test's folder stands for, or null when it mirrors nothing. */
export function mirroredSource(testFile: string): string | null {
  const parts = relative('test/unit', testFile).split('/').slice(0, -1);
  if (parts.length === 0) return 'main';
  const [top, ...rest] = parts;
  if (top === 'renderer') return 'renderer/src';
  if (top === 'preload' || top === 'scripts') return top;
  const dir = ['main', top, ...rest].join('/');
  return existsSync(join(root, dir)) && statSync(join(root, dir)).isDirectory() ? dir : null;
}

describe('the test tree', () => {
  it('every unit test sits under the path of the source it tests', () => {
    const orphans = files('test/unit').filter((f) => mirroredSource(f) === null);
    expect(orphans).toEqual([]);
  });

  it('shared stand-ins are in test/fakes, and no test imports from another test folder', () => {
    const all = [...files('test/unit'), ...files('test/integration'), ...files('test/e2e')];
    expect(all.filter((f) => /\/fake-[^/]*\.ts$/.test(f))).toEqual([]);
    const crossing = all.filter((f) => {
      const src = readFileSync(join(root, f), 'utf8');
      const area = f.split('/')[1];
      return [...src.matchAll(/from '((?:\.\.\/)+)(unit|integration|e2e)\//g)].some((m) => m[2] !== area);
    });
    expect(crossing).toEqual([]);
  });

  it('the mirror check itself tells a stray folder from a mirrored one', () => {
    expect(mirroredSource('test/unit/core/consent/keywords.test.ts')).toBe('main/core/consent');
    expect(mirroredSource('test/unit/whatsapp/pacing.test.ts')).toBeNull();
    expect(mirroredSource('test/unit/renderer/i18n.test.ts')).toBe('renderer/src');
  });
});
