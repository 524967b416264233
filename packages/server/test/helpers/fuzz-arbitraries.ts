// fast-check arbitraries of hostile requests for any operation of the contract, derived from the
// operation itself (method, path, parameters, security, request media types) and its golden
// fixtures, so that an operation added to the contract is fuzzed without a line here.
//
// Every generated request that could write carries at least one *defect* — something the
// contract says must be refused — and any amount of *noise* (odd but harmless headers, unknown
// query parameters), so the server must answer it with a 4xx problem and change nothing. Reads may
// carry noise alone. Operations that have no input to get wrong (the OpenAPI document, discovery)
// still get oversize headers as a defect.
import { deflateSync, brotliCompressSync, gzipSync } from 'node:zlib';
import { fixtures } from '@weerbaar/spec';
import type { OperationInfo, ParameterInfo } from '@weerbaar/spec/validation';
import Ajv2020Module from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { spec } from './contract-client.js';
import type { HostileRequest } from './hostile-http.js';

// ajv ships CommonJS; under Node ESM its default export is the module object.
const Ajv2020 = Ajv2020Module.default;

/** Real ids and tokens of the server under test, so that only the defect makes a request wrong. */
export interface FuzzTargets {
  caseId: string;
  attachmentId: string;
  followUpToken: string;
  handlerToken: string;
  /** The server's `attachments.maxBytes`. */
  attachmentMaxBytes: number;
  /** The server's `limits.maxRequestBytes`. */
  maxRequestBytes: number;
}

export interface FuzzCase {
  request: HostileRequest;
  /** What is wrong with the request (at least one, unless the operation has no input at all). */
  defects: string[];
  /** What is odd but allowed. */
  noise: string[];
}

/** The request being built: path parameters and query pairs already percent-encoded. */
interface Draft {
  method: string;
  pathParams: Record<string, string>;
  query: string[];
  headers: [string, string][];
  body?: Buffer;
}

interface Mutation {
  label: string;
  apply(draft: Draft): void;
}

// ---------------------------------------------------------------------------------------------
// Building blocks

/** Bytes as %XX, every one of them (so any byte sequence, valid UTF-8 or not, fits in a URL). */
export function percentEncodeBytes(bytes: Uint8Array): string {
  return [...bytes].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** A string as UTF-8, every byte percent-encoded; a lone surrogate becomes U+FFFD as UTF-8 makes it. */
export function percentEncode(text: string): string {
  return percentEncodeBytes(Buffer.from(text, 'utf8'));
}

function setHeader(draft: Draft, name: string, value: string | undefined): void {
  draft.headers = draft.headers.filter(([existing]) => existing.toLowerCase() !== name.toLowerCase());
  if (value !== undefined) draft.headers.push([name, value]);
}

function headerOf(draft: Draft, name: string): string | undefined {
  return draft.headers.find(([existing]) => existing.toLowerCase() === name.toLowerCase())?.[1];
}

/** Strings with the Unicode people and attackers use to break things. */
export const unicodeEdgeString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '\uD800', // a lone high surrogate
    'a\uDC00b', // a lone low surrogate
    '\u0000',
    'NUL\u0000in the middle',
    '\u202Egnp.exe', // right-to-left override
    '\u2066\u2067\u2068\u2069',
    '\uFEFFwith a BOM',
    '\u200B\u200C\u200D',
    'e\u0301\u0301\u0301\u0301',
    '𝕿𝖍𝖗𝖊𝖆𝖙',
    '<script>alert(1)</script>',
    '"; DROP TABLE cases; --',
    '${7*7}{{7*7}}',
    '../../../../etc/passwd',
    '\r\nSet-Cookie: a=b',
  ),
);

/** Keys that pollute prototypes when code merges parsed JSON into objects. */
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/**
 * A payload that would set `pageSize` (and others) on Object.prototype if it were merged into an
 * object anywhere; the test reads `listCases` afterwards, whose default page size would change.
 */
export function pollutionPayload(): unknown {
  const payload = JSON.parse('{"__proto__":{"pageSize":1,"page":7,"admin":true,"status":"closed"},"constructor":{"prototype":{"pageSize":1,"sort":"receivedAt"}}}');
  return payload;
}

const hostileJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 4 },
  { arbitrary: unicodeEdgeString, weight: 3 },
  { arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1e308, -1e-308, 2 ** 53 + 1, '', [], {}), weight: 2 },
  { arbitrary: fc.constant(null).map(() => pollutionPayload()), weight: 1 },
  { arbitrary: fc.integer({ min: 1_000, max: 40_000 }).map((length) => 'x'.repeat(length)), weight: 1 },
  { arbitrary: fc.integer({ min: 100, max: 5_000 }).map((length) => Array.from({ length }, () => 'ja')), weight: 1 },
);

const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...POLLUTION_KEYS, 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf', '', ' ', 'role ', 'Role'),
  unicodeEdgeString,
);

/** Sets an own property, even `__proto__`, as JSON.parse would. */
function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Every object and array inside a JSON value, with itself first. */
function containers(root: unknown): (Record<string, unknown> | unknown[])[] {
  const found: (Record<string, unknown> | unknown[])[] = [];
  const stack = [root];
  while (stack.length) {
    const value = stack.pop();
    if (value && typeof value === 'object') {
      found.push(value as Record<string, unknown>);
      stack.push(...Object.values(value));
    }
  }
  return found;
}

type BodyStep =
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'delete'; at: number; pick: number }
  | { kind: 'add'; at: number; key: string; value: unknown }
  | { kind: 'wrap'; into: 'array' | 'string' };

const bodyStep: fc.Arbitrary<BodyStep> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: hostileJsonValue }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), pick: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key: hostileKey, value: hostileJsonValue }),
  fc.record({ kind: fc.constant('wrap' as const), into: fc.constantFrom('array' as const, 'string' as const) }),
);

/** Applies the steps to a copy of a golden body (the copy keeps an own `__proto__` key as data). */
function mutate(body: unknown, steps: BodyStep[]): unknown {
  let root: unknown = JSON.parse(JSON.stringify(body));
  for (const step of steps) {
    if (step.kind === 'wrap') {
      root = step.into === 'array' ? [root] : JSON.stringify(root);
      continue;
    }
    const all = containers(root);
    if (all.length === 0) continue;
    const target = all[step.at % all.length]!;
    const keys = Object.keys(target);
    if (step.kind === 'set' && keys.length) {
      const key = keys[step.at % keys.length]!;
      if (Array.isArray(target)) target[Number(key)] = step.value;
      else defineOwn(target, key, step.value);
    } else if (step.kind === 'delete' && keys.length) {
      const key = keys[step.pick % keys.length]!;
      if (Array.isArray(target)) target.splice(Number(key), 1);
      else delete target[key];
    } else if (step.kind === 'add') {
      if (Array.isArray(target)) target.push(step.value);
      else defineOwn(target, step.key, step.value);
    }
  }
  return root;
}

// ---------------------------------------------------------------------------------------------
// Parameters: whether a raw value is valid is decided by the parameter's schema in the contract.

const parameterAjv = new Ajv2020({ strict: false });
const parameterValidators = new Map<string, (value: unknown) => boolean>();

export function parameterAccepts(operationId: string, parameter: ParameterInfo, raw: string): boolean {
  const key = `${operationId} ${parameter.in} ${parameter.name}`;
  let validate = parameterValidators.get(key);
  if (!validate) {
    const compiled = parameterAjv.compile(spec.resolve(parameter.schema) as object);
    validate = (value) => compiled(value) as boolean;
    parameterValidators.set(key, validate);
  }
  const type = (spec.resolve(parameter.schema) as { type?: string }).type;
  // Query strings carry text; the contract's typed parameters are read the way HTTP APIs read them.
  let value: unknown = raw;
  if (type === 'integer' && /^-?\d{1,15}$/.test(raw)) value = Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) value = raw === 'true';
  return validate(value);
}

// ---------------------------------------------------------------------------------------------
// Multipart bodies for the upload operation.

export interface Part {
  name: string;
  filename?: string;
  type?: string;
  data: Buffer;
}

export const BOUNDARY = 'weerbaar-fuzz-boundary';

export function multipartBody(parts: Part[], boundary = BOUNDARY, close = true): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.filename !== undefined) head += `; filename="${part.filename}"`;
    head += '\r\n';
    if (part.type !== undefined) head += `Content-Type: ${part.type}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`, 'latin1'), part.data, Buffer.from('\r\n'));
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5b1c9f80000000049454e44ae426082',
  'hex',
);

/** Contents a browser would run or render, to declare as something harmless. */
export const ACTIVE_CONTENT: Record<string, Buffer> = {
  html: Buffer.from('<!doctype html><html><body><script>alert(document.domain)</script></body></html>'),
  svg: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'),
  javascript: Buffer.from('alert(document.cookie);//'),
  xhtml: Buffer.from('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>'),
};

// ---------------------------------------------------------------------------------------------
// Defects, by what an operation has.

function authDefects(operation: OperationInfo, targets: FuzzTargets): fc.Arbitrary<Mutation> {
  const own = operation.security.includes('handlerToken') ? targets.handlerToken : targets.followUpToken;
  const other = own === targets.handlerToken ? targets.followUpToken : targets.handlerToken;
  const prefix = own.slice(0, 4);
  const flip = (token: string, index: number) => {
    const at = 4 + (index % (token.length - 4));
    return token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
  };
  const header = (label: string, value: string | undefined): Mutation => ({ label: `auth:${label}`, apply: (draft) => setHeader(draft, 'Authorization', value) });
  return fc.oneof(
    fc.constant(header('missing', undefined)),
    fc.constantFrom('Bearer', 'Bearer ', 'Basic dXNlcjpwYXNzd29yZA==', 'Digest username="behandelaar"', 'Token', 'null', 'undefined').map((value) => header(`malformed ${value}`, value)),
    fc.constantFrom('Basic', 'Token', 'Bearer:', 'Bearer  ', 'Bearer\t', 'MAC').map((scheme) => header(`scheme ${scheme}`, `${scheme}${scheme.endsWith(' ') || scheme.endsWith('\t') || scheme.endsWith(':') ? '' : ' '}${own}`)),
    fc.constant(header('token of the other kind', `Bearer ${other}`)),
    fc.base64String({ minLength: 40, maxLength: 44 }).map((random) => header('made-up token', `Bearer ${prefix}${random.replace(/[+/=]/g, 'A')}`)),
    fc.nat().map((index) => header('one character changed', `Bearer ${flip(own, index)}`)),
    fc.constant(header('truncated', `Bearer ${own.slice(0, -1)}`)),
    fc.constant(header('two tokens', `Bearer ${own}, Bearer ${own}`)),
    fc.constantFrom('\u00e9', '\u00ff\u00fe', '%00', ';').map((junk) => header('junk appended', `Bearer ${own}${junk}`)),
    fc.integer({ min: 201, max: 8_000 }).map((length) => header('overlong', `Bearer ${prefix}${'A'.repeat(length)}`)),
    fc.constant({
      label: 'auth:duplicate header, wrong one first',
      apply: (draft: Draft) => {
        setHeader(draft, 'Authorization', `Bearer ${prefix}${'Z'.repeat(43)}`);
        draft.headers.push(['Authorization', `Bearer ${own}`]);
      },
    }),
    fc.constantFrom('access_token', 'token', 'authorization', 'bearer').map((name) => ({
      label: `auth:token in the query string (${name})`,
      apply: (draft: Draft) => {
        setHeader(draft, 'Authorization', undefined);
        draft.query.push(`${name}=${encodeURIComponent(own)}`);
      },
    })),
  );
}

function jsonBodyDefects(operation: OperationInfo, targets: FuzzTargets): fc.Arbitrary<Mutation> {
  const validate = spec.requestBody(operation.operationId);
  const golden = validBodies(operation);
  const json = (label: string, text: string | Buffer): Mutation => ({
    label: `body:${label}`,
    apply: (draft) => {
      draft.body = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
    },
  });
  const aValidBody = fc.constantFrom(...golden).map((body) => JSON.stringify(body));
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...golden), fc.array(bodyStep, { minLength: 1, maxLength: 3 }))
      .map(([body, steps]) => mutate(body, steps))
      .filter((body) => validate(body).length > 0)
      .map((body) => json('mutated golden fixture', JSON.stringify(body) ?? 'null')) },
    { weight: 2, arbitrary: fc.jsonValue().filter((value) => validate(value).length > 0).map((value) => json('random JSON', JSON.stringify(value) ?? 'null')) },
    { weight: 1, arbitrary: fc.constantFrom(...golden).map((body) => {
      const polluted = JSON.parse(JSON.stringify(body));
      for (const [key, value] of Object.entries(pollutionPayload() as Record<string, unknown>)) defineOwn(polluted, key, value);
      return json('prototype pollution keys', JSON.stringify(polluted));
    }) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1_000, max: 10_000 }), fc.constantFrom('[', '{"a":')).map(([depth, open]) => {
      const close = open === '[' ? ']' : '}';
      return json(`nested ${depth} deep`, `{"role":${open.repeat(depth)}1${close.repeat(depth)}}`);
    }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((times) => json('larger than maxRequestBytes', `{"role":"${'x'.repeat(targets.maxRequestBytes * times)}"}`)) },
    { weight: 1, arbitrary: fc.integer({ min: 10_000, max: 40_000 }).map((length) => json('huge array', `{"consents":[${Array.from({ length }, () => '"x"').join(',')}]}`)) },
    { weight: 2, arbitrary: fc.oneof(
      fc.constantFrom('', ' ', '{', '}', '{"role":', "{'role':'x'}", '{"role":NaN}', '{"role":undefined}', '[1,]', '{"a":1,}', '// comment\n{}', '\u0000', 'null', 'true', '0', '"text"', '[]'),
      aValidBody.map((body) => body.slice(0, -1)),
      aValidBody.map((body) => `${body}garbage`),
      aValidBody.map((body) => `${body}${body}`),
    ).map((text) => json('not a JSON object', text)) },
    // Text that is not well-formed: must be refused, not silently repaired into U+FFFD.
    { weight: 1, arbitrary: fc.tuple(aValidBody, fc.constantFrom('c328', 'ff', 'c0af', 'eda080', 'f8888080', 'e282')).map(([body, hex]) => {
      const at = body.indexOf('"', body.indexOf(':')) + 1;
      return json(`invalid UTF-8 ${hex}`, Buffer.concat([Buffer.from(body.slice(0, at)), Buffer.from(hex, 'hex'), Buffer.from(body.slice(at))]));
    }) },
    { weight: 1, arbitrary: fc.tuple(aValidBody, fc.constantFrom('\\ud800', '\\udfff', '\\udc00\\ud800')).map(([body, escape]) => {
      const at = body.indexOf('"', body.indexOf(':')) + 1;
      return json(`lone surrogate ${escape}`, `${body.slice(0, at)}${escape}${body.slice(at)}`);
    }) },
    { weight: 1, arbitrary: aValidBody.map((body) => json('byte order mark', `\uFEFF${body}`)) },
    { weight: 1, arbitrary: fc.constantFrom('utf16le', 'latin1').chain((encoding) => aValidBody.map((body) => json(`encoded as ${encoding}`, Buffer.from(`${body.slice(0, -1)},"x":"\u00e9"}`, encoding as BufferEncoding)))) },
  );
}

function multipartBodyDefects(operation: OperationInfo, targets: FuzzTargets): fc.Arbitrary<Mutation> {
  const form = (label: string, parts: Part[], close = true): Mutation => ({
    label: `multipart:${label}`,
    apply: (draft) => {
      draft.body = multipartBody(parts, BOUNDARY, close);
    },
  });
  const file = (data: Buffer, type: string, filename = 'bestand'): Part => ({ name: 'file', filename, type, data });
  const activeName = fc.constantFrom(...Object.keys(ACTIVE_CONTENT));
  return fc.oneof(
    fc.constant(form('no file', [{ name: 'metadata', data: Buffer.from('{}') }])),
    fc.constant(form('empty file', [file(Buffer.alloc(0), 'text/plain')])),
    fc.integer({ min: 1, max: 4 }).map((extra) => form('larger than attachments.maxBytes', [file(Buffer.alloc(targets.attachmentMaxBytes + extra * 1024, 'a'), 'text/plain')])),
    fc.tuple(activeName, fc.constantFrom('image/png', 'application/pdf', 'image/jpeg')).map(([name, type]) => form(`${name} declared as ${type}`, [file(ACTIVE_CONTENT[name]!, type)])),
    fc.tuple(activeName, fc.constantFrom('text/html', 'image/svg+xml', 'application/javascript', 'text/javascript', 'application/xhtml+xml', 'application/octet-stream', 'application/zip', 'application/x-msdownload')).map(([name, type]) =>
      form(`${name} as ${type}`, [file(ACTIVE_CONTENT[name]!, type)]),
    ),
    fc.constantFrom('00', 'ff', 'c328', '3c7363726970743e00').map((hex) => form(`text/plain with bytes ${hex}`, [file(Buffer.concat([Buffer.from('tekst '), Buffer.from(hex, 'hex')]), 'text/plain')])),
    fc.constant(form('gzip bomb as text/plain', [file(gzipSync(Buffer.alloc(1024 * 1024)), 'text/plain')])),
    fc.constant(form('zip archive as application/pdf', [file(Buffer.from('504b030414000000080000000000', 'hex'), 'application/pdf')])),
    fc.oneof(fc.jsonValue(), unicodeEdgeString, fc.constant(pollutionPayload()))
      .filter((metadata) => spec.schema('AttachmentUploadMetadata')(metadata).length > 0)
      .map((metadata) => form('invalid metadata', [{ name: 'metadata', data: Buffer.from(JSON.stringify(metadata) ?? 'null') }, file(PNG, 'image/png')])),
    fc.constantFrom('{', 'not json', '', '\u0000').map((text) => form('metadata not JSON', [{ name: 'metadata', data: Buffer.from(text) }, file(PNG, 'image/png')])),
    fc.constantFrom('files', 'File', 'file[]', '__proto__', 'constructor').map((name) => form(`unknown part ${name}`, [file(PNG, 'image/png'), { name, data: Buffer.from('x') }])),
    fc.constant(form('two files', [file(PNG, 'image/png'), file(PNG, 'image/png')])),
    fc.constant(form('no closing boundary', [file(PNG, 'image/png')], false)),
    fc.constantFrom('garbage', `--${BOUNDARY}\r\n\r\n`, `--${BOUNDARY}--`, `--other\r\nContent-Disposition: form-data; name="file"\r\n\r\nx\r\n--other--`).map((text) => ({
      label: 'multipart:malformed',
      apply: (draft: Draft) => {
        draft.body = Buffer.from(text);
      },
    })),
  );
}

function contentTypeDefects(operation: OperationInfo): fc.Arbitrary<Mutation> {
  const wrong = operation.requestMediaTypes.includes('multipart/form-data')
    ? ['application/json', 'multipart/form-data', 'multipart/mixed; boundary=' + BOUNDARY, 'text/plain', 'application/x-www-form-urlencoded']
    : ['text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', `multipart/form-data; boundary=${BOUNDARY}`, 'application/xml', 'text/json', 'application/jsonx', 'application/json-patch+json', 'application/problem+json', 'application/json, text/plain', 'application/javascript', '*/*', 'json'];
  return fc.oneof(
    fc.constant<Mutation>({ label: 'content-type:missing', apply: (draft) => setHeader(draft, 'Content-Type', undefined) }),
    fc.constantFrom(...wrong).map((type): Mutation => ({ label: `content-type:${type}`, apply: (draft) => setHeader(draft, 'Content-Type', type) })),
  );
}

/** 8 MiB of zeros in about 8 kB: what a decompression bomb looks like on the wire. */
const GZIP_BOMB = gzipSync(Buffer.alloc(8 * 1024 * 1024));

function contentEncodingDefects(): fc.Arbitrary<Mutation> {
  const encoders: Record<string, (body: Buffer) => Buffer> = {
    gzip: (body) => gzipSync(body),
    'x-gzip': (body) => gzipSync(body),
    deflate: (body) => deflateSync(body),
    br: (body) => brotliCompressSync(body),
    'gzip, gzip': (body) => gzipSync(gzipSync(body)),
    compress: (body) => body,
    zstd: (body) => body,
  };
  return fc.oneof(
    fc.constantFrom(...Object.keys(encoders)).map((encoding): Mutation => ({
      label: `content-encoding:${encoding}`,
      apply: (draft) => {
        draft.body = encoders[encoding]!(draft.body ?? Buffer.alloc(0));
        setHeader(draft, 'Content-Encoding', encoding);
      },
    })),
    fc.constant<Mutation>({
      label: 'content-encoding:gzip bomb',
      apply: (draft) => {
        draft.body = GZIP_BOMB;
        setHeader(draft, 'Content-Encoding', 'gzip');
      },
    }),
  );
}

function parameterDefects(operation: OperationInfo): fc.Arbitrary<Mutation> | undefined {
  const options: fc.Arbitrary<Mutation>[] = [];
  for (const parameter of operation.parameters) {
    const accepts = (raw: string) => parameterAccepts(operation.operationId, parameter, raw);
    if (parameter.in === 'query') {
      const invalid = fc
        .oneof(
          fc.constantFrom('', ' ', 'abc', '1.5', '-1', '0', '1e3', 'true ', 'NaN', 'Infinity', '0x10', '999999999999999999999', 'null', '[]', 'nl;en', 'NL', 'en-us'),
          unicodeEdgeString,
          fc.integer({ min: 101, max: 2_000 }).map((length) => 'q'.repeat(length)),
        )
        .filter((raw) => !accepts(raw));
      options.push(
        invalid.map((raw) => ({ label: `query:${parameter.name} invalid`, apply: (draft: Draft) => draft.query.push(`${parameter.name}=${percentEncode(raw)}`) })),
        fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([a, b]) => ({
          label: `query:${parameter.name} repeated`,
          apply: (draft: Draft) => draft.query.push(`${parameter.name}=${percentEncode(a)}`, `${parameter.name}=${percentEncode(b)}`),
        })),
      );
    } else if (parameter.in === 'header') {
      // Only values a client can send in a header line (no control characters).
      const invalid = fc
        .oneof(
          fc.integer({ min: 201, max: 4_000 }).map((length) => `${parameter.name === 'Idempotency-Key' ? 'k' : 'nl,'}`.repeat(length)),
          fc.constantFrom('', 'short', 'x'.repeat(129), 'sleutel met spaties en meer tekens', '5d3c1f0e-8a7b-4c2d-9e6f-0a1b2c3d4e5f\u00e9', '../../../../etc/passwd/', '5d3c1f0e;8a7b;4c2d;9e6f;0a1b2c3d4e5f'),
        )
        .filter((raw) => !accepts(raw));
      options.push(invalid.map((raw) => ({ label: `header:${parameter.name} invalid`, apply: (draft: Draft) => setHeader(draft, parameter.name, raw) })));
      if (parameter.required) {
        options.push(fc.constant({ label: `header:${parameter.name} missing`, apply: (draft: Draft) => setHeader(draft, parameter.name, undefined) }));
        options.push(
          fc.tuple(fc.uuid(), fc.uuid()).map(([a, b]) => ({
            label: `header:${parameter.name} twice`,
            apply: (draft: Draft) => {
              setHeader(draft, parameter.name, a);
              draft.headers.push([parameter.name, b]);
            },
          })),
        );
      }
    } else if (parameter.in === 'path') {
      const raw = fc.oneof(
        fc.constantFrom(
          '..', '.', '..%2F..%2Fopenapi.json', '%2e%2e', '%2E%2E%2F', 'c_AAAAAAAA%2F..', 'c_AAAA%2FBBBB', 'c_AAAAAAAA%00', '%00', '%ZZ', '%', '%C0%AF', '%ED%A0%80',
          '%EF%BB%BFc_AAAAAAAA', '%E2%80%AEc_AAAAAAAA', 'c_AAAAAAAA%20', '%20c_AAAAAAAA', 'c_%C3%A9AAAAAAA', 'c_\u00e9AAAAAAAA', '%3Cscript%3E', 'c_AAAAAAAA%3Fx%3D1', 'c_AAAAAAAA%23',
        ),
        fc.string({ minLength: 8, maxLength: 40, unit: fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789_-') }).map((id) => `x_${id}`),
        fc.integer({ min: 65, max: 9_000 }).map((length) => 'A'.repeat(length)),
        fc.uint8Array({ minLength: 1, maxLength: 30 }).map(percentEncodeBytes),
        unicodeEdgeString.map(percentEncode),
      );
      options.push(raw.map((value) => ({ label: `path:${parameter.name} ${value.slice(0, 30)}`, apply: (draft: Draft) => (draft.pathParams[parameter.name] = value) })));
    }
  }
  return options.length ? fc.oneof(...options) : undefined;
}

/** Beyond Node's 16 KiB header limit: refused before any route runs. */
const oversizeHeaders: fc.Arbitrary<Mutation> = fc.oneof(
  fc.integer({ min: 17_000, max: 40_000 }).map((length) => ({ label: 'headers:one header over 16 KiB', apply: (draft: Draft) => draft.headers.push(['X-Padding', 'a'.repeat(length)]) })),
  fc.integer({ min: 200, max: 600 }).map((count) => ({
    label: 'headers:many headers over 16 KiB together',
    apply: (draft: Draft) => {
      for (let i = 0; i < count; i++) draft.headers.push([`X-Fuzz-${i}`, 'b'.repeat(100)]);
    },
  })),
  fc.integer({ min: 17_000, max: 30_000 }).map((length) => ({ label: 'query:over 16 KiB', apply: (draft: Draft) => draft.query.push(`x=${'q'.repeat(length)}`) })),
);

// ---------------------------------------------------------------------------------------------
// Noise: odd but allowed; the answer must not depend on it beyond the language of a problem.

function noise(operation: OperationInfo): fc.Arbitrary<Mutation> {
  const declared = new Set(operation.parameters.map((parameter) => parameter.name.toLowerCase()));
  const latin1Junk = fc.string({ maxLength: 60, unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c)) });
  const options: fc.Arbitrary<Mutation>[] = [
    fc.oneof(fc.constantFrom('*', 'xx', 'en;q=abc', ',,,,', 'nl-NL;q=0.9, en;q=0.8', 'EN', 'fy', 'en-GB-oxendict', 'q=1', '\u00e9\u00ff'), latin1Junk).map((value) => ({
      label: 'noise:Accept-Language',
      apply: (draft: Draft) => {
        if (!declared.has('accept-language')) setHeader(draft, 'Accept-Language', value);
      },
    })),
    fc.tuple(fc.constantFrom('X-Forwarded-For', 'X-Real-IP', 'Forwarded', 'Origin', 'Referer', 'Cookie', 'X-HTTP-Method-Override', 'Range', 'Expect-CT', 'X-Fuzz'), latin1Junk).map(([name, value]) => ({
      label: `noise:${name}`,
      apply: (draft: Draft) => draft.headers.push([name, value]),
    })),
    fc.constantFrom('__proto__[pageSize]=1', 'constructor[prototype][pageSize]=1', '__proto__.pageSize=1', 'x=%00', 'x=%FF', 'x', '&&&', '=', 'x=1&x=2', 'lang[]=en').map((pair) => ({
      label: `noise:query ${pair}`,
      apply: (draft: Draft) => {
        if (!declared.has(pair.split(/[=[.]/)[0]!.toLowerCase())) draft.query.push(pair);
      },
    })),
    fc.integer({ min: 1_000, max: 8_000 }).map((length) => ({ label: 'noise:large header under the limit', apply: (draft: Draft) => draft.headers.push(['X-Padding', 'p'.repeat(length)]) })),
  ];
  if (operation.requestMediaTypes.includes('application/json')) {
    options.push(
      fc.constantFrom('charset=utf-8', 'charset=UTF-8', 'charset="utf-8"', 'charset=utf-16', 'charset=iso-8859-1', 'charset=', 'boundary=x', 'q=1; x=y').map((parameter) => ({
        label: `noise:content-type ${parameter}`,
        apply: (draft: Draft) => {
          if (headerOf(draft, 'Content-Type') === 'application/json') setHeader(draft, 'Content-Type', `application/json; ${parameter}`);
        },
      })),
    );
  }
  if (operation.method === 'get') {
    options.push(fc.constant({ label: 'noise:a body on GET', apply: (draft: Draft) => {
      draft.headers.push(['Content-Type', 'application/json']);
      draft.body = Buffer.from(JSON.stringify(pollutionPayload()));
    } }));
  }
  return fc.oneof(...options);
}

// ---------------------------------------------------------------------------------------------

/** The golden valid request bodies of an operation, or an empty object when it has none. */
function validBodies(operation: OperationInfo): unknown[] {
  const bodies = fixtures.filter((fixture) => fixture.operationId === operation.operationId && fixture.kind === 'request' && fixture.validity === 'valid').map((fixture) => fixture.body);
  return bodies.length ? bodies : [{}];
}

/** A request that the server would accept: the starting point every defect spoils. */
function baseDraft(operation: OperationInfo, targets: FuzzTargets, idempotencyKey: string, bodyIndex: number): Draft {
  const draft: Draft = { method: operation.method.toUpperCase(), pathParams: {}, query: [], headers: [] };
  for (const parameter of operation.parameters) {
    if (parameter.in === 'path') draft.pathParams[parameter.name] = parameter.name === 'attachmentId' ? targets.attachmentId : targets.caseId;
    if (parameter.in === 'header' && parameter.required) draft.headers.push([parameter.name, idempotencyKey]);
  }
  if (operation.security.includes('handlerToken')) draft.headers.push(['Authorization', `Bearer ${targets.handlerToken}`]);
  else if (operation.security.includes('followUpToken')) draft.headers.push(['Authorization', `Bearer ${targets.followUpToken}`]);
  if (operation.requestMediaTypes.includes('application/json')) {
    const bodies = validBodies(operation);
    draft.headers.push(['Content-Type', 'application/json']);
    draft.body = Buffer.from(JSON.stringify(bodies[bodyIndex % bodies.length]));
  } else if (operation.requestMediaTypes.includes('multipart/form-data')) {
    draft.headers.push(['Content-Type', `multipart/form-data; boundary=${BOUNDARY}`]);
    draft.body = multipartBody([{ name: 'file', filename: 'foto.png', type: 'image/png', data: PNG }]);
  }
  return draft;
}

function finish(operation: OperationInfo, draft: Draft): HostileRequest {
  const path = `/v1${operation.path.replace(/\{(\w+)\}/g, (_, name: string) => draft.pathParams[name] ?? '')}`;
  return { method: draft.method, path: draft.query.length ? `${path}?${draft.query.join('&')}` : path, headers: draft.headers, ...(draft.body ? { body: draft.body } : {}) };
}

/** The kinds of defect an operation can have, from what the contract says it takes. */
export function defectKinds(operation: OperationInfo, targets: FuzzTargets): fc.Arbitrary<Mutation>[] {
  const kinds: fc.Arbitrary<Mutation>[] = [oversizeHeaders];
  if (operation.security.length) kinds.push(authDefects(operation, targets));
  if (operation.requestMediaTypes.includes('application/json')) kinds.push(jsonBodyDefects(operation, targets));
  if (operation.requestMediaTypes.includes('multipart/form-data')) kinds.push(multipartBodyDefects(operation, targets));
  if (operation.requestMediaTypes.length) kinds.push(contentTypeDefects(operation), contentEncodingDefects());
  const parameters = parameterDefects(operation);
  if (parameters) kinds.push(parameters);
  return kinds;
}

/**
 * Hostile requests for one operation: one to three defects, up to three kinds of noise. A read
 * (GET) may also come with noise alone: it cannot change anything, and must still be answered as
 * the contract says.
 */
export function hostileRequests(operation: OperationInfo, targets: FuzzTargets): fc.Arbitrary<FuzzCase> {
  const kinds = defectKinds(operation, targets);
  // Oversize headers are refused before anything else is looked at: keep them rarer, so that the
  // defects the handlers see get most of the runs.
  const weighted = kinds.map((arbitrary, index) => ({ arbitrary, weight: index === 0 ? 1 : 4 }));
  return fc
    .record({
      defects: fc.array(fc.oneof(...weighted), { minLength: operation.method === 'get' ? 0 : 1, maxLength: 3 }),
      noise: fc.array(noise(operation), { maxLength: 3 }),
      idempotencyKey: fc.uuid(),
      bodyIndex: fc.nat(),
    })
    .map(({ defects, noise: odd, idempotencyKey, bodyIndex }) => {
      const draft = baseDraft(operation, targets, idempotencyKey, bodyIndex);
      // Defects first, so that the body a defect encodes or replaces is the valid one; noise last.
      for (const mutation of defects) mutation.apply(draft);
      for (const mutation of odd) mutation.apply(draft);
      return { request: finish(operation, draft), defects: defects.map((m) => m.label), noise: odd.map((m) => m.label) };
    });
}
