// Validates a request against its operation in the contract: the body with SpecValidator, and the
// path, query and header parameters with the parameter schemas of the same document. No schema is
// written twice; the server only coerces query strings to the type their schema names.
import type { OperationId, Schema } from '@weerbaar/spec';
import type { OperationInfo, SchemaName, SpecValidator } from '@weerbaar/spec/validation';
import Ajv2020Module from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { fieldError, type FieldError, type Language } from './problems.js';

// ajv ships CommonJS; under Node ESM its default export is the module object.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;
const DOCUMENT_ID = 'https://weerbaar.example/server/openapi.json';

interface ParameterCheck {
  name: string;
  in: 'query' | 'header' | 'path';
  required: boolean;
  type: string | undefined;
  validate: ValidateFunction;
}

export interface RawRequest {
  params: Record<string, string | undefined>;
  query: Record<string, string | string[] | undefined>;
  headers: Record<string, string | string[] | undefined>;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export class RequestValidation {
  private readonly checks = new Map<OperationId, ParameterCheck[]>();
  private compiler: InstanceType<typeof Ajv2020> | undefined;

  constructor(private readonly spec: SpecValidator) {}

  /** Made on the first request with parameters, not at start-up: the server answers sooner after a start. */
  private get ajv(): InstanceType<typeof Ajv2020> {
    if (!this.compiler) {
      this.compiler = new Ajv2020({ allErrors: true, strict: false });
      addFormats(this.compiler);
      this.compiler.addSchema(this.spec.document as object, DOCUMENT_ID);
    }
    return this.compiler;
  }

  operation(operationId: OperationId): OperationInfo {
    return this.spec.operation(operationId);
  }

  /** Every issue of the path, query and header parameters, and their values coerced to their types. */
  parameters(operationId: OperationId, request: RawRequest, language: Language): { values: Record<string, unknown>; errors: FieldError[] } {
    const values: Record<string, unknown> = {};
    const errors: FieldError[] = [];
    for (const check of this.parameterChecks(operationId)) {
      const source = check.in === 'path' ? request.params : check.in === 'query' ? request.query : request.headers;
      const raw = source[check.in === 'header' ? check.name.toLowerCase() : check.name];
      const pointer = `${check.in}:${check.name}`;
      if (raw === undefined) {
        if (check.required) errors.push(fieldError(pointer, 'required', {}, language));
        continue;
      }
      if (Array.isArray(raw)) {
        errors.push(fieldError(pointer, 'maxItems', { limit: 1 }, language));
        continue;
      }
      const value = coerce(raw, check.type);
      if (!check.validate(value)) {
        const first = check.validate.errors?.[0];
        errors.push(fieldError(pointer, first?.keyword ?? 'invalid', { ...(first?.params ?? {}) }, language));
        continue;
      }
      values[check.name] = value;
    }
    return { values, errors };
  }

  /** Every issue of a JSON body. */
  body(operationId: OperationId, body: unknown, language: Language): FieldError[] {
    if (body === undefined) return [fieldError('', 'body', {}, language)];
    return this.spec.requestBody(operationId)(body).map((issue) => fieldError(issue.pointer, issue.code, issue.params, language));
  }

  /** Validates a value against a named schema of the contract (e.g. multipart metadata). */
  schema(name: SchemaName, value: unknown, language: Language, prefix = ''): FieldError[] {
    return this.spec.schema(name)(value).map((issue) => fieldError(prefix + issue.pointer, issue.code, issue.params, language));
  }

  /** The value typed as the named schema when it validates against it, else every issue. */
  typed<Name extends SchemaName>(name: Name, value: unknown, language: Language, prefix = ''): { value: Schema<Name> } | { errors: FieldError[] } {
    const errors = this.schema(name, value, language, prefix);
    // Validated against the schema just now: the generated type describes it.
    return errors.length ? { errors } : { value: value as Schema<Name> };
  }

  private parameterChecks(operationId: OperationId): ParameterCheck[] {
    const cached = this.checks.get(operationId);
    if (cached) return cached;
    const info = this.spec.operation(operationId);
    const operation = (this.spec.document.paths[info.path] as Record<string, { parameters?: unknown[] }>)[info.method]!;
    const checks = (operation.parameters ?? []).map((entry, index): ParameterCheck => {
      const ref = (entry as { $ref?: string }).$ref;
      const pointer = ref ? `${ref.slice(1)}/schema` : `/paths/${escapePointer(info.path)}/${info.method}/parameters/${index}/schema`;
      const parameter = this.spec.resolve(entry) as { name: string; in: ParameterCheck['in']; required?: boolean; schema: unknown };
      const validate = this.ajv.getSchema(`${DOCUMENT_ID}#${pointer}`);
      if (!validate) throw new Error(`Cannot compile the parameter schema at ${pointer}`);
      const schema = this.spec.resolve(parameter.schema) as { type?: string };
      return { name: parameter.name, in: parameter.in, required: parameter.required === true, type: schema.type, validate };
    });
    this.checks.set(operationId, checks);
    return checks;
  }
}

function coerce(raw: string, type: string | undefined): unknown {
  if (type === 'integer' && /^-?\d{1,15}$/.test(raw)) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}
