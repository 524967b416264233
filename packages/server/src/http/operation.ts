// Declares a route from the contract: its method and path come from the operation, and before the
// handler runs the request is checked in the contract's order of answers — capability offered
// (404), credentials (401), media type (415), then every parameter and body error at once (400).
import type { OperationId } from '@weerbaar/spec';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import { ProblemError, problemLanguage, type Language } from './problems.js';
import type { RawRequest } from './request-validation.js';

export interface OperationCall<Auth> {
  request: FastifyRequest;
  reply: FastifyReply;
  /** Validated parameters by name, coerced to their types. */
  params: Record<string, unknown>;
  /** The validated JSON body (undefined for operations without one or for multipart). */
  body: unknown;
  language: Language;
  auth: Auth;
}

/** What every routes module of the API receives when it is registered (under the /v1 prefix, http/app.ts). */
export interface ApiRoutesOptions {
  context: ServerContext;
}

export interface OperationOptions<Auth> {
  /** Whether the capability the operation belongs to is offered; 404 when not. */
  offered?: () => boolean;
  /** Resolves the credentials; throws ProblemError('unauthorized') when they are missing or wrong. */
  authenticate?: (request: FastifyRequest) => Promise<Auth>;
}

export function mediaTypeOf(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

export function defineOperation<Auth = undefined>(
  app: FastifyInstance,
  context: ServerContext,
  operationId: OperationId,
  handler: (call: OperationCall<Auth>) => Promise<unknown>,
  options: OperationOptions<Auth> = {},
): void {
  const info = context.validation.operation(operationId);
  // Relative to the prefix the routes module is registered with (/v1).
  const url = info.path.replace(/\{(\w+)\}/g, ':$1');
  const jsonBody = info.requestMediaTypes.includes('application/json');
  app.route({
    method: info.method.toUpperCase() as 'GET',
    url,
    config: { operationId },
    handler: async (request, reply) => {
      const language = problemLanguage(request.headers['accept-language']);
      if (options.offered && !options.offered()) throw new ProblemError('not-found');
      const auth = options.authenticate ? await options.authenticate(request) : (undefined as Auth);
      if (info.requestMediaTypes.length > 0 && !info.requestMediaTypes.includes(mediaTypeOf(request))) {
        throw new ProblemError('unsupported-media-type');
      }
      const { values, errors } = context.validation.parameters(operationId, request as unknown as RawRequest, language);
      if (jsonBody) errors.push(...context.validation.body(operationId, request.body, language));
      if (errors.length > 0) throw new ProblemError('validation', { errors });
      return handler({ request, reply, params: values, body: request.body, language, auth });
    },
  });
}
