import type { ReactNode } from 'react';

/** One character, folded: lower case without accents (ü → u), so "Muller" marks "Müller". */
const foldChar = (c: string): string => c.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().charAt(0) || c;
export const fold = (s: string): string => Array.from(s, foldChar).join('');

/** The text with every folded match of each query word wrapped in <mark>. */
export function highlight(text: string, query: string): ReactNode[] {
  const words = query
    .trim()
    .split(/\s+/)
    .map(fold)
    .filter((w) => w.length >= 2);
  const chars = Array.from(text);
  const folded = chars.map(foldChar).join('');
  const marks = new Array<boolean>(chars.length).fill(false);
  for (const w of words) {
    let at = folded.indexOf(w);
    while (at !== -1) {
      for (let i = at; i < at + w.length; i++) marks[i] = true;
      at = folded.indexOf(w, at + w.length);
    }
  }
  const out: ReactNode[] = [];
  let i = 0;
  while (i < chars.length) {
    const on = marks[i];
    let j = i;
    while (j < chars.length && marks[j] === on) j++;
    const part = chars.slice(i, j).join('');
    out.push(on ? <mark key={i} className="hit">{part}</mark> : part);
    i = j;
  }
  return out;
}

/** A window of the text around the first match, so the hit shows in one line. */
export function around(text: string, query: string, width = 90): string {
  const words = query.trim().split(/\s+/).map(fold).filter(Boolean);
  const f = fold(text);
  const at = Math.min(...words.map((w) => f.indexOf(w)).filter((x) => x >= 0), Number.MAX_SAFE_INTEGER);
  if (at === Number.MAX_SAFE_INTEGER || at < width / 3) return text;
  const chars = Array.from(text);
  return `… ${chars.slice(Math.max(0, at - Math.floor(width / 3))).join('')}`;
}
