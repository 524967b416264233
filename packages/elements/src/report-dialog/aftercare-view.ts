import { html, nothing, type TemplateResult } from 'lit';
import type { FollowUpCase, SupportContact } from '@weerbaar/sdk';
import * as fieldLimits from '@weerbaar/sdk/field-limits';
import { safeHref, telHref } from '../base/safe-url.js';
import type { CheckInDraft } from './aftercare-flow.js';
import { longDate, type DialogContext } from './dialog-context.js';
import { radios, textField } from './form-controls.js';
import type { ReportDialogStringKey } from './report-dialog.strings.js';

const submitted = (action: () => unknown) => (event: SubmitEvent) => {
  event.preventDefault();
  void action();
};

/** Organisations that help, with a phone link and a website link where the content gives them. */
function contactList(contacts: readonly SupportContact[], labelledBy: string): TemplateResult {
  return html`<ul class="contacts" aria-labelledby=${labelledBy}>
    ${contacts.map((contact) => {
      const phone = contact.phone ? telHref(contact.phone.number) : undefined;
      const website = safeHref(contact.url);
      return html`<li>
        <strong>${contact.organisation}</strong>${contact.name ? html`, ${contact.name}` : nothing}
        ${contact.phone ? html`<br />${phone ? html`<a href=${phone}>${contact.phone.display || contact.phone.number}</a>` : contact.phone.display}` : nothing}
        ${website ? html`<br /><a href=${website}>${new URL(website).host}</a>` : nothing}
      </li>`;
    })}
  </ul>`;
}

/** Where to get help now, shown as soon as the person says they do not feel safe. */
function unsafeHelp(context: DialogContext): TemplateResult {
  const { t, flow } = context;
  return html`<div class="warning unsafe-help" role="group" aria-labelledby="unsafe-heading">
    ${context.heading(t('unsafeHeading'), { id: 'unsafe-heading', depth: 2 })}
    <p>${t('unsafeText')}</p>
    ${contactList(flow.aftercare.helpContacts, 'unsafe-heading')}
  </div>`;
}

function choices(context: DialogContext, field: string, legend: ReportDialogStringKey, prefix: string, ids: readonly string[], value: string | undefined, onChange: (value: string) => void): TemplateResult {
  const options = ids.map((id) => ({ id, label: context.t(`${prefix}_${id}` as ReportDialogStringKey) }));
  return radios(context.fields, field, context.t(legend), options, value ?? '', onChange);
}

/** The three questions, a few words of the person's own, and sending. */
function checkInForm(context: DialogContext): TemplateResult {
  const { t, flow } = context;
  const aftercare = flow.aftercare;
  const draft = aftercare.draft;
  const set = <K extends keyof CheckInDraft>(key: K) => (value: string) => aftercare.update(key, value as CheckInDraft[K]);
  return html`<p>${t('checkInIntro')}</p>
    <form novalidate @submit=${submitted(() => aftercare.answer())}>
      ${choices(context, 'check-in-wellbeing', 'checkInWellbeing', 'wellbeing', ['good', 'okay', 'not-well'], draft.wellbeing, set('wellbeing'))}
      ${choices(context, 'check-in-safe', 'checkInSafe', 'safe', ['yes', 'unsure', 'no'], draft.feelsSafe, set('feelsSafe'))}
      ${draft.feelsSafe === 'no' ? unsafeHelp(context) : nothing}
      ${choices(context, 'check-in-contact', 'checkInContact', 'contact', ['yes', 'no'], draft.wantsContact, set('wantsContact'))}
      ${textField(context.fields, 'check-in-text', t('checkInTextLabel'), draft.text, {
        multiline: true,
        optional: true,
        maxLength: fieldLimits.CheckInAnswer.text.maxLength,
        onInput: (value) => aftercare.update('text', value),
      })}
      <div class="actions"><button type="submit">${t('checkInSend')}</button></div>
    </form>`;
}

/** Asks before stopping: the person cannot start the check-ins again. */
function stopQuestion(context: DialogContext): TemplateResult {
  const { t, flow } = context;
  return html`<div class="panel" id="stop-question" tabindex="-1" role="group" aria-labelledby="stop-heading">
    ${context.heading(t('stopHeading'), { id: 'stop-heading', depth: 2 })}
    <p>${t('stopText')}</p>
    <div class="actions">
      <button type="button" @click=${() => flow.aftercare.stop()}>${t('stopConfirm')}</button>
      <button type="button" class="secondary" @click=${() => flow.aftercare.keepGoing()}>${t('stopCancel')}</button>
    </div>
  </div>`;
}

/**
 * The aftercare check-in, first in the follow-up view: the one waiting for an answer, or the
 * confirmation of an answer (with help at once when the person does not feel safe), or when the
 * next one comes; and stopping them, after a confirmation. Nothing when the case has no check-ins.
 */
export function checkInSection(context: DialogContext): TemplateResult | typeof nothing {
  const { t, flow } = context;
  const aftercare = flow.aftercare;
  const { pending, upcoming, stage } = aftercare;
  if (!aftercare.checkIns?.items.length || (!pending && !upcoming && stage === 'asking')) return nothing;
  const sent = stage === 'answered';
  const body =
    stage === 'confirm-stop'
      ? stopQuestion(context)
      : stage === 'stopped'
        ? html`<p class="notice">${t('checkInsStopped')}</p>`
        : pending && !sent
          ? checkInForm(context)
          : html`${sent ? html`<p class="notice">${t(aftercare.draft.wantsContact === 'yes' ? 'checkInSentContact' : 'checkInSent')}</p>` : nothing}
              ${sent && aftercare.draft.feelsSafe === 'no' ? unsafeHelp(context) : nothing}
              ${upcoming ? html`<p>${t('checkInNext', { date: longDate(context, upcoming.opensAt) })}</p>` : nothing}`;
  const canStop = (stage === 'asking' || sent) && (pending || upcoming);
  return html`<section class="check-in" id="check-in" tabindex="-1" aria-labelledby="check-in-heading">
    ${context.heading(t('checkInHeading'), { id: 'check-in-heading', depth: 1 })} ${body}
    ${canStop ? html`<div class="actions"><button type="button" class="secondary" @click=${() => aftercare.askToStop()}>${t('stopCheckIns')}</button></div>` : nothing}
  </section>`;
}

/** The protocol's visible steps, done (with the day) or not yet, in order; titles as the backend gives them. */
export function stepsSection(context: DialogContext, found: FollowUpCase): TemplateResult | typeof nothing {
  const { t } = context;
  if (!found.steps?.length) return nothing;
  return html`${context.heading(t('stepsHeading'), { id: 'steps-heading', depth: 1 })}
    <ol class="steps" aria-labelledby="steps-heading">
      ${found.steps.map(
        (step) => html`<li class=${step.done ? 'done' : 'not-yet'}>
          ${step.title}:
          ${step.done && step.doneAt ? html`<time datetime=${step.doneAt}>${t('stepDone', { date: longDate(context, step.doneAt) })}</time>` : t(step.done ? 'stepDoneUndated' : 'stepNotYet')}
        </li>`,
      )}
    </ol>`;
}

/** Support for the partner, children or family, when the case says they are affected. */
export function relativesSection(context: DialogContext): TemplateResult | typeof nothing {
  const { t, flow } = context;
  const contacts = flow.aftercare.relativesContacts;
  if (contacts.length === 0) return nothing;
  return html`${context.heading(t('relativesHeading'), { id: 'relatives-heading', depth: 1 })}
    <p>${t('relativesText')}</p>
    ${contactList(contacts, 'relatives-heading')}`;
}
