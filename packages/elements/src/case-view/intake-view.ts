import { html, nothing, type TemplateResult } from 'lit';
import type { IntakeReceipt, IntakeRequest } from '@weerbaar/sdk';
import * as fieldLimits from '@weerbaar/sdk/field-limits';
import { isReportForm, type ReportForm } from './case-data.js';
import { dateInWords, fieldError, fieldProblem, notice, submitted, textField, type CaseContext } from './case-context.js';
import type { CaseViewStringKey } from './case-view.strings.js';

type Channel = IntakeRequest['channel'];
const channels: readonly Channel[] = ['meeting', 'phone', 'other'];
/** The report form's ids, when the form cannot be read (its labels are then the ids in words of this view). */
const fallbackRoles = ['civil-servant', 'administrator', 'council-member', 'other'] as const;
const fallbackCategories = ['threat-intimidation', 'bribery', 'infiltration', 'undue-pressure', 'other'] as const;

/** Now, to the minute, as a `datetime-local` value in this browser's time zone. */
function nowLocal(): string {
  const now = new Date();
  now.setSeconds(0, 0);
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

const freshChoice = () => ({ channel: 'meeting' as Channel, heldAt: nowLocal(), role: '', category: '', concernsReceiver: false, description: '', minutes: '' });

/**
 * Recording an oral report (a meeting or a phone call): how and when it was made, what it is about,
 * what the reporter said and the first draft of the minutes, which the reporter reads with their
 * receipt and approves or corrects. The recorder is assigned to the case the backend makes; the view
 * then opens that case, with the receipt to give the reporter on the spot.
 */
export class IntakeView {
  #choice = freshChoice();
  #form: ReportForm | undefined;
  #formLang = '';
  #busy = false;

  constructor(
    private readonly context: CaseContext,
    private readonly opened: (receipt: IntakeReceipt) => void,
  ) {}

  /** Off the page: nothing written is kept. */
  reset(): void {
    this.#choice = freshChoice();
    this.#busy = false;
  }

  /** The report form's roles and categories in the view's language, read once a language. */
  async #loadForm(): Promise<void> {
    const { context } = this;
    if (this.#formLang === context.locale) return;
    this.#formLang = context.locale;
    const form = await context.client.getReportForm({ lang: context.locale }).catch(() => undefined);
    this.#form = isReportForm(form) ? form : undefined;
    context.requestUpdate();
  }

  async #record(): Promise<void> {
    const { context } = this;
    const choice = this.#choice;
    const heldAt = new Date(choice.heldAt);
    const problem: [CaseViewStringKey, string] | undefined = Number.isNaN(heldAt.getTime()) || heldAt.getTime() > Date.now()
      ? ['intakeHeldAtMissing', 'intake-held-at']
      : !choice.role
        ? ['intakeRoleMissing', 'intake-role']
        : !choice.category
          ? ['intakeCategoryMissing', 'intake-category']
          : !choice.description.trim()
            ? ['intakeDescriptionMissing', 'intake-description']
            : !choice.minutes.trim()
              ? ['intakeMinutesMissing', 'intake-minutes']
              : undefined;
    if (problem) return fieldProblem(context, 'intake', problem[0], problem[1]);
    if (this.#busy) return;
    this.#busy = true;
    try {
      const receipt = await context.client.recordIntake({
        channel: choice.channel,
        heldAt: heldAt.toISOString(),
        role: choice.role as IntakeRequest['role'],
        category: choice.category as IntakeRequest['category'],
        locale: context.locale,
        ...(choice.concernsReceiver ? { concernsReceiver: true } : {}),
        content: { description: choice.description.trim() },
        minutes: { body: choice.minutes.trim() },
      });
      this.reset();
      context.notices.delete('intake');
      this.opened(receipt);
    } catch (error) {
      this.#busy = false;
      if (context.sessionEnded(error)) return;
      context.notices.set('intake', { text: context.t('actionFailed'), error: true });
      context.requestUpdate();
    }
  }

  /** The receipt of the oral report just recorded: to give the reporter now; it is shown this once. */
  receipt(receipt: IntakeReceipt): TemplateResult {
    const { context } = this;
    const { t } = context;
    return html`<section class="key" aria-labelledby="intake-receipt-heading" part="intake-receipt">
      ${context.heading(1, t('intakeReceiptHeading'), 'intake-receipt-heading')}
      <p>${t('intakeReceiptIntro')}</p>
      <p class="quote" aria-label=${t('intakeReceiptLabel')}><strong>${receipt.receipt}</strong></p>
      <p>${t('intakeReceiptNext', { date: dateInWords(context, receipt.acknowledgeDueAt) })}</p>
    </section>`;
  }

  render(): TemplateResult {
    const { context } = this;
    const { t } = context;
    void this.#loadForm();
    const choice = this.#choice;
    const form = this.#form;
    const roles = form?.roles ?? fallbackRoles.map((id) => ({ id, label: id }));
    const categories = form?.categories ?? fallbackCategories.map((id) => ({ id, label: id }));
    const update = () => context.requestUpdate();
    const select = (id: string, label: CaseViewStringKey, value: string, items: readonly { id: string; label: string }[], onChange: (value: string) => void) => {
      const invalid = fieldError(context, 'intake', id);
      return html`<div class="field ${invalid ? 'invalid' : ''}">
        <label for=${id}>${t(label)}</label>
        <select id=${id} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby="intake-notice" @change=${(event: Event) => onChange((event.target as HTMLSelectElement).value)}>
          ${value === '' ? html`<option value="" selected>${t('intakeChoose')}</option>` : nothing}
          ${items.map((item) => html`<option value=${item.id} ?selected=${item.id === value}>${item.label}</option>`)}
        </select>
      </div>`;
    };
    return html`<section aria-labelledby="case-heading">
      <p>${t('intakeIntro')}</p>
      <form novalidate @submit=${submitted(() => this.#record())}>
        ${select(
          'intake-channel',
          'intakeChannel',
          choice.channel,
          channels.map((id) => ({ id, label: t(`channel-${id}`) })),
          (value) => (choice.channel = value as Channel),
        )}
        ${textField(context, 'intake', 'intake-held-at', 'intakeHeldAt', choice.heldAt, (value) => (choice.heldAt = value), { type: 'datetime-local' })}
        ${select('intake-role', 'intakeRole', choice.role, roles, (value) => ((choice.role = value), update()))}
        ${select('intake-category', 'intakeCategory', choice.category, categories, (value) => ((choice.category = value), update()))}
        <div class="field option">
          <input
            type="checkbox"
            id="intake-concerns-receiver"
            aria-describedby="intake-concerns-receiver-hint"
            .checked=${choice.concernsReceiver}
            @change=${(event: Event) => (choice.concernsReceiver = (event.target as HTMLInputElement).checked)}
          />
          <label for="intake-concerns-receiver">${t('intakeConcernsReceiver')}</label>
          <p class="hint" id="intake-concerns-receiver-hint">${t('intakeConcernsReceiverHint')}</p>
        </div>
        ${textField(context, 'intake', 'intake-description', 'intakeDescription', choice.description, (value) => (choice.description = value), {
          hint: 'intakeDescriptionHint',
          rows: 6,
          maxLength: fieldLimits.ReportContent.description.maxLength,
        })}
        ${textField(context, 'intake', 'intake-minutes', 'intakeMinutes', choice.minutes, (value) => (choice.minutes = value), { hint: 'intakeMinutesHint', rows: 8, maxLength: 20_000 })}
        ${notice(context, 'intake')}
        <button type="submit" id="intake-button" part="intake-button">${t('intakeRecord')}</button>
      </form>
    </section>`;
  }
}
