// Every error becomes an RFC 9457 problem+json in the client's language, disclosing nothing
// internal: fastify's and the multipart plugin's own errors, our ProblemErrors, unknown paths, and
// requests Node's HTTP parser refuses before fastify sees them.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { problem, ProblemError, problemLanguage, type ProblemKind } from '../http/problems.js';
import { newRequestId } from './request-id.js';
import { applyBaseHeaders, baseHeaders } from './security-headers.js';

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
 * For fastify's `frameworkErrors` option: a URL that cannot even be decoded never reaches the hooks,
 * so it gets the base headers and its problem here.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  applyBaseHeaders(request, reply);
  void sendProblem(request, reply, error);
}

/**
 * For the HTTP server's `clientErrorHandler`: a request Node's HTTP parser refuses (a NUL in the
 * path, a header without a colon, headers over 16 KiB, both Content-Length and Transfer-Encoding)
 * never becomes a fastify request: it is answered here, still as a problem with the usual headers,
 * and the connection is closed.
 */
export function answerUnparsableRequest(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const kind: ProblemKind =
    error.code === 'HPE_HEADER_OVERFLOW' ? 'headers-too-large' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request-timeout' : 'bad-request';
  const requestId = newRequestId();
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

async function problemAnswersPlugin(app: FastifyInstance): Promise<void> {
  app.setErrorHandler(async (error: FastifyError, request, reply) => sendProblem(request, reply, error));
  app.setNotFoundHandler(async () => {
    throw new ProblemError('not-found');
  });
}

export const problemAnswers = fastifyPlugin(problemAnswersPlugin, { name: 'weerbaar-problem-answers' });
