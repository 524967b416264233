import { html, nothing, type TemplateResult } from 'lit';
import { daysUntil, labelIn, questionRows, safeFileName, type AnswerRow, type Case, type CaseOptions } from './case-data.js';
import { dateAndTime, dateInWords, notice, textFor, type CaseContext, type Loaded } from './case-context.js';
import type { CaseViewStringKey } from './case-view.strings.js';

/**
 * What the case is: the summary with the legal clocks, every answer with its form label (opened on
 * this device when sealed), the files (downloaded as inert files) and the timeline the reporter sees.
 */
export class AnswersView {
  #downloads = new Map<string, { url: string; name: string }>();

  constructor(private readonly context: CaseContext) {}

  /** Another case, or off the page: the files made ready for download are let go. */
  reset(): void {
    for (const { url } of this.#downloads.values()) URL.revokeObjectURL(url);
    this.#downloads.clear();
  }

  async #download(attachmentId: string): Promise<void> {
    const { context } = this;
    const loaded = context.loaded!;
    const file = loaded.found.attachments.find((item) => item.id === attachmentId)!;
    try {
      const stored = await context.client.downloadAttachment(loaded.found.caseId, attachmentId);
      let bytes = stored;
      let name = file.name ?? '';
      if (file.encrypted) {
        const privateKey = context.keyring.privateKey;
        if (!privateKey || !file.encryption) throw new Error('sealed');
        const { openAttachment } = await import('@weerbaar/sdk/crypto');
        const opened = await openAttachment(privateKey, file.encryption, stored);
        bytes = opened.bytes;
        name = opened.descriptor.name;
      }
      // Inert: a generic type, so the browser saves the file and never shows or runs it here.
      const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' });
      const earlier = this.#downloads.get(attachmentId);
      if (earlier) URL.revokeObjectURL(earlier.url);
      const download = { url: URL.createObjectURL(blob), name: safeFileName(name, `${loaded.found.reference}-${attachmentId}`) };
      this.#downloads.set(attachmentId, download);
      context.notices.set('files', { text: context.t('downloadReady', { name: download.name }) });
      await context.rendered();
      context.host.shadowRoot?.querySelector<HTMLAnchorElement>(`a[data-attachment="${CSS.escape(attachmentId)}"]`)?.click();
    } catch {
      context.notices.set('files', { text: context.t('downloadFailed'), error: true });
      context.requestUpdate();
    }
  }

  #clock(dueAt: string, overdue: boolean): TemplateResult {
    const { context } = this;
    const { t } = context;
    const days = daysUntil(dueAt);
    const left = overdue || days < 0 ? t('overdue') : days === 0 ? t('dueToday') : days === 1 ? t('dayLeft') : t('daysLeft', { count: days });
    return html`${dateInWords(context, dueAt)} <span class=${overdue ? 'overdue' : 'left'}>(${left})</span>`;
  }

  #statusLabel(found: Case, options: CaseOptions | undefined): string {
    return options ? labelIn(options.statuses, found.status) : (found.labels?.status ?? textFor(this.context, `status-${found.status}`, found.status));
  }

  summary({ found, options }: Loaded): TemplateResult {
    const { context } = this;
    const { t } = context;
    const { deadlines } = found;
    const form = context.form;
    const substatus = found.substatus ? (found.labels?.substatus ?? labelIn(options?.statuses.find((status) => status.id === found.status)?.substatuses, found.substatus)) : undefined;
    const row = (label: CaseViewStringKey, value: unknown) => html`<div class="row"><dt>${t(label)}</dt><dd>${value}</dd></div>`;
    return html`<dl class="summary" part="summary" aria-label=${t('summaryLabel')}>
        ${row('status', this.#statusLabel(found, options))} ${substatus ? row('substatus', substatus) : nothing}
        ${row('category', found.labels?.category ?? labelIn(form?.categories, found.category))}
        ${row('role', found.labels?.role ?? labelIn(form?.roles, found.role))} ${row('receivedAt', dateAndTime(context, found.receivedAt))}
        ${found.labels?.channel ? row('channel', found.labels.channel) : nothing}
        ${deadlines.acknowledgedAt ? row('acknowledgedOn', dateInWords(context, deadlines.acknowledgedAt)) : row('acknowledgeBy', this.#clock(deadlines.acknowledgeDueAt, deadlines.acknowledgeOverdue))}
        ${deadlines.feedbackGivenAt ? row('feedbackGivenOn', dateInWords(context, deadlines.feedbackGivenAt)) : row('feedbackBy', this.#clock(deadlines.feedbackDueAt, deadlines.feedbackOverdue))}
        ${found.group ? row('group', found.group.name) : nothing}
        ${found.assignees ? row('assignees', found.assignees.length ? found.assignees.map((person) => person.displayName).join(', ') : t('nobody')) : nothing}
      </dl>
      ${found.concernsReceiver ? html`<p class="warning">${t('concernsReceiver')}</p>` : nothing}`;
  }

  report({ found }: Loaded): TemplateResult {
    const { context } = this;
    const { t } = context;
    const content = found.content ?? context.opened?.content;
    const heading = context.heading(1, t('reportHeading'), 'report-heading');
    if (!content) return html`<section aria-labelledby="report-heading">${heading}<p>${t('sealed')}</p></section>`;
    const given = (text: string | undefined) => (text?.trim() ? text : t('notAnswered'));
    const when = content.occurredOn ? dateInWords(context, `${content.occurredOn}T12:00:00Z`) : (content.occurredPeriod ?? t('occurredUnknown'));
    const rows: AnswerRow[] = [
      { label: t('description'), value: content.description, quote: true },
      { label: t('occurred'), value: when },
      { label: t('location'), value: given(content.location) },
      { label: t('involvedParties'), value: given(content.involvedParties), quote: true },
      ...questionRows(found, content, context.form),
    ];
    const signals = content.checkedSignals ?? [];
    if (signals.length) rows.push({ label: t('signals'), value: signals.map((id) => found.labels?.signals?.[id] ?? id).join('; ') });
    const contact = content.contact;
    if (contact) {
      // Identity: shown to the handler, left out of a printed record unless included on a recorded basis.
      if (contact.name) rows.push({ label: t('contactName'), value: contact.name, identity: true });
      if (contact.email) rows.push({ label: t('contactEmail'), value: contact.email, identity: true });
      if (contact.phone) rows.push({ label: t('contactPhone'), value: contact.phone, identity: true });
      rows.push({ label: t('contactPreferred'), value: t(contact.preferredChannel === 'phone' ? 'preferredPhone' : 'preferredEmail'), identity: true });
    } else rows.push({ label: t('contact'), value: t('anonymous') });
    rows.push({ label: t('consents'), value: found.consents.length ? found.consents.join(', ') : t('noConsents') });
    return html`<section aria-labelledby="report-heading">
      ${heading}
      <dl class="answers" part="answers">
        ${rows.map((row) => html`<div class=${row.identity ? 'row identity' : 'row'}><dt>${row.label}</dt><dd class=${row.quote ? 'quote' : ''}>${row.value}</dd></div>`)}
      </dl>
    </section>`;
  }

  files({ found }: Loaded): TemplateResult {
    const { context } = this;
    const { t } = context;
    const canOpen = (encrypted: boolean) => !encrypted || !!context.keyring.privateKey;
    return html`<section aria-labelledby="files-heading">
      ${context.heading(1, t('filesHeading'), 'files-heading')}
      ${found.attachments.length === 0
        ? html`<p>${t('noFiles')}</p>`
        : html`<ul class="files">
            ${found.attachments.map((file) => {
              const name = file.name ?? t('sealedFileName');
              const ready = this.#downloads.get(file.id);
              return html`<li>
                <span class="file-name">${name}</span>
                <span class="hint">${t('fileSize', { size: Math.max(1, Math.round(file.sizeBytes / 1024)), date: dateAndTime(context, file.addedAt) })}</span>
                ${canOpen(file.encrypted)
                  ? html`<button type="button" class="secondary" @click=${() => void this.#download(file.id)}>${t('download')}<span class="visually-hidden">: ${name}</span></button>`
                  : nothing}
                ${ready ? html`<a class="no-print" href=${ready.url} download=${ready.name} data-attachment=${file.id}>${t('downloadNamed', { name: ready.name })}</a>` : nothing}
              </li>`;
            })}
          </ul>`}
      ${notice(context, 'files')}
    </section>`;
  }

  timeline(found: Case): TemplateResult {
    const { context } = this;
    const { t } = context;
    return html`<section aria-labelledby="timeline-heading">
      ${context.heading(1, t('timelineHeading'), 'timeline-heading')}
      <p class="hint">${t('timelineIntro')}</p>
      <ol class="timeline" part="timeline">
        ${found.timeline.map(
          (entry) => html`<li>
            <time datetime=${entry.at}>${dateAndTime(context, entry.at)}</time>: ${textFor(context, `timeline-${entry.type}`, entry.type)}
            ${entry.status && entry.type === 'status-changed' ? html`(${textFor(context, `status-${entry.status}`, entry.status)})` : nothing}
            ${entry.outcome ? html`(${textFor(context, `outcome-${entry.outcome}`, entry.outcome)})` : nothing}
            ${entry.note ? html`<div class="internal"><span class="internal-label">${t('internalNote')}</span> <span class="quote">${entry.note}</span></div>` : nothing}
          </li>`,
        )}
      </ol>
    </section>`;
  }
}
