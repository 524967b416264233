// Admins manage people, groups and routing (contract 1.1, `caseManagement.signIn`): list and invite
// accounts, change roles, groups and state, issue a new invitation, revoke passkeys; save and delete
// groups; read and replace the routing. Only people with the `admin` role (403 otherwise; a person
// may also revoke their own passkey). Handler tokens are no credential here (401).
import type { Schema } from '@weerbaar/spec';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import { authenticateActor, authenticatePerson, requireRole, signInOffered, type PersonActor } from '../domain/access.js';
import { inviteAccount, unknownGroupErrors } from '../domain/accounts.js';
import { recordAuditEntry } from '../domain/audit.js';
import { enrolmentUrl, issueInvitation } from '../domain/invitations.js';
import { accountView, groupView } from '../domain/people-views.js';
import { defineOperation, type ApiRoutesOptions } from '../http/operation.js';
import { ProblemError } from '../http/problems.js';
import { isUniqueViolation, type StoredAccount } from '../storage/people-store.js';

export async function accountRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  const { people } = context;
  const offered = () => signInOffered(context);
  const admin = async (request: FastifyRequest): Promise<PersonActor> => {
    const actor = await authenticatePerson(context, request);
    requireRole(actor, 'admin');
    return actor;
  };
  const adminOnly = { offered, authenticate: admin };

  async function existingAccount(accountId: string): Promise<StoredAccount> {
    const account = await people.getAccount(accountId, context.now());
    if (!account) throw new ProblemError('not-found');
    return account;
  }

  /** The invitation as the API shows it once: with the enrolment address when a console is advertised. */
  function invitationView(code: string, expiresAt: string): Schema<'Invitation'> {
    return { code, expiresAt, ...(context.config.caseManagement.consoleUrl ? { enrolmentUrl: enrolmentUrl(context, code) } : {}) };
  }

  defineOperation(
    app,
    context,
    'listAccounts',
    async () => ({ items: (await people.accounts(context.now())).map(accountView) }) satisfies Schema<'AccountList'>,
    adminOnly,
  );

  defineOperation(
    app,
    context,
    'inviteAccount',
    async ({ body, reply, request, auth }) => {
      const invited = await inviteAccount(people, context.secret, body, {
        now: context.now(),
        withInvitation: context.config.caseManagement.signIn.passkey,
      });
      await recordAuditEntry(context, { actor: auth.actor, sessionId: auth.sessionId, action: 'account-invited', details: { accountId: invited.accountId } });
      request.log.info({ accountInvited: invited.accountId, by: auth.account.id }, 'account invited');
      const answer: Schema<'InvitedAccount'> = {
        account: accountView(await existingAccount(invited.accountId)),
        ...(invited.code ? { invitation: invitationView(invited.code, invited.expiresAt!) } : {}),
      };
      return reply.code(201).send(answer);
    },
    adminOnly,
  );

  defineOperation(
    app,
    context,
    'updateAccount',
    async ({ params, body, auth, request }) => {
      const { accountId } = params;
      const change = body;
      const account = await existingAccount(accountId);
      const losesAdmin = account.roles.includes('admin') && ((change.roles && !change.roles.includes('admin')) || change.active === false);
      if (losesAdmin && (accountId === auth.account.id || (account.active && (await people.otherActiveAdmins(accountId)) === 0))) {
        throw new ProblemError('last-admin');
      }
      if (accountId === auth.account.id && change.active === false) throw new ProblemError('last-admin');
      const errors = change.groups ? await unknownGroupErrors(people, change.groups, '/groups') : [];
      if (errors.length) throw new ProblemError('validation', { errors });
      try {
        await people.updateAccount(accountId, change, context.now());
      } catch (error) {
        if (isUniqueViolation(error)) throw new ProblemError('account-exists');
        throw error;
      }
      await recordAuditEntry(context, { actor: auth.actor, sessionId: auth.sessionId, action: 'account-updated', details: { accountId } });
      request.log.info({ accountChanged: accountId, by: auth.account.id }, 'account changed');
      return accountView(await existingAccount(accountId));
    },
    adminOnly,
  );

  defineOperation(
    app,
    context,
    'createInvitation',
    async ({ params, reply, auth, request }) => {
      const account = await existingAccount(params.accountId);
      if (!account.active) throw new ProblemError('account-suspended');
      const invitation = issueInvitation(context.secret, context.now());
      await people.replaceInvitation(account.id, invitation.stored);
      await recordAuditEntry(context, { actor: auth.actor, sessionId: auth.sessionId, action: 'invitation-created', details: { accountId: account.id } });
      request.log.info({ invitationFor: account.id, by: auth.account.id }, 'invitation issued');
      return reply.code(201).send(invitationView(invitation.code, invitation.stored.expiresAt));
    },
    adminOnly,
  );

  defineOperation(
    app,
    context,
    'revokePasskey',
    async ({ params, reply, auth, request }) => {
      const { accountId, passkeyId } = params;
      if (accountId !== auth.account.id) requireRole(auth, 'admin');
      if (!(await people.revokePasskey(accountId, passkeyId, context.now()))) throw new ProblemError('not-found');
      await recordAuditEntry(context, { actor: auth.actor, sessionId: auth.sessionId, action: 'passkey-revoked', details: { accountId, passkeyId } });
      request.log.info({ passkeyRevokedFor: accountId, by: auth.account.id }, 'passkey revoked');
      return reply.code(204).send();
    },
    { offered, authenticate: (request: FastifyRequest) => authenticatePerson(context, request) },
  );

  defineOperation(
    app,
    context,
    'listGroups',
    async () => ({ items: (await people.groups()).map(groupView) }) satisfies Schema<'GroupList'>,
    { offered, authenticate: (request: FastifyRequest) => authenticateActor(context, request) },
  );

  defineOperation(
    app,
    context,
    'saveGroup',
    async ({ params, body, auth }) => {
      const { groupId } = params;
      const definition = body;
      await people.saveGroup(groupId, definition.name, definition.description);
      await recordAuditEntry(context, { actor: auth.actor, sessionId: auth.sessionId, action: 'group-saved', details: { groupId } });
      return groupView((await people.groups()).find((group) => group.id === groupId)!);
    },
    adminOnly,
  );

  defineOperation(
    app,
    context,
    'deleteGroup',
    async ({ params, reply, auth }) => {
      const { groupId } = params;
      if (!(await people.groupIds()).has(groupId)) throw new ProblemError('not-found');
      if (!(await people.deleteGroup(groupId))) throw new ProblemError('group-in-use');
      await recordAuditEntry(context, { actor: auth.actor, sessionId: auth.sessionId, action: 'group-deleted', details: { groupId } });
      return reply.code(204).send();
    },
    adminOnly,
  );

  defineOperation(app, context, 'getRouting', async () => people.routing() satisfies Promise<Schema<'Routing'>>, adminOnly);

  defineOperation(
    app,
    context,
    'setRouting',
    async ({ body, auth, request }) => {
      const routing = body;
      const known = await people.groupIds();
      const errors: Schema<'FieldError'>[] = [];
      for (const [role, target] of Object.entries(routing)) {
        for (const field of ['groupId', 'alternateGroupId'] as const) {
          if (!known.has(target[field])) errors.push({ pointer: `/${role}/${field}`, code: 'unknown-group', detail: 'This group does not exist.' });
        }
        if (target.groupId === target.alternateGroupId) {
          errors.push({ pointer: `/${role}/alternateGroupId`, code: 'same-group', detail: 'The alternate group must differ from the group.' });
        }
      }
      if (errors.length) throw new ProblemError('validation', { errors });
      await people.setRouting(routing);
      await recordAuditEntry(context, { actor: auth.actor, sessionId: auth.sessionId, action: 'routing-changed' });
      request.log.info({ routingChangedBy: auth.account.id }, 'routing changed');
      return people.routing();
    },
    adminOnly,
  );

}
