// The one path alias: renderer, preload and tests reach main's contract as
// `@contract` (tsconfig.json "paths" says the same for tsc and esbuild).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const contractDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'main', 'contract');

/** Vite/Vitest alias list: `@contract/x` before the bare `@contract`. */
export const contractAlias = [
  { find: /^@contract\/(.*)$/, replacement: `${contractDir}/$1` },
  { find: /^@contract$/, replacement: join(contractDir, 'index.ts') },
];
