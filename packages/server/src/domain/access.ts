// The one place that decides who is acting and what they may do: authenticateActor (which
// credential, whose session) and hasCaseAccess / requireCaseAccess (may they work this case).
// Every operation on a case calls requireCaseAccess; every list and count of cases restricts itself
// with caseScope (the same rule in SQL, people-store.ts ACCESSIBLE_CASE_CONDITION), so a person
// excluded from a case never sees it anywhere.
//
// Rules (contract 1.1, "People and sign-in", "Access to cases"):
// - a handler token acts as the `handler` role with access to every case, and is never excluded;
// - a person has access to a case when they hold the `handler` role, their account is active, and
//   they are in the case's group, assigned or granted — and not excluded (exclusion always wins);
// - admins may change who has access to a case but see no content; auditors see no content.
import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import { ProblemError } from '../http/problems.js';
import { bearerToken, hashToken } from '../security/tokens.js';
import type { AccountRole, StoredAccount, StoredSignInSession } from '../storage/people-store.js';
import type { AuditActor } from './audit-chain.js';
import { handlerTokenActive } from '../storage/store.js';

/** Who acts, and how their audit entries name them (`actor`, and the sign-in session of a person). */
export type Actor =
  | { kind: 'handler-token'; tokenId: string; name: string; actor: AuditActor; sessionId?: undefined }
  | { kind: 'person'; account: StoredAccount; session: StoredSignInSession; actor: AuditActor; sessionId: string };

/** The security schemes of the contract an operation accepts. */
export type CredentialScheme = 'handlerToken' | 'accessToken';

const BOTH: readonly CredentialScheme[] = ['handlerToken', 'accessToken'];

/**
 * Who sends this request, by the bearer token of one of the accepted schemes; 401 otherwise. An
 * access token counts as activity: its idle deadline moves on (a single atomic statement).
 */
export async function authenticateActor(context: ServerContext, request: FastifyRequest, schemes: readonly CredentialScheme[] = BOTH): Promise<Actor> {
  const header = request.headers.authorization;
  const now = context.now();
  if (schemes.includes('handlerToken')) {
    const token = bearerToken(header, 'handler');
    if (token) {
      const found = await context.store.findHandlerToken(hashToken(context.secret, 'handler', token));
      if (found && handlerTokenActive(found, now)) return { kind: 'handler-token', tokenId: found.id, name: found.name, actor: { kind: 'handler-token', name: found.name } };
    }
  }
  if (schemes.includes('accessToken') && signInOffered(context)) {
    const token = bearerToken(header, 'access');
    if (token) {
      const idleExpiresAt = new Date(Date.parse(now) + context.config.caseManagement.signIn.idleTimeoutSeconds * 1000).toISOString();
      const session = await context.people.useSession(hashToken(context.secret, 'access', token), now, idleExpiresAt);
      const account = session && (await context.people.getAccount(session.accountId, now));
      if (session && account?.active) {
        return { kind: 'person', account, session, actor: { kind: 'person', accountId: account.id, name: account.displayName }, sessionId: session.id };
      }
    }
  }
  throw new ProblemError('unauthorized');
}

export type PersonActor = Extract<Actor, { kind: 'person' }>;

/** For the person's own operations (`getMe`, `signOut`): a signed-in person, else 401. */
export async function authenticatePersonOnly(context: ServerContext, request: FastifyRequest): Promise<PersonActor> {
  return (await authenticateActor(context, request, ['accessToken'])) as PersonActor;
}

/**
 * For operations only people may call (accounts, groups, routing, the audit list): a signed-in
 * person; a valid handler token is 403 (it is a credential, but handler tokens cannot do this).
 */
export async function authenticatePerson(context: ServerContext, request: FastifyRequest): Promise<PersonActor> {
  return requirePerson(await authenticateActor(context, request));
}

/** Whether people can sign in here at all (caseManagement.signIn): with a passkey, through the OpenID provider, or both. */
export function signInOffered(context: ServerContext): boolean {
  return passkeysOffered(context) || oidcOffered(context);
}

/** Whether people enrol and sign in with passkeys (caseManagement.signIn.passkey). */
export function passkeysOffered(context: ServerContext): boolean {
  const { caseManagement } = context.config;
  return caseManagement.enabled && caseManagement.signIn.passkey;
}

/** Whether people sign in through the organisation's OpenID provider (caseManagement.signIn.oidc). */
export function oidcOffered(context: ServerContext): boolean {
  const { caseManagement } = context.config;
  return caseManagement.enabled && caseManagement.signIn.oidc !== undefined;
}

/** Whether the console may keep the organisation's key wrapped per passkey here (caseManagement.wrappedKeys). */
export function wrappedKeysOffered(context: ServerContext): boolean {
  return passkeysOffered(context) && context.config.caseManagement.signIn.wrappedKeys;
}

/** Whether the actor holds the role (a handler token holds `handler` only). */
export function hasRole(actor: Actor, role: AccountRole): boolean {
  return actor.kind === 'handler-token' ? role === 'handler' : actor.account.roles.includes(role);
}

/** 403 unless the actor holds one of the roles. */
export function requireRole(actor: Actor, ...roles: AccountRole[]): void {
  if (!roles.some((role) => hasRole(actor, role))) throw new ProblemError('forbidden');
}

/** The signed-in person, or 403 for a handler token (for operations only people may call). */
export function requirePerson(actor: Actor): PersonActor {
  if (actor.kind !== 'person') throw new ProblemError('forbidden');
  return actor;
}

/** Whether the actor may work the case (read its content, act on it). */
export async function hasCaseAccess(context: ServerContext, actor: Actor, caseId: string): Promise<boolean> {
  if (actor.kind === 'handler-token') return true;
  return actor.account.active && hasRole(actor, 'handler') && context.people.hasCaseAccess(caseId, actor.account.id);
}

/** 404 for an unknown case, 403 when the actor may not work it. */
export async function requireCaseAccess(context: ServerContext, actor: Actor, caseId: string): Promise<void> {
  await requireCaseExists(context, caseId);
  if (!(await hasCaseAccess(context, actor, caseId))) throw new ProblemError('forbidden');
}

/**
 * 404 for an unknown case, 403 unless the actor may change who has access to it: anyone with
 * access to the case, handler tokens, and admins (who still see no content).
 */
export async function requireCaseAccessManagement(context: ServerContext, actor: Actor, caseId: string): Promise<void> {
  await requireCaseExists(context, caseId);
  if (hasRole(actor, 'admin')) return;
  if (!(await hasCaseAccess(context, actor, caseId))) throw new ProblemError('forbidden');
}

async function requireCaseExists(context: ServerContext, caseId: string): Promise<void> {
  if (!(await context.store.getCase(caseId))) throw new ProblemError('not-found');
}

/**
 * Which cases a list or count may show the actor: every case for a handler token (undefined), the
 * cases a person has access to otherwise (their account id, for ACCESSIBLE_CASE_CONDITION). 403
 * for people without the handler role.
 */
export function caseScope(actor: Actor): string | undefined {
  requireRole(actor, 'handler');
  return actor.kind === 'handler-token' ? undefined : actor.account.id;
}
