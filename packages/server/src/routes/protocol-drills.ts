// The protocol drill for admins (contract 1.2, `runProtocolDrill`): the same drill as
// `weerbaar-server drill` (domain/protocol-drill.ts), answered as JSON. It writes nothing but one
// entry in the global audit list, with counts only: which protocol was drilled and what it found
// says nothing about a case, but the list stays free of anything but codes and numbers.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticatePerson, requireRole, signInOffered, type PersonActor } from '../domain/access.js';
import { recordAuditEntry } from '../domain/audit.js';
import { drillNow } from '../domain/protocol-drill.js';
import { vary } from '../http/headers.js';
import { negotiateLanguage } from '../http/language.js';
import { defineOperation, type ApiRoutesOptions } from '../http/operation.js';
import { ProblemError } from '../http/problems.js';

export async function protocolDrillRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  const admin = async (request: FastifyRequest): Promise<PersonActor> => {
    const actor = await authenticatePerson(context, request);
    requireRole(actor, 'admin');
    return actor;
  };

  defineOperation(
    app,
    context,
    'runProtocolDrill',
    async ({ body, auth, request, reply }) => {
      const language = negotiateLanguage(context.content.locales, undefined, request.headers['accept-language']);
      reply.header('Content-Language', language);
      vary(reply, 'Accept-Language');
      const receivedAt = body.receivedAt ? new Date(body.receivedAt).toISOString() : context.now();
      const drill = await drillNow(context, { receivedAt, locale: language, protocolId: body.protocolId });
      if (!drill) throw new ProblemError('not-found');
      const { protocols, steps, unreachable, warnings } = drill.summary;
      await recordAuditEntry(context, { actor: auth.actor, sessionId: auth.sessionId, action: 'protocol-drill-run', details: { protocols, steps, unreachable, warnings } });
      return drill;
    },
    { offered: () => signInOffered(context), authenticate: admin },
  );
}
