// Who is calling a case-management operation. Today a handler token (a machine integration, or a
// handler with a token from the CLI); people who sign in join here (contract 1.1, "People and
// sign-in"), each with the actor their audit entries name.
import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import type { AuditActor } from '../domain/audit-chain.js';
import { ProblemError } from '../http/problems.js';
import { handlerTokenActive } from '../storage/store.js';
import { bearerToken, hashToken } from './tokens.js';

export interface HandlerTokenCaller {
  kind: 'handler-token';
  handlerId: string;
  /** How the caller appears in audit entries: the token's name. */
  actor: AuditActor;
  sessionId?: undefined;
}

export type Caller = HandlerTokenCaller;

/** The caller of a valid handler token; 401 for anything else. */
export async function authenticateCaller(context: ServerContext, request: FastifyRequest): Promise<Caller> {
  const token = bearerToken(request.headers.authorization, 'handler');
  if (token) {
    const found = await context.store.findHandlerToken(hashToken(context.secret, 'handler', token));
    if (found && handlerTokenActive(found, context.now())) {
      return { kind: 'handler-token', handlerId: found.id, actor: { kind: 'handler-token', name: found.name } };
    }
  }
  throw new ProblemError('unauthorized');
}
