import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AccessGrant, Discovery, Me } from '@weerbaar/sdk';
import type { PasskeyAuthenticator, WeerbaarHandlerClient } from '@weerbaar/sdk/handler';
import { matchesShape, type Shape } from '../base/shape.js';
import { createCaseKeyring, type CaseKeyring } from '../case-view/keyring.js';

/** Signed in people are locked out after this long without a key press or a click (15 minutes), or sooner when the backend says so. */
export const defaultIdleSeconds = 900;

const grantShape: Shape = { token: 's', me: { account: { accountId: 's', displayName: 's', roles: ['s'] } } };
// Discovery as far as the console reads it; a backend that advertises nothing usable gets "cannot be reached".
const discoveryShape: Shape = { capabilities: { 'caseManagement?': { 'signIn?': { 'passkey?': {}, 'oidc?': { displayName: 's' } }, 'idleTimeoutSeconds?': 'n' } } };

/**
 * The handler SDK, loaded when the console starts: a lazy chunk, like every SDK import of the
 * elements, so that the entry itself holds no network code.
 */
export const handlerSdk = () => import('@weerbaar/sdk/handler');

/** Where the console is with signing in. */
export type SessionState = 'starting' | 'sign-in' | 'enrol' | 'signed-in';
/** Why the sign-in screen shows: a message above the button. */
export type LockReason = 'idle' | 'signed-out' | 'session-ended' | 'failed' | 'rate-limited' | 'enrol-failed' | 'unsupported';

export interface Session {
  client: WeerbaarHandlerClient;
  me: Me;
}

/** The console element as the session sees it: the backend's address and the page's choices. */
export interface ConsoleHost extends ReactiveControllerHost, HTMLElement {
  readonly api: string | undefined;
  readonly idleTimeout: number | undefined;
  readonly authenticator: PasskeyAuthenticator | undefined;
  /** Where the OpenID provider sends the browser back to; the backend's default (its console) when unset. */
  readonly oidcRedirectUri: string | undefined;
}

/** What the console does when the session changes. */
export interface SessionEvents {
  /** Someone signed in: the first screen can load (`generation` is the session's, for `call`). */
  signedIn(generation: number): void;
  /** The session ended or was replaced: everything shown with it must go. */
  wiped(): void;
  /** Where focus goes after the next render (a selector in the console's shadow root). */
  focus(selector: string): void;
}

/** What an OpenID provider adds to the address it sends the browser back to (RFC 6749, RFC 9207, OpenID session management). */
const oidcReturnParameters = ['code', 'state', 'iss', 'error', 'error_description', 'error_uri', 'session_state'];

/** The status code of an SDK error, if it is an answer of the backend. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Signing in and staying signed in: discovery, the invitation code from the address, passkey
 * sign-in and enrolment, the idle lock, and signing out. The access token and the organisation's
 * key (the keyring) live in this controller's memory only, and every lock forgets them.
 */
export class ConsoleSession implements ReactiveController {
  state: SessionState = 'starting';
  lockReason: LockReason | undefined;
  busy = false;
  /** What the backend advertises, when it answered in a shape the console reads. */
  discovery: Discovery | undefined;
  current: Session | undefined;
  /** The organisation's private key for this session (memory only), shared by every case opened. */
  keyring: CaseKeyring | undefined;
  /** Bumped on every sign-in, lock and list change, so late answers of an earlier state are dropped. */
  generation = 0;
  #invitationCode: string | undefined;
  /** The address the OpenID provider sent the browser back to (with its code), until sign-in is finished. */
  #oidcReturn: string | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #host: ConsoleHost;
  readonly #events: SessionEvents;

  constructor(host: ConsoleHost, events: SessionEvents) {
    this.#host = host;
    this.#events = events;
    host.addController(this);
  }

  hostConnected(): void {
    this.#takeInvitationFromAddress();
    this.#takeOidcReturnFromAddress();
    this.#host.addEventListener('keydown', this.#activity);
    this.#host.addEventListener('pointerdown', this.#activity);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('keydown', this.#activity);
    this.#host.removeEventListener('pointerdown', this.#activity);
    this.#wipe();
  }

  /** A new generation: answers that arrive for an earlier one are dropped. */
  nextGeneration(): number {
    return ++this.generation;
  }

  /**
   * The invitation code travels in the address's fragment, which no browser sends to a server. It
   * is removed from the address bar and the history entry at once, then kept in memory only.
   */
  #takeInvitationFromAddress(): void {
    const fragment = new URLSearchParams(location.hash.slice(1));
    const code = fragment.get('uitnodiging');
    if (!code) return;
    this.#invitationCode = code;
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  }

  /**
   * The OpenID provider sends the browser back with `code` and `state` (or `error`) in the query: the
   * address is kept in memory until sign-in is finished and the parameters leave the address bar and
   * the history entry at once, so a reload or a shared link never carries them.
   */
  #takeOidcReturnFromAddress(): void {
    const query = new URLSearchParams(location.search);
    if (!query.has('state') || !(query.has('code') || query.has('error'))) return;
    this.#oidcReturn = location.href;
    for (const name of oidcReturnParameters) query.delete(name);
    const rest = query.toString();
    history.replaceState(history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
  }

  /** Reads discovery from a (new) backend and shows the sign-in or enrolment screen. */
  async start(api: string): Promise<void> {
    const generation = this.nextGeneration();
    this.#wipe();
    this.discovery = undefined;
    this.#show('starting');
    try {
      // Discovery needs no credentials: the client's token is not sent for it.
      const { createHandlerClient } = await handlerSdk();
      const discovery = await createHandlerClient({ baseUrl: api, token: '' }).discover();
      if (generation !== this.generation) return;
      this.discovery = matchesShape(discovery, discoveryShape) ? discovery : undefined;
    } catch {
      if (generation !== this.generation) return;
    }
    const oidcReturn = this.#oidcReturn;
    this.#oidcReturn = undefined;
    this.#show(this.#invitationCode ? 'enrol' : 'sign-in');
    if (oidcReturn) void this.#finishOidcSignIn(api, oidcReturn);
  }

  #show(state: SessionState): void {
    this.state = state;
    this.#host.requestUpdate();
  }

  get idleSeconds(): number {
    const backend = this.discovery?.capabilities.caseManagement?.idleTimeoutSeconds ?? defaultIdleSeconds;
    const page = this.#host.idleTimeout ?? defaultIdleSeconds;
    return Math.max(1, Math.min(Number.isFinite(backend) ? backend : defaultIdleSeconds, Number.isFinite(page) ? page : defaultIdleSeconds));
  }

  readonly #activity = (): void => {
    if (this.current) this.#armIdleLock();
  };

  #armIdleLock(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => this.lock('idle'), this.idleSeconds * 1000);
  }

  /** Forgets the session and everything shown with it. */
  #wipe(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    this.current = undefined;
    this.keyring?.clear();
    this.keyring = undefined;
    this.#events.wiped();
  }

  /** Back to the sign-in screen: the token is revoked (best effort) and forgotten with all content. */
  lock(reason: LockReason): void {
    const client = this.current?.client;
    this.nextGeneration();
    this.#wipe();
    if (client && reason !== 'session-ended') void client.signOut().catch(() => undefined);
    this.lockReason = reason;
    this.busy = false;
    this.#show('sign-in');
    this.#events.focus('[part="notice"]');
  }

  async signIn(): Promise<void> {
    const api = this.#host.api;
    if (!api || this.busy) return;
    this.#beginCeremony();
    const keyring = createCaseKeyring();
    try {
      const { signInWithPasskey } = await handlerSdk();
      const grant = await signInWithPasskey({ baseUrl: api, ...this.#ceremonyOptions(keyring) });
      await this.#begin(grant, keyring);
    } catch (error) {
      keyring.clear();
      this.#signInFailed(error, 'failed');
    }
  }

  async enrol(passkeyName: string): Promise<void> {
    const api = this.#host.api;
    const code = this.#invitationCode;
    if (!api || !code || this.busy) return;
    this.#beginCeremony();
    const keyring = createCaseKeyring();
    try {
      const { enrolPasskey } = await handlerSdk();
      const grant = await enrolPasskey(code, { baseUrl: api, ...(passkeyName ? { passkeyName } : {}), ...this.#ceremonyOptions(keyring) });
      this.#invitationCode = undefined;
      await this.#begin(grant, keyring);
    } catch (error) {
      keyring.clear();
      // A used or expired invitation stays useless: offer signing in instead.
      this.#invitationCode = undefined;
      this.#signInFailed(error, 'enrol-failed');
    }
  }

  /** Sends the browser to the organisation's OpenID provider (discovery `signIn.oidc`); it comes back to the console. */
  async startOidcSignIn(): Promise<void> {
    const api = this.#host.api;
    if (!api || this.busy) return;
    this.#beginCeremony();
    try {
      const { startOidcSignIn } = await handlerSdk();
      // A path (the hosted pages give one) is on this page's origin; the backend checks the whole address.
      const redirectUri = this.#host.oidcRedirectUri ? new URL(this.#host.oidcRedirectUri, location.href).href : undefined;
      const { authorizationUrl } = await startOidcSignIn({ baseUrl: api, ...(redirectUri ? { redirectUri } : {}) });
      // Only a provider's https address: a backend's `javascript:` or other scheme would run in this page.
      if (new URL(authorizationUrl).protocol !== 'https:') throw new Error('The backend answered a sign-in address that is not https.');
      location.assign(authorizationUrl);
    } catch (error) {
      this.#signInFailed(error, 'failed');
    }
  }

  /** Finishes signing in with the code the provider sent the browser back with (a refusal at the provider fails here too). */
  async #finishOidcSignIn(api: string, address: string): Promise<void> {
    this.#beginCeremony();
    try {
      const { finishOidcSignIn, oidcCallbackFrom } = await handlerSdk();
      const callback = oidcCallbackFrom(address);
      if (!callback) throw new Error('The OpenID provider sent the browser back without a code.');
      await this.#begin(await finishOidcSignIn(callback, { baseUrl: api }));
    } catch (error) {
      this.#signInFailed(error, 'failed');
    }
  }

  /**
   * The page's authenticator when it gave one; else the browser's passkeys, whose PRF output (when
   * the backend asks for it: wrapped keys) goes straight into the session's keyring, so a sealed
   * case opens right after sign-in without the key file or a second touch of the passkey.
   */
  #ceremonyOptions(keyring: CaseKeyring): { authenticator: PasskeyAuthenticator } | { onPrfOutput: (output: ArrayBuffer) => void } {
    const authenticator = this.#host.authenticator;
    return authenticator ? { authenticator } : { onPrfOutput: (output) => keyring.acceptPrfOutput(output) };
  }

  #beginCeremony(): void {
    this.busy = true;
    this.lockReason = undefined;
    // The button is disabled while busy, which would drop focus on the page: it waits on the screen's heading.
    this.#events.focus('[part="heading"]');
    this.#host.requestUpdate();
  }

  #signInFailed(error: unknown, reason: LockReason): void {
    this.busy = false;
    const status = statusOf(error);
    this.lockReason = status === 429 ? 'rate-limited' : status === undefined && /WebAuthn|passkeys/.test(String((error as Error)?.message)) ? 'unsupported' : reason;
    this.#show('sign-in');
    this.#events.focus('[part="notice"]');
  }

  async #begin(grant: AccessGrant, keyring = createCaseKeyring()): Promise<void> {
    const api = this.#host.api;
    if (!api || !matchesShape(grant, grantShape)) {
      keyring.clear();
      this.#signInFailed(undefined, 'failed');
      return;
    }
    const generation = this.nextGeneration();
    const { createHandlerClient } = await handlerSdk();
    this.current = { client: createHandlerClient({ baseUrl: api, token: grant.token }), me: grant.me };
    this.keyring = keyring;
    this.busy = false;
    this.lockReason = undefined;
    this.#show('signed-in');
    this.#armIdleLock();
    this.#events.focus('[part="heading"]');
    this.#events.signedIn(generation);
  }

  /** Runs a call with the session's client; a 401 locks the console (the backend ended the session). */
  async call<T>(generation: number, run: (client: WeerbaarHandlerClient) => Promise<T>): Promise<T | undefined> {
    const session = this.current;
    if (!session) return undefined;
    try {
      const result = await run(session.client);
      return generation === this.generation ? result : undefined;
    } catch (error) {
      if (generation === this.generation && statusOf(error) === 401) this.lock('session-ended');
      throw error;
    }
  }
}
