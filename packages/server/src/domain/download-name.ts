// The name a handler's browser saves a download under. The bytes were only checked against their
// declared type, so a reporter's name such as `verslag.html` on a text/plain file (or `foto.svg` on
// a PNG that is also an SVG) would make the saved copy open as a page that runs scripts. The name
// therefore always ends in an extension of the checked type.
import type { StoredAttachment } from '../storage/store.js';

const EXTENSIONS: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'text/plain': ['txt'],
};

export function downloadName(attachment: Pick<StoredAttachment, 'id' | 'name' | 'mediaType' | 'encryption'>): string {
  // Sealed files are opaque ciphertext, named by id; the real name travels inside.
  if (attachment.encryption) return `${attachment.id}.hpke`;
  const name = attachment.name ?? attachment.id;
  const allowed = EXTENSIONS[attachment.mediaType ?? ''] ?? ['bin'];
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  return extension !== undefined && allowed.includes(extension) ? name : `${name}.${allowed[0]}`;
}
