// Who is calling a case-management operation: the names the case-work, intake, audit, retention and
// statistics routes use, over the one decision in domain/access.ts (authenticateActor,
// requireCaseAccess). A handler token or a signed-in person; on an operation of one case, a person
// without access to it (not in its group, not assigned or granted, or excluded) gets 403 here.
import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import { authenticateActor, hasCaseAccess, hasRole, requireRole as requireActorRole, type Actor } from '../domain/access.js';
import { ProblemError } from '../http/problems.js';
import type { AccountRole } from '../storage/people-store.js';

export type Caller = Actor;
export type Role = AccountRole;

/** The roles a caller holds: a handler token holds `handler` alone (contract 1.1, "People and sign-in"). */
export function rolesOf(caller: Caller): Role[] {
  return (['handler', 'admin', 'auditor'] as const).filter((role) => hasRole(caller, role));
}

/** 403 unless the caller holds one of `roles`. */
export function requireRole(caller: Caller, ...roles: Role[]): void {
  requireActorRole(caller, ...roles);
}

/** The caller (handler token or signed-in person); 401 for anything else. */
export function authenticateCaller(context: ServerContext, request: FastifyRequest): Promise<Caller> {
  return authenticateActor(context, request);
}

/**
 * The options of a case-management operation: offered with case management, the caller
 * authenticated (auditors read any case's audit trail: `auditorsReadAnyCase`) and — on an operation of one case that exists — allowed to work it (403 otherwise;
 * an unknown or deleted case is left to the operation: 404, 410).
 */
export function callerOperation(context: ServerContext, { auditorsReadAnyCase = false }: { auditorsReadAnyCase?: boolean } = {}) {
  return {
    offered: () => context.config.caseManagement.enabled,
    authenticate: async (request: FastifyRequest) => {
      const caller = await authenticateCaller(context, request);
      const caseId = (request.params as { caseId?: unknown } | undefined)?.caseId;
      const auditing = auditorsReadAnyCase && hasRole(caller, 'auditor');
      if (typeof caseId === 'string' && !auditing && (await context.store.getCase(caseId)) && !(await hasCaseAccess(context, caller, caseId))) {
        throw new ProblemError('forbidden');
      }
      return caller;
    },
  };
}
