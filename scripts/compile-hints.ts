// V8 compiles a function when it is first called, on the main thread, unless its file asks
// for all of them at load (Chromium 136 and later, so Electron 36 on). Asked, they are
// compiled while the script streams in, off the main thread.
import { normalizePath, type Plugin } from 'vite';

/** V8's explicit compile hint for a whole file (a comment: other engines read nothing into it). */
export const EAGER_COMPILE = '//# allFunctionsCalledOnLoad';

/** What the bundle says about one chunk (Rollup's OutputChunk, the part used here). */
export interface ChunkLinks {
  fileName: string;
  moduleIds: readonly string[];
  imports: readonly string[];
  dynamicImports: readonly string[];
}

/**
 * The chunks the window loads while it starts: the boot module's, every
 * chunk it imports (its import() calls included: it loads the libraries and
 * the app that way, one task each) and what those import statically. The
 * app's own import() calls (the views opened later) are not followed.
 */
export function startChunks(bootId: string, chunks: readonly ChunkLinks[]): Set<string> {
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const boot = chunks.find((c) => c.moduleIds.includes(bootId));
  if (!boot) throw new Error(`compile hints: no chunk holds the boot module ${bootId}`);
  const seen = new Set<string>([boot.fileName]);
  const visit = (file: string): void => {
    const chunk = byFile.get(file);
    if (!chunk || seen.has(file)) return;
    seen.add(file);
    for (const next of chunk.imports) visit(next);
  };
  for (const next of [...boot.imports, ...boot.dynamicImports]) visit(next);
  return seen;
}

/**
 * Marks every chunk of start-up code for eager compilation. Compiled lazily,
 * the code the counter's first chat runs was compiled in that chat's click:
 * a fresh browser clicking the chat as soon as its row shows, 15 opens each
 * in turns, took 73–120 ms (mean 96) without the hints and 54–82 ms (mean
 * 69) with them; the window's start was not slower. The views fetched later
 * (settings, cases, manager) stay lazy: most of their code may never run.
 */
export function compileHints(bootId: string): Plugin {
  return {
    name: 'tresen-compile-hints',
    apply: 'build',
    generateBundle: {
      // Last, on the finished code: the minifier would drop a comment added before it.
      order: 'post',
      handler(_options, bundle) {
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
        // Module ids are /-separated on every system; a Windows path from fileURLToPath is not.
        const atStart = startChunks(normalizePath(bootId), chunks);
        for (const chunk of chunks) {
          if (!atStart.has(chunk.fileName)) continue;
          const map = chunk.sourcemapFileName ? bundle[chunk.sourcemapFileName] : undefined;
          hintChunk(chunk, map?.type === 'asset' ? map : undefined);
        }
      },
    },
  };
}

/** The part of a Rollup output chunk and its map file that a hint changes. */
export interface HintedChunk {
  code: string;
  map: { mappings: string } | null;
}

/**
 * Puts the hint on a line of its own above the chunk's code. Its source map
 * (the chunk's and the .map file's) starts one line lower: in the mappings
 * each line of code is one ';'-separated group, so one more ';' in front.
 */
export function hintChunk(chunk: HintedChunk, mapFile?: { source: string | Uint8Array }): void {
  if (chunk.code.startsWith(EAGER_COMPILE)) return;
  chunk.code = `${EAGER_COMPILE}\n${chunk.code}`;
  if (chunk.map) chunk.map.mappings = `;${chunk.map.mappings}`;
  if (mapFile) {
    const json = JSON.parse(typeof mapFile.source === 'string' ? mapFile.source : new TextDecoder().decode(mapFile.source)) as { mappings: string };
    json.mappings = `;${json.mappings}`;
    mapFile.source = JSON.stringify(json);
  }
}
