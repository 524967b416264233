// Validates values against the contract's own schemas (JSON Schema 2020-12, as OpenAPI 3.1
// uses it), so that the server, the conformance kit and the tests share one source of truth
// instead of hand-written copies of the schemas.
import Ajv2020Module from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpenApiDocument, OperationId } from './contract-types.js';
import { openapiDocument } from './generated/openapi-document.js';
import type { components } from './generated/schema.js';

// ajv ships CommonJS; under Node ESM its default export is the module object.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

export type SchemaName = keyof components['schemas'];

/** One thing wrong with a value, located by a JSON Pointer into it. */
export interface ValidationIssue {
  /** JSON Pointer (RFC 6901) into the value; `""` for the value itself. */
  pointer: string;
  /** The JSON Schema keyword that failed (`required`, `maxLength`, `additionalProperties`, ...). */
  code: string;
  /** An English description for developers. */
  message: string;
  /** The keyword's parameters (e.g. `{ limit: 200 }`), for building localised messages. */
  params: Record<string, unknown>;
}

export type Validate = (value: unknown) => ValidationIssue[];

export interface ParameterInfo {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required: boolean;
  schema: Record<string, unknown>;
}

export interface OperationInfo {
  operationId: OperationId;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The path relative to the API base, e.g. `/cases/{caseId}`; for a webhook, its name. */
  path: string;
  /** `paths` for an operation a backend serves; `webhooks` for a request a backend sends. */
  section: 'paths' | 'webhooks';
  /** The security scheme names that may authorise the call; empty for public operations. */
  security: string[];
  parameters: ParameterInfo[];
  /** Media types of the request body, empty when the operation has none. */
  requestMediaTypes: string[];
  /** Documented response status codes, as strings (`"201"`). */
  statuses: string[];
}

const DOCUMENT_ID = 'https://weerbaar.example/openapi.json';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function toIssue(error: ErrorObject): ValidationIssue {
  let pointer = error.instancePath;
  if (error.keyword === 'required') pointer += `/${escapePointer(String(error.params.missingProperty))}`;
  if (error.keyword === 'additionalProperties') pointer += `/${escapePointer(String(error.params.additionalProperty))}`;
  return { pointer, code: error.keyword, message: error.message ?? error.keyword, params: { ...error.params } };
}

/** Removes the issues that only repeat what a more specific issue at the same place says. */
function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.pointer}\u0000${issue.code}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Compiles and caches validators for the schemas, request bodies and responses of the
 * Weerbaar Reporting API document.
 */
export class SpecValidator {
  readonly document: OpenApiDocument;
  private compiler: InstanceType<typeof Ajv2020> | undefined;
  private readonly cache = new Map<string, Validate>();

  constructor(document: OpenApiDocument = openapiDocument) {
    this.document = document;
  }

  /** Made when the first validator is asked for: describing operations needs none, and a server starts sooner. */
  private get ajv(): InstanceType<typeof Ajv2020> {
    if (!this.compiler) {
      this.compiler = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
      addFormats(this.compiler);
      this.compiler.addSchema(this.document as object, DOCUMENT_ID);
    }
    return this.compiler;
  }

  /** A validator for a component schema, e.g. `schema('Discovery')`. */
  schema(name: SchemaName): Validate {
    return this.at(`/components/schemas/${escapePointer(name)}`);
  }

  /** A validator for an operation's request body in the given media type. */
  requestBody(operationId: OperationId, mediaType = 'application/json'): Validate {
    const { path, method, section } = this.operation(operationId);
    return this.at(`/${section}/${escapePointer(path)}/${method}/requestBody/content/${escapePointer(mediaType)}/schema`);
  }

  /** A validator for the body of one documented response of an operation. */
  response(operationId: OperationId, status: number | string, mediaType = 'application/json'): Validate {
    const { path, method, section } = this.operation(operationId);
    if (section !== 'paths') throw new Error(`${operationId} is a webhook; its answers have no body to validate`);
    const responses = (this.document.paths[path]?.[method] as { responses: Record<string, unknown> }).responses;
    const response = this.resolve(responses[String(status)]) as { content?: Record<string, unknown> } | undefined;
    if (!response) throw new Error(`${operationId} documents no ${status} response`);
    if (!response.content?.[mediaType]) throw new Error(`${operationId} ${status} has no ${mediaType} body`);
    const pointer = `/paths/${escapePointer(path)}/${method}/responses/${status}`;
    const target = this.isRef(responses[String(status)])
      ? `${(responses[String(status)] as { $ref: string }).$ref.slice(1)}`
      : pointer;
    return this.at(`${target}/content/${escapePointer(mediaType)}/schema`);
  }

  /** Describes one operation of the contract (a served operation or a webhook). */
  operation(operationId: OperationId): OperationInfo {
    const found = [...this.operations(), ...this.webhooks()].find((operation) => operation.operationId === operationId);
    if (!found) throw new Error(`Unknown operationId ${operationId}`);
    return found;
  }

  /** Every operation a backend serves (the document's `paths`), in document order. */
  operations(): OperationInfo[] {
    return this.describe('paths', this.document.paths);
  }

  /** Every request a backend sends to others (the document's `webhooks`), in document order. */
  webhooks(): OperationInfo[] {
    return this.describe('webhooks', (this.document.webhooks ?? {}) as Record<string, Record<string, unknown>>);
  }

  private describe(section: OperationInfo['section'], items: Record<string, Record<string, unknown>>): OperationInfo[] {
    const result: OperationInfo[] = [];
    for (const [path, item] of Object.entries(items)) {
      for (const method of METHODS) {
        const operation = item[method] as Record<string, unknown> | undefined;
        if (!operation) continue;
        const security = ((operation.security ?? this.document.security ?? []) as Record<string, unknown>[]).flatMap(
          (requirement) => Object.keys(requirement),
        );
        const parameters = ((operation.parameters ?? []) as unknown[]).map((parameter) => {
          const resolved = this.resolve(parameter) as ParameterInfo & { required?: boolean };
          return { name: resolved.name, in: resolved.in, required: resolved.required === true, schema: resolved.schema };
        });
        const requestBody = this.resolve(operation.requestBody) as { content?: Record<string, unknown> } | undefined;
        result.push({
          operationId: operation.operationId as OperationId,
          method,
          path,
          section,
          security,
          parameters,
          requestMediaTypes: Object.keys(requestBody?.content ?? {}),
          statuses: Object.keys(operation.responses as Record<string, unknown>),
        });
      }
    }
    return result;
  }

  /** Follows a local `$ref` (one or more hops) to the object it names. */
  resolve(value: unknown): unknown {
    let current = value;
    for (let hops = 0; this.isRef(current) && hops < 10; hops++) {
      current = this.pointer((current as { $ref: string }).$ref.slice(1));
    }
    return current;
  }

  private isRef(value: unknown): value is { $ref: string } {
    return typeof value === 'object' && value !== null && typeof (value as { $ref?: unknown }).$ref === 'string';
  }

  private pointer(pointer: string): unknown {
    let current: unknown = this.document;
    for (const raw of pointer.split('/').slice(1)) {
      const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      current = (current as Record<string, unknown> | undefined)?.[segment];
    }
    return current;
  }

  private at(pointer: string): Validate {
    const cached = this.cache.get(pointer);
    if (cached) return cached;
    const schema = this.resolve(this.pointer(pointer)) as Record<string, unknown> | undefined;
    if (!schema) throw new Error(`No schema at ${pointer}`);
    const validate = this.compile(pointer, schema);
    this.cache.set(pointer, validate);
    return validate;
  }

  private compile(pointer: string, schema: Record<string, unknown>): Validate {
    const compiled = this.ajv.getSchema(`${DOCUMENT_ID}#${pointer}`) as ValidateFunction | undefined;
    if (!compiled) throw new Error(`Cannot compile the schema at ${pointer}`);
    const whole: Validate = (value) => (compiled(value) ? [] : dedupe((compiled.errors ?? []).map(toIssue)));
    const branches = Array.isArray(schema.oneOf) ? (schema.oneOf as unknown[]) : [];
    if (branches.length < 2 || !branches.every((branch) => this.isRef(branch))) return whole;

    // A union of named schemas (e.g. plain or encrypted report): report the errors of the
    // branch the value was meant to be, not of every branch at once.
    const refs = branches.map((branch) => (branch as { $ref: string }).$ref.slice(1));
    const validators = refs.map((ref) => this.at(ref));
    const required = refs.map((ref) => new Set(((this.resolve(this.pointer(ref)) as { required?: string[] }).required ?? [])));
    const distinguishing = required.map((own, index) =>
      [...own].filter((name) => required.every((other, j) => j === index || !other.has(name))),
    );
    return (value) => {
      if (whole(value).length === 0) return [];
      const keys = typeof value === 'object' && value !== null ? Object.keys(value) : [];
      const meant = distinguishing.findIndex((names) => names.some((name) => keys.includes(name)));
      if (meant >= 0) return validators[meant]!(value);
      const results = validators.map((validate) => validate(value));
      return results.reduce((best, issues) => (issues.length < best.length ? issues : best));
    };
  }
}
