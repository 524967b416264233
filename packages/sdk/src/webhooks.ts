// Receiving the backend's webhooks (contract 1.1, `webhooks.caseEvent`) in a vendor's system:
// checks the Standard Webhooks signature over the exact body bytes with the shared `whsec_`
// secret, in constant time (WebCrypto's HMAC verify), refuses a timestamp more than 5 minutes from
// the receiver's clock (a replay), and answers the CloudEvent. Works wherever WebCrypto does
// (Node 20, browsers, workers).
import type { Schema } from '@weerbaar/spec';

export type CaseEvent = Schema<'CaseEvent'>;
export type CaseEventType = Schema<'CaseEventType'>;

/** Why a webhook was refused: a header is missing, the timestamp is too far off, no signature matches, the secret or body is malformed. */
export type WebhookRefusal = 'missing-header' | 'timestamp' | 'signature' | 'secret' | 'body';

export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
  constructor(
    readonly reason: WebhookRefusal,
    message: string,
  ) {
    super(message);
  }
}

export interface VerifyWebhookOptions {
  /** The shared secret, `whsec_<base64>`. */
  secret: string;
  /** The request's headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`), as a `Headers` or a plain object (Node's `request.headers`). */
  headers: Headers | Record<string, string | string[] | undefined>;
  /** The request body exactly as received: verify before parsing. */
  body: string | Uint8Array;
  /** The receiver's clock (default: now). */
  now?: Date | number;
  /** How far the timestamp may be from `now`, in seconds (default 300, as the contract says). */
  toleranceSeconds?: number;
}

const DEFAULT_TOLERANCE_SECONDS = 300;

function header(headers: VerifyWebhookOptions['headers'], name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value[0] : value;
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0)) as Uint8Array<ArrayBuffer>;
  } catch {
    return undefined;
  }
}

/**
 * Verifies a webhook and answers its event. Throws `WebhookVerificationError` when it must be
 * refused (answer it with a 4xx; the backend retries a real event with the same `webhook-id`).
 */
export async function verifyWebhook({ secret, headers, body, now = Date.now(), toleranceSeconds = DEFAULT_TOLERANCE_SECONDS }: VerifyWebhookOptions): Promise<CaseEvent> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError('missing-header', 'webhook-id, webhook-timestamp and webhook-signature are required');
  const nowSeconds = Math.floor((typeof now === 'number' ? now : now.getTime()) / 1000);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) {
    throw new WebhookVerificationError('timestamp', `webhook-timestamp is more than ${toleranceSeconds} seconds from now`);
  }
  const secretBytes = secret.startsWith('whsec_') ? fromBase64(secret.slice('whsec_'.length)) : undefined;
  if (!secretBytes || secretBytes.length < 16) throw new WebhookVerificationError('secret', 'the secret is not a whsec_ secret');
  const bodyBytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const prefix = new TextEncoder().encode(`${id}.${timestamp}.`);
  const signed = new Uint8Array(prefix.length + bodyBytes.length);
  signed.set(prefix);
  signed.set(bodyBytes, prefix.length);
  const key = await crypto.subtle.importKey('raw', secretBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  let valid = false;
  for (const candidate of signatures.split(' ')) {
    const [version, encoded] = candidate.split(',', 2);
    const signature = version === 'v1' && encoded ? fromBase64(encoded) : undefined;
    // Every candidate is checked (constant time each), so the answer takes as long whichever matched.
    if (signature && (await crypto.subtle.verify('HMAC', key, signature, signed))) valid = true;
  }
  if (!valid) throw new WebhookVerificationError('signature', 'no webhook-signature matches');
  let event: CaseEvent;
  try {
    event = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bodyBytes)) as CaseEvent;
  } catch {
    throw new WebhookVerificationError('body', 'the body is not JSON');
  }
  if (typeof event !== 'object' || event === null || event.specversion !== '1.0' || event.id !== id) {
    throw new WebhookVerificationError('body', 'the body is not the CloudEvent the headers name');
  }
  return event;
}
