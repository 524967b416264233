import { html, nothing, type TemplateResult } from 'lit';
import type { StatusChangeRequest } from '@weerbaar/sdk';
import { labelIn, type Case } from './case-data.js';
import { fieldError, fieldProblem, notice, submitted, textField, textFor, type CaseContext, type Loaded } from './case-context.js';
import type { CaseViewStringKey } from './case-view.strings.js';

const statuses = ['received', 'acknowledged', 'investigating', 'closed'] as const;
const outcomes = ['measures-taken', 'referred', 'no-action-needed', 'insufficient-information', 'withdrawn'] as const;

/** The status (an outcome when closing, an internal note with the change) and the organisation's substatus. */
export class StatusView {
  #choice = { status: '', outcome: '', note: '', substatus: '' };

  constructor(private readonly context: CaseContext) {}

  /** A case just read: its status and substatus chosen. */
  start(found: Case): void {
    this.#choice = { status: found.status, outcome: '', note: '', substatus: found.substatus ?? '' };
  }

  async #save(): Promise<void> {
    const { context } = this;
    const { status, outcome, note } = this.#choice;
    if (status === 'closed' && !outcome) return fieldProblem(context, 'status', 'outcomeRequired', 'status-outcome');
    const change = { status, ...(status === 'closed' ? { outcome } : {}), ...(note.trim() ? { note: note.trim() } : {}) } as StatusChangeRequest;
    if (await context.act('status', () => context.client.setStatus(context.caseId, change), 'saved')) this.#choice.note = '';
  }

  async #saveSubstatus(): Promise<void> {
    const substatus = this.#choice.substatus || null;
    await this.context.act('status', () => this.context.client.setSubstatus(this.context.caseId, substatus), 'saved');
  }

  render({ found, options, discovery }: Loaded): TemplateResult {
    const { context } = this;
    const { t } = context;
    const choice = this.#choice;
    const statusLabel = (id: string) => (options ? labelIn(options.statuses, id) : textFor(context, `status-${id}`, id));
    const outcomeLabel = (id: string) => (options ? labelIn(options.outcomes, id) : textFor(context, `outcome-${id}`, id));
    const outcomeIds = options?.outcomes.map((outcome) => outcome.id) ?? outcomes;
    const substatuses = options?.statuses.find((status) => status.id === found.status)?.substatuses ?? [];
    const invalidOutcome = fieldError(context, 'status', 'status-outcome');
    const select = (id: string, label: CaseViewStringKey, value: string, items: readonly { id: string; label: string }[], onChange: (value: string) => void, extra?: { invalid?: boolean; empty?: string }) =>
      html`<div class="field ${extra?.invalid ? 'invalid' : ''}">
        <label for=${id}>${t(label)}</label>
        <select id=${id} aria-invalid=${extra?.invalid ? 'true' : 'false'} aria-describedby="status-notice" @change=${(event: Event) => onChange((event.target as HTMLSelectElement).value)}>
          ${extra?.empty !== undefined ? html`<option value="" ?selected=${value === ''}>${extra.empty}</option>` : nothing}
          ${items.map((item) => html`<option value=${item.id} ?selected=${item.id === value}>${item.label}</option>`)}
        </select>
      </div>`;
    return html`<section class="no-print" aria-labelledby="status-heading">
      ${context.heading(1, t('statusHeading'), 'status-heading')}
      <form novalidate @submit=${submitted(() => this.#save())}>
        ${select(
          'status-choice',
          'statusLabel',
          choice.status,
          statuses.map((id) => ({ id, label: statusLabel(id) })),
          (value) => {
            choice.status = value;
            context.requestUpdate();
          },
        )}
        ${choice.status === 'closed'
          ? select('status-outcome', 'outcomeLabel', choice.outcome, outcomeIds.map((id) => ({ id, label: outcomeLabel(id) })), (value) => (choice.outcome = value), { invalid: invalidOutcome, empty: '' })
          : nothing}
        ${textField(context, 'status', 'status-note', 'statusNote', choice.note, (value) => (choice.note = value), { maxLength: 2000 })}
        <button type="submit" part="status-button">${t('saveStatus')}</button>
      </form>
      ${discovery.capabilities.caseManagement?.workflow && substatuses.length
        ? html`<form novalidate @submit=${submitted(() => this.#saveSubstatus())}>
            ${select('substatus-choice', 'substatusLabel', choice.substatus, substatuses, (value) => (choice.substatus = value), { empty: t('substatusNone') })}
            <button type="submit" class="secondary" part="substatus-button">${t('saveSubstatus')}</button>
          </form>`
        : nothing}
      ${notice(context, 'status')}
    </section>`;
  }
}
