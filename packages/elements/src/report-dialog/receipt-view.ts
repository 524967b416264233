import { html, nothing, type TemplateResult } from 'lit';
import type { ReportReceipt } from '@weerbaar/sdk';
import { longDate, type DialogContext } from './dialog-context.js';

/**
 * The receipt, large and in groups, with what happens next and the reminders file. Copying,
 * printing or downloading it counts as keeping it; until then closing asks first (see the dialog).
 */
export function receiptView(context: DialogContext, receipt: ReportReceipt, calendarUrl: string, receiptFileUrl: string): TemplateResult {
  const { t, flow } = context;
  const groups = receipt.receipt.split('-');
  return html`
    ${context.heading(t('receiptHeading'))}
    <p class="receipt-label" id="receipt-label">${t('receiptLabel')}</p>
    <p class="receipt" part="receipt" aria-labelledby="receipt-label">
      ${groups.map((group, index) => html`<span class="group">${group}${index < groups.length - 1 ? html`<span class="separator">-</span>` : nothing}</span>${index < groups.length - 1 ? html`<wbr />` : nothing}`)}
    </p>
    <p class="warning" part="receipt-warning"><strong>${t('receiptWarning')}</strong></p>
    <div class="actions">
      <button type="button" part="copy-button" @click=${() => flow.copy(receipt.receipt)}>${t('copy')}</button>
      <button type="button" class="secondary" part="print-button" @click=${() => (flow.keepReceipt(), window.print())}>${t('print')}</button>
      <a class="action-link" part="download-link" href=${receiptFileUrl} download="weerbaar-code.txt" @click=${() => flow.keepReceipt()}>${t('download')}</a>
    </div>
    ${flow.notice ? html`<p class="notice">${flow.notice}</p>` : nothing}
    ${context.heading(t('nextHeading'), { id: 'next-heading', depth: 1 })}
    <ul>
      <li>${t('nextAcknowledge', { date: longDate(context, receipt.acknowledgeDueAt) })}</li>
      <li>${t('nextFeedback', { date: longDate(context, receipt.feedbackDueAt) })}</li>
      ${receipt.followUp.available ? html`<li>${t('nextFollowUp')}</li>` : nothing}
    </ul>
    ${calendarUrl ? html`<p class="calendar"><a href=${calendarUrl} download="weerbaar.ics" part="calendar-link">${t(receipt.checkInDays?.length ? 'calendarWithCheckIns' : 'calendar')}</a></p>` : nothing}
    <div class="actions">
      ${receipt.followUp.available ? html`<button type="button" class="secondary" @click=${() => flow.followUpWith(receipt.receipt)}>${t('followUpLink')}</button>` : nothing}
      <button type="button" @click=${() => context.requestClose()}>${t('done')}</button>
    </div>
  `;
}
