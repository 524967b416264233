import type { OperationId } from './operations.js';

/**
 * A golden fixture: an example request or response of one operation that every
 * implementation (server tests, SDK tests, the conformance kit) must treat the same way.
 * Valid fixtures validate against the spec; invalid ones do not, at the `invalidAt` pointers.
 */
export interface Fixture {
  /** `operationId/validity/file`, unique. */
  name: string;
  operationId: OperationId;
  validity: 'valid' | 'invalid';
  kind: 'request' | 'response';
  description: string;
  /** For responses: the HTTP status. */
  status?: number;
  mediaType: string;
  /** Request headers that belong to the example (e.g. `Idempotency-Key`). */
  headers?: Record<string, string>;
  body: unknown;
  /** For invalid fixtures: the JSON Pointers a validator must report (at least these). */
  invalidAt?: string[];
}
