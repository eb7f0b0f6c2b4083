import { createHash, randomBytes } from 'node:crypto';
import { promises as fs, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { ApiError } from '../contract/errors';
import type { Store } from '../store';

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
  /**
   * Lets go of the hold put() took on the file: call it once the message that
   * references the file is committed, or once the send was refused. The file
   * is removed then only if nothing references it and nobody else holds it.
   */
  release(): void;
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
  /** Files being written or linked right now (sha256 → holders): never removed while held. */
  private readonly holds = new Map<string, number>();
  private readonly store: Store | undefined;

  constructor(opts: { dataDir: string; maxBytes?: number; store?: Store }) {
    this.dir = join(opts.dataDir, 'media');
    this.maxBytes = opts.maxBytes ?? DEFAULT_MEDIA_MAX_BYTES;
    this.store = opts.store;
  }

  private hold(sha256: string): () => void {
    this.holds.set(sha256, (this.holds.get(sha256) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.holds.get(sha256) ?? 1) - 1;
      if (n > 0) this.holds.set(sha256, n);
      else this.holds.delete(sha256);
      this.removeIfUnreferenced(sha256);
    };
  }

  /**
   * Removes the file when the store counts no reference to it and nobody holds
   * it, in one transaction with dropping its row: the check and the removal
   * cannot be split by another send of the same bytes. Synchronous on purpose.
   * Returns true when the file is gone.
   */
  removeIfUnreferenced(sha256: string): boolean {
    if (!this.store) return false;
    if ((this.holds.get(sha256) ?? 0) > 0) return false;
    const store = this.store;
    return store.tx(() => {
      if (!store.media.dropIfUnreferenced(sha256)) return false;
      rmSync(this.pathFor(sha256), { force: true });
      return true;
    });
  }

  /**
   * At start, nothing is being written: half-written temp files from a crash
   * and files no message references any more are removed.
   */
  cleanAtStart(): { temp: number; unreferenced: number } {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return { temp: 0, unreferenced: 0 };
    }
    let temp = 0;
    let unreferenced = 0;
    for (const name of names.filter((n) => n.startsWith('.tmp-'))) {
      rmSync(join(this.dir, name), { force: true });
      temp++;
    }
    if (this.store) {
      const store = this.store;
      store.tx(() => {
        store.media.dropAllUnreferenced();
        const keep = store.media.referencedShas();
        for (const name of names) {
          if (SHA256_RE.test(name) && !keep.has(name)) {
            rmSync(join(this.dir, name), { force: true });
            unreferenced++;
          }
        }
      });
    }
    return { temp, unreferenced };
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
    // Held from here (synchronously, before any await) until the caller releases it.
    const release = this.hold(sha256);
    try {
      const mime = await sniffMime(data);
      const path = this.pathFor(sha256);
      const mimeMismatch = claimed.mime !== undefined && baseMime(claimed.mime) !== baseMime(mime);
      await fs.mkdir(this.dir, { recursive: true });
      if (await exists(path)) return { sha256, mime, size: data.length, path, mimeMismatch, created: false, release };
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
      return { sha256, mime, size: data.length, path, mimeMismatch, created: true, release };
    } catch (err) {
      release();
      throw err;
    }
  }

  async read(sha256: string): Promise<Buffer> {
    return fs.readFile(this.pathFor(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    return exists(this.pathFor(sha256));
  }

  /** Deletes the file unconditionally (tests, tools); the app removes files only through removeIfUnreferenced. */
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
