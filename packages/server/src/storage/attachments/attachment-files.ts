// Attachment bytes on disk (the SQLite setup): streamed into a random file name under
// `<data dir>/attachments` (mode 0600), renamed to their permanent random name when kept.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { measuringStream, type AttachmentStorage, type ReceivedFile } from './attachment-storage.js';

export class AttachmentFiles implements AttachmentStorage {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'attachments');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  async receive(stream: Readable): Promise<ReceivedFile> {
    const path = join(this.dir, `.incoming-${randomBytes(12).toString('hex')}`);
    const measure = measuringStream();
    try {
      await pipeline(stream, measure.stream, createWriteStream(path, { mode: 0o600 }));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return measure.result(path);
  }

  async keep(file: ReceivedFile): Promise<string> {
    const storageName = randomBytes(16).toString('hex');
    await rename(file.handle, join(this.dir, storageName));
    return storageName;
  }

  async discard(file: ReceivedFile | undefined): Promise<void> {
    if (file) await rm(file.handle, { force: true });
  }

  async remove(storageName: string): Promise<void> {
    await rm(join(this.dir, storageName), { force: true });
  }

  open(storageName: string): Readable {
    return createReadStream(join(this.dir, storageName));
  }
}
