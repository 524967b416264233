// Sealing on the reporter's device. Loaded with `import()` only when the backend advertises
// encryption, so clients that never encrypt do not download @hpke/core.
import { WeerbaarCapabilityError } from './errors.js';
import { info, suite, SUITE, toBase64Url, type SealedKind } from './hpke.js';
import type { AttachmentDescriptor, DilemmaContent, EncryptionCapability, HpkeEnvelope, ReportContent } from './types.js';

interface Sealed {
  keyId: string;
  suite: typeof SUITE;
  enc: string;
  ciphertext: Uint8Array<ArrayBuffer>;
}

async function seal(key: EncryptionCapability, kind: SealedKind, plaintext: Uint8Array): Promise<Sealed> {
  if (key.suite !== SUITE) throw new WeerbaarCapabilityError(`encryption with ${key.suite}`);
  const hpke = suite();
  const recipientPublicKey = await hpke.kem.importKey('jwk', { ...key.publicKey }, true);
  // @hpke/core copies a typed array into a fresh ArrayBuffer before encrypting; an ArrayBuffer
  // it takes as it is: one copy of a whole attachment less.
  const whole = plaintext.byteOffset === 0 && plaintext.byteLength === plaintext.buffer.byteLength && plaintext.buffer instanceof ArrayBuffer;
  const { ct, enc } = await hpke.seal({ recipientPublicKey, info: info(kind) }, whole ? plaintext.buffer : plaintext);
  return { keyId: key.keyId, suite: SUITE, enc: toBase64Url(new Uint8Array(enc)), ciphertext: new Uint8Array(ct) };
}

async function envelope(key: EncryptionCapability, kind: SealedKind, text: string): Promise<HpkeEnvelope> {
  const { ciphertext, ...rest } = await seal(key, kind, new TextEncoder().encode(text));
  return { ...rest, ciphertext: toBase64Url(ciphertext) };
}

export const sealReportContent = (key: EncryptionCapability, content: ReportContent) => envelope(key, 'report', JSON.stringify(content));

/** A shared dilemma's content (contract 1.2), sealed on the sharer's device. */
export const sealDilemmaContent = (key: EncryptionCapability, content: DilemmaContent) => envelope(key, 'dilemma', JSON.stringify(content));

export const sealMessage = (key: EncryptionCapability, text: string) => envelope(key, 'message', text);

/** A handler's internal note, sealed in the console so that the backend keeps ciphertext only. */
export const sealNote = (key: EncryptionCapability, text: string) => envelope(key, 'note', text);

/**
 * The plaintext is the descriptor as JSON, a line feed, then the file's bytes. A Blob (a File) is
 * read straight into that plaintext: a fresh 10 MB buffer costs about as much as AES-GCM of it, so
 * reading the file and then copying it behind the descriptor nearly doubled the seal (issue 19).
 */
export async function sealAttachment(key: EncryptionCapability, descriptor: AttachmentDescriptor, file: Blob | Uint8Array) {
  const head = new TextEncoder().encode(`${JSON.stringify(descriptor)}\n`);
  if (file instanceof Blob) return seal(key, 'attachment', new Uint8Array(await new Blob([head, file]).arrayBuffer()));
  const plaintext = new Uint8Array(head.length + file.length);
  plaintext.set(head);
  plaintext.set(file, head.length);
  return seal(key, 'attachment', plaintext);
}
