import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { ApiError } from '../contract/errors';

/**
 * Content-addressed media on disk: <dataDir>/media/<sha256>.
 *
 * The file name is the SHA-256 of the bytes, so the same photo sent twice is
 * stored once and a path can never be steered by a customer's file name. The
 * MIME type is sniffed from magic bytes; what the messenger or the file name
 * claims is only kept for display, never trusted.
 */

export const DEFAULT_MEDIA_MAX_BYTES = 64 * 1024 * 1024;
export const OCTET_STREAM = 'application/octet-stream';

export interface StoredMedia {
  sha256: string;
  /** Sniffed from the bytes; 'application/octet-stream' when unknown. */
  mime: string;
  size: number;
  /** Absolute path of the stored file. */
  path: string;
  /** True when the claimed MIME type disagrees with the sniffed one. */
  mimeMismatch: boolean;
  /** False when identical bytes were already stored. */
  created: boolean;
}

export class MediaTooLargeError extends ApiError {
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super('validation', `media is ${size} bytes; the limit is ${limit} bytes`, { field: 'media', reason: 'media_too_large' });
  }
}

const SHA256_RE = /^[0-9a-f]{64}$/;

/** Text that file-type cannot recognise (no magic bytes): accept valid UTF-8 without NULs as plain text. */
function looksLikeText(data: Buffer): boolean {
  if (data.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(0, 64 * 1024));
    return true;
  } catch {
    return false;
  }
}

export async function sniffMime(data: Buffer): Promise<string> {
  const found = await fileTypeFromBuffer(data);
  if (found) return found.mime;
  return looksLikeText(data) ? 'text/plain' : OCTET_STREAM;
}

/** 'audio/ogg; codecs=opus' and 'audio/ogg' name the same container. */
function baseMime(mime: string): string {
  return (mime.split(';')[0] ?? '').trim().toLowerCase();
}

export class MediaStore {
  readonly dir: string;
  readonly maxBytes: number;

  constructor(opts: { dataDir: string; maxBytes?: number }) {
    this.dir = join(opts.dataDir, 'media');
    this.maxBytes = opts.maxBytes ?? DEFAULT_MEDIA_MAX_BYTES;
  }

  pathFor(sha256: string): string {
    if (!SHA256_RE.test(sha256)) throw new ApiError('validation', 'not a sha256 media id', { field: 'sha256' });
    return join(this.dir, sha256);
  }

  /** Rejects oversize or empty media before anything is written. */
  check(size: number): void {
    if (size > this.maxBytes) throw new MediaTooLargeError(size, this.maxBytes);
    if (size === 0) throw new ApiError('validation', 'media is empty', { field: 'media', reason: 'media_empty' });
  }

  async put(data: Buffer, claimed: { mime?: string } = {}): Promise<StoredMedia> {
    this.check(data.length);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const mime = await sniffMime(data);
    const path = this.pathFor(sha256);
    const mimeMismatch = claimed.mime !== undefined && baseMime(claimed.mime) !== baseMime(mime);
    await fs.mkdir(this.dir, { recursive: true });
    if (await exists(path)) return { sha256, mime, size: data.length, path, mimeMismatch, created: false };
    // Write under a temporary name and rename: a crash never leaves a half
    // file under a content name that later writes would trust as complete.
    const tmp = join(this.dir, `.tmp-${sha256}-${randomBytes(6).toString('hex')}`);
    try {
      await fs.writeFile(tmp, data, { flag: 'wx' });
      await fs.rename(tmp, path);
    } catch (err) {
      await fs.rm(tmp, { force: true });
      throw err;
    }
    return { sha256, mime, size: data.length, path, mimeMismatch, created: true };
  }

  async read(sha256: string): Promise<Buffer> {
    return fs.readFile(this.pathFor(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    return exists(this.pathFor(sha256));
  }

  /** Deletes the file (e.g. quarantine expired); the caller removes the row first. */
  async remove(sha256: string): Promise<void> {
    await fs.rm(this.pathFor(sha256), { force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await fs.access(path);
    return true;
  } catch {
    return false;
  }
}
