// Opening sealed reports, messages and attachments on the handler's side, with the integrity
// officer's private key (a JWK). The entry `@weerbaar/sdk/crypto`; never needed in a reporter's browser.
import { WeerbaarError } from './errors.js';
import { fromBase64Url, info, suite, SUITE, type SealedKind } from './hpke.js';
import type { AttachmentDescriptor, AttachmentEncryption, DilemmaContent, HpkeEnvelope, ReportContent } from './types.js';

/**
 * The private key as a JSON Web Key (RFC 7517), as WebCrypto exports it (`{ kty: 'EC', crv: 'P-256', x, y, d }`):
 * the EC fields WebCrypto's `importKey('jwk', …)` reads. Declared here rather than as the DOM's
 * `JsonWebKey`, so that a Node project without the DOM library can use this entry; a DOM
 * `JsonWebKey` fits it.
 */
export interface PrivateKeyJwk {
  kty?: string;
  crv?: string;
  x?: string;
  y?: string;
  d?: string;
  alg?: string;
  kid?: string;
  use?: string;
  key_ops?: string[];
  ext?: boolean;
}

async function open(privateKey: PrivateKeyJwk, kind: SealedKind, parameters: AttachmentEncryption, ciphertext: Uint8Array) {
  if (parameters.suite !== SUITE) throw new WeerbaarError(`Unsupported HPKE suite: ${parameters.suite}`);
  const hpke = suite();
  try {
    const recipientKey = await hpke.kem.importKey('jwk', privateKey, false);
    return new Uint8Array(await hpke.open({ recipientKey, enc: fromBase64Url(parameters.enc), info: info(kind) }, ciphertext));
  } catch {
    // Say only that it failed: the library's errors are not written with secrecy in mind.
    throw new WeerbaarError(`This ${kind} cannot be opened with this key (key id ${parameters.keyId}).`);
  }
}

const text = async (privateKey: PrivateKeyJwk, kind: SealedKind, envelope: HpkeEnvelope) =>
  new TextDecoder().decode(await open(privateKey, kind, envelope, fromBase64Url(envelope.ciphertext)));

/** Opens a case's `encryptedContent`. */
export async function openReportContent(privateKey: PrivateKeyJwk, envelope: HpkeEnvelope): Promise<ReportContent> {
  return JSON.parse(await text(privateKey, 'report', envelope)) as ReportContent;
}

/** Opens a shared dilemma's `encryptedContent` (contract 1.2). */
export async function openDilemmaContent(privateKey: PrivateKeyJwk, envelope: HpkeEnvelope): Promise<DilemmaContent> {
  return JSON.parse(await text(privateKey, 'dilemma', envelope)) as DilemmaContent;
}

/** Opens a reporter message's `encryptedBody`. */
export const openMessage = (privateKey: PrivateKeyJwk, envelope: HpkeEnvelope): Promise<string> => text(privateKey, 'message', envelope);

/** Opens an internal note's `encryptedBody`. */
export const openNote = (privateKey: PrivateKeyJwk, envelope: HpkeEnvelope): Promise<string> => text(privateKey, 'note', envelope);

/** Opens a downloaded encrypted attachment, with the attachment's `encryption` parameters. */
export async function openAttachment(
  privateKey: PrivateKeyJwk,
  encryption: AttachmentEncryption,
  ciphertext: Uint8Array | ArrayBuffer,
): Promise<{ descriptor: AttachmentDescriptor; bytes: Uint8Array }> {
  const plaintext = await open(privateKey, 'attachment', encryption, new Uint8Array(ciphertext));
  const lineFeed = plaintext.indexOf(0x0a);
  const descriptor = JSON.parse(new TextDecoder().decode(plaintext.subarray(0, lineFeed))) as AttachmentDescriptor;
  return { descriptor, bytes: plaintext.slice(lineFeed + 1) };
}
