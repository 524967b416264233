import { html, nothing, type TemplateResult } from 'lit';
import type { CaseCheckIn } from '@weerbaar/sdk/handler';
import { dateInWords, textFor, type CaseContext } from './case-context.js';
import type { SafetyNet } from './safety-net.js';

/**
 * The aftercare check-ins of the case: when each opens and is due, whether it was answered, missed
 * or stopped, and the reporter's three answers in words. The free text is sealed as a message is
 * and opens on this device with the organisation's key, when the session has it.
 */
export class CheckInsView {
  /** Texts opened with the key, by check-in; what could not be opened stays sealed. */
  #opened = new Map<string, string>();
  #opening = new Set<string>();

  constructor(private readonly context: CaseContext) {}

  reset(): void {
    this.#opened = new Map();
    this.#opening = new Set();
  }

  /** Opens the sealed texts the key has not opened yet (`@weerbaar/sdk/crypto` loads only then). */
  #openSealed(items: readonly CaseCheckIn[]): void {
    const privateKey = this.context.keyring.privateKey as JsonWebKey | undefined;
    if (!privateKey) return;
    const opened = this.#opened;
    for (const item of items) {
      const sealed = item.answer?.encryptedText;
      if (!sealed || opened.has(item.checkInId) || this.#opening.has(item.checkInId)) continue;
      this.#opening.add(item.checkInId);
      void import('@weerbaar/sdk/crypto')
        .then(({ openMessage }) => openMessage(privateKey, sealed))
        .then(
          (text) => {
            // Another case may be shown by now: its map is a new one.
            opened.set(item.checkInId, text);
            this.context.requestUpdate();
          },
          () => undefined,
        );
    }
  }

  #answer(item: CaseCheckIn): TemplateResult | typeof nothing {
    const { answer } = item;
    if (!answer) return nothing;
    const { context } = this;
    const { t } = context;
    const row = (label: string, value: unknown) => html`<div class="row"><dt>${label}</dt><dd>${value}</dd></div>`;
    const text = answer.text ?? this.#opened.get(item.checkInId);
    return html`<dl class="answers">
      ${row(t('checkInWellbeing'), textFor(context, `wellbeing-${answer.wellbeing}`, answer.wellbeing))}
      ${row(t('checkInFeelsSafe'), textFor(context, `feels-safe-${answer.feelsSafe}`, answer.feelsSafe))}
      ${row(t('checkInWantsContact'), t(answer.wantsContact ? 'wantsContactYes' : 'wantsContactNo'))}
      ${text !== undefined ? row(t('checkInText'), html`<span class="quote">${text}</span>`) : answer.encryptedText ? row(t('checkInText'), t('checkInSealedText')) : nothing}
    </dl>`;
  }

  render({ checkIns }: SafetyNet): TemplateResult | typeof nothing {
    if (checkIns.items.length === 0 && !checkIns.stopped) return nothing;
    const { context } = this;
    const { t } = context;
    this.#openSealed(checkIns.items);
    return html`<section aria-labelledby="check-ins-heading">
      ${context.heading(1, t('checkInsHeading'), 'check-ins-heading')}
      <p>${t('checkInsIntro')}</p>
      ${checkIns.stopped ? html`<p><strong>${t('checkInsStopped')}</strong></p>` : nothing}
      ${checkIns.items.length === 0
        ? html`<p>${t('checkInsNone')}</p>`
        : html`<ol class="notes" part="check-ins">
            ${checkIns.items.map(
              (item, index) => html`<li>
                <p>
                  <strong>${t('checkInTitle', { number: index + 1, date: dateInWords(context, item.opensAt) })}</strong>:
                  <strong class=${item.status === 'missed' ? 'overdue' : ''}>${textFor(context, `check-in-${item.status}`, item.status)}</strong>
                </p>
                <p class="meta">
                  ${item.answeredAt ? t('checkInAnsweredOn', { date: dateInWords(context, item.answeredAt) }) : t('checkInDue', { date: dateInWords(context, item.dueAt) })}
                </p>
                ${this.#answer(item)} ${item.taskId ? html`<p>${t('checkInTask')}</p>` : nothing}
              </li>`,
            )}
          </ol>`}
    </section>`;
  }
}
