// The chain hand-over (contract 1.2, caseManagement.protocols): a handler records the weighing's
// exit and the redacted package is made and stored in one transaction with its audit entry (the
// exit and whether consent was recorded — never the content), for a referral the reporter's one
// visible step, and for `no-action` the closing of the case. Packages are read back exactly as they were made.
import type { FastifyInstance } from 'fastify';
import { newAuditEntry } from '../domain/audit.js';
import { webhooksOn } from '../domain/case-changes.js';
import { closingChange } from '../domain/case-closing.js';
import { handOverListed, handOverPackage, referredTask, requireCompleteHandOver } from '../domain/hand-overs.js';
import { liveCase } from '../domain/retention.js';
import { defineOperation, type ApiRoutesOptions } from '../http/operation.js';
import { ProblemError } from '../http/problems.js';
import { withChangeEvents } from '../notifications/change-events.js';
import { callerOperation } from '../security/caller.js';

export async function handOverRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  const { store } = context;
  const options = callerOperation(context);

  defineOperation(
    app,
    context,
    'createHandOver',
    async ({ params, body, language, reply, auth }) => {
      const found = await liveCase(context, params.caseId);
      const at = context.now();
      requireCompleteHandOver(body, at, context.config.organisation.timeZone, language);
      const made = handOverPackage(context.protocols, found, body, { at, by: auth.actor });
      const step = referredTask(found, made, await store.tasks(found.id));
      const entry = newAuditEntry(context, {
        actor: auth.actor,
        ...(auth.sessionId ? { sessionId: auth.sessionId } : {}),
        at,
        action: 'handed-over',
        details: { handOverId: made.handOverId, exit: made.exit, consent: made.reporterConsent !== undefined },
      });
      // A `no-action` exit closes an open case as `no-action-needed` in the same transaction, so
      // retention's one year runs from the weighing; a closed case keeps the outcome it has.
      const closing =
        made.exit === 'no-action' && found.status !== 'closed' ? closingChange(context, auth, found, { at, outcome: 'no-action-needed' }) : {};
      const change = withChangeEvents(webhooksOn(context.config), found, { ...closing, audit: [entry, ...(closing.audit ?? [])] }, at);
      await store.addHandOver(found.id, { package: made }, step, change);
      return reply.code(201).send(made);
    },
    options,
  );

  defineOperation(
    app,
    context,
    'listHandOvers',
    async ({ params }) => {
      await liveCase(context, params.caseId);
      return { items: (await store.handOvers(params.caseId)).map((stored) => handOverListed(stored.package)) };
    },
    options,
  );

  defineOperation(
    app,
    context,
    'getHandOver',
    async ({ params }) => {
      await liveCase(context, params.caseId);
      const found = (await store.handOvers(params.caseId)).find((stored) => stored.package.handOverId === params.handOverId);
      if (!found) throw new ProblemError('not-found');
      return found.package;
    },
    options,
  );
}
