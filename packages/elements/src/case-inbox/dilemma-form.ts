import { html, nothing, type TemplateResult } from 'lit';
import type { DilemmaCardText, DilemmaTheme, ReporterRole } from '@weerbaar/sdk';
import type { CaseInboxStringKey } from './case-inbox.strings.js';
import { maxQuestions, type DilemmasPage, type Editing } from './dilemmas-page.js';
import type { DilemmaStringKey } from './dilemmas.strings.js';
import type { DilemmaContext } from './dilemma-context.js';
import { sharedText } from './shared-dilemma-view.js';

const roles: readonly ReporterRole[] = ['civil-servant', 'administrator', 'council-member', 'other'];
const themes: readonly DilemmaTheme[] = ['threats', 'gifts-and-hospitality', 'side-jobs', 'information-requests', 'permit-pressure', 'other'];
const languages = ['nl', 'en'] as const;

const valueOf = (event: Event) => (event.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value;

/** The problem about one control, if any: its text, for the control's description. */
function problemOf(context: DilemmaContext, editing: Editing, field: string): string | undefined {
  const error = editing.errors.find((item) => item.field === field);
  return error && context.t(error.key, error.values);
}

/** What a control needs to say it is wrong: `aria-invalid`, and the problem under its label. */
function invalid(context: DilemmaContext, editing: Editing, field: string, hint?: string) {
  const problem = problemOf(context, editing, field);
  const describedBy = [hint, problem ? `${field}-problem` : undefined].filter(Boolean).join(' ');
  return {
    attributes: { invalid: problem ? 'true' : 'false', describedBy: describedBy || nothing },
    message: problem ? html`<p class="notice" id="${field}-problem">${problem}</p>` : nothing,
  };
}

/** A labelled text control (a textarea when `rows`) bound to one text of the card. */
function textField(context: DilemmaContext, page: DilemmasPage, editing: Editing, field: string, label: string, value: string, set: (text: DilemmaCardText, value: string) => void, options: { rows?: number; hint?: string; max: number }): TemplateResult {
  const { attributes, message } = invalid(context, editing, field, options.hint ? `${field}-hint` : undefined);
  const input = (event: Event) => page.change((text) => set(text, valueOf(event)));
  return html`<div class="field">
    <label for=${field}>${label}</label>
    ${options.hint ? html`<p class="hint" id="${field}-hint">${options.hint}</p>` : nothing} ${message}
    ${options.rows
      ? html`<textarea id=${field} rows=${options.rows} maxlength=${options.max} aria-invalid=${attributes.invalid} aria-describedby=${attributes.describedBy} .value=${value} @input=${input}></textarea>`
      : html`<input id=${field} type="text" maxlength=${options.max} aria-invalid=${attributes.invalid} aria-describedby=${attributes.describedBy} .value=${value} @input=${input} />`}
  </div>`;
}

/** The problems on top, each a link that moves focus to the control it is about. */
function errorSummary(context: DilemmaContext, page: DilemmasPage, editing: Editing): TemplateResult | typeof nothing {
  if (!editing.errors.length) return nothing;
  const focus = (event: Event, field: string) => {
    event.preventDefault();
    page.focusField(field);
  };
  return html`<div id="dl-error-summary" class="notice" part="dilemma-error-summary" tabindex="-1" role="alert" aria-labelledby="dl-error-summary-title">
    ${context.heading(2, 'dl-error-summary-title', context.t('dlErrorSummary'))}
    <ul>
      ${editing.errors.map((error) => html`<li><a href="#${error.field}" @click=${(event: Event) => focus(event, error.field)}>${context.t(error.key, error.values)}</a></li>`)}
    </ul>
  </div>`;
}

function questionRows(context: DilemmaContext, page: DilemmasPage, editing: Editing): TemplateResult {
  const { t } = context;
  const { questions } = editing.text;
  return html`<fieldset part="dilemma-questions">
    <legend>${t('dlQuestions')}</legend>
    <p class="hint">${t('dlQuestionsHint')}</p>
    ${questions.map(
      (question, index) => html`${textField(context, page, editing, `dl-question-${index}`, t('dlQuestion', { number: index + 1 }), question, (text, value) => (text.questions[index] = value), { max: 500 })}
        ${questions.length > 1 ? html`<p><button type="button" class="secondary" part="remove-question-button" data-question=${index} @click=${() => page.removeQuestion(index)}>${t('dlRemoveQuestion', { number: index + 1 })}</button></p>` : nothing}`,
    )}
    ${questions.length < maxQuestions ? html`<p><button type="button" class="secondary" part="add-question-button" @click=${() => page.addQuestion()}>${t('dlAddQuestion')}</button></p>` : nothing}
  </fieldset>`;
}

function roleChoices(context: DilemmaContext, page: DilemmasPage, editing: Editing): TemplateResult {
  const { attributes, message } = invalid(context, editing, 'dl-role-civil-servant');
  const toggle = (role: ReporterRole, on: boolean) => page.change((text) => (text.roles = roles.filter((item) => (item === role ? on : text.roles.includes(item)))));
  return html`<fieldset aria-describedby=${attributes.describedBy}>
    <legend>${context.t('dlRoles')}</legend>
    ${message}
    ${roles.map(
      (role) => html`<div class="field checkbox">
        <input type="checkbox" id="dl-role-${role}" aria-invalid=${attributes.invalid} .checked=${editing.text.roles.includes(role)} @change=${(event: Event) => toggle(role, (event.target as HTMLInputElement).checked)} />
        <label for="dl-role-${role}">${context.inbox.text(`role-${role}` as CaseInboxStringKey)}</label>
      </div>`,
    )}
  </fieldset>`;
}

function choice<T extends string>(context: DilemmaContext, page: DilemmasPage, id: string, label: string, value: string, options: readonly T[], words: (option: T) => string, set: (text: DilemmaCardText, value: T) => void): TemplateResult {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <select id=${id} @change=${(event: Event) => page.change((text) => set(text, valueOf(event) as T))}>
      ${options.map((option) => html`<option value=${option} ?selected=${option === value}>${words(option)}</option>`)}
    </select>
  </div>`;
}

/** The editor: the shared dilemma for reference, then the card's own texts, which start empty. */
export function dilemmaForm(context: DilemmaContext, page: DilemmasPage, editing: Editing): TemplateResult {
  const { t } = context;
  const { text } = editing;
  const submission = page.submission(editing.submissionId);
  const submit = (event: Event) => {
    event.preventDefault();
    void page.save();
  };
  return html`${context.heading(1, 'dl-form-heading', t(editing.cardId ? 'dlEditHeading' : 'dlFormHeading'))} ${errorSummary(context, page, editing)}
    ${submission
      ? html`<section aria-labelledby="dl-received-${submission.submissionId}" class="card" part="dilemma-shared">
          ${context.heading(2, `dl-received-${submission.submissionId}`, t('dlFromSubmission'))} ${sharedText(context, page, submission)}
        </section>`
      : nothing}
    <p>${t('dlFormIntro')}</p>
    <form novalidate part="dilemma-form" @submit=${submit}>
      ${textField(context, page, editing, 'dl-title', t('dlTitle'), text.title, (card, value) => (card.title = value), { max: 120 })}
      ${textField(context, page, editing, 'dl-situation', t('dlCardSituation'), text.situation, (card, value) => (card.situation = value), { rows: 5, max: 2000 })}
      ${questionRows(context, page, editing)}
      ${textField(context, page, editing, 'dl-decision', t('dlDecision'), text.decision ?? '', (card, value) => (card.decision = value), { rows: 4, max: 2000, hint: t('dlDecisionHint') })}
      ${roleChoices(context, page, editing)}
      ${choice(context, page, 'dl-theme', t('dlTheme'), text.theme, themes, (theme) => t(`theme-${theme}` as DilemmaStringKey), (card, value) => (card.theme = value))}
      ${choice(context, page, 'dl-language', t('dlLanguage'), text.language, languages, (language) => t(`lang-${language}`), (card, value) => (card.language = value))}
      <p class="badges">
        <button type="submit" part="save-card-button" ?disabled=${page.busy}>${t('dlSave')}</button>
        <button type="button" class="secondary" part="cancel-card-button" @click=${() => page.cancel()}>${t('dlCancel')}</button>
      </p>
    </form>`;
}
