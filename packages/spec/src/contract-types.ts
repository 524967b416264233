// Hand-written types of the contract's generated parts (src/generated/): the operation ids, a golden
// fixture, the document's shape.
import type { operations } from './generated/schema.js';

/** The `operationId` of every operation in the contract. */
export type OperationId = keyof operations;

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

/** The shape of an OpenAPI 3.1 document, as far as the validators walk it. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}
