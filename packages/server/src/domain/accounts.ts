// Inviting a person: one account with its roles and groups and, when passkeys are offered, a
// one-time invitation code. Used by `POST /accounts` and by `weerbaar-server handler invite`.
import type { Schema } from '@weerbaar/spec';
import { ProblemError } from '../http/problems.js';
import type { InstallationSecret } from '../security/installation-secret.js';
import { randomId } from '../security/tokens.js';
import { isUniqueViolation, type PeopleStore } from '../storage/people-store.js';
import { issueInvitation } from './invitations.js';

export interface Invited {
  accountId: string;
  /** The invitation code, shown once (absent when no passkey enrolment is offered). */
  code?: string;
  expiresAt?: string;
}

/** Field errors for groups that do not exist (code `unknown-group`), at `pointer/index`. */
export async function unknownGroupErrors(people: PeopleStore, groups: string[], pointer: string): Promise<Schema<'FieldError'>[]> {
  const known = await people.groupIds();
  return groups.flatMap((groupId, index) =>
    known.has(groupId) ? [] : [{ pointer: `${pointer}/${index}`, code: 'unknown-group', detail: 'This group does not exist.' }],
  );
}

export async function inviteAccount(
  people: PeopleStore,
  secret: InstallationSecret,
  request: Schema<'AccountInvitationRequest'>,
  { now, withInvitation }: { now: string; withInvitation: boolean },
): Promise<Invited> {
  const groups = request.groups ?? [];
  const errors = await unknownGroupErrors(people, groups, '/groups');
  if (errors.length) throw new ProblemError('validation', { errors });
  const accountId = randomId('u_', 9);
  const invitation = withInvitation ? issueInvitation(secret, now) : undefined;
  try {
    await people.createAccount(
      {
        id: accountId,
        displayName: request.displayName,
        roles: request.roles,
        groups,
        ...(request.email ? { email: request.email } : {}),
        ...(request.oidcSubject ? { oidcSubject: request.oidcSubject } : {}),
        createdAt: now,
      },
      invitation?.stored,
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new ProblemError('account-exists');
    throw error;
  }
  return { accountId, ...(invitation ? { code: invitation.code, expiresAt: invitation.stored.expiresAt } : {}) };
}
