// Sign-in for people: enrolment of a passkey with a one-time invitation code, passkey sign-in, who
// is signed in, and signing out. Ceremonies are single use and expire within 5 minutes; every
// failure answers the same 401, is limited per client and in total (429), and is logged without
// anything secret (no code, token, credential or challenge).
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Schema } from '@weerbaar/spec';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import { authenticatePersonOnly, passkeysOffered, signInOffered, wrappedKeysOffered } from '../domain/access.js';
import { recordAuditEntry } from '../domain/audit.js';
import { hashTypedInvitation } from '../domain/invitations.js';
import { meView } from '../domain/people-views.js';
import { relyingParty } from '../domain/relying-party.js';
import { defineOperation, type ApiRoutesOptions } from '../http/operation.js';
import { ProblemError } from '../http/problems.js';
import { clientKey, takeRateLimit } from '../security/client-key.js';
import { RateLimiter } from '../security/rate-limiter.js';
import { SignInAttempt } from '../security/sign-in-limits.js';
import { generateToken, hashToken, randomId } from '../security/tokens.js';
import type { NewSignInSession } from '../storage/people-store.js';

const CEREMONY_SECONDS = 300;
const BROWSER_TIMEOUT_MS = 120_000;
/** ES256, RS256, EdDSA: what passkey providers use. */
const ALGORITHMS = [-7, -257, -8];
/** The PRF input the contract fixes for key wrapping: base64url(UTF-8 "weerbaar/v1 key wrapping"). */
const PRF_INPUT = Buffer.from('weerbaar/v1 key wrapping', 'utf8').toString('base64url');
/** Sign-in challenges one client may ask for per rate-limit window. */
const CHALLENGES_PER_CLIENT = 60;

/** Why a sign-in failed, as a code for the log and the global audit list (the answer is the same 401 whatever it was). */
export class SignInFailure extends Error {}

/** Runs a sign-in step: counts the attempt, gives it back on success, answers 401 (logged, audited) on a SignInFailure. */
export async function attemptSignIn<T>(context: ServerContext, request: FastifyRequest, method: string, work: () => Promise<T>): Promise<T> {
  const counted = await SignInAttempt.begin(context, clientKey(context, request));
  try {
    const result = await work();
    await counted.succeeded();
    return result;
  } catch (error) {
    if (!(error instanceof SignInFailure)) throw error;
    request.log.warn({ signIn: method, reason: error.message }, 'sign-in failed');
    await recordAuditEntry(context, { actor: { kind: 'system' }, action: 'sign-in-failed', details: { method, reason: error.message } });
    throw new ProblemError('unauthorized');
  }
}

/** A new session for the account and its access token (shown once, stored as a hash). */
export function newSession(
  context: ServerContext,
  accountId: string,
  method: 'passkey' | 'oidc',
  passkeyId?: string,
): { token: string; session: NewSignInSession } {
  const { signIn } = context.config.caseManagement;
  const now = context.now();
  const at = (seconds: number) => new Date(Date.parse(now) + seconds * 1000).toISOString();
  const token = generateToken('access');
  return {
    token,
    session: {
      id: randomId('s_', 9),
      tokenHash: hashToken(context.secret, 'access', token),
      accountId,
      method,
      ...(passkeyId ? { passkeyId } : {}),
      startedAt: now,
      expiresAt: at(signIn.maxSessionSeconds),
      idleExpiresAt: at(signIn.idleTimeoutSeconds),
    },
  };
}

/** The answer to a successful sign-in, recorded in the global audit list (with the enrolment, when it was one). */
export async function accessGrant(context: ServerContext, token: string, session: NewSignInSession, enrolled = false): Promise<Schema<'AccessGrant'>> {
  const account = (await context.people.getAccount(session.accountId, context.now()))!;
  const { tokenHash: _hash, idleExpiresAt: _idle, ...stored } = session;
  const actor = { kind: 'person' as const, accountId: account.id, name: account.displayName };
  const passkey: Record<string, string> = session.passkeyId ? { passkeyId: session.passkeyId } : {};
  if (enrolled) await recordAuditEntry(context, { actor, action: 'passkey-enrolled', details: { accountId: account.id, ...passkey }, at: session.startedAt });
  await recordAuditEntry(context, { actor, sessionId: session.id, action: 'signed-in', details: { method: session.method, ...passkey }, at: session.startedAt });
  return { token, tokenType: 'Bearer', me: meView(context, account, stored) };
}

/** Sign-in ceremonies (passkey challenges, OpenID authorizations) one client may start per rate-limit window. */
export function signInChallengesPerClient(context: ServerContext): RateLimiter {
  const windowMs = context.config.rateLimitWindowSeconds * 1000;
  return new RateLimiter(context.store, 'sign-in-challenges-per-client', CHALLENGES_PER_CLIENT, windowMs, () => Date.parse(context.now()));
}

export async function signInRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  const { people } = context;
  const offered = () => passkeysOffered(context);
  const signedIn = () => signInOffered(context);
  const challengesPerClient = signInChallengesPerClient(context);
  const expiresAt = () => new Date(Date.parse(context.now()) + CEREMONY_SECONDS * 1000).toISOString();

  const attempt = <T>(request: FastifyRequest, method: string, work: () => Promise<T>) => attemptSignIn(context, request, method, work);

  defineOperation(
    app,
    context,
    'startPasskeySignIn',
    async ({ request, reply }) => {
      const client = clientKey(context, request);
      await takeRateLimit(challengesPerClient, client);
      const { rpId } = relyingParty(context);
      const options = await generateAuthenticationOptions({ rpID: rpId, allowCredentials: [], userVerification: 'required', timeout: BROWSER_TIMEOUT_MS });
      const ceremony = { id: randomId('ch_', 12), kind: 'sign-in' as const, challenge: options.challenge, expiresAt: expiresAt() };
      await people.createCeremony(ceremony);
      const answer: Schema<'PasskeyChallenge'> = {
        challengeId: ceremony.id,
        expiresAt: ceremony.expiresAt,
        publicKey: {
          challenge: options.challenge,
          timeout: BROWSER_TIMEOUT_MS,
          rpId,
          allowCredentials: [],
          userVerification: 'required',
          // The console derives the key that unwraps the organisation's key from this; the output stays in the browser.
          ...(wrappedKeysOffered(context) ? { extensions: { prf: { eval: { first: PRF_INPUT } } } } : {}),
        },
      };
      return reply.code(201).send(answer);
    },
    { offered },
  );

  defineOperation(
    app,
    context,
    'finishPasskeySignIn',
    async ({ request, reply, body }) => {
      const { challengeId, credential } = body;
      const grant = await attempt(request, 'passkey', async () => {
        const ceremony = await people.takeCeremony(challengeId, 'sign-in', context.now());
        if (!ceremony) throw new SignInFailure('unknown-challenge');
        const passkey = await people.findPasskey(credential.id);
        if (!passkey) throw new SignInFailure('unknown-passkey');
        const userHandle = credential.response.userHandle;
        if (userHandle !== undefined && Buffer.from(userHandle, 'base64url').toString('utf8') !== passkey.accountId) {
          throw new SignInFailure('other-account');
        }
        const { rpId, origins } = relyingParty(context);
        let verification;
        try {
          verification = await verifyAuthenticationResponse({
            response: credential,
            expectedChallenge: ceremony.challenge,
            expectedOrigin: origins,
            expectedRPID: rpId,
            requireUserVerification: true,
            credential: { id: passkey.id, publicKey: new Uint8Array(passkey.publicKey), counter: passkey.signCount },
          });
        } catch {
          throw new SignInFailure('not-verified');
        }
        if (!verification.verified) throw new SignInFailure('not-verified');
        const { token, session } = newSession(context, passkey.accountId, 'passkey', passkey.id);
        const stored = await people.signInWithPasskey(passkey.id, passkey.signCount, verification.authenticationInfo.newCounter, session);
        if (!stored) throw new SignInFailure('account-inactive');
        return accessGrant(context, token, session);
      });
      return reply.code(201).send(grant);
    },
    { offered },
  );

  defineOperation(
    app,
    context,
    'startEnrolment',
    async ({ request, reply, body }) => {
      const { invitationCode } = body;
      const challenge = await attempt(request, 'enrolment', async () => {
        const codeHash = hashTypedInvitation(context.secret, invitationCode);
        const accountId = codeHash && (await people.invitedAccount(codeHash, context.now()));
        if (!codeHash || !accountId) throw new SignInFailure('unknown-invitation');
        const account = (await people.getAccount(accountId, context.now()))!;
        const { rpId } = relyingParty(context);
        const options = await generateRegistrationOptions({
          rpName: context.config.organisation.name,
          rpID: rpId,
          userName: account.email ?? account.displayName,
          userID: new TextEncoder().encode(account.id),
          userDisplayName: account.displayName,
          timeout: BROWSER_TIMEOUT_MS,
          attestationType: 'none',
          excludeCredentials: account.passkeys.map((passkey) => ({ id: passkey.id, ...(passkey.transports.length ? { transports: passkey.transports } : {}) })),
          authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
          supportedAlgorithmIDs: ALGORITHMS,
        });
        const ceremony = { id: randomId('en_', 12), kind: 'enrolment' as const, challenge: options.challenge, accountId, invitationHash: codeHash, expiresAt: expiresAt() };
        await people.createCeremony(ceremony);
        const answer: Schema<'EnrolmentChallenge'> = {
          enrolmentId: ceremony.id,
          expiresAt: ceremony.expiresAt,
          account: { displayName: account.displayName },
          publicKey: {
            challenge: options.challenge,
            rp: { id: rpId, name: options.rp.name },
            user: { id: options.user.id, name: options.user.name, displayName: options.user.displayName },
            pubKeyCredParams: options.pubKeyCredParams.map(({ type, alg }) => ({ type, alg })),
            timeout: BROWSER_TIMEOUT_MS,
            excludeCredentials: account.passkeys.map((passkey) => ({
              id: passkey.id,
              type: 'public-key' as const,
              ...(passkey.transports.length ? { transports: passkey.transports } : {}),
            })),
            authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
            attestation: 'none',
            ...(wrappedKeysOffered(context) ? { extensions: { prf: {} } } : {}),
          },
        };
        return answer;
      });
      return reply.code(201).send(challenge);
    },
    { offered },
  );

  defineOperation(
    app,
    context,
    'finishEnrolment',
    async ({ request, reply, body }) => {
      const { enrolmentId, credential, passkeyName } = body;
      const grant = await attempt(request, 'enrolment', async () => {
        const ceremony = await people.takeCeremony(enrolmentId, 'enrolment', context.now());
        if (!ceremony?.accountId || !ceremony.invitationHash) throw new SignInFailure('unknown-enrolment');
        const { rpId, origins } = relyingParty(context);
        let verification;
        try {
          verification = await verifyRegistrationResponse({
            response: credential,
            expectedChallenge: ceremony.challenge,
            expectedOrigin: origins,
            expectedRPID: rpId,
            requireUserVerification: true,
            supportedAlgorithmIDs: ALGORITHMS,
          });
        } catch {
          throw new SignInFailure('not-verified');
        }
        if (!verification.verified || !verification.registrationInfo) throw new SignInFailure('not-verified');
        const registered = verification.registrationInfo.credential;
        const now = context.now();
        const { token, session } = newSession(context, ceremony.accountId, 'passkey', registered.id);
        const enrolled = await people.enrol(
          {
            id: registered.id,
            accountId: ceremony.accountId,
            name: passkeyName ?? `Passkey ${now.slice(0, 10)}`,
            publicKey: Buffer.from(registered.publicKey),
            signCount: registered.counter,
            transports: (credential.response.transports ?? []).filter((transport) => /^[a-z-]{1,32}$/.test(transport)),
            createdAt: now,
          },
          ceremony.invitationHash,
          session,
        );
        if (!enrolled) throw new SignInFailure('invitation-used');
        return accessGrant(context, token, session, true);
      });
      return reply.code(201).send(grant);
    },
    { offered },
  );

  const authenticatePerson = (request: FastifyRequest) => authenticatePersonOnly(context, request);

  defineOperation(app, context, 'getMe', async ({ auth }) => meView(context, auth.account, auth.session), { offered: signedIn, authenticate: authenticatePerson });

  defineOperation(
    app,
    context,
    'signOut',
    async ({ auth, reply, request }) => {
      await people.endSession(auth.session.id, context.now());
      await recordAuditEntry(context, { actor: auth.actor, sessionId: auth.sessionId, action: 'signed-out' });
      request.log.info({ signOut: auth.session.id }, 'signed out');
      return reply.code(204).send();
    },
    { offered: signedIn, authenticate: authenticatePerson },
  );
}
