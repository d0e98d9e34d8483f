import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** What a store answers for one file it has written. */
export interface StoredObject {
  /** Opaque key chosen by the store (never derived from the person's file name). */
  key: string;
  sizeBytes: number;
  sha256: string;
  /** The first bytes of the content, for detecting its type without reading it again. */
  head: Buffer;
}

export interface PutOptions {
  /** Refuse (and remove) a file larger than this. */
  maxBytes: number;
  /** How many leading bytes to keep in `head`. */
  headBytes?: number;
}

/** The file was larger than allowed; nothing of it was kept. */
export class TooLargeError extends Error {
  constructor(public readonly maxBytes: number) {
    super(`larger than ${maxBytes} bytes`);
    this.name = 'TooLargeError';
  }
}

/**
 * Where attachment content lives. One interface so an S3-compatible store can follow the local-disk one:
 * `put` streams (never holds a whole file in memory), and a failed or refused `put` leaves nothing behind.
 */
export interface AttachmentStore {
  put(content: Readable, options: PutOptions): Promise<StoredObject>;
  /** The content, or null when the key is unknown. */
  get(key: string): Promise<Readable | null>;
  delete(key: string): Promise<void>;
}

const KEY = /^[0-9a-f]{32}$/;
const DEFAULT_HEAD = 64 * 1024;

/**
 * Files under `<root>/<2 hex>/<32 hex>`, with random keys. A file is written to `<root>/tmp` first and
 * renamed into place only when it is complete, so a reader never sees half a file.
 */
export class LocalDiskStore implements AttachmentStore {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error('not a storage key');
    return path.join(this.root, key.slice(0, 2), key);
  }

  async put(content: Readable, options: PutOptions): Promise<StoredObject> {
    const key = randomBytes(16).toString('hex');
    const tmpDir = path.join(this.root, 'tmp');
    await fs.promises.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${key}.part`);
    const hash = createHash('sha256');
    const headLimit = options.headBytes ?? DEFAULT_HEAD;
    const head: Buffer[] = [];
    let headSize = 0;
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > options.maxBytes) return done(new TooLargeError(options.maxBytes));
        hash.update(chunk);
        if (headSize < headLimit) {
          const part = chunk.subarray(0, headLimit - headSize);
          head.push(part);
          headSize += part.length;
        }
        done(null, chunk);
      },
    });
    try {
      await pipeline(content, meter, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
      const final = this.pathOf(key);
      await fs.promises.mkdir(path.dirname(final), { recursive: true });
      await fs.promises.rename(tmp, final);
    } catch (err) {
      await fs.promises.rm(tmp, { force: true });
      throw err;
    }
    return { key, sizeBytes: size, sha256: hash.digest('hex'), head: Buffer.concat(head) };
  }

  async get(key: string): Promise<Readable | null> {
    if (!KEY.test(key)) return null;
    const file = this.pathOf(key);
    try {
      const handle = await fs.promises.open(file, 'r');
      return handle.createReadStream();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    if (!KEY.test(key)) return;
    await fs.promises.rm(this.pathOf(key), { force: true });
  }
}
