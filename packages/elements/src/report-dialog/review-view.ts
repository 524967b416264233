import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { safeHref } from '../base/safe-url.js';
import type { DialogContext } from './dialog-context.js';
import { checkboxes, type ChoiceOption } from './form-controls.js';

const labelOf = (options: readonly ChoiceOption[], id: string) => options.find((option) => option.id === id)?.label ?? id;

/** The last step: what will be sent, the checklist signals to include or not, and the consents. */
export function reviewPage(context: DialogContext): TemplateResult {
  const { t, flow, fields, signals } = context;
  const form = flow.form!;
  const draft = flow.draft;
  return html`
    ${context.heading(t('summaryHeading'), { id: 'summary-heading', depth: 1 })}
    <dl class="summary" aria-labelledby="summary-heading">
      <dt>${t('summaryRole')}</dt>
      <dd>${labelOf(form.roles, draft.role)}</dd>
      <dt>${t('summaryCategory')}</dt>
      <dd>${labelOf(form.categories, draft.category)}</dd>
      <dt>${t('summaryDescription')}</dt>
      <dd class="quote">${draft.description}</dd>
      <dt>${t('summaryContact')}</dt>
      <dd>${t(draft.contactable ? 'withContact' : 'anonymous')}</dd>
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
