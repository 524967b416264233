// Sign-in through the organisation's OpenID provider (caseManagement.signIn.oidc): start answers
// the provider's authorization address; finish exchanges the code the console moved from its
// address bar into a body, and signs the matching account in with the same access token as a
// passkey sign-in. No account is created here: an admin invites people first.
import type { Schema } from '@weerbaar/spec';
import type { FastifyInstance } from 'fastify';
import { oidcOffered } from '../domain/access.js';
import { OIDC_STATE_SECONDS, OidcClient, OidcRefusal, redirectUris } from '../domain/oidc.js';
import { defineOperation, type ApiRoutesOptions } from '../http/operation.js';
import { ProblemError } from '../http/problems.js';
import { clientKey, takeRateLimit } from '../security/client-key.js';
import { accessGrant, attemptSignIn, newSession, SignInFailure, signInChallengesPerClient } from './sign-in.js';

export async function oidcSignInRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  // Registered either way (an installation without a provider answers the contract's 404); the
  // handlers run only when `offered`, so the provider's settings are there then.
  const settings = () => context.config.caseManagement.signIn.oidc!;
  let client: OidcClient | undefined;
  const provider = () => (client ??= new OidcClient(settings()));
  const { people } = context;
  const offered = () => oidcOffered(context);
  const challengesPerClient = signInChallengesPerClient(context);

  defineOperation(
    app,
    context,
    'startOidcSignIn',
    async ({ request, reply, body, language }) => {
      const { redirectUri: asked } = body;
      const allowed = redirectUris(context, settings());
      if (asked !== undefined && !allowed.includes(asked)) {
        throw new ProblemError('validation', {
          errors: [{ pointer: '/redirectUri', code: 'unknown-redirect-uri', detail: language === 'en' ? 'This address is not one this server may send people back to.' : 'Naar dit adres mag deze server niemand terugsturen.' }],
        });
      }
      await takeRateLimit(challengesPerClient, clientKey(context, request));
      const redirectUri = asked ?? allowed[0]!;
      const started = await provider().start(redirectUri);
      const expiresAt = new Date(Date.parse(context.now()) + OIDC_STATE_SECONDS * 1000).toISOString();
      await people.createCeremony({
        id: started.state,
        kind: 'oidc',
        challenge: started.nonce,
        data: { codeVerifier: started.codeVerifier, redirectUri },
        expiresAt,
      });
      const answer: Schema<'OidcAuthorization'> = { authorizationUrl: started.authorizationUrl, expiresAt };
      return reply.code(201).send(answer);
    },
    { offered },
  );

  defineOperation(
    app,
    context,
    'finishOidcSignIn',
    async ({ request, reply, body }) => {
      const callback = body;
      const grant = await attemptSignIn(context, request, 'oidc', async () => {
        // Used up here, whatever happens next.
        const ceremony = await people.takeCeremony(callback.state, 'oidc', context.now());
        const codeVerifier = ceremony?.data?.codeVerifier;
        const redirectUri = ceremony?.data?.redirectUri;
        if (!ceremony || !codeVerifier || !redirectUri) throw new SignInFailure('unknown-state');
        let named: string;
        try {
          named = await provider().finish(callback, { nonce: ceremony.challenge, codeVerifier, redirectUri });
        } catch (error) {
          if (error instanceof OidcRefusal) throw new SignInFailure(error.message);
          throw error;
        }
        const accountId = settings().claim === 'email' ? await people.accountIdByEmail(named) : await people.accountIdByOidcSubject(named);
        if (!accountId) throw new SignInFailure('no-account');
        const { token, session } = newSession(context, accountId, 'oidc');
        if (!(await people.signInWithOidc(session))) throw new SignInFailure('account-inactive');
        return accessGrant(context, token, session);
      });
      return reply.code(201).send(grant);
    },
    { offered },
  );
}
