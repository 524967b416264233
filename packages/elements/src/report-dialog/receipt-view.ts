import { html, nothing, type TemplateResult } from 'lit';
import type { ReportReceipt } from '@weerbaar/sdk';
import { longDate, type DialogContext } from './dialog-context.js';

/** The receipt, large and in groups, with what happens next and the reminders file. */
export function receiptView(context: DialogContext, receipt: ReportReceipt, calendarUrl: string): TemplateResult {
  const { t, flow } = context;
  return html`
    ${context.heading(t('receiptHeading'))}
    <p class="receipt-label" id="receipt-label">${t('receiptLabel')}</p>
    <p class="receipt" part="receipt" aria-labelledby="receipt-label">
      ${receipt.receipt.split('-').map((group, index) => html`${index > 0 ? html`<span class="separator">-</span>` : nothing}<span class="group">${group}</span>`)}
    </p>
    <p class="warning" part="receipt-warning"><strong>${t('receiptWarning')}</strong></p>
    <div class="actions">
      <button type="button" part="copy-button" @click=${() => flow.copy(receipt.receipt)}>${t('copy')}</button>
      <button type="button" class="secondary" @click=${() => window.print()}>${t('print')}</button>
    </div>
    ${flow.notice ? html`<p class="notice">${flow.notice}</p>` : nothing}
    ${context.heading(t('nextHeading'), { id: 'next-heading', depth: 1 })}
    <ul>
      <li>${t('nextAcknowledge', { date: longDate(context, receipt.acknowledgeDueAt) })}</li>
      <li>${t('nextFeedback', { date: longDate(context, receipt.feedbackDueAt) })}</li>
      ${receipt.followUp.available ? html`<li>${t('nextFollowUp')}</li>` : nothing}
    </ul>
    ${calendarUrl ? html`<p><a href=${calendarUrl} download="weerbaar.ics" part="calendar-link">${t('calendar')}</a></p>` : nothing}
    <div class="actions">
      ${receipt.followUp.available ? html`<button type="button" class="secondary" @click=${() => flow.followUpWith(receipt.receipt)}>${t('followUpLink')}</button>` : nothing}
      <button type="button" @click=${() => context.close()}>${t('done')}</button>
    </div>
  `;
}
