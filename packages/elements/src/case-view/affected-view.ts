import { html, type TemplateResult } from 'lit';
import type { AffectedRole } from '@weerbaar/sdk/handler';
import type { Case } from './case-data.js';
import { notice, submitted, textFor, type CaseContext, type Loaded } from './case-context.js';
import type { SafetyNet } from './safety-net.js';

const roles: readonly AffectedRole[] = ['self', 'partner', 'children', 'other-relatives', 'colleagues', 'others'];

/**
 * The people the report affected, by role and never by name: as the form's answer or the handler
 * recorded them. The handler records them with checkboxes — for a sealed report only they can read
 * the answer, after opening it. Relatives among them add the protocol's family-support task.
 */
export class AffectedView {
  #chosen = new Set<AffectedRole>();

  constructor(private readonly context: CaseContext) {}

  /** A case just read: its recorded roles chosen. */
  start(found: Case): void {
    this.#chosen = new Set(found.affectedPeople ?? []);
  }

  async #save(tasksBefore: number): Promise<void> {
    const { context } = this;
    const chosen = roles.filter((role) => this.#chosen.has(role));
    if (!(await context.act('affected', () => context.client.setAffectedPeople(context.caseId, chosen)))) return;
    const added = (context.loaded?.safetyNet?.tasks.items.length ?? tasksBefore) - tasksBefore;
    const text = added === 1 ? context.t('affectedSavedWithTask') : added > 1 ? context.t('affectedSavedWithTasks', { count: added }) : context.t('affectedSaved');
    context.notices.set('affected', { text });
    context.requestUpdate();
  }

  render({ found }: Loaded, { tasks }: SafetyNet): TemplateResult {
    const { context } = this;
    const { t } = context;
    const recorded = found.affectedPeople ?? [];
    const roleText = (role: string) => textFor(context, `affected-${role}`, role);
    return html`<section aria-labelledby="affected-heading">
      ${context.heading(1, t('affectedHeading'), 'affected-heading')}
      <p part="affected-people">${recorded.length ? recorded.map(roleText).join(', ') : t('affectedNone')}</p>
      <form class="no-print" novalidate @submit=${submitted(() => this.#save(tasks.items.length))}>
        <fieldset aria-describedby="affected-intro affected-hint">
          <legend>${t('affectedLegend')}</legend>
          <p class="hint" id="affected-intro">${t('affectedIntro')}</p>
          <p class="hint" id="affected-hint">${t('affectedHint')}</p>
          ${roles.map(
            (role) => html`<div class="option">
              <input
                type="checkbox"
                id="affected-${role}"
                .checked=${this.#chosen.has(role)}
                @change=${(event: Event) => ((event.target as HTMLInputElement).checked ? this.#chosen.add(role) : this.#chosen.delete(role))}
              />
              <label for="affected-${role}">${roleText(role)}</label>
            </div>`,
          )}
        </fieldset>
        ${notice(context, 'affected')}
        <button type="submit" part="affected-button">${t('affectedSave')}</button>
      </form>
    </section>`;
  }
}
