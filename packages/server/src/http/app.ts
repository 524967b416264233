// The fastify application: parsers, headers, CORS, logging, problem answers and the routes.
// Fastify's own schema validation is not used: the contract's schemas validate every request
// (operation.ts), so there is one source of truth and every error becomes a problem+json.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
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
import { applyBaseHeaders, baseHeaders, CorsPolicy } from './security-headers.js';

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

/**
 * A request Node's HTTP parser refuses (a NUL in the path, a header without a colon, headers over
 * 16 KiB, both Content-Length and Transfer-Encoding) never becomes a fastify request: it is
 * answered here, still as a problem with the usual headers, and the connection is closed.
 */
function answerUnparsableRequest(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const kind: ProblemKind =
    error.code === 'HPE_HEADER_OVERFLOW' ? 'headers-too-large' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request-timeout' : 'bad-request';
  const requestId = randomId('', 12);
  const answer = problem(kind, problemLanguage(undefined), requestId);
  const body = JSON.stringify(answer);
  if (socket.writable) {
    const headers: [string, string][] = [
      ...baseHeaders(requestId),
      ['Content-Type', 'application/problem+json; charset=utf-8'],
      ['Content-Length', String(Buffer.byteLength(body))],
      ['Connection', 'close'],
    ];
    socket.write(`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n${body}`);
  }
  socket.destroy(error);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Whether any string or key in a parsed JSON value holds a lone surrogate (`"\ud800"`), which
 * UTF-8 cannot store: it would be replaced silently, so such text is refused instead.
 * Iterative, because a body may nest thousands of levels deep.
 */
function hasLoneSurrogate(value: unknown): boolean {
  const lone = /\p{Cs}/u;
  const stack = [value];
  while (stack.length) {
    const current = stack.pop();
    if (typeof current === 'string') {
      if (lone.test(current)) return true;
    } else if (current && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        if (lone.test(key)) return true;
        stack.push(item);
      }
    }
  }
  return false;
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
    clientErrorHandler: answerUnparsableRequest,
    // Node would answer a request without Host (RFC 9112 requires one) with a bare 400 of its
    // own; the onRequest hook answers it as a problem instead.
    http: { requireHostHeader: false },
  });

  // JSON bodies: parsed as JSON.parse does (a `__proto__` key is data, and the contract's
  // schema rejects it as an unknown field); invalid JSON is a 400 problem. So is text that is not
  // well-formed UTF-8 (or escapes a lone surrogate): repairing it with U+FFFD would store a
  // report other than the one sent.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: config.limits.maxRequestBytes }, (_request, bytes, done) => {
    try {
      const value: unknown = JSON.parse(strictUtf8.decode(bytes as Buffer));
      if (hasLoneSurrogate(value)) throw new Error('lone surrogate');
      done(null, value);
    } catch {
      done(new ProblemError('malformed-json'), undefined);
    }
  });
  // Bodies are never decompressed (no decompression bombs): a compressed body is refused before
  // it is read, as RFC 9110 says, with the one coding that is accepted.
  app.addHook('preParsing', async (request, reply, payload) => {
    const coding = request.headers['content-encoding'];
    const hasBody = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
    if (hasBody && coding !== undefined && coding.trim().toLowerCase() !== 'identity') {
      reply.header('Accept-Encoding', 'identity');
      throw new ProblemError('unsupported-content-encoding');
    }
    return payload;
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
    if (request.raw.httpVersionMinor >= 1 && request.headers.host === undefined) throw new ProblemError('bad-request');
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
