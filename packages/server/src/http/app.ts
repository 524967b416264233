// The fastify application: parsers, headers, CORS, logging, problem answers and the routes.
// Fastify's own schema validation is not used: the contract's schemas validate every request
// (operation.ts), so there is one source of truth and every error becomes a problem+json.
import multipart from '@fastify/multipart';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import { caseRoutes } from '../routes/cases.js';
import { contentRoutes } from '../routes/content.js';
import { followUpRoutes } from '../routes/follow-up.js';
import { hostedReportPageRoutes } from '../routes/hosted-report-page.js';
import { metaRoutes } from '../routes/meta.js';
import { reportRoutes } from '../routes/reports.js';
import { siteRoutes } from '../routes/site.js';
import { randomId } from '../security/tokens.js';
import { problem, ProblemError, problemLanguage, type ProblemKind } from './problems.js';
import { applyBaseHeaders, CorsPolicy } from './security-headers.js';

export interface AppOptions {
  /** Where log lines go (default stdout). */
  logStream?: NodeJS.WritableStream;
}

/** Fastify's and the multipart plugin's own errors, as problem kinds. */
function kindOf(error: FastifyError): ProblemKind {
  if (error instanceof ProblemError) return error.kind;
  const status = error.statusCode ?? 500;
  if (status === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE' || error.code === 'FST_FILES_LIMIT' || error.code === 'FST_PARTS_LIMIT') {
    return 'content-too-large';
  }
  if (status === 415 || error.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return 'unsupported-media-type';
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'malformed-json';
  if (status === 404) return 'not-found';
  if (status === 405) return 'method-not-allowed';
  if (status >= 400 && status < 500) return 'bad-request';
  if (status === 503) return 'unavailable';
  return 'internal';
}

/** Answers an error as a problem+json, in the client's language, disclosing nothing internal. */
function sendProblem(request: FastifyRequest, reply: FastifyReply, error: FastifyError): FastifyReply {
  const kind = kindOf(error);
  const language = problemLanguage(request.headers['accept-language']);
  const body = problem(kind, language, request.id, error instanceof ProblemError ? error.options.errors : undefined);
  if (body.status >= 500) {
    request.log.error({ error: { name: error.name, code: error.code, message: error.message, stack: error.stack } }, 'request failed');
  }
  const retryAfter = error instanceof ProblemError ? error.options.retryAfterSeconds : undefined;
  if (retryAfter !== undefined) reply.header('Retry-After', String(retryAfter));
  if (kind === 'unauthorized') reply.header('WWW-Authenticate', 'Bearer realm="weerbaar"');
  if (kind === 'unavailable' && retryAfter === undefined) reply.header('Retry-After', '30');
  // The problem replaces whatever the failed handler had prepared.
  reply.removeHeader('content-disposition');
  reply.removeHeader('content-length');
  reply.removeHeader('etag');
  reply.header('Cache-Control', 'no-store');
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(JSON.stringify(body));
}

export async function buildApp(context: ServerContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = context;
  const app = Fastify({
    logger: {
      level: config.log.level,
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Only what is needed to run the service: no bodies, query strings, headers or addresses.
      serializers: { req: () => ({}), res: () => ({}) },
    },
    // Fastify's own request lines would carry the URL with its query string; ours (onResponse) do not.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomId('', 12),
    bodyLimit: config.limits.maxRequestBytes,
    trustProxy: config.trustProxy,
    requestTimeout: 60_000,
    // A URL that cannot even be decoded never reaches the hooks: answer it as a problem here.
    frameworkErrors: (error, request, reply) => {
      applyBaseHeaders(request, reply);
      void sendProblem(request, reply, error as FastifyError);
    },
    // While closing, requests on open connections are still answered (with problems if need be)
    // instead of fastify's own non-problem 503.
    return503OnClosing: false,
  });

  // JSON bodies: parsed as JSON.parse does (a `__proto__` key is data, and the contract's
  // schema rejects it as an unknown field); invalid JSON is a 400 problem.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: config.limits.maxRequestBytes }, (_request, text, done) => {
    try {
      done(null, JSON.parse(text as string));
    } catch {
      done(new ProblemError('malformed-json'), undefined);
    }
  });
  await app.register(multipart, {
    limits: {
      fileSize: config.attachments.maxBytes,
      files: 1,
      fields: 1,
      parts: 2,
      fieldSize: 16 * 1024,
      headerPairs: 50,
    },
  });

  const cors = new CorsPolicy(config.allowedOrigins);
  app.addHook('onRequest', async (request, reply) => {
    applyBaseHeaders(request, reply);
    cors.apply(request, reply);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    // Belt and braces: nothing in this server sets a cookie, and nothing may.
    reply.removeHeader('set-cookie');
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        ...(config.log.clientIp ? { client: request.ip } : {}),
      },
      'request',
    );
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => sendProblem(request, reply, error));
  app.setNotFoundHandler(async () => {
    throw new ProblemError('not-found');
  });

  app.options('*', async (request, reply) => cors.preflight(request, reply));
  metaRoutes(app, context);
  contentRoutes(app, context);
  reportRoutes(app, context);
  followUpRoutes(app, context);
  caseRoutes(app, context);
  hostedReportPageRoutes(app, config);
  siteRoutes(app, config.siteDir, config.elementsDir);
  return app;
}
