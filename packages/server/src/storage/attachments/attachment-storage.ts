// Where attachment bytes live: files in the data directory (SQLite, one machine) or chunks in the
// PostgreSQL database (several instances without a shared disk). Either way the bytes stream in
// with their size and SHA-256 measured on the way and the first bytes kept to check the declared
// type, and stream out again; they are opaque blobs, never executed, never served inline.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';

export interface ReceivedFile {
  /** Where the bytes are until they are kept or discarded (a path or a database name). */
  handle: string;
  sizeBytes: number;
  sha256: string;
  /** The first bytes, for sniffing. */
  head: Buffer;
  /** Whether the bytes are UTF-8 text without NUL characters. */
  isText: boolean;
}

export interface AttachmentStorage {
  /** Streams an upload into temporary storage; the stream's own size limit stops it early. */
  receive(stream: Readable): Promise<ReceivedFile>;
  /** Keeps a received file under a new random name and returns that name. */
  keep(file: ReceivedFile): Promise<string>;
  discard(file: ReceivedFile | undefined): Promise<void>;
  remove(storageName: string): Promise<void>;
  open(storageName: string): Readable;
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

/**
 * A pass-through stream that measures what flows through it; `result()` is valid once the stream
 * has ended.
 */
export function measuringStream(): { stream: Transform; result(handle: string): ReceivedFile } {
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let sizeBytes = 0;
  let head = Buffer.alloc(0);
  let isText = true;
  const stream = new Transform({
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
    flush(callback) {
      if (isText) {
        try {
          decoder.decode();
        } catch {
          isText = false;
        }
      }
      callback();
    },
  });
  return { stream, result: (handle) => ({ handle, sizeBytes, sha256: hash.digest('hex'), head, isText }) };
}
