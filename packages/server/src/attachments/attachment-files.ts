// Attachment bytes on disk: streamed into a random file name under `<data dir>/attachments`, with
// their size and SHA-256 measured on the way and the first bytes kept to check the declared type.
// Files are opaque blobs: never executed, never served inline.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

export interface ReceivedFile {
  /** Where the bytes are until they are kept or discarded. */
  path: string;
  sizeBytes: number;
  sha256: string;
  /** The first bytes, for sniffing. */
  head: Buffer;
  /** Whether the bytes are UTF-8 text without NUL characters. */
  isText: boolean;
}

const SIGNATURES: Record<string, (head: Buffer) => boolean> = {
  'application/pdf': (head) => head.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (head) => head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (head) => head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff,
  'image/gif': (head) => /^GIF8[79]a/.test(head.subarray(0, 6).toString('latin1')),
  'image/webp': (head) => head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP',
};

/** Whether the file's bytes are what its declared media type says. Unknown types never match. */
export function contentMatches(mediaType: string, file: ReceivedFile): boolean {
  if (mediaType === 'text/plain') return file.isText;
  const signature = SIGNATURES[mediaType];
  return signature ? signature(file.head) : false;
}

export class AttachmentFiles {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'attachments');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  /** Streams an upload to a temporary file; the stream's own size limit stops it early. */
  async receive(stream: Readable): Promise<ReceivedFile> {
    const path = join(this.dir, `.incoming-${randomBytes(12).toString('hex')}`);
    const hash = createHash('sha256');
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let sizeBytes = 0;
    let head = Buffer.alloc(0);
    let isText = true;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        sizeBytes += chunk.length;
        hash.update(chunk);
        if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
        if (isText) {
          try {
            if (chunk.includes(0)) isText = false;
            else decoder.decode(chunk, { stream: true });
          } catch {
            isText = false;
          }
        }
        callback(null, chunk);
      },
    });
    try {
      await pipeline(stream, measure, createWriteStream(path, { mode: 0o600 }));
      if (isText) {
        try {
          decoder.decode();
        } catch {
          isText = false;
        }
      }
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return { path, sizeBytes, sha256: hash.digest('hex'), head, isText };
  }

  /** Moves a received file to its permanent random name and returns that name. */
  async keep(file: ReceivedFile): Promise<string> {
    const storageName = randomBytes(16).toString('hex');
    await rename(file.path, join(this.dir, storageName));
    return storageName;
  }

  async discard(file: ReceivedFile | undefined): Promise<void> {
    if (file) await rm(file.path, { force: true });
  }

  async remove(storageName: string): Promise<void> {
    await rm(join(this.dir, storageName), { force: true });
  }

  open(storageName: string): Readable {
    return createReadStream(join(this.dir, storageName));
  }
}
