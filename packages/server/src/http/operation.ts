// Declares a route from the contract: its method and path come from the operation, and before the
// handler runs the request is checked in the contract's order of answers — capability offered
// (404), credentials (401), media type (415), then every parameter and body error at once (400).
// The handler gets the parameters and the body typed as the contract's generated types say
// (`operations[Op]` of @weerbaar/spec), so routes read them without casts, and answers typed too.
import type { OperationId, operations } from '@weerbaar/spec';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import { ProblemError, problemLanguage, type Language } from './problems.js';
import type { RawRequest } from './request-validation.js';

/** `T` without `undefined`, or `{}` when nothing is left (the generator writes absent parts as `?: never`). */
type Present<T> = [Exclude<T, undefined>] extends [never] ? {} : Exclude<T, undefined>;

type ParametersOf<Op extends OperationId> = operations[Op]['parameters'];

/** The operation's path, query and header parameters by name, as the contract types them. */
export type OperationParams<Op extends OperationId> = Present<ParametersOf<Op>['path']> &
  Present<ParametersOf<Op>['query']> &
  Present<ParametersOf<Op>['header']>;

/** The operation's JSON request body as the contract types it; `undefined` without one (or for multipart). */
export type OperationBody<Op extends OperationId> = [Exclude<operations[Op]['requestBody'], undefined>] extends [never]
  ? undefined
  : Exclude<operations[Op]['requestBody'], undefined> extends { content: { 'application/json': infer Body } }
    ? Body
    : undefined;

type ResponsesOf<Op extends OperationId> = operations[Op]['responses'];

/** The operation's success statuses (2xx) as the contract lists them. */
export type SuccessStatus<Op extends OperationId> = Extract<keyof ResponsesOf<Op>, 200 | 201 | 202 | 204>;

/** The JSON answer of a success status; `undefined` when the status has no JSON body (204, or another media type). */
export type SuccessBody<Op extends OperationId, Status extends SuccessStatus<Op> = SuccessStatus<Op>> = Status extends unknown
  ? ResponsesOf<Op>[Status] extends { content: { 'application/json': infer Body } }
    ? Body
    : undefined
  : never;

export interface OperationCall<Op extends OperationId, Auth> {
  request: FastifyRequest;
  reply: FastifyReply;
  /** Validated parameters by name, coerced to their types. */
  params: OperationParams<Op>;
  /** The validated JSON body (undefined for operations without one or for multipart). */
  body: OperationBody<Op>;
  language: Language;
  auth: Auth;
  /** Answers with a success status of the operation and its body, both as the contract types them. */
  send<Status extends SuccessStatus<Op>>(status: Status, ...body: SuccessBody<Op, Status> extends undefined ? [] : [SuccessBody<Op, Status>]): FastifyReply;
}

/** What a handler may answer: the operation's success body (sent with status 200), or the reply it has sent itself. */
export type OperationAnswer<Op extends OperationId> = SuccessBody<Op> | FastifyReply;

/** What every routes module of the API receives when it is registered (under the /v1 prefix, http/app.ts). */
export interface ApiRoutesOptions {
  context: ServerContext;
}

export interface OperationOptions<Auth> {
  /** Whether the capability the operation belongs to is offered; 404 when not. */
  offered?: () => boolean;
  /** Resolves the credentials; throws ProblemError('unauthorized') when they are missing or wrong. */
  authenticate?: (request: FastifyRequest) => Promise<Auth>;
  /**
   * The answer follows from the request's URL, Accept-Language, Accept-Encoding, If-None-Match and
   * Origin and from content read once at start-up: after its first 200 or 304 the same request may
   * be answered again from those bytes, without fastify (http/answer-replay.ts).
   */
  replayable?: boolean;
}

export function mediaTypeOf(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

export function defineOperation<Op extends OperationId, Auth = undefined>(
  app: FastifyInstance,
  context: ServerContext,
  operationId: Op,
  handler: (call: OperationCall<Op, Auth>) => Promise<OperationAnswer<Op>>,
  options: OperationOptions<Auth> = {},
): void {
  const info = context.validation.operation(operationId);
  // Relative to the prefix the routes module is registered with (/v1).
  const url = info.path.replace(/\{(\w+)\}/g, ':$1');
  const jsonBody = info.requestMediaTypes.includes('application/json');
  app.route({
    method: info.method.toUpperCase() as 'GET',
    url,
    config: { operationId, replayable: options.replayable === true },
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
      // The one place where the contract's types are attached to request data: the values were
      // just validated against the operation's own schemas, which the generated types describe.
      const params = values as OperationParams<Op>;
      const body = (jsonBody ? request.body : undefined) as OperationBody<Op>;
      const send: OperationCall<Op, Auth>['send'] = (status: number, answer?: unknown) => reply.code(status).send(answer);
      return handler({ request, reply, params, body, language, auth, send });
    },
  });
}
