import { describe, expect, it } from 'vitest';
import { EAGER_COMPILE, hintChunk, startChunks, type ChunkLinks } from '../../../scripts/compile-hints';

const BOOT = '/app/renderer/src/main.tsx';

/** A bundle shaped like the renderer's: the boot loads libraries and the app with import(), the app loads views with import(). */
const chunk = (fileName: string, links: Partial<ChunkLinks> = {}): ChunkLinks => ({ fileName, moduleIds: [`/app/${fileName}.src`], imports: [], dynamicImports: [], ...links });
const bundle: ChunkLinks[] = [
  chunk('index.js', { moduleIds: ['/app/index.html', BOOT], dynamicImports: ['client.js', 'virtual.js', 'start.js'] }),
  chunk('react.js'),
  chunk('client.js', { imports: ['react.js'] }),
  chunk('virtual.js', { imports: ['react.js'] }),
  chunk('start.js', { imports: ['react.js', 'icons.js'], dynamicImports: ['SettingsView.js', 'CasesView.js'] }),
  chunk('icons.js'),
  chunk('SettingsView.js', { imports: ['start.js', 'settings-icon.js'] }),
  chunk('settings-icon.js', { imports: ['start.js'] }),
  chunk('CasesView.js', { imports: ['start.js'], dynamicImports: ['Editor.js'] }),
  chunk('Editor.js'),
];

describe('compile hints: which chunks the start runs', () => {
  it('takes the boot chunk, what it imports (also by import()) and their static imports; not the views the app loads later', () => {
    expect([...startChunks(BOOT, bundle)].sort()).toEqual(['client.js', 'icons.js', 'index.js', 'react.js', 'start.js', 'virtual.js']);
  });

  it('refuses a build without the boot module rather than hint nothing', () => {
    expect(() => startChunks('/app/renderer/src/other.tsx', bundle)).toThrow(/boot module/);
  });
});

describe('compile hints: the hint on a chunk', () => {
  it('puts the comment on a line of its own and moves the chunk\'s map and its .map file one line down', () => {
    const c = { code: 'const a=1;\nexport{a};', map: { mappings: 'AAAA;AACA' } };
    const file = { source: JSON.stringify({ version: 3, mappings: 'AAAA;AACA', sources: ['a.ts'] }) };
    hintChunk(c, file);
    expect(c.code).toBe(`${EAGER_COMPILE}\nconst a=1;\nexport{a};`);
    expect(c.code.split('\n')[0]).toBe('//# allFunctionsCalledOnLoad');
    expect(c.map.mappings).toBe(';AAAA;AACA');
    expect(JSON.parse(file.source as string)).toEqual({ version: 3, mappings: ';AAAA;AACA', sources: ['a.ts'] });
  });

  it('reads a .map file given as bytes, and hints a chunk once', () => {
    const c = { code: 'x()', map: null };
    const file: { source: string | Uint8Array } = { source: new TextEncoder().encode(JSON.stringify({ mappings: 'AAAA' })) };
    hintChunk(c, file);
    hintChunk(c, file);
    expect(c.code).toBe(`${EAGER_COMPILE}\nx()`);
    expect(JSON.parse(file.source as string).mappings).toBe(';AAAA');
  });
});
