import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng, iconPng, renderIcon } from '../../../main/shell/icon';

/** A minimal PNG reader: checks every chunk's CRC and returns the RGBA pixels. */
function readPng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  const types: string[] = [];
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  while (offset < png.length) {
    const len = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + len);
    expect(png.readUInt32BE(offset + 8 + len)).toBe(crc(png.subarray(offset + 4, offset + 8 + len)));
    types.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + len;
  }
  expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    pixels.set(raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return { width, height, pixels };
}

describe('icon', () => {
  it('encodes pixels as a valid PNG that decodes to the same pixels', () => {
    const pixels = renderIcon(32);
    const decoded = readPng(encodePng(32, 32, pixels));
    expect(decoded.width).toBe(32);
    expect(decoded.height).toBe(32);
    expect(decoded.pixels).toEqual(pixels);
  });

  it('draws a teal mark with transparent corners and white content', () => {
    const size = 64;
    const px = renderIcon(size);
    const at = (x: number, y: number) => Array.from(px.subarray((y * size + x) * 4, (y * size + x) * 4 + 4));
    expect(at(0, 0)[3]).toBe(0);
    expect(at(4, size / 2)).toEqual([15, 118, 110, 255]);
    expect(at(size / 2, Math.round(size * 0.3))).toEqual([255, 255, 255, 255]);
  });

  it('rejects sizes it cannot draw', () => {
    expect(() => renderIcon(4)).toThrow(RangeError);
    expect(() => encodePng(2, 2, new Uint8Array(3))).toThrow(RangeError);
  });

  it('build/icon.png is the current mark (node build/make-icon.mjs regenerates it)', () => {
    const file = readFileSync(path.resolve(__dirname, '../../../build/icon.png'));
    expect(file.equals(iconPng(512))).toBe(true);
  });
});
