// A place per person and passkey for the organisation's private key, wrapped in the browser with a
// key derived from the passkey's PRF output (contract 1.1, `caseManagement.wrappedKeys`). The
// backend keeps opaque bytes and gives them back to the same person only; it never sees the PRF
// output (credentials that carry it are refused at sign-in).
import type { Schema } from '@weerbaar/spec';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticatePersonOnly, wrappedKeysOffered } from '../domain/access.js';
import { defineOperation, type ApiRoutesOptions } from '../http/operation.js';
import { ProblemError } from '../http/problems.js';

export async function wrappedKeyRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  const { people } = context;
  const options = { offered: () => wrappedKeysOffered(context), authenticate: (request: FastifyRequest) => authenticatePersonOnly(context, request) };

  defineOperation(
    app,
    context,
    'getWrappedKey',
    async ({ params, auth }) => {
      const key = await people.wrappedKey(auth.account.id, params.passkeyId);
      if (!key) throw new ProblemError('not-found');
      return key satisfies Schema<'WrappedKey'>;
    },
    options,
  );

  defineOperation(
    app,
    context,
    'storeWrappedKey',
    async ({ params, body, auth }) => {
      const request = body;
      const key = { passkeyId: params.passkeyId, ...request, storedAt: context.now() };
      // Only for the person's own passkey: another's (or an unknown one) is not found.
      if (!(await people.storeWrappedKey(auth.account.id, key))) throw new ProblemError('not-found');
      return key satisfies Schema<'WrappedKey'>;
    },
    options,
  );

  defineOperation(
    app,
    context,
    'deleteWrappedKey',
    async ({ params, auth, reply }) => {
      if (!(await people.deleteWrappedKey(auth.account.id, params.passkeyId))) throw new ProblemError('not-found');
      return reply.code(204).send();
    },
    options,
  );
}
