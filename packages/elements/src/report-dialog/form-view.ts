import { html, nothing, type TemplateResult } from 'lit';
import type { ReportForm } from '@weerbaar/sdk';
import * as fieldLimits from '@weerbaar/sdk/field-limits';
import type { DialogContext } from './dialog-context.js';
import { errorSummary } from './error-summary.js';
import { radios, checkboxes, textField, type TextFieldOptions } from './form-controls.js';
import type { ReportDialogStringKey } from './report-dialog.strings.js';
import { dutchToday, questionsFor, type FormPage, type ReportDraft } from './report-draft.js';
import { reviewPage } from './review-view.js';

const pageTitles: Record<FormPage, ReportDialogStringKey> = { about: 'pageAbout', what: 'pageWhat', questions: 'pageQuestions', contact: 'pageContact', send: 'pageSend' };

/** A text field bound to the draft property of the same name, unless `onInput` says otherwise. */
function draftField(context: DialogContext, field: keyof ReportDraft, label: string, options: Omit<TextFieldOptions, 'onInput'>): TemplateResult {
  const { flow } = context;
  return textField(context.fields, field, label, flow.draft[field] as string, { ...options, onInput: (value) => flow.update(field, value as never) });
}

/** One step of the report form: "step n of m", its fields, next (or send) and back. */
export function formView(context: DialogContext, pageIndex: number): TemplateResult {
  const { t, flow } = context;
  const pages = flow.pages();
  const page = pages[pageIndex]!;
  const progress = t('stepProgress', { step: pageIndex + 1, total: pages.length });
  const last = pageIndex === pages.length - 1;
  return html`
    ${errorSummary(context)}
    <p class="progress" part="progress"><span>${progress}</span><progress max=${pages.length} value=${pageIndex + 1} aria-hidden="true"></progress></p>
    ${context.heading(html`<span class="visually-hidden">${progress}: </span>${t(pageTitles[page])}`)}
    <form
      novalidate
      @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        flow.submitPage();
      }}
    >
      ${formPage(context, page)}
      <div class="actions">
        <button type="submit" part="next-button">${t(last ? 'send' : 'next')}</button>
        <button type="button" class="secondary" @click=${() => flow.back()}>${t('back')}</button>
      </div>
    </form>
  `;
}

function formPage(context: DialogContext, page: FormPage): TemplateResult {
  const { t, flow, fields } = context;
  const form = flow.form!;
  const draft = flow.draft;
  switch (page) {
    case 'about':
      return html`
        ${radios(fields, 'role', t('roleLegend'), form.roles, draft.role, (value) => flow.update('role', value as ReportDraft['role']))}
        ${radios(fields, 'category', t('categoryLegend'), form.categories, draft.category, (value) => flow.update('category', value as ReportDraft['category']))}
      `;
    case 'what':
      return html`
        ${draftField(context, 'description', t('descriptionLabel'), { multiline: true, hint: t('descriptionHint'), maxLength: flow.discovery?.limits.maxTextLength })}
        ${radios(
          fields,
          'when',
          t('whenLegend'),
          [
            { id: 'date', label: t('whenDate') },
            { id: 'period', label: t('whenPeriod') },
            { id: 'unknown', label: t('whenUnknown') },
          ],
          draft.when,
          (value) => flow.update('when', value as ReportDraft['when']),
        )}
        ${draft.when === 'date' ? draftField(context, 'occurredOn', t('occurredOnLabel'), { type: 'date', max: dutchToday() }) : nothing}
        ${draft.when === 'period' ? draftField(context, 'occurredPeriod', t('occurredPeriodLabel'), { hint: t('occurredPeriodHint'), maxLength: fieldLimits.ReportContent.occurredPeriod.maxLength }) : nothing}
        ${draftField(context, 'location', t('locationLabel'), { optional: true, maxLength: fieldLimits.ReportContent.location.maxLength })}
        ${draftField(context, 'involvedParties', t('involvedLabel'), { optional: true, multiline: true, hint: t('involvedHint'), maxLength: fieldLimits.ReportContent.involvedParties.maxLength })}
      `;
    case 'questions':
      return html`${questionsFor(form, draft.category).map((question) => questionField(context, question))}`;
    case 'contact':
      return contactPage(context);
    case 'send':
      return reviewPage(context);
  }
}

/** One of the form's extra questions, as the control its type asks for. */
function questionField(context: DialogContext, question: ReportForm['questions'][number]): TemplateResult {
  const { t, flow, fields } = context;
  const field = `q-${question.id}`;
  const answer = flow.draft.answers[question.id];
  const setAnswer = (value: string | string[]) => flow.update('answers', { ...flow.draft.answers, [question.id]: value });
  const label = question.required ? question.label : `${question.label} ${t('optional')}`;
  switch (question.type) {
    case 'single-choice':
      return radios(fields, field, label, question.options ?? [], typeof answer === 'string' ? answer : '', setAnswer, question.hint);
    case 'multiple-choice':
      return checkboxes(fields, field, label, question.options ?? [], Array.isArray(answer) ? answer : [], setAnswer, question.hint);
    default:
      return textField(fields, field, question.label, typeof answer === 'string' ? answer : '', {
        type: question.type === 'date' ? 'date' : 'text',
        multiline: question.type === 'textarea',
        hint: question.hint,
        optional: !question.required,
        maxLength: question.type === 'date' ? undefined : (question.maxLength ?? fieldLimits.defaultTextAnswerMaxLength),
        onInput: setAnswer,
      });
  }
}

/** Anonymous, or with contact details and how to be reached. */
function contactPage(context: DialogContext): TemplateResult {
  const { t, flow, fields } = context;
  const form = flow.form!;
  const draft = flow.draft;
  return html`
    <p class="explanation" part="anonymity-explanation">${form.anonymity.explanation}</p>
    ${radios(
      fields,
      'contactable',
      t('contactLegend'),
      [
        { id: 'anonymous', label: t('anonymous') },
        { id: 'contact', label: t('withContact'), hint: form.anonymity.contactExplanation },
      ],
      draft.contactable === undefined ? '' : draft.contactable ? 'contact' : 'anonymous',
      (value) => flow.update('contactable', value === 'contact'),
    )}
    ${draft.contactable
      ? html`
          ${draftField(context, 'name', t('nameLabel'), { optional: true, autocomplete: 'name', maxLength: fieldLimits.ContactDetails.name.maxLength })}
          ${radios(
            fields,
            'preferredChannel',
            t('preferredLegend'),
            [
              { id: 'email', label: t('byEmail') },
              { id: 'phone', label: t('byPhone') },
            ],
            draft.preferredChannel,
            (value) => flow.update('preferredChannel', value as ReportDraft['preferredChannel']),
          )}
          ${draftField(context, 'email', t('emailLabel'), { type: 'email', autocomplete: 'email', optional: draft.preferredChannel !== 'email', maxLength: fieldLimits.ContactDetails.email.maxLength })}
          ${draftField(context, 'phone', t('phoneLabel'), { type: 'tel', autocomplete: 'tel', optional: draft.preferredChannel !== 'phone', maxLength: fieldLimits.ContactDetails.phone.maxLength })}
        `
      : nothing}
  `;
}
