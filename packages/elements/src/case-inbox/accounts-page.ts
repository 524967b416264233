import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Account, AccountRole } from '@weerbaar/sdk';
import { matchesShape, type Shape } from '../base/shape.js';
import type { CaseInboxStringKey } from './case-inbox.strings.js';
import type { ConsoleSession } from './console-session.js';
import { DrillPanel, drillView } from './drill-panel.js';
import type { InboxContext } from './inbox-context.js';

const accountRoles = ['handler', 'admin', 'auditor'] as const satisfies readonly AccountRole[];
const accountShape: Shape = { accountId: 's', displayName: 's', roles: ['s'], active: 'b', 'invitationPending?': 'b' };
const accountListShape: Shape = { items: [accountShape] };
const invitedShape: Shape = { account: accountShape, 'invitation?': { code: 's', 'enrolmentUrl?': 's' } };

/** What the page says after an action: a live status line (or an alert when it failed). */
type Notice = { kind: 'done' | 'failed'; text: string };

/**
 * Accounts for admins, with the API the people operations already have: invite with a role (the
 * invitation link shown once, to copy), change a role, revoke (`active: false`, which also signs
 * the person out). The link is in this page's memory until the page is left, never stored.
 */
export class AccountsPage {
  accounts: Account[] = [];
  status: 'loading' | 'ready' | 'error' = 'loading';
  notice: Notice | undefined;
  /** The invitation just made: shown once. */
  invitation: { name: string; link: string } | undefined;
  copied = false;
  busy = false;
  /** The protocol drill, on this page because it is the admins' page. */
  readonly drill: DrillPanel;
  readonly #host: ReactiveControllerHost;
  readonly #session: ConsoleSession;
  readonly #focus: (selector: string) => void;

  constructor(host: ReactiveControllerHost, session: ConsoleSession, focus: (selector: string) => void) {
    this.#host = host;
    this.#session = session;
    this.#focus = focus;
    this.drill = new DrillPanel(host, session, focus);
  }

  async load(): Promise<void> {
    this.status = 'loading';
    this.#host.requestUpdate();
    try {
      const list = await this.#session.call(this.#session.generation, (client) => client.listAccounts());
      if (list === undefined) return;
      if (!matchesShape(list, accountListShape)) throw new Error('The backend answered accounts in a shape the console cannot show.');
      this.accounts = list.items;
      this.status = 'ready';
    } catch {
      this.status = 'error';
    }
    this.#host.requestUpdate();
  }

  /** Runs one change; on success the list is read again, on failure the page says so. */
  async #change(run: () => Promise<string | undefined>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.notice = undefined;
    this.#host.requestUpdate();
    try {
      const done = await run();
      await this.load();
      // Said once the list shows the change, and the page can be used again.
      this.busy = false;
      if (done) this.notice = { kind: 'done', text: done };
    } catch {
      this.notice = { kind: 'failed', text: '' };
      this.#focus('[part="notice"]');
    }
    this.busy = false;
    this.#host.requestUpdate();
  }

  invite(name: string, role: AccountRole): Promise<void> {
    return this.#change(async () => {
      const invited = await this.#session.call(this.#session.generation, (client) => client.inviteAccount({ displayName: name, roles: [role] }));
      if (invited === undefined) return undefined;
      if (!matchesShape(invited, invitedShape)) throw new Error('The backend answered the invitation in a shape the console cannot show.');
      // Without an advertised console, the link leads to this page, which takes the code from its fragment as any console does.
      const code = invited.invitation?.code;
      const link = invited.invitation?.enrolmentUrl ?? (code ? `${location.origin}${location.pathname}#uitnodiging=${encodeURIComponent(code)}` : undefined);
      this.invitation = link ? { name: invited.account.displayName, link } : undefined;
      this.copied = false;
      this.#focus('#invitation-link');
      return undefined;
    });
  }

  copyInvitation(): void {
    const link = this.invitation?.link;
    if (!link) return;
    void navigator.clipboard?.writeText(link).then(
      () => {
        this.copied = true;
        this.#host.requestUpdate();
      },
      () => undefined,
    );
  }

  setRole(context: InboxContext, account: Account, role: AccountRole): Promise<void> {
    return this.#change(async () => {
      await this.#session.call(this.#session.generation, (client) => client.updateAccount(account.accountId, { roles: [role] }));
      return context.text('roleChanged', { name: account.displayName });
    });
  }

  revoke(context: InboxContext, account: Account): Promise<void> {
    return this.#change(async () => {
      await this.#session.call(this.#session.generation, (client) => client.updateAccount(account.accountId, { active: false }));
      this.#focus('[part="notice"]');
      return context.text('revoked', { name: account.displayName });
    });
  }
}

const roleKey = (role: string) => `accountRole-${role}` as CaseInboxStringKey;

function roleText(context: InboxContext, roles: readonly string[]): string {
  return roles.map((role) => ((accountRoles as readonly string[]).includes(role) ? context.text(roleKey(role)) : role)).join(', ');
}

function inviteForm(context: InboxContext, page: AccountsPage): TemplateResult {
  const { text } = context;
  const submit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const name = form.querySelector<HTMLInputElement>('#invite-name')!;
    const role = form.querySelector<HTMLSelectElement>('#invite-role')!.value;
    const chosen = accountRoles.find((value) => value === role);
    if (!name.value.trim() || !chosen) {
      name.setCustomValidity(text('inviteNameMissing'));
      name.reportValidity();
      return;
    }
    void page.invite(name.value.trim().slice(0, 200), chosen).then(() => (name.value = ''));
  };
  return html`<section aria-labelledby="invite-heading">
    ${context.heading(1, html`<span id="invite-heading">${text('inviteHeading')}</span>`)}
    <form class="row" @submit=${submit}>
      <div class="field">
        <label for="invite-name">${text('inviteName')}</label>
        <input id="invite-name" type="text" maxlength="200" autocomplete="off" required @input=${(event: Event) => (event.target as HTMLInputElement).setCustomValidity('')} />
      </div>
      <div class="field">
        <label for="invite-role">${text('inviteRole')}</label>
        <select id="invite-role">
          ${accountRoles.map((role) => html`<option value=${role}>${text(roleKey(role))}</option>`)}
        </select>
      </div>
      <div class="field"><button type="submit" part="invite-button" ?disabled=${page.busy}>${text('inviteButton')}</button></div>
    </form>
    ${page.invitation
      ? html`<div class="invitation" part="invitation">
          <p>${text('invited', { name: page.invitation.name })}</p>
          <div class="field">
            <label for="invitation-link">${text('invitationLink')}</label>
            <input id="invitation-link" type="text" readonly .value=${page.invitation.link} @focus=${(event: Event) => (event.target as HTMLInputElement).select()} />
          </div>
          <p>
            <button type="button" class="secondary" part="copy-button" @click=${() => page.copyInvitation()}>${text('copy')}</button>
            <span role="status">${page.copied ? text('copied') : ''}</span>
          </p>
        </div>`
      : nothing}
  </section>`;
}

function accountRow(context: InboxContext, page: AccountsPage, account: Account, me: string | undefined): TemplateResult {
  const { text } = context;
  const single = account.roles.length === 1 ? account.roles[0] : undefined;
  const state = !account.active ? text('accountRevoked') : account.invitationPending ? text('accountInvited') : text('accountActive');
  const onRole = (event: Event) => {
    const role = accountRoles.find((value) => value === (event.target as HTMLSelectElement).value);
    if (role) void page.setRole(context, account, role);
  };
  return html`<tr>
    <th scope="row">${account.displayName}</th>
    <td>
      ${account.active && account.accountId !== me
        ? html`<select aria-label=${text('roleFor', { name: account.displayName })} ?disabled=${page.busy} @change=${onRole}>
            ${single ? nothing : html`<option value="" selected>${roleText(context, account.roles)}</option>`}
            ${accountRoles.map((role) => html`<option value=${role} ?selected=${single === role}>${text(roleKey(role))}</option>`)}
          </select>`
        : roleText(context, account.roles)}
    </td>
    <td>${state}</td>
    <td>
      ${account.active && account.accountId !== me
        ? html`<button type="button" class="secondary" part="revoke-button" aria-label=${text('revokeFor', { name: account.displayName })} ?disabled=${page.busy} @click=${() => page.revoke(context, account)}>
            ${text('revoke')}
          </button>`
        : nothing}
    </td>
  </tr>`;
}

/** The accounts page: invite, then every account with its role and state. */
export function accountsView(context: InboxContext, page: AccountsPage, me: string | undefined): TemplateResult {
  const { text } = context;
  return html`${context.heading(0, text('accountsHeading'))}
    <p>${text('accountsIntro')}</p>
    ${inviteForm(context, page)}
    ${page.notice?.kind === 'failed'
      ? html`<p class="notice" part="notice" role="alert" tabindex="-1">${text('accountsError')}</p>`
      : html`<p role="status" part="notice" class="status" tabindex="-1">${page.notice?.text ?? (page.status === 'loading' ? text('accountsLoading') : '')}</p>`}
    ${page.status === 'error' ? html`<p>${text('accountsError')}</p>` : nothing}
    <div class="table-scroll">
      <table class="accounts">
        <caption>${text('accountsCaption')}</caption>
        <thead>
          <tr><th scope="col">${text('accountName')}</th><th scope="col">${text('accountRole')}</th><th scope="col">${text('accountState')}</th><th scope="col">${text('accountActions')}</th></tr>
        </thead>
        <tbody>${page.accounts.map((account) => accountRow(context, page, account, me))}</tbody>
      </table>
    </div>
    ${drillView(context, page.drill)}`;
}
