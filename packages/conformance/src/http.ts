// The kit's only way to talk to a backend: every request names the contract operation it
// calls, so that every answer can be held against what the contract documents for it.
import type { OperationId } from '@weerbaar/spec';
import type { SpecValidator } from '@weerbaar/spec/validation';
import type { SecretRegistry } from './secrets.js';
import type { Evidence } from './types.js';

export interface RequestSpec {
  operationId: OperationId;
  pathParams?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** A value sent as `application/json`. */
  json?: unknown;
  /** A raw body (malformed JSON, multipart, ...); set `Content-Type` in `headers` yourself. */
  body?: string | FormData;
}

export interface Exchange {
  /** The contract operation; undefined for requests outside the contract (CORS preflights). */
  operationId?: OperationId;
  method: string;
  /** The path and query relative to the base URL, e.g. `/cases?page=2`. */
  target: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body when the answer is JSON (`application/json` or `application/problem+json`). */
  json?: unknown;
}

/** The backend could not be reached at all (connection refused, DNS, TLS, timeout). */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly target: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

const EXCERPT_LENGTH = 600;

function excerpt(text: string): string {
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}… (${text.length} characters)` : text;
}

export function mediaTypeOf(headers: Headers): string {
  return (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

export class HttpClient {
  readonly exchanges: Exchange[] = [];
  private readonly listeners: ((exchange: Exchange) => void)[] = [];

  constructor(
    readonly baseUrl: string,
    private readonly validator: SpecValidator,
    private readonly secrets: SecretRegistry,
    private readonly timeoutMs: number,
  ) {}

  onExchange(listener: (exchange: Exchange) => void): void {
    this.listeners.push(listener);
  }

  async send(spec: RequestSpec): Promise<Exchange> {
    const operation = this.validator.operation(spec.operationId);
    return this.perform(operation.method.toUpperCase(), operation.path, spec);
  }

  /** A request outside the contract's operations, such as a CORS preflight. */
  async sendRaw(method: string, path: string, headers: Record<string, string>): Promise<Exchange> {
    return this.perform(method, path, { headers });
  }

  private async perform(method: string, template: string, spec: Omit<RequestSpec, 'operationId'> & { operationId?: OperationId }): Promise<Exchange> {
    let path = template;
    for (const [name, value] of Object.entries(spec.pathParams ?? {})) {
      path = path.replace(`{${name}}`, encodeURIComponent(value));
    }
    const query = new URLSearchParams(spec.query ?? {}).toString();
    const target = query ? `${path}?${query}` : path;
    const url = `${this.baseUrl.replace(/\/+$/, '')}${target}`;
    const requestHeaders: Record<string, string> = { Accept: 'application/json, application/problem+json', ...spec.headers };
    let body: string | FormData | undefined = spec.body;
    if (spec.json !== undefined) {
      body = JSON.stringify(spec.json);
      requestHeaders['Content-Type'] ??= 'application/json';
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: requestHeaders,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new TransportError(`${method} ${target}: ${cause?.code ?? cause?.message ?? (error as Error).message}`, target);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new TransportError(`${method} ${target}: the answer broke off (${(error as Error).message})`, target);
    }
    const exchange: Exchange = {
      operationId: spec.operationId,
      method,
      target,
      url,
      requestHeaders,
      requestBody: typeof body === 'string' ? body : body ? '(multipart form)' : undefined,
      status: response.status,
      headers: response.headers,
      text,
    };
    if (/^application\/(problem\+)?json$/.test(mediaTypeOf(response.headers)) && text.length > 0) {
      try {
        exchange.json = JSON.parse(text);
      } catch {
        // Left undefined: the response checks report a body that is not the JSON it claims to be.
      }
    }
    this.exchanges.push(exchange);
    for (const listener of this.listeners) listener(exchange);
    return exchange;
  }

  /** A redacted summary of an exchange for a report. */
  evidence(exchange: Exchange): Evidence {
    const requestHeaders = Object.entries(exchange.requestHeaders)
      .map(([name, value]) => `${name}: ${name.toLowerCase() === 'authorization' ? 'Bearer [redacted]' : value}`)
      .join('\n');
    const responseHeaders = [...exchange.headers.entries()].map(([name, value]) => `${name}: ${value}`).join('\n');
    const request = `${exchange.method} ${exchange.target}\n${requestHeaders}${exchange.requestBody ? `\n\n${excerpt(exchange.requestBody)}` : ''}`;
    const response = `${exchange.status}\n${responseHeaders}${exchange.text ? `\n\n${excerpt(exchange.text)}` : ''}`;
    return { request: this.secrets.redact(request), response: this.secrets.redact(response) };
  }
}
