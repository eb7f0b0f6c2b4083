import { deflateSync } from 'node:zlib';

/**
 * The Tresen mark, drawn in code: a teal rounded square with a white counter
 * top and a speech bubble. Drawing it here (no image files, no electron
 * import) gives the tray and window a crisp icon at any size, and
 * build/make-icon.mjs renders the same mark into build/icon.png for packaging.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Encode straight RGBA pixels (width*height*4 bytes) as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new RangeError('encodePng: pixel buffer size mismatch');
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  // compression, filter, interlace stay 0
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    // Filter byte 0 (none) per row, then the row's pixels.
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

type Shape = (x: number, y: number) => boolean;

const roundedRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };

const triangle =
  (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Shape =>
  (x, y) => {
    const s1 = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    const s2 = (cx - bx) * (y - by) - (cy - by) * (x - bx);
    const s3 = (ax - cx) * (y - cy) - (ay - cy) * (x - cx);
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  };

const TEAL = [15, 118, 110] as const;
const WHITE = [255, 255, 255] as const;

// Unit coordinates (0..1).
const background = roundedRect(0.02, 0.02, 0.98, 0.98, 0.2);
const bubble = roundedRect(0.2, 0.16, 0.8, 0.56, 0.12);
const bubbleTail = triangle(0.3, 0.5, 0.46, 0.55, 0.26, 0.68);
const counterTop = roundedRect(0.14, 0.72, 0.86, 0.8, 0.03);

/** The mark as RGBA pixels, anti-aliased by 4x4 supersampling. */
export function renderIcon(size: number): Uint8Array {
  if (!Number.isInteger(size) || size < 8 || size > 1024) throw new RangeError('renderIcon: size must be 8..1024');
  const out = new Uint8Array(size * size * 4);
  const S = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) / size;
          const y = (py + (sy + 0.5) / S) / size;
          if (!background(x, y)) continue;
          if (bubble(x, y) || bubbleTail(x, y) || counterTop(x, y)) fg++;
          else bg++;
        }
      }
      const cover = bg + fg;
      const i = (py * size + px) * 4;
      if (cover === 0) continue;
      for (let c = 0; c < 3; c++) out[i + c] = Math.round((TEAL[c]! * bg + WHITE[c]! * fg) / cover);
      out[i + 3] = Math.round((255 * cover) / (S * S));
    }
  }
  return out;
}

export const iconPng = (size: number): Buffer => encodePng(size, size, renderIcon(size));
