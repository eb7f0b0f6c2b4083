import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Where the Unicode font for PDFs comes from at run time:
 * 1. dist/fonts/ beside the bundle (scripts/build.mjs copies it there; the
 *    packaged app carries it inside app.asar, which Electron's fs reads);
 * 2. the dejavu-fonts-ttf and @fontsource/noto-emoji packages (source runs:
 *    tests, serve from the repo).
 */
export function fontCandidates(file: string, pkgPath: string): string[] {
  const out = [join(__dirname, '..', 'fonts', file), join(__dirname, '..', '..', 'dist', 'fonts', file)];
  try {
    out.push(createRequire(__filename).resolve(pkgPath));
  } catch {
    // Not installed (packaged app): the bundled copy must be there.
  }
  return out;
}

let cached: Uint8Array | undefined;
let cachedEmoji: Uint8Array | null | undefined;

/** Noto Emoji (monochrome, WOFF, read by fontkit); null when no copy is found: emoji then print as U+ codes. */
export function emojiFont(): Uint8Array | null {
  if (cachedEmoji !== undefined) return cachedEmoji;
  const candidates = fontCandidates('NotoEmoji.woff', '@fontsource/noto-emoji/files/noto-emoji-emoji-400-normal.woff');
  const found = candidates.find((p) => existsSync(p));
  cachedEmoji = found ? new Uint8Array(readFileSync(found)) : null;
  return cachedEmoji;
}

/** DejaVu Sans: umlauts, ß, most symbols. Throws when no copy is found. */
export function unicodeFont(): Uint8Array {
  if (cached) return cached;
  const candidates = fontCandidates('DejaVuSans.ttf', 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`DejaVuSans.ttf not found (looked in ${candidates.join(', ')})`);
  cached = new Uint8Array(readFileSync(found));
  return cached;
}
