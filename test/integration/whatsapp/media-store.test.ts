import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@contract/errors';
import { MediaStore, MediaTooLargeError } from '../../../main/core/media-store';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0a4f50000000049454e44ae426082',
  'hex',
);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF');
const OGG = Buffer.concat([Buffer.from('OggS'), Buffer.from([0, 2]), Buffer.alloc(22), Buffer.from('OpusHead'), Buffer.alloc(20)]);

describe('content-addressed media store', () => {
  it('sniffs PNG, JPEG, PDF and OGG from the bytes, whatever the sender claims', async () => {
    const store = new MediaStore({ dataDir: tempDir() });
    const png = await store.put(PNG, { mime: 'application/pdf' });
    expect(png.mime).toBe('image/png');
    expect(png.mimeMismatch).toBe(true);
    expect((await store.put(JPEG, { mime: 'image/png' })).mime).toBe('image/jpeg');
    expect((await store.put(PDF, { mime: 'image/jpeg' })).mime).toBe('application/pdf');
    const ogg = await store.put(OGG, { mime: 'audio/ogg' });
    expect(ogg.mime).toMatch(/^audio\/ogg/);
    expect(ogg.mimeMismatch).toBe(false);
  });

  it('names files by sha256 and stores the same bytes once', async () => {
    const dir = tempDir();
    const store = new MediaStore({ dataDir: dir });
    const a = await store.put(PNG);
    const b = await store.put(Buffer.from(PNG));
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.sha256).toBe(a.sha256);
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(readdirSync(join(dir, 'media'))).toEqual([a.sha256]);
    expect(readFileSync(a.path).equals(PNG)).toBe(true);
    expect((await store.read(a.sha256)).equals(PNG)).toBe(true);
    expect(a.size).toBe(PNG.length);
  });

  it('rejects media over the size limit with a typed error and writes nothing', async () => {
    const dir = tempDir();
    const store = new MediaStore({ dataDir: dir, maxBytes: 10 });
    const err = await store.put(PNG).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaTooLargeError);
    expect((err as ApiError).toJSON()).toMatchObject({ code: 'validation', reason: 'media_too_large' });
    await expect(store.put(Buffer.alloc(0))).rejects.toBeInstanceOf(ApiError);
    expect(() => readdirSync(join(dir, 'media'))).toThrow();
  });

  it('treats unknown bytes as octet-stream and plain UTF-8 as text', async () => {
    const store = new MediaStore({ dataDir: tempDir() });
    expect((await store.put(Buffer.from([0, 1, 2, 3, 250, 251]), { mime: 'image/png' })).mime).toBe('application/octet-stream');
    expect((await store.put(Buffer.from('Abholschein Nr. 17 – Grüße'), { mime: 'image/jpeg' })).mime).toBe('text/plain');
    expect((await store.put(Buffer.from('BEGIN:VCARD\nVERSION:3.0\nFN:Eva\nEND:VCARD'), { mime: 'text/plain' })).mime).toBe('text/vcard');
  });

  it('removes a file (quarantine expiry) and refuses paths that are not a sha256', async () => {
    const store = new MediaStore({ dataDir: tempDir() });
    const a = await store.put(PDF);
    await store.remove(a.sha256);
    expect(await store.has(a.sha256)).toBe(false);
    expect(() => store.pathFor('../../etc/passwd')).toThrow(ApiError);
  });
});
