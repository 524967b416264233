// What the API shows of accounts, sessions and groups. Holds no key material and no secret: a
// passkey appears by its credential id (public) and name only.
import type { Schema } from '@weerbaar/spec';
import type { ServerContext } from '../context.js';
import type { StoredAccount, StoredGroup, StoredSignInSession } from '../storage/people-store.js';

export function accountView(account: StoredAccount): Schema<'Account'> {
  return {
    accountId: account.id,
    displayName: account.displayName,
    roles: account.roles,
    groups: account.groups,
    active: account.active,
    ...(account.email ? { email: account.email } : {}),
    ...(account.oidcSubject ? { oidcSubject: account.oidcSubject } : {}),
    passkeys: account.passkeys.map((passkey) => ({
      passkeyId: passkey.id,
      name: passkey.name,
      createdAt: passkey.createdAt,
      ...(passkey.lastUsedAt ? { lastUsedAt: passkey.lastUsedAt } : {}),
      hasWrappedKey: passkey.hasWrappedKey,
    })),
    invitationPending: account.invitationPending,
    createdAt: account.createdAt,
    ...(account.lastSignInAt ? { lastSignInAt: account.lastSignInAt } : {}),
  };
}

export function meView(context: ServerContext, account: StoredAccount, session: StoredSignInSession): Schema<'Me'> {
  return {
    account: accountView(account),
    session: {
      sessionId: session.id,
      method: session.method,
      ...(session.passkeyId ? { passkeyId: session.passkeyId } : {}),
      startedAt: session.startedAt,
      expiresAt: session.expiresAt,
      idleTimeoutSeconds: context.config.caseManagement.signIn.idleTimeoutSeconds,
    },
  };
}

export function groupView(group: StoredGroup): Schema<'Group'> {
  return {
    groupId: group.id,
    name: group.name,
    ...(group.description ? { description: group.description } : {}),
    members: group.members,
  };
}
