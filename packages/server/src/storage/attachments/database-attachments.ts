// Attachment bytes in the PostgreSQL database, so that instances need no shared disk: an upload is
// written as it arrives in chunks of at most about 256 kB under a temporary `.incoming-…` name,
// renamed when kept, and read back one chunk at a time, so no instance ever holds a whole file.
import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Pool } from 'pg';
import { measuringStream, type AttachmentStorage, type ReceivedFile } from './attachment-storage.js';

const CHUNK_BYTES = 256 * 1024;
export const INCOMING_PREFIX = '.incoming-';

export class DatabaseAttachments implements AttachmentStorage {
  constructor(
    private readonly pool: Pool,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  async receive(stream: Readable): Promise<ReceivedFile> {
    const handle = `${INCOMING_PREFIX}${randomBytes(12).toString('hex')}`;
    const measure = measuringStream();
    try {
      await pipeline(stream, measure.stream, this.chunkWriter(handle));
    } catch (error) {
      await this.deleteChunks(handle);
      throw error;
    }
    return measure.result(handle);
  }

  async keep(file: ReceivedFile): Promise<string> {
    const storageName = randomBytes(16).toString('hex');
    await this.pool.query('UPDATE attachment_chunks SET storage_name = $1 WHERE storage_name = $2', [storageName, file.handle]);
    return storageName;
  }

  async discard(file: ReceivedFile | undefined): Promise<void> {
    if (file) await this.deleteChunks(file.handle);
  }

  async remove(storageName: string): Promise<void> {
    await this.deleteChunks(storageName);
  }

  open(storageName: string): Readable {
    const pool = this.pool;
    let seq = 0;
    return new Readable({
      read() {
        pool.query<{ bytes: Buffer }>('SELECT bytes FROM attachment_chunks WHERE storage_name = $1 AND seq = $2', [storageName, seq++]).then(
          (result) => this.push(result.rows[0]?.bytes ?? null),
          (error: Error) => this.destroy(error),
        );
      },
    });
  }

  /** A stream that stores what it is given as numbered chunks under `handle`. */
  private chunkWriter(handle: string): Writable {
    const { pool, now } = this;
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      const bytes = Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      await pool.query('INSERT INTO attachment_chunks (storage_name, seq, bytes, stored_at) VALUES ($1, $2, $3, $4)', [handle, seq++, bytes, now()]);
    };
    return new Writable({
      write(chunk: Buffer, _encoding, callback) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes < CHUNK_BYTES) return callback();
        flush().then(() => callback(), callback);
      },
      final(callback) {
        if (pendingBytes === 0) return callback();
        flush().then(() => callback(), callback);
      },
    });
  }

  private async deleteChunks(storageName: string): Promise<void> {
    await this.pool.query('DELETE FROM attachment_chunks WHERE storage_name = $1', [storageName]);
  }
}
