import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, fstatSync, fsyncSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { CHECK_BYTES, SALT_BYTES, keyCheck } from './keys';

/**
 * One backup = one file: a ZIP (the database snapshot, the media files and a
 * manifest) streamed through AES-256-GCM.
 *
 *   "TRESENBK" | version (1 byte) | salt (16) | key check (16) | IV (12) | ciphertext … | GCM tag (16)
 *
 * The salt lets the recovery passphrase re-derive the key on another PC; the
 * key check says "wrong passphrase" before anything is decrypted; the tag,
 * checked at the end, says whether a single byte was changed. Nothing is
 * used before the tag verified.
 */

export const MAGIC = Buffer.from('TRESENBK', 'latin1');
export const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const HEADER_BYTES = MAGIC.length + 1 + SALT_BYTES + CHECK_BYTES + IV_BYTES;
export const ARCHIVE_EXTENSION = '.tresenbak';

export const DB_ENTRY = 'tresen.sqlite3';
export const MANIFEST_ENTRY = 'manifest.json';
export const MEDIA_PREFIX = 'media/';
const MEDIA_NAME_RE = /^media\/[0-9a-f]{64}$/;

export interface Manifest {
  format: 1;
  createdAt: number;
  schemaVersion: number;
  counts: { contacts: number; messages: number; media: number };
  mediaFiles: number;
}

/** Why an archive cannot be opened; `reason` picks the words shown to the manager. */
export class ArchiveError extends Error {
  constructor(
    readonly reason: 'not_an_archive' | 'wrong_key' | 'damaged' | 'no_key',
    message: string,
  ) {
    super(message);
  }
}

export interface ArchiveHeader {
  version: number;
  salt: Buffer;
  check: Buffer;
  iv: Buffer;
  size: number;
}

export function readHeader(file: string): ArchiveHeader {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(HEADER_BYTES);
    const n = readSync(fd, head, 0, HEADER_BYTES, 0);
    if (n < HEADER_BYTES || size < HEADER_BYTES + TAG_BYTES || !head.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new ArchiveError('not_an_archive', 'the file is not a Tresen backup');
    }
    const version = head[MAGIC.length]!;
    if (version !== FORMAT_VERSION) throw new ArchiveError('not_an_archive', `backup format ${version} is not known to this version`);
    let at = MAGIC.length + 1;
    const salt = head.subarray(at, (at += SALT_BYTES));
    const check = head.subarray(at, (at += CHECK_BYTES));
    const iv = head.subarray(at, (at += IV_BYTES));
    return { version, salt: Buffer.from(salt), check: Buffer.from(check), iv: Buffer.from(iv), size };
  } finally {
    closeSync(fd);
  }
}

/** Writes the encrypted archive to `dest` (streamed: memory stays flat for large media folders). */
export async function writeArchive(
  dest: string,
  key: { key: Buffer; salt: Buffer },
  entries: { dbFile: string; manifest: Manifest; media: { name: string; file: string }[] },
): Promise<number> {
  const iv = randomBytes(IV_BYTES);
  const header = Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION]), key.salt, keyCheck(key.key), iv]);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(entries.manifest)), MANIFEST_ENTRY);
  // Stored, not deflated: the encryption alone must hide the contents (a test checks it).
  zip.addFile(entries.dbFile, DB_ENTRY, { compress: false });
  // Media are mostly compressed already (photos, voice notes): stored, not deflated.
  for (const m of entries.media) zip.addFile(m.file, `${MEDIA_PREFIX}${m.name}`, { compress: false });
  zip.end();
  mkdirSync(dirname(dest), { recursive: true });
  const out = createWriteStream(dest, { mode: 0o600 });
  out.write(header);
  await pipeline(zip.outputStream, cipher, out);
  const fd = openSync(dest, 'r+');
  try {
    const size = fstatSync(fd).size;
    const tag = cipher.getAuthTag();
    let written = 0;
    while (written < tag.length) written += writeSync(fd, tag, written, tag.length - written, size + written);
    fsyncSync(fd);
    return size + tag.length;
  } finally {
    closeSync(fd);
  }
}

/**
 * Decrypts the archive into `dir` (database, media, manifest). Throws
 * ArchiveError('damaged') when the tag does not verify or the ZIP is not ours;
 * the caller throws `dir` away then.
 */
export async function extractArchive(file: string, key: Buffer, dir: string): Promise<Manifest> {
  const header = readHeader(file);
  mkdirSync(join(dir, 'media'), { recursive: true });
  const zipFile = join(dir, 'archive.zip');
  const tag = Buffer.alloc(TAG_BYTES);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, tag, 0, TAG_BYTES, header.size - TAG_BYTES);
  } finally {
    closeSync(fd);
  }
  const decipher = createDecipheriv('aes-256-gcm', key, header.iv);
  decipher.setAuthTag(tag);
  try {
    if (header.size - TAG_BYTES - 1 < HEADER_BYTES) throw new Error('empty');
    await pipeline(createReadStream(file, { start: HEADER_BYTES, end: header.size - TAG_BYTES - 1 }), decipher, createWriteStream(zipFile, { mode: 0o600 }));
  } catch {
    throw new ArchiveError('damaged', 'the backup is damaged (its contents do not match its checksum)');
  }
  let manifest: Manifest | undefined;
  try {
    manifest = await unzipInto(zipFile, dir);
  } catch {
    throw new ArchiveError('damaged', 'the backup is damaged (its contents cannot be read)');
  }
  if (!manifest) throw new ArchiveError('damaged', 'the backup has no manifest');
  return manifest;
}

function unzipInto(zipFile: string, dir: string): Promise<Manifest | undefined> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipFile, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('zip'));
      let manifest: Manifest | undefined;
      let sawDb = false;
      zip.on('error', reject);
      zip.on('end', () => (sawDb ? resolve(manifest) : reject(new Error('no database in the backup'))));
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        // Only the names we write; anything else (paths, "..") is refused.
        if (name !== DB_ENTRY && name !== MANIFEST_ENTRY && !MEDIA_NAME_RE.test(name)) return reject(new Error(`unexpected entry ${name}`));
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('entry'));
          if (name === MANIFEST_ENTRY) {
            const chunks: Buffer[] = [];
            stream.on('data', (c: Buffer) => chunks.push(c));
            stream.on('error', reject);
            stream.on('end', () => {
              try {
                manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Manifest;
              } catch (parseErr) {
                return reject(parseErr as Error);
              }
              zip.readEntry();
            });
            return;
          }
          if (name === DB_ENTRY) sawDb = true;
          pipeline(stream, createWriteStream(join(dir, name), { mode: 0o600 }))
            .then(() => zip.readEntry())
            .catch(reject);
        });
      });
      zip.readEntry();
    });
  });
}
