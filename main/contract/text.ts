/**
 * Text rules shared by main (which enforces them) and the renderer (which
 * displays with them). No dependencies, so both sides import it.
 */

/** Bidi overrides/isolates/marks: they can make "rechnung‮gnp.exe" read as "rechnungexe.png". */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
/** C0/C1 control characters (line breaks, escapes, NUL …). */
const CONTROL = /\p{Cc}/gu;

/**
 * A file name as it may be shown: bidi and control characters become a
 * visible U+FFFD, so the name reads in the order its characters really have.
 */
export function neutraliseFileName(name: string): string {
  return name.replace(BIDI_CONTROLS, '\uFFFD').replace(CONTROL, '\uFFFD');
}

/**
 * Characters that take space or change others without being seen: Unicode's
 * default-ignorables (zero-width space/joiners, bidi marks, variation
 * selectors, Hangul fillers, tags), format and control characters,
 * separators, and the blank braille pattern.
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}\p{Z}\s\u2800]/gu;

/** True when the text shows at least one visible character. */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '').length > 0;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text placed into generated HTML (exports, the processing record): every markup character escaped. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
