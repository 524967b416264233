import { html, nothing, type TemplateResult } from 'lit';
import { actorName, dateAndTime, fieldProblem, notice, submitted, textField, textFor, type CaseContext, type Loaded } from './case-context.js';

/** The minutes of an oral report or a meeting: every version with the reporter's answer, and a new version. */
export class MinutesView {
  /** The next version being written; `undefined` until the person edits it (then it starts from the latest). */
  #text: string | undefined;

  constructor(private readonly context: CaseContext) {}

  /** Another case: nothing written yet. */
  reset(): void {
    this.#text = undefined;
  }

  async #revise(): Promise<void> {
    const { context } = this;
    const latest = context.loaded?.minutes?.items.at(-1);
    const body = (this.#text ?? latest?.body ?? '').trim();
    if (!body) return fieldProblem(context, 'minutes', 'minutesEmpty', 'minutes-body');
    try {
      await context.client.reviseMinutes(context.caseId, latest?.version ?? 0, body);
    } catch (error) {
      if (context.sessionEnded(error)) return;
      // Someone added a version meanwhile: show it, keep what this person wrote.
      const stale = (error as { status?: number }).status === 409;
      context.notices.set('minutes', { text: context.t(stale ? 'minutesStale' : 'actionFailed'), error: true, field: 'minutes-body' });
      if (stale) await context.reload();
      return context.focus('minutes-body');
    }
    this.#text = undefined;
    context.notices.set('minutes', { text: context.t('minutesAdded') });
    context.changed();
    await context.reload();
  }

  render({ found, minutes, discovery }: Loaded): TemplateResult | typeof nothing {
    if (!discovery.capabilities.caseManagement?.intake) return nothing;
    const { context } = this;
    const { t } = context;
    const versions = minutes?.items ?? [];
    const latest = versions.at(-1);
    return html`<section aria-labelledby="minutes-heading">
      ${context.heading(1, t('minutesHeading'), 'minutes-heading')}
      <p>${t('minutesIntro')}</p>
      ${versions.length === 0
        ? html`<p>${t('minutesNone')}</p>`
        : html`<ol class="notes" part="minutes">
            ${versions.map((version) => {
              const correction = version.answer?.correction ?? context.opened?.corrections.get(version.version);
              return html`<li>
                <p class="meta">
                  ${t('minutesVersion', { version: version.version, date: dateAndTime(context, version.createdAt), name: version.author.name ?? actorName(context, version.author) })}:
                  <strong>${textFor(context, `minutes-${version.status}`, version.status)}</strong>
                </p>
                <p class="quote">${version.body}</p>
                ${version.answer?.decision === 'approve' ? html`<p>${t('minutesApprovedOn', { date: dateAndTime(context, version.answer.answeredAt) })}</p>` : nothing}
                ${version.answer?.decision === 'correct'
                  ? html`<p>${t('minutesCorrection', { date: dateAndTime(context, version.answer.answeredAt) })}</p>
                      <p class="quote">${correction ?? t('minutesSealedCorrection')}</p>`
                  : nothing}
              </li>`;
            })}
          </ol>`}
      ${found.status === 'closed'
        ? nothing
        : html`<form class="no-print" novalidate @submit=${submitted(() => this.#revise())}>
            ${textField(context, 'minutes', 'minutes-body', 'minutesNew', this.#text ?? latest?.body ?? '', (value) => (this.#text = value), {
              hint: 'minutesNewHint',
              rows: 8,
              maxLength: 20_000,
            })}
            ${notice(context, 'minutes')}
            <button type="submit" part="minutes-button">${t('minutesAdd')}</button>
          </form>`}
    </section>`;
  }
}
