import type Fontkit from '@pdf-lib/fontkit';

/**
 * fontkit, loaded when the first PDF with embedded fonts is made: loading it
 * unpacks its Unicode tables, about half a second of every start otherwise.
 */
export async function loadFontkit(): Promise<typeof Fontkit> {
  return (await import('@pdf-lib/fontkit')).default;
}
