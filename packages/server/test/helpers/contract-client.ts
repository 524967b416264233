// Calls the running server over real HTTP and holds every answer to the contract: the status must
// be documented for the operation, the body must validate against the documented schema, and the
// headers every answer carries must be there (and no cookie, ever).
import assert from 'node:assert/strict';
import type { OperationId } from '@weerbaar/spec';
import { SpecValidator } from '@weerbaar/spec/validation';

export const spec = new SpecValidator();

const PUBLIC_OPERATIONS = new Set<OperationId>([
  'getOpenApiJson',
  'getOpenApiYaml',
  'getDiscovery',
  'getNorms',
  'getSignalChecklist',
  'getSupportContacts',
  'getReportForm',
  'getDilemmaCards',
]);

export interface CallOptions {
  /** Path parameters, e.g. `{ caseId }`. */
  path?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** A JSON body (sent with `Content-Type: application/json`). */
  json?: unknown;
  /** Any other body, sent as is (set the Content-Type in `headers`). */
  body?: string | Uint8Array | FormData;
  /** A bearer token. */
  token?: string;
}

export interface ContractResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body (or the text of a non-JSON body). */
  body: any;
  bytes: Buffer;
}

/** Every contract call made in this process, for the coverage check. */
export const calledOperations = new Set<OperationId>();

export class ContractClient {
  constructor(private readonly apiUrl: () => string) {}

  url(operationId: OperationId, options: CallOptions = {}): string {
    const { path } = spec.operation(operationId);
    const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(options.path?.[name] ?? ''));
    const query = options.query ? `?${new URLSearchParams(options.query)}` : '';
    return `${this.apiUrl()}${filled}${query}`;
  }

  /** Sends the request without checking the answer (for requests outside the contract). */
  async raw(operationId: OperationId, options: CallOptions = {}): Promise<ContractResponse> {
    const { method } = spec.operation(operationId);
    const headers: Record<string, string> = { ...options.headers };
    let body: string | Uint8Array | FormData | undefined = options.body;
    if (options.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(options.json);
    }
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await fetch(this.url(operationId, options), { method: method.toUpperCase(), headers, body });
    const bytes = Buffer.from(await response.arrayBuffer());
    const type = response.headers.get('content-type') ?? '';
    const text = bytes.toString('utf8');
    const parsed = /json/.test(type) && bytes.length > 0 ? JSON.parse(text) : text;
    return { status: response.status, headers: response.headers, body: parsed, bytes };
  }

  /** Sends the request and checks the answer against the contract. */
  async call(operationId: OperationId, options: CallOptions = {}): Promise<ContractResponse> {
    const response = await this.raw(operationId, options);
    calledOperations.add(operationId);
    assertContractAnswer(operationId, response);
    return response;
  }
}

export function assertContractAnswer(operationId: OperationId, response: ContractResponse): void {
  const operation = spec.operation(operationId);
  const label = `${operationId} ${response.status}`;
  assert.ok(operation.statuses.includes(String(response.status)), `${label}: status not documented (${operation.statuses.join(', ')}): ${JSON.stringify(response.body)}`);
  assertCommonHeaders(response, label);
  if (!PUBLIC_OPERATIONS.has(operationId) || response.status >= 400) {
    assert.equal(response.headers.get('cache-control'), 'no-store', `${label}: personal answers are never cached`);
  }
  if (response.status === 204 || response.status === 304) {
    assert.equal(response.bytes.length, 0, `${label}: no body`);
    return;
  }
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  if (response.status >= 400) assert.equal(mediaType, 'application/problem+json', `${label}: problems are problem+json`);
  if (mediaType === 'application/octet-stream' || mediaType === 'application/yaml') {
    spec.response(operationId, response.status, mediaType); // throws when the media type is not documented
    return;
  }
  const issues = spec.response(operationId, response.status, mediaType)(response.body);
  assert.deepEqual(issues, [], `${label}: the body does not match the contract: ${JSON.stringify(response.body).slice(0, 500)}`);
}

export function assertCommonHeaders(response: ContractResponse, label: string): void {
  assert.match(response.headers.get('api-version') ?? '', /^1\.\d+\.\d+$/, `${label}: API-Version`);
  assert.match(response.headers.get('request-id') ?? '', /^[A-Za-z0-9_-]{1,64}$/, `${label}: Request-Id`);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff', `${label}: nosniff`);
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer', `${label}: Referrer-Policy`);
  assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, `${label}: CSP`);
  assert.equal(response.headers.get('set-cookie'), null, `${label}: no cookie, ever`);
}

/** A fresh Idempotency-Key. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}

export const MINIMAL_REPORT = {
  role: 'civil-servant',
  category: 'threat-intimidation',
  content: { description: 'Ik word bij het loket bedreigd door een aanvrager die zegt te weten waar ik woon.' },
} as const;

/** An envelope the server takes as sealed to `keyId` (it cannot open one; the ciphertext is not real). */
export function sealedWith(keyId: string) {
  return { keyId, suite: 'DHKEM-P256-HKDF-SHA256/HKDF-SHA256/AES-256-GCM', enc: 'B'.repeat(87), ciphertext: 'ZGl0IGlzIGdlZW4gZWNodGUgY2lqZmVydGVrc3Q' };
}
