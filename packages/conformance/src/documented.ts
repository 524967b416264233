// What the contract documents for one response of one operation: its media types and headers.
import type { OperationId } from '@weerbaar/spec';
import type { SpecValidator } from '@weerbaar/spec/validation';

export interface HeaderSchema {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  pattern?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

export interface DocumentedResponse {
  mediaTypes: string[];
  headers: Record<string, { required: boolean; schema: HeaderSchema }>;
}

export function documentedResponse(validator: SpecValidator, operationId: OperationId, status: number): DocumentedResponse | undefined {
  const { path, method } = validator.operation(operationId);
  const operation = validator.document.paths[path]?.[method] as { responses: Record<string, unknown> } | undefined;
  const response = validator.resolve(operation?.responses[String(status)]) as
    | { content?: Record<string, unknown>; headers?: Record<string, unknown> }
    | undefined;
  if (!response) return undefined;
  const headers: DocumentedResponse['headers'] = {};
  for (const [name, raw] of Object.entries(response.headers ?? {})) {
    const header = validator.resolve(raw) as { required?: boolean; schema?: HeaderSchema };
    headers[name.toLowerCase()] = { required: header.required === true, schema: (validator.resolve(header.schema) as HeaderSchema) ?? {} };
  }
  return { mediaTypes: Object.keys(response.content ?? {}), headers };
}

/** Why a header value does not match its documented schema, or undefined when it does. */
export function headerProblem(value: string, schema: HeaderSchema): string | undefined {
  if (schema.const !== undefined && value !== String(schema.const)) return `is "${value}", must be "${String(schema.const)}"`;
  if (schema.enum && !schema.enum.map(String).includes(value)) return `is "${value}", must be one of ${schema.enum.join(', ')}`;
  if (schema.type === 'integer') {
    if (!/^\d+$/.test(value)) return `is "${value}", must be an integer`;
    const number = Number(value);
    if (schema.minimum !== undefined && number < schema.minimum) return `is ${value}, must be at least ${schema.minimum}`;
    if (schema.maximum !== undefined && number > schema.maximum) return `is ${value}, must be at most ${schema.maximum}`;
  }
  if (schema.pattern && !new RegExp(schema.pattern).test(value)) return `"${value}" does not match ${schema.pattern}`;
  if (schema.maxLength !== undefined && value.length > schema.maxLength) return `is longer than ${schema.maxLength} characters`;
  return undefined;
}
