import { html, nothing, type TemplateResult } from 'lit';
import { printAlone } from '../base/print-alone.js';
import { isAuditExport, type AuditExport, type Case } from './case-data.js';
import { actorName, dateAndTime, dateInWords, fieldError, fieldProblem, notice, submitted, textField, textFor, type CaseContext } from './case-context.js';
import type { CaseViewStringKey } from './case-view.strings.js';

type Purpose = 'hand-over' | 'own-record' | 'legal-request' | 'other';
const purposes: readonly Purpose[] = ['own-record', 'hand-over', 'legal-request', 'other'];
type RecordChoice = { purpose: Purpose; identity: boolean; basis: '' | 'consent' | 'legal-duty'; consentGivenOn: string; legalDuty: string };
const freshChoice = (): RecordChoice => ({ purpose: 'own-record', identity: false, basis: '', consentGivenOn: '', legalDuty: '' });

/**
 * The proof: the audit trail (reading it is recorded; the SDK verifies it in the browser) and the
 * printable record, with the reporter's identity left out unless included on a recorded basis.
 */
export class RecordView {
  /** The audit trail once the person asked for it, with the SDK's verdict on it. */
  #audit: { trail: AuditExport; valid: boolean; problemSeqs: number[] } | undefined;
  #choice = freshChoice();
  /** The export recorded for the record on the page now (printed on it). */
  #record: { exportId: string; auditSeq: number; recordedAt: string; includesIdentity: boolean; basis: string } | undefined;

  constructor(private readonly context: CaseContext) {}

  /** Another case, or off the page: nothing shown, nothing chosen. */
  reset(): void {
    this.#audit = undefined;
    this.#record = undefined;
    this.#choice = freshChoice();
    this.context.host.removeAttribute('data-print-identity');
  }

  async #showAudit(): Promise<void> {
    const { context } = this;
    try {
      const trail = await context.client.getAuditTrail(context.caseId);
      if (!isAuditExport(trail)) throw new Error('broken');
      const { verifyAuditTrail } = await import('@weerbaar/sdk/handler');
      const verdict = await verifyAuditTrail(trail);
      this.#audit = { trail, valid: verdict.valid, problemSeqs: verdict.problems.flatMap((problem) => (problem.seq ? [problem.seq] : [])) };
      context.notices.delete('audit');
    } catch (error) {
      if (context.sessionEnded(error)) return;
      context.notices.set('audit', { text: context.t('actionFailed'), error: true });
    }
    await context.focus('audit-verdict');
  }

  /** Records the export (so it appears in the audit trail), puts its number on the record and opens the browser's print. */
  async #print(): Promise<void> {
    const { context } = this;
    const choice = this.#choice;
    const problem: [CaseViewStringKey, string] | undefined = !choice.identity
      ? undefined
      : !choice.basis
        ? ['recordBasisMissing', 'record-basis-consent']
        : choice.basis === 'consent' && !/^\d{4}-\d{2}-\d{2}$/.test(choice.consentGivenOn)
          ? ['recordConsentMissing', 'record-consent-on']
          : choice.basis === 'legal-duty' && !choice.legalDuty.trim()
            ? ['recordDutyMissing', 'record-legal-duty']
            : undefined;
    if (problem) return fieldProblem(context, 'record', problem[0], problem[1]);
    const request = {
      purpose: choice.purpose,
      includesIdentity: choice.identity,
      ...(choice.identity && choice.basis === 'consent' ? { identityBasis: 'consent' as const, consentGivenOn: choice.consentGivenOn } : {}),
      ...(choice.identity && choice.basis === 'legal-duty' ? { identityBasis: 'legal-duty' as const, legalDuty: choice.legalDuty.trim() } : {}),
    };
    let recorded: { exportId: string; auditSeq: number; recordedAt: string } | undefined;
    const done = await context.act(
      'record',
      async () => {
        recorded = await context.client.recordExport(context.caseId, request);
      },
      'recordPrinted',
    );
    if (!done || !recorded) return;
    const basis = choice.basis === 'consent' ? `${context.t('basis-consent')} (${dateInWords(context, `${choice.consentGivenOn}T12:00:00Z`)})` : choice.legalDuty.trim();
    this.#record = { ...recorded, includesIdentity: choice.identity, basis };
    context.host.toggleAttribute('data-print-identity', choice.identity);
    await context.rendered();
    // The person went elsewhere in the meantime (the list, another case): nothing to print.
    if (!context.host.isConnected) return;
    // The record alone: the console's list and the page around it stay out of print.
    const undo = printAlone(context.host);
    window.addEventListener('afterprint', undo, { once: true });
    window.print();
  }

  /** On the printed record: which export it is, so the audit trail proves who printed it when. */
  header(found: Case): TemplateResult | typeof nothing {
    const record = this.#record;
    if (!record) return nothing;
    const { context } = this;
    const { t } = context;
    return html`<div class="record-header" part="record-header">
      <p><strong>${t('recordTitle', { reference: found.reference })}</strong></p>
      <p>${t('recordMeta', { exportId: record.exportId, seq: record.auditSeq, date: dateAndTime(context, record.recordedAt) })}</p>
      <p>${record.includesIdentity ? t('recordWithIdentity', { basis: record.basis }) : t('recordWithoutIdentity')}</p>
    </div>`;
  }

  auditTrail(): TemplateResult | typeof nothing {
    const { context } = this;
    if (!context.loaded?.discovery.capabilities.caseManagement?.audit) return nothing;
    const { t } = context;
    const audit = this.#audit;
    return html`<section aria-labelledby="audit-heading" class=${audit ? '' : 'no-print'}>
      ${context.heading(1, t('auditHeading'), 'audit-heading')}
      <p>${t('auditIntro')}</p>
      ${audit
        ? html`<p id="audit-verdict" tabindex="-1" class=${audit.valid ? 'verdict' : 'verdict error'}>
              ${audit.valid ? t('auditValid', { count: audit.trail.entryCount }) : t('auditInvalid')}
            </p>
            <div class="table-scroll" role="region" aria-label=${t('auditSteps')} tabindex="0">
              <table part="audit">
                <thead>
                  <tr>
                    <th scope="col">${t('auditSeq')}</th>
                    <th scope="col">${t('auditAt')}</th>
                    <th scope="col">${t('auditActor')}</th>
                    <th scope="col">${t('auditAction')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${audit.trail.entries.map(
                    (entry) => html`<tr class=${audit.problemSeqs.includes(entry.seq) ? 'error' : ''}>
                      <td>${entry.seq}</td>
                      <td><time datetime=${entry.at}>${dateAndTime(context, entry.at)}</time></td>
                      <td>${actorName(context, entry.actor)}</td>
                      <td>${textFor(context, `audit-${entry.action}`, entry.action)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
        : html`<p class="no-print"><button type="button" class="secondary" part="audit-button" aria-describedby="audit-notice" @click=${() => void this.#showAudit()}>${t('auditShow')}</button></p>`}
      ${notice(context, 'audit')}
    </section>`;
  }

  form(): TemplateResult | typeof nothing {
    const { context } = this;
    if (!context.loaded?.discovery.capabilities.caseManagement?.workflow) return nothing;
    const { t } = context;
    const choice = this.#choice;
    const invalid = (field: string) => fieldError(context, 'record', field);
    const update = () => context.requestUpdate();
    return html`<section class="no-print" aria-labelledby="record-heading">
      ${context.heading(1, t('recordHeading'), 'record-heading')}
      <p>${t('recordIntro')}</p>
      <form novalidate @submit=${submitted(() => this.#print())}>
        <div class="field">
          <label for="record-purpose">${t('recordPurpose')}</label>
          <select id="record-purpose" @change=${(event: Event) => (choice.purpose = (event.target as HTMLSelectElement).value as Purpose)}>
            ${purposes.map((purpose) => html`<option value=${purpose} ?selected=${purpose === choice.purpose}>${t(`purpose-${purpose}`)}</option>`)}
          </select>
        </div>
        <div class="field option">
          <input
            type="checkbox"
            id="record-identity"
            aria-describedby="record-identity-hint"
            .checked=${choice.identity}
            @change=${(event: Event) => {
              choice.identity = (event.target as HTMLInputElement).checked;
              update();
            }}
          />
          <label for="record-identity">${t('recordIdentity')}</label>
          <p class="hint" id="record-identity-hint">${t('recordIdentityHint')}</p>
        </div>
        ${choice.identity
          ? html`<fieldset class=${invalid('record-basis-consent') ? 'invalid' : ''} aria-describedby="record-notice">
              <legend>${t('recordBasis')}</legend>
              ${(['consent', 'legal-duty'] as const).map(
                (basis) => html`<div class="option">
                  <input
                    type="radio"
                    name="record-basis"
                    id="record-basis-${basis}"
                    .checked=${choice.basis === basis}
                    @change=${() => {
                      choice.basis = basis;
                      update();
                    }}
                  />
                  <label for="record-basis-${basis}">${t(`basis-${basis}`)}</label>
                </div>`,
              )}
              ${choice.basis === 'consent'
                ? textField(context, 'record', 'record-consent-on', 'recordConsentOn', choice.consentGivenOn, (value) => (choice.consentGivenOn = value), { type: 'date' })
                : nothing}
              ${choice.basis === 'legal-duty'
                ? textField(context, 'record', 'record-legal-duty', 'recordLegalDuty', choice.legalDuty, (value) => (choice.legalDuty = value), { maxLength: 300 })
                : nothing}
            </fieldset>`
          : nothing}
        ${notice(context, 'record')}
        <button type="submit" part="record-button">${t('recordPrint')}</button>
      </form>
    </section>`;
  }
}
