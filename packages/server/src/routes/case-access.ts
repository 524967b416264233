// Who has access to a case (contract 1.1, "Access to cases"): read it, assign, grant, exclude, take
// back, and transfer the case to another group. Allowed for people with access to the case, handler
// tokens and admins (who see no content through these answers: names and ids only).
import type { Schema } from '@weerbaar/spec';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import { authenticateActor, requireCaseAccessManagement, signInOffered, type Actor } from '../domain/access.js';
import type { NewAuditEntry } from '../domain/audit-chain.js';
import { newAuditEntry } from '../domain/audit.js';
import { defineOperation, type ApiRoutesOptions } from '../http/operation.js';
import { ProblemError } from '../http/problems.js';
import type { CaseAccessKind, StoredAccount } from '../storage/people-store.js';

/** Who did it, for the log (never a token). */
function actorId(actor: Actor): string {
  return actor.kind === 'handler-token' ? actor.tokenId : actor.account.id;
}

export async function caseAccessRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  const { people } = context;
  const options = { offered: () => signInOffered(context), authenticate: (request: FastifyRequest) => authenticateActor(context, request) };

  async function accessView(caseId: string): Promise<Schema<'CaseAccess'>> {
    const access = (await people.caseAccess(caseId))!;
    const of = (kind: CaseAccessKind) =>
      access.entries.filter((entry) => entry.kind === kind).map(({ accountId, displayName }) => ({ accountId, displayName }));
    return {
      caseId: access.caseId,
      reference: access.reference,
      group: { groupId: access.groupId, name: access.groupName },
      assignees: of('assignee'),
      grants: of('grant'),
      exclusions: of('exclusion'),
    };
  }

  async function existingAccount(accountId: string): Promise<StoredAccount> {
    const account = await people.getAccount(accountId, context.now());
    if (!account) throw new ProblemError('not-found');
    return account;
  }

  /** An access change on a case: checks who may, applies it with its audit entry (one transaction), logs it, answers who has access now. */
  function accessChange(
    operationId: 'assignCase' | 'unassignCase' | 'grantCaseAccess' | 'revokeCaseAccess' | 'excludeFromCase' | 'liftCaseExclusion',
    action: 'assigned' | 'unassigned' | 'access-granted' | 'access-revoked' | 'excluded' | 'exclusion-lifted',
    apply: (caseId: string, account: StoredAccount, at: string, audit: NewAuditEntry[]) => Promise<void>,
  ): void {
    defineOperation(
      app,
      context,
      operationId,
      async ({ params, auth, request }) => {
        const { caseId } = params;
        await requireCaseAccessManagement(context, auth, caseId);
        const account = await existingAccount(params.accountId);
        const at = context.now();
        await apply(caseId, account, at, [newAuditEntry(context, { actor: auth.actor, sessionId: auth.sessionId, action, details: { accountId: account.id }, at })]);
        request.log.info({ caseAccess: operationId, caseId, accountId: account.id, by: actorId(auth) }, 'case access changed');
        return accessView(caseId);
      },
      options,
    );
  }

  /** Assignment and grant: only to an active handler who is not excluded (409 otherwise). */
  const giveAccess = (kind: 'assignee' | 'grant') => async (caseId: string, account: StoredAccount, at: string, audit: NewAuditEntry[]) => {
    if (!account.active || !account.roles.includes('handler')) throw new ProblemError('not-a-handler');
    if (!(await people.addCaseAccessUnlessExcluded(caseId, account.id, kind, at, audit))) throw new ProblemError('excluded');
  };

  defineOperation(
    app,
    context,
    'getCaseAccess',
    async ({ params, auth }) => {
      await requireCaseAccessManagement(context, auth, params.caseId);
      return accessView(params.caseId);
    },
    options,
  );
  accessChange('assignCase', 'assigned', giveAccess('assignee'));
  accessChange('unassignCase', 'unassigned', (caseId, account, _at, audit) => people.removeCaseAccess(caseId, account.id, 'assignee', audit));
  accessChange('grantCaseAccess', 'access-granted', giveAccess('grant'));
  accessChange('revokeCaseAccess', 'access-revoked', (caseId, account, _at, audit) => people.removeCaseAccess(caseId, account.id, 'grant', audit));
  accessChange('excludeFromCase', 'excluded', (caseId, account, at, audit) => people.addCaseAccess(caseId, account.id, 'exclusion', at, audit));
  accessChange('liftCaseExclusion', 'exclusion-lifted', (caseId, account, _at, audit) => people.removeCaseAccess(caseId, account.id, 'exclusion', audit));

  defineOperation(
    app,
    context,
    'transferCase',
    async ({ params, body, auth, request }) => {
      const { caseId } = params;
      const { groupId } = body;
      await requireCaseAccessManagement(context, auth, caseId);
      if (!(await people.groupIds()).has(groupId)) {
        throw new ProblemError('validation', { errors: [{ pointer: '/groupId', code: 'unknown-group', detail: 'This group does not exist.' }] });
      }
      const from = (await people.caseAccess(caseId))!.groupId;
      const transferred = newAuditEntry(context, { actor: auth.actor, sessionId: auth.sessionId, action: 'transferred', details: { from, to: groupId } });
      await people.transferCase(caseId, groupId, [transferred]);
      request.log.info({ caseTransferred: caseId, groupId, by: actorId(auth) }, 'case transferred');
      return accessView(caseId);
    },
    options,
  );
}
