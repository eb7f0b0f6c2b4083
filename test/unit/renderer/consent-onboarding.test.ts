import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  isNewArrival,
  phoneFromWaLink,
  safeFileName,
  svgDataUrl,
} from '../../../renderer/src/features/onboarding/onboarding-ui';

describe('svgDataUrl', () => {
  it('encodes the SVG so it round-trips and carries no raw markup', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><path d="M0 0h1v1H0z"/><!-- # % & --></svg>';
    const url = svgDataUrl(svg);
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    const payload = url.slice('data:image/svg+xml;charset=utf-8,'.length);
    // '#' would end the URL early and '<' would mean markup leaked through.
    expect(payload).not.toMatch(/[<>"#\s]/);
    expect(decodeURIComponent(payload)).toBe(svg);
  });
});

describe('base64ToBytes', () => {
  it('decodes exactly what Node encodes (any bytes)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const b64 = Buffer.from(bytes).toString('base64');
        expect(Array.from(base64ToBytes(b64))).toEqual(Array.from(bytes));
      }),
    );
  });

  it('decodes a real PDF header and tolerates line breaks', () => {
    const b64 = Buffer.from('%PDF-1.7\n%âãÏÓ', 'latin1').toString('base64');
    const wrapped = `${b64.slice(0, 8)}\n${b64.slice(8)}`;
    expect(String.fromCharCode(...base64ToBytes(wrapped).slice(0, 8))).toBe('%PDF-1.7');
  });

  it('refuses input that is not base64', () => {
    expect(() => base64ToBytes('not base64!')).toThrow(/invalid base64/);
    expect(() => base64ToBytes('abc')).toThrow(/invalid base64/);
  });
});

describe('safeFileName', () => {
  it('keeps ordinary names and strips path parts', () => {
    expect(safeFileName('tresen-poster-de.pdf', 'x.pdf')).toBe('tresen-poster-de.pdf');
    expect(safeFileName('../../etc/passwd', 'x.pdf')).toBe('passwd');
    expect(safeFileName('C:\\Users\\a\\Plakat Müller.pdf', 'x.pdf')).toBe('Plakat Müller.pdf');
    expect(safeFileName('..', 'x.pdf')).toBe('x.pdf');
    expect(safeFileName('', 'x.pdf')).toBe('x.pdf');
    expect(safeFileName('a<b>:c.pdf', 'x.pdf')).toBe('a_b_c.pdf');
  });
});

describe('isNewArrival', () => {
  const opened = Date.parse('2026-03-01T10:00:00Z');
  it('accepts a contact unknown at opening and created after it', () => {
    expect(isNewArrival({ id: 5, createdAt: '2026-03-01T10:00:30Z' }, opened, new Set([1, 2]))).toBe(true);
  });
  it('ignores contacts already listed and old contacts that merely changed', () => {
    expect(isNewArrival({ id: 1, createdAt: '2026-03-01T10:00:30Z' }, opened, new Set([1]))).toBe(false);
    expect(isNewArrival({ id: 7, createdAt: '2026-02-01T10:00:00Z' }, opened, new Set())).toBe(false);
  });
});

describe('phoneFromWaLink', () => {
  it('reads the number from a wa.me link', () => {
    expect(phoneFromWaLink('https://wa.me/4930123456?text=START')).toBe('+4930123456');
    expect(phoneFromWaLink('https://example.com')).toBeNull();
  });
});
