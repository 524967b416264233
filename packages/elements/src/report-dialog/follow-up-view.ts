import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { FollowUpCase } from '@weerbaar/sdk';
import * as fieldLimits from '@weerbaar/sdk/field-limits';
import { dateAndTime, longDate, type DialogContext } from './dialog-context.js';
import { errorSummary } from './error-summary.js';
import { fileTypesInWords } from './file-types.js';
import { describedBy, fieldError, textField } from './form-controls.js';
import { checkInSection, relativesSection, stepsSection } from './aftercare-view.js';
import type { ReportDialogStringKey } from './report-dialog.strings.js';

const submitted = (action: () => unknown) => (event: SubmitEvent) => {
  event.preventDefault();
  void action();
};

/** Asks for the receipt, to open the case it belongs to. */
export function followUpEntryView(context: DialogContext, mode: 'report' | 'follow-up'): TemplateResult {
  const { t, flow } = context;
  return html`
    ${errorSummary(context)} ${context.heading(t('followUpHeading'))}
    <form novalidate @submit=${submitted(() => flow.openCase())}>
      ${textField(context.fields, 'receipt', t('receiptInputLabel'), flow.receiptInput, {
        hint: t('receiptInputHint'),
        autocapitalize: 'characters',
        spellcheck: false,
        onInput: (value) => (flow.receiptInput = value),
      })}
      <div class="actions">
        <button type="submit" part="open-case-button">${t('openCase')}</button>
        ${mode === 'report' ? html`<button type="button" class="secondary" @click=${() => flow.go({ name: 'choose' })}>${t('back')}</button>` : nothing}
      </div>
    </form>
  `;
}

/** The files the person added to the case: name (unless sealed), size and when. */
function filesList(context: DialogContext, found: FollowUpCase): TemplateResult | typeof nothing {
  const { t } = context;
  const files = found.attachments ?? [];
  if (files.length === 0) return nothing;
  return html`${context.heading(t('filesHeading'), { id: 'files-heading', depth: 1 })}
    <ul class="files" part="files" aria-labelledby="files-heading">
      ${files.map((file) => html`<li>${t('fileItem', { name: file.name ?? t('sealedFile'), size: Math.max(1, Math.round(file.sizeBytes / 1024)), date: dateAndTime(context, file.addedAt) })}</li>`)}
    </ul>`;
}

/** The calendar link's words: which dates the file holds (the check-in days go on after closing). */
function calendarLinkText(found: FollowUpCase): ReportDialogStringKey {
  if (found.checkInDays?.length) return 'calendarWithCheckIns';
  return found.status === 'received' ? 'calendar' : 'calendarFeedback';
}

/** A followed case: status, deadlines, history, messages, files, and replying and adding a file. */
export function caseView(context: DialogContext, found: FollowUpCase, calendarUrl: string): TemplateResult {
  const { t, flow } = context;
  const attachments = flow.discovery?.capabilities.attachments;
  const invalidAttachment = flow.problemFor('attachment') !== undefined;
  return html`
    ${errorSummary(context)} ${context.heading(t('followUpHeading'))} ${checkInSection(context)}
    <dl class="summary" part="case-status">
      <dt>${t('statusLabel')}</dt>
      <dd>${t(`status_${found.status}` as ReportDialogStringKey)}</dd>
    </dl>
    ${found.status === 'closed'
      ? nothing
      : html`<ul>
          ${found.status === 'received' ? html`<li>${t('nextAcknowledge', { date: longDate(context, found.deadlines.acknowledgeDueAt) })}</li>` : nothing}
          <li>${t('nextFeedback', { date: longDate(context, found.deadlines.feedbackDueAt) })}</li>
        </ul>`}
    ${calendarUrl ? html`<p><a href=${calendarUrl} download="weerbaar.ics" part="calendar-link">${t(calendarLinkText(found))}</a></p>` : nothing}
    ${flow.notice ? html`<p class="notice">${flow.notice}</p>` : nothing} ${stepsSection(context, found)} ${relativesSection(context)}
    ${context.heading(t('timelineHeading'), { id: 'timeline-heading', depth: 1 })}
    <ol class="timeline" part="timeline" aria-labelledby="timeline-heading">
      ${found.timeline.map((entry) => html`<li><time datetime=${entry.at}>${longDate(context, entry.at)}</time>: ${t(`timeline_${entry.type}` as ReportDialogStringKey)}</li>`)}
    </ol>
    ${context.heading(t('messagesHeading'), { id: 'messages-heading', depth: 1 })}
    ${found.messages.length === 0
      ? html`<p>${t('noMessages')}</p>`
      : html`<ol class="messages" part="messages" aria-labelledby="messages-heading">
          ${found.messages.map(
            (message) => html`<li class=${message.from}>
              <p class="meta">${t(message.from === 'handler' ? 'fromHandler' : 'fromReporter')}, <time datetime=${message.sentAt}>${dateAndTime(context, message.sentAt)}</time></p>
              <p class="quote">${message.body ?? t('sealedMessage')}</p>
            </li>`,
          )}
        </ol>`}
    ${filesList(context, found)}
    ${found.canReply
      ? html`<form novalidate @submit=${submitted(() => flow.sendReply())}>
          ${textField(context.fields, 'reply', t('replyLabel'), flow.replyInput, { multiline: true, maxLength: fieldLimits.ReporterMessageRequest.body.maxLength, onInput: (value) => (flow.replyInput = value) })}
          <div class="actions"><button type="submit" part="reply-button">${t('sendReply')}</button></div>
        </form>`
      : html`<p>${t('cannotReply')}</p>`}
    ${found.canReply && attachments
      ? html`<form
          novalidate
          @submit=${submitted(async () => {
            const input = context.host.shadowRoot!.querySelector<HTMLInputElement>('#attachment')!;
            if (await flow.upload(input.files?.[0])) input.value = '';
          })}
        >
          <div class="field ${invalidAttachment ? 'invalid' : ''}">
            <label for="attachment">${t('attachmentLabel')}</label>
            <p id="attachment-hint" class="hint">${t('attachmentHint', { types: fileTypesInWords(attachments.mediaTypes, context.locale, t), size: Math.floor(attachments.maxBytes / 1_048_576) || 1 })}</p>
            ${fieldError(context.fields, 'attachment')}
            <input
              id="attachment"
              data-field="attachment"
              type="file"
              accept=${attachments.mediaTypes.join(',')}
              aria-invalid=${invalidAttachment ? 'true' : 'false'}
              aria-describedby=${ifDefined(describedBy(context.fields, 'attachment', 'hint'))}
            />
          </div>
          <div class="actions"><button type="submit" class="secondary" part="upload-button">${t('upload')}</button></div>
        </form>`
      : nothing}
    <div class="actions"><button type="button" @click=${() => context.close()}>${t('close')}</button></div>
  `;
}
