import { redact } from './redact.js';
import type { FieldError, Problem } from './types.js';

/**
 * What a failure means for the caller, whatever status code carried it:
 * - `rejected`: the request itself is refused (invalid, unknown receipt, not allowed); repeating it changes nothing.
 * - `conflict`: the case's state does not allow it (closed, a status change that is not possible).
 * - `in-progress`: a report with this Idempotency-Key is still being stored; it may already be stored. Repeat with the same key.
 * - `rate-limited`: too many attempts; repeat after `Retry-After`.
 * - `unavailable`: no answer, a timeout or a failure on the backend's side; repeat later.
 * - `key-rotated`: sealed to an encryption key the backend no longer uses; read discovery again and seal anew.
 */
export type ErrorKind = 'rejected' | 'conflict' | 'in-progress' | 'rate-limited' | 'unavailable' | 'key-rotated';

/** The base of every error the SDK throws. Its message never contains a receipt, token or report content. */
export class WeerbaarError extends Error {
  override name = 'WeerbaarError';
  /** What the failure means (see `ErrorKind`). */
  declare readonly kind: ErrorKind;
  /** Whether the same request can succeed later: `in-progress`, `rate-limited`, `unavailable` and `key-rotated`. */
  declare readonly retryable: boolean;

  constructor(message: string, secrets?: readonly string[], options?: { cause?: unknown }, kind: ErrorKind = 'rejected') {
    super(redact(message, secrets), options);
    Object.assign(this, { kind, retryable: kind != 'rejected' && kind != 'conflict' });
  }

  /** Own fields and the (redacted) message; never the `cause`. */
  toJSON() {
    return { ...this, message: this.message };
  }
}

/** The backend answered with an RFC 9457 problem (any 4xx or 5xx). */
export class WeerbaarApiError extends WeerbaarError {
  override name = 'WeerbaarApiError';
  // `declare`d and assigned at once below: the budget of the core bundle counts every byte.
  declare readonly status: number;
  /** The problem type URI (`about:blank` when the backend gave none). */
  declare readonly type: string;
  declare readonly title: string;
  declare readonly detail: string;
  /** A stable machine-readable code such as `validation` or `idempotency-key-reused`. */
  declare readonly code: string | undefined;
  /** Every invalid field at once, for validation problems. */
  declare readonly errors: FieldError[];
  /** The `Request-Id` response header, to quote to the backend's administrator. */
  declare readonly requestId: string | undefined;
  /** The `API-Version` response header. */
  declare readonly apiVersion: string | undefined;

  /**
   * `problem` must already be redacted (`problemError` parses it with `redact` on every string).
   * `idempotent`: the request carried an Idempotency-Key, so a `409` means "still being processed" (the contract's `submitReport`).
   */
  constructor(status: number, problem: Partial<Problem>, headers: Headers, idempotent?: boolean) {
    const { title = `HTTP ${status}`, detail = '', type = 'about:blank', code, errors = [] } = problem;
    super(
      detail ? `${title}: ${detail}` : title,
      [],
      {},
      status == 429
        ? 'rate-limited'
        : status == 408 || status > 499
          ? 'unavailable'
          : status == 409
            ? idempotent
              ? 'in-progress'
              : 'conflict'
            : code == 'unknown-key'
              ? 'key-rotated'
              : 'rejected',
    );
    Object.assign(this, {
      status,
      type,
      title,
      detail,
      code,
      errors,
      requestId: headers.get('Request-Id') ?? undefined,
      apiVersion: headers.get('API-Version') ?? undefined,
    });
  }
}

/** The backend could not be reached, the connection broke, or the request timed out. Always `unavailable`. */
export class WeerbaarNetworkError extends WeerbaarError {
  override name = 'WeerbaarNetworkError';
}

/** The backend does not advertise the capability this call needs (checked before any request). */
export class WeerbaarCapabilityError extends WeerbaarError {
  override name = 'WeerbaarCapabilityError';

  declare readonly capability: string;

  constructor(capability: string) {
    super(`Capability not offered by this backend: ${capability}`);
    this.capability = capability;
  }
}

/** The error for a 4xx/5xx answer, from its problem document with every string in it redacted, however deep. */
export async function problemError(response: Response, secrets?: readonly string[], idempotent?: boolean): Promise<WeerbaarApiError> {
  let problem: Partial<Problem> = {};
  try {
    problem = JSON.parse(await response.text(), (_, value: unknown) => (typeof value === 'string' ? redact(value, secrets) : value)) ?? {};
  } catch {
    // Not a problem document: the status says enough.
  }
  return new WeerbaarApiError(response.status, problem, response.headers, idempotent);
}

/** The error for a request that got no answer. A timeout's own error is not kept: ky's carries the request (its Authorization header and body). */
export function networkError(cause: unknown, timedOut: boolean, secrets?: readonly string[]): WeerbaarNetworkError {
  return new WeerbaarNetworkError(timedOut ? 'Request timed out' : 'Network error', secrets, { cause: timedOut ? new Error('timeout') : cause }, 'unavailable');
}
