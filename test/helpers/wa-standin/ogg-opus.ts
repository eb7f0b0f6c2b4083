/**
 * A voice note as WhatsApp sends it: Opus in an Ogg container
 * (`audio/ogg; codecs=opus`), built from Opus packets the browser's own
 * encoder produced (WebCodecs), so no media file lives in the repository.
 * Ogg framing per RFC 3533, Opus mapping per RFC 7845.
 */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    t[i] = r >>> 0;
  }
  return t;
})();

function crc(buf: Buffer): number {
  let c = 0;
  for (const b of buf) c = ((c << 8) ^ (CRC_TABLE[((c >>> 24) ^ b) & 0xff] as number)) >>> 0;
  return c;
}

function page(packets: Buffer[], granule: bigint, serial: number, seq: number, flags: number): Buffer {
  const lacing: number[] = [];
  for (const p of packets) {
    let n = p.length;
    while (n >= 255) {
      lacing.push(255);
      n -= 255;
    }
    lacing.push(n);
  }
  if (lacing.length > 255) throw new Error('too many segments for one Ogg page');
  const head = Buffer.alloc(27 + lacing.length);
  head.write('OggS', 0, 'latin1');
  head.writeUInt8(0, 4);
  head.writeUInt8(flags, 5);
  head.writeBigInt64LE(granule, 6);
  head.writeUInt32LE(serial, 14);
  head.writeUInt32LE(seq, 18);
  head.writeUInt32LE(0, 22);
  head.writeUInt8(lacing.length, 26);
  lacing.forEach((l, i) => head.writeUInt8(l, 27 + i));
  const out = Buffer.concat([head, ...packets]);
  out.writeUInt32LE(crc(out), 22);
  return out;
}

/** Opus packets of 20 ms (960 samples at 48 kHz), mono, into an Ogg Opus file. */
export function oggOpus(packets: Buffer[], preSkip = 312, samplesPerPacket = 960): Buffer {
  const serial = 0x7e5e;
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'latin1');
  head.writeUInt8(1, 8); // version
  head.writeUInt8(1, 9); // channels
  head.writeUInt16LE(preSkip, 10);
  head.writeUInt32LE(48_000, 12);
  head.writeInt16LE(0, 16);
  head.writeUInt8(0, 18); // mapping family
  const vendor = Buffer.from('Tresen test', 'latin1');
  const tags = Buffer.alloc(8 + 4 + vendor.length + 4);
  tags.write('OpusTags', 0, 'latin1');
  tags.writeUInt32LE(vendor.length, 8);
  vendor.copy(tags, 12);
  tags.writeUInt32LE(0, 12 + vendor.length);
  const pages = [page([head], 0n, serial, 0, 0x02), page([tags], 0n, serial, 1, 0)];
  let seq = 2;
  let samples = preSkip;
  for (let i = 0; i < packets.length; i += 50) {
    const chunk = packets.slice(i, i + 50);
    samples += chunk.length * samplesPerPacket;
    const last = i + 50 >= packets.length;
    pages.push(page(chunk, BigInt(samples), serial, seq++, last ? 0x04 : 0));
  }
  return Buffer.concat(pages);
}
