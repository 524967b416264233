// What a request must be before any route reads it: a Host header (HTTP/1.1), a body that is not
// compressed, JSON that is JSON and well-formed UTF-8, multipart within the attachment limits.
// Fastify's own schema validation is not used: the contract's schemas validate every request
// (http/operation.ts), so there is one source of truth and every error becomes a problem+json.
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { lingerOnClose } from '../http/lingering-close.js';
import { ProblemError } from '../http/problems.js';

export interface RequestParsingOptions {
  maxRequestBytes: number;
  maxAttachmentBytes: number;
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

async function requestParsingPlugin(app: FastifyInstance, options: RequestParsingOptions): Promise<void> {
  // JSON bodies: parsed as JSON.parse does (a `__proto__` key is data, and the contract's
  // schema rejects it as an unknown field); invalid JSON is a 400 problem. So is text that is not
  // well-formed UTF-8 (or escapes a lone surrogate): repairing it with U+FFFD would store a
  // report other than the one sent.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: options.maxRequestBytes }, (_request, bytes, done) => {
    try {
      const value: unknown = JSON.parse(strictUtf8.decode(bytes as Buffer));
      if (hasLoneSurrogate(value)) throw new Error('lone surrogate');
      done(null, value);
    } catch {
      done(new ProblemError('malformed-json'), undefined);
    }
  });
  // Any other or no Content-Type: an empty body is no body (HTTP clients send POST and PUT without a
  // body as an empty chunked one, and 1.1 has such operations: createInvitation, assignCase, …); a
  // non-empty one is refused with 415, as before, by the operation's media-type check.
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.maxRequestBytes }, (_request, bytes, done) => {
    if ((bytes as Buffer).length === 0) done(null, undefined);
    else done(new ProblemError('unsupported-media-type'), undefined);
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
      fileSize: options.maxAttachmentBytes,
      files: 1,
      fields: 1,
      parts: 2,
      fieldSize: 16 * 1024,
      headerPairs: 50,
    },
  });
  // An answer sent before its request's body was read (fastify marks those `Connection: close`)
  // closes its connection lingering, so the client always gets to read it.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.raw.complete && reply.getHeader('connection') === 'close') lingerOnClose(request.raw.socket);
    return payload;
  });
  // Node would answer a request without Host (RFC 9112 requires one) with a bare 400 of its own
  // (the server is built with `requireHostHeader: false`); this answers it as a problem instead,
  // after the base and CORS headers are set.
  app.addHook('onRequest', async (request) => {
    if (request.raw.httpVersionMinor >= 1 && request.headers.host === undefined) throw new ProblemError('bad-request');
  });
}

export const requestParsing = fastifyPlugin(requestParsingPlugin, {
  name: 'weerbaar-request-parsing',
  dependencies: ['weerbaar-security-headers', 'weerbaar-cors'],
});
