import { html, nothing, type TemplateResult } from 'lit';
import type { PersonRef } from './case-data.js';
import { fieldError, fieldProblem, notice, submitted, type CaseContext, type Loaded } from './case-context.js';
import type { CaseViewStringKey } from './case-view.strings.js';

type AccessChange = 'assign' | 'grant' | 'exclude' | 'unassign' | 'revoke' | 'liftExclusion';

/** Who has access to the case: assign, grant, exclude a colleague, take such a right back, hand over to another group. */
export class AccessView {
  #choice = { accountId: '', groupId: '' };

  constructor(private readonly context: CaseContext) {}

  /** Assigns, grants or excludes the chosen colleague; `accountId` given: takes such a right back. */
  async change(change: AccessChange, accountId = this.#choice.accountId): Promise<void> {
    const { context } = this;
    if (!accountId) return fieldProblem(context, 'access', 'accessPersonMissing', 'access-person');
    const { client, caseId } = context;
    const calls = {
      assign: client.assignCase,
      grant: client.grantCaseAccess,
      exclude: client.excludeFromCase,
      unassign: client.unassignCase,
      revoke: client.revokeCaseAccess,
      liftExclusion: client.liftCaseExclusion,
    };
    if (await context.act('access', () => calls[change](caseId, accountId), 'accessSaved')) this.#choice.accountId = '';
  }

  async #transfer(): Promise<void> {
    const { groupId } = this.#choice;
    if (groupId) await this.context.act('access', () => this.context.client.transferCase(this.context.caseId, groupId), 'accessSaved');
  }

  render({ access, groups, people }: Loaded): TemplateResult | typeof nothing {
    if (!access) return nothing;
    const { context } = this;
    const { t } = context;
    const choice = this.#choice;
    const invalid = fieldError(context, 'access', 'access-person');
    const list = (label: CaseViewStringKey, persons: readonly PersonRef[], undo: 'unassign' | 'revoke' | 'liftExclusion') =>
      html`<div class="row">
        <dt>${t(label)}</dt>
        <dd>
          ${persons.length === 0
            ? t('nobody')
            : html`<ul class="people">
                ${persons.map(
                  (person) => html`<li>
                    ${person.displayName}
                    <button type="button" class="secondary" @click=${() => void this.change(undo, person.accountId)}>
                      ${t(undo)}<span class="visually-hidden">: ${person.displayName}</span>
                    </button>
                  </li>`,
                )}
              </ul>`}
        </dd>
      </div>`;
    const otherGroups = groups?.items.filter((group) => group.groupId !== access.group.groupId) ?? [];
    return html`<section class="no-print" aria-labelledby="access-heading">
      ${context.heading(1, t('accessHeading'), 'access-heading')}
      <p>${t('accessIntro')}</p>
      <dl class="summary" part="access">
        <div class="row"><dt>${t('accessGroup')}</dt><dd>${access.group.name}</dd></div>
        ${list('accessAssignees', access.assignees, 'unassign')} ${list('accessGrants', access.grants, 'revoke')} ${list('accessExclusions', access.exclusions, 'liftExclusion')}
      </dl>
      <form novalidate @submit=${(event: SubmitEvent) => event.preventDefault()}>
        <div class="field ${invalid ? 'invalid' : ''}">
          <label for="access-person">${t('accessPerson')}</label>
          <p class="hint" id="access-person-hint">${t('excludeHint')}</p>
          <select
            id="access-person"
            aria-describedby="access-person-hint access-notice"
            aria-invalid=${invalid ? 'true' : 'false'}
            @change=${(event: Event) => (choice.accountId = (event.target as HTMLSelectElement).value)}
          >
            <option value="" ?selected=${choice.accountId === ''}>${t('accessChoose')}</option>
            ${people.map((person) => html`<option value=${person.accountId} ?selected=${person.accountId === choice.accountId}>${person.displayName}</option>`)}
          </select>
        </div>
        <div class="actions">
          <button type="button" part="assign-button" @click=${() => void this.change('assign')}>${t('assign')}</button>
          <button type="button" class="secondary" part="grant-button" @click=${() => void this.change('grant')}>${t('grant')}</button>
          <button type="button" class="secondary" part="exclude-button" @click=${() => void this.change('exclude')}>${t('exclude')}</button>
        </div>
      </form>
      ${otherGroups.length
        ? html`<form novalidate @submit=${submitted(() => this.#transfer())}>
            <div class="field">
              <label for="transfer-group">${t('transferGroup')}</label>
              <select id="transfer-group" @change=${(event: Event) => (choice.groupId = (event.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${choice.groupId === ''}>${t('transferChoose')}</option>
                ${otherGroups.map((group) => html`<option value=${group.groupId} ?selected=${group.groupId === choice.groupId}>${group.name}</option>`)}
              </select>
            </div>
            <button type="submit" class="secondary" part="transfer-button">${t('transfer')}</button>
          </form>`
        : nothing}
      ${notice(context, 'access')}
    </section>`;
  }
}
