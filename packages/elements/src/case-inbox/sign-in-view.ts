import { html, nothing, type TemplateResult } from 'lit';
import type { ConsoleSession, LockReason } from './console-session.js';
import type { InboxContext } from './inbox-context.js';

/** The sign-in screen, or the enrolment screen when the address carried an invitation. */
export function signInView(context: InboxContext, session: ConsoleSession): TemplateResult {
  const { text } = context;
  const enrolling = session.state === 'enrol';
  const signIn = session.discovery?.capabilities.caseManagement?.signIn;
  const oidc = signIn?.oidc;
  return html`<section class="sign-in" part="sign-in" aria-labelledby="sign-in-heading">
    ${context.heading(0, html`<span id="sign-in-heading">${text(enrolling ? 'enrolHeading' : 'signInHeading')}</span>`)}
    ${session.lockReason ? html`<p class="notice" part="notice" role="alert" tabindex="-1">${lockText(context, session, session.lockReason)}</p>` : nothing}
    ${enrolling ? enrolView(context, session) : passkeySignInView(context, session, Boolean(signIn?.passkey), Boolean(oidc))}
    ${!enrolling && oidc
      ? html`<p><button type="button" class="secondary" part="oidc-button" ?disabled=${session.busy} @click=${() => session.startOidcSignIn()}>${text('oidcButton', { provider: oidc.displayName })}</button></p>`
      : nothing}
    ${session.busy ? html`<p role="status">${text(enrolling ? 'enrolling' : 'signingIn')}</p>` : nothing}
  </section>`;
}

function passkeySignInView(context: InboxContext, session: ConsoleSession, offered: boolean, oidcOffered: boolean): TemplateResult | typeof nothing {
  const { text } = context;
  if (!session.discovery) return html`<p>${text('backendError')}</p>`;
  if (!offered) return oidcOffered ? nothing : html`<p>${text('noSignIn')}</p>`;
  return html`<p>${text('signInIntro')}</p>
    <p><button type="button" part="sign-in-button" ?disabled=${session.busy} @click=${() => session.signIn()}>${text('signInButton')}</button></p>`;
}

function enrolView(context: InboxContext, session: ConsoleSession): TemplateResult {
  const { text } = context;
  const submit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const name = (form.querySelector<HTMLInputElement>('#passkey-name')?.value ?? '').trim();
    void session.enrol(name.slice(0, 100));
  };
  return html`<p>${text('enrolIntro')}</p>
    <form @submit=${submit}>
      <div class="field">
        <label for="passkey-name">${text('passkeyName')}</label>
        <p id="passkey-name-hint" class="hint">${text('passkeyNameHint')}</p>
        <input id="passkey-name" type="text" maxlength="100" autocomplete="off" aria-describedby="passkey-name-hint" />
      </div>
      <p><button type="submit" part="enrol-button" ?disabled=${session.busy}>${text('enrolButton')}</button></p>
    </form>`;
}

function lockText(context: InboxContext, session: ConsoleSession, reason: LockReason): string {
  const { text } = context;
  switch (reason) {
    case 'idle':
      return text('lockedIdle', { minutes: Math.max(1, Math.round(session.idleSeconds / 60)) });
    case 'signed-out':
      return text('signedOut');
    case 'session-ended':
      return text('sessionEnded');
    case 'rate-limited':
      return text('signInRateLimited');
    case 'enrol-failed':
      return text('enrolFailed');
    case 'unsupported':
      return text('noPasskeySupport');
    case 'failed':
      return text('signInFailed');
  }
}
