import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { safeHref } from '../base/safe-url.js';
import { longDate } from '../base/locale.js';
import type { DialogContext } from './dialog-context.js';
import { checkboxes, type ChoiceOption } from './form-controls.js';
import { questionsFor, type FormPage } from './report-draft.js';

const labelOf = (options: readonly ChoiceOption[], id: string) => options.find((option) => option.id === id)?.label ?? id;

/** One answer on the review: what was asked, what was answered, and where it was asked. */
interface ReviewRow {
  label: string;
  value: string;
  page: FormPage;
  /** The control to focus when the person chooses to change the answer. */
  field: string;
  quote?: boolean;
}

function dayInWords(context: DialogContext, day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : longDate(context.locale, date, 'UTC');
}

/** Every answer that will be sent, in the order the form asked for them. */
function reviewRows(context: DialogContext): ReviewRow[] {
  const { t, flow } = context;
  const form = flow.form!;
  const draft = flow.draft;
  const given = (text: string) => text.trim() || t('notAnswered');
  const when = draft.when === 'date' ? dayInWords(context, draft.occurredOn) : draft.when === 'period' ? draft.occurredPeriod : t('whenUnknown');
  const rows: ReviewRow[] = [
    { label: t('summaryRole'), value: labelOf(form.roles, draft.role), page: 'about', field: 'role' },
    { label: t('summaryCategory'), value: labelOf(form.categories, draft.category), page: 'about', field: 'category' },
    { label: t('summaryDescription'), value: draft.description, page: 'what', field: 'description', quote: true },
    { label: t('summaryWhen'), value: when, page: 'what', field: 'when' },
    { label: t('summaryLocation'), value: given(draft.location), page: 'what', field: 'location' },
    { label: t('summaryInvolved'), value: given(draft.involvedParties), page: 'what', field: 'involvedParties', quote: true },
  ];
  for (const question of questionsFor(form, draft.category)) {
    const answer = draft.answers[question.id];
    const value = Array.isArray(answer)
      ? answer.map((id) => labelOf(question.options ?? [], id)).join(', ')
      : question.options
        ? labelOf(question.options, answer ?? '')
        : question.type === 'date' && answer
          ? dayInWords(context, answer)
          : (answer ?? '');
    rows.push({ label: question.label, value: given(value), page: 'questions', field: `q-${question.id}`, quote: question.type === 'textarea' });
  }
  rows.push({ label: t('summaryContact'), value: t(draft.contactable ? 'withContact' : 'anonymous'), page: 'contact', field: 'contactable' });
  if (draft.contactable) {
    for (const [field, label] of [['name', 'nameLabel'], ['email', 'emailLabel'], ['phone', 'phoneLabel']] as const) {
      if (draft[field].trim()) rows.push({ label: t(label), value: draft[field].trim(), page: 'contact', field });
    }
  }
  return rows;
}

/** The last step: every answer that will be sent with a way back to change it, the checklist signals to include or not, and the consents. */
export function reviewPage(context: DialogContext): TemplateResult {
  const { t, flow, fields, signals } = context;
  const form = flow.form!;
  const draft = flow.draft;
  const pages = flow.pages();
  // The backend's privacy statement, for consents that do not link one themselves.
  const privacyStatement = form.consents.some((consent) => consent.link?.href) ? undefined : safeHref(flow.discovery?.links?.privacyStatement);
  return html`
    ${context.heading(t('summaryHeading'), { id: 'summary-heading', depth: 1 })}
    <dl class="summary review" aria-labelledby="summary-heading">
      ${reviewRows(context).map(
        (row) => html`<div class="row">
          <dt>${row.label}</dt>
          <dd class=${row.quote ? 'quote' : ''}>${row.value}</dd>
          <dd class="change">
            <button type="button" class="link" @click=${() => flow.go({ name: 'form', page: pages.indexOf(row.page) }, `[data-field="${CSS.escape(row.field)}"]`)}>
              ${t('change')}<span class="visually-hidden">: ${row.label}</span>
            </button>
          </dd>
        </div>`,
      )}
    </dl>
    ${signals.length > 0
      ? checkboxes(
          fields,
          'includeSignals',
          '',
          [{ id: 'yes', label: signals.length === 1 ? t('signalsLabelOne') : t('signalsLabel', { count: signals.length }), hint: t('signalsHint') }],
          draft.includeSignals ? ['yes'] : [],
          (value) => flow.update('includeSignals', value.includes('yes')),
        )
      : nothing}
    ${form.consents.length > 0
      ? html`<fieldset>
          <legend>${t('consentsLegend')}</legend>
          ${privacyStatement ? html`<p class="hint"><a href=${privacyStatement} target="_blank" rel="noopener noreferrer" part="privacy-link">${t('privacyLink')}</a></p>` : nothing}
          ${form.consents.map((consent) => {
            const field = `consent-${consent.id}`;
            const problem = flow.problemFor(field);
            const link = safeHref(consent.link?.href);
            return html`<div class="option">
              ${problem ? html`<p id="${field}-error" class="field-error">${problem.message}</p>` : nothing}
              <input
                type="checkbox"
                id=${field}
                data-field=${field}
                .checked=${live(draft.consents.includes(consent.id))}
                aria-invalid=${problem ? 'true' : 'false'}
                aria-describedby=${ifDefined(problem ? `${field}-error` : undefined)}
                @change=${(event: Event) => {
                  const checked = (event.target as HTMLInputElement).checked;
                  flow.update('consents', checked ? [...flow.draft.consents, consent.id] : flow.draft.consents.filter((id) => id !== consent.id));
                }}
              />
              <label for=${field}>${consent.text}${consent.required ? nothing : html` ${t('optional')}`}</label>
              ${link ? html` <a href=${link} target="_blank" rel="noopener noreferrer">${consent.link!.label ?? link}</a>` : nothing}
            </div>`;
          })}
        </fieldset>`
      : nothing}
    ${flow.discovery?.capabilities.encryption ? html`<p class="note" part="encryption-note">${t('encryptedNote')}</p>` : nothing}
  `;
}
