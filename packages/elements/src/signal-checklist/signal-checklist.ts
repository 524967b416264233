import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { SignalChecklist as SignalChecklistContent } from '@weerbaar/sdk';
import { emit, type WeerbaarEventDetails } from '../base/events.js';
import type { SupportedLocale } from '../base/locale.js';
import { safeHref } from '../base/safe-url.js';
import { matchesShape, type Shape } from '../base/shape.js';
import type { WeerbaarContentClient } from '../base/content-client.js';
import { sharedStyles } from '../base/shared.styles.js';
import { WeerbaarElement } from '../base/weerbaar-element.js';
import { computeAdvice, type AdviceRule, type ChecklistAdvice, type NextStep } from './advice.js';
import { signalChecklistStrings, type SignalChecklistStringKey } from './signal-checklist.strings.js';
import { signalChecklistStyles } from './signal-checklist.styles.js';

// What the checklist reads from a SignalChecklist (see shape.ts).
const adviceRuleShape: Shape = { minScore: 'n', level: 's', text: 's', nextStep: 's' };
const checklistShape: Shape = {
  themes: [{ id: 's', title: 's', 'description?': 's', signals: [{ id: 's', label: 's', 'explanation?': 's', weight: 'n', 'dilemmaTheme?': 's' }], advice: [adviceRuleShape] }],
  overallAdvice: [adviceRuleShape],
};

/**
 * A private self-check: themes of signals, each a checkbox with a short explanation. As signals
 * are checked, advice computed from the checklist's rules appears (announced politely to screen
 * readers), with next steps: talk to the integrity officer, see support, make a report.
 *
 * The answers never leave the browser and are never stored. The element is form-associated so
 * that a surrounding form's reset clears it and a disabled fieldset disables it, but it
 * deliberately never contributes a form value: submitting a host form cannot carry the answers.
 * Only when the person asks to make a report, and ticks the consent box, does the
 * `weerbaar-report-request` event carry the ids of the checked signals.
 *
 * When the page says where its dilemma cards are (`dilemmas-href`), the next steps also point
 * to the cards on the themes of the checked signals (each signal's `dilemmaTheme` in the
 * content): the link carries those theme ids in its fragment (`#dilemmas=threats,side-jobs`),
 * never which signals were checked; `<weerbaar-dilemma-cards>` opens filtered on them.
 *
 * @tagname weerbaar-signal-checklist
 * @summary A private self-check of signals that turns into advice, a conversation or a report.
 *
 * @csspart heading - The element's heading.
 * @csspart theme - Each theme's fieldset.
 * @csspart theme-heading - Each theme's heading.
 * @csspart signal - Each signal (checkbox, label and explanation).
 * @csspart explanation - Each signal's explanation.
 * @csspart advice - The advice box (a live region).
 * @csspart next-steps - The list of next steps.
 * @csspart button - The action buttons.
 *
 * @cssproperty --weerbaar-signal-checklist-background-color - Background of the element.
 * @cssproperty --weerbaar-signal-checklist-theme-border-color - Border around each theme.
 * @cssproperty --weerbaar-signal-checklist-explanation-color - Colour of signal explanations.
 * @cssproperty --weerbaar-signal-checklist-advice-background-color - Background of the advice box.
 * @cssproperty --weerbaar-signal-checklist-advice-border-color - Accent of the advice box.
 * @cssproperty --weerbaar-signal-checklist-urgent-border-color - Accent of urgent advice.
 * @cssproperty --weerbaar-signal-checklist-checkbox-size - Size of the checkboxes.
 *
 * @fires weerbaar-report-request - The person chose to make a report; detail `{ signals }` holds the checked signal ids only with consent.
 * @fires weerbaar-support-request - The person chose to see support; cancel it when you show support yourself.
 */
export class SignalChecklist extends WeerbaarElement<SignalChecklistStringKey, SignalChecklistContent> {
  static formAssociated = true;
  static override styles = [sharedStyles, signalChecklistStyles];
  static override properties: PropertyDeclarations = {
    ...WeerbaarElement.properties,
    integrityOfficerHref: { type: String, attribute: 'integrity-officer-href' },
    supportHref: { type: String, attribute: 'support-href' },
    reportHref: { type: String, attribute: 'report-href' },
    dilemmasHref: { type: String, attribute: 'dilemmas-href' },
    checked: { state: true },
    includeSignals: { state: true },
    disabled: { state: true },
    copyStatus: { state: true },
  };

  /** Where to reach the integrity officer (https, tel: or mailto: URL). */
  declare integrityOfficerHref: string | undefined;
  /** The support page, used when nothing on the page handles `weerbaar-support-request`. */
  declare supportHref: string | undefined;
  /** The report page, used when nothing on the page handles `weerbaar-report-request`. */
  declare reportHref: string | undefined;
  /** The page with `<weerbaar-dilemma-cards>` (https, or relative to this page); without it, no link to dilemmas. */
  declare dilemmasHref: string | undefined;
  declare private checked: ReadonlySet<string>;
  declare private includeSignals: boolean;
  declare private disabled: boolean;
  declare private copyStatus: 'copied' | 'copyFailed' | undefined;

  protected readonly stringTables = signalChecklistStrings;

  constructor() {
    super();
    this.checked = new Set();
    this.includeSignals = false;
    this.disabled = false;
    // Only for reset/disabled integration; setFormValue is never called (see the class comment).
    this.attachInternals();
  }

  /** The ids of the signals checked now (in memory only). */
  get checkedSignals(): string[] {
    return [...this.checked];
  }

  /** Clears every answer. */
  clear(): void {
    this.checked = new Set();
    this.includeSignals = false;
    this.copyStatus = undefined;
  }

  formResetCallback(): void {
    this.clear();
  }

  formDisabledCallback(disabled: boolean): void {
    this.disabled = disabled;
  }

  protected fetchContent(client: WeerbaarContentClient, lang: SupportedLocale): Promise<SignalChecklistContent> {
    return client.getSignalChecklist({ lang });
  }

  protected isContent(value: unknown): value is SignalChecklistContent {
    return matchesShape(value, checklistShape);
  }

  #toggle(id: string, on: boolean): void {
    const next = new Set(this.checked);
    if (on) next.add(id);
    else next.delete(id);
    this.checked = next;
    this.copyStatus = undefined;
  }

  override render(): TemplateResult {
    const { status, content } = this.contentState;
    return html`<div class="checklist" part="base" lang=${this.locale}>
      ${this.heading(0, this.text('title'))}
      ${status === 'loading'
        ? html`<p role="status">${this.text('loading')}</p>`
        : status === 'error' || !content
          ? html`<p class="error" role="alert">${this.text('error')}</p>`
          : this.#renderChecklist(content)}
    </div>`;
  }

  #renderChecklist(checklist: SignalChecklistContent): TemplateResult {
    const advice = computeAdvice(checklist, this.checked);
    return html`
      <p class="privacy">${this.text('privacy')}</p>
      ${checklist.themes.map(
        (theme) => html`<fieldset class="theme" part="theme" ?disabled=${this.disabled}>
          <legend>${this.heading(1, theme.title)}</legend>
          ${theme.description ? html`<p class="theme-description">${theme.description}</p>` : nothing}
          ${theme.signals.map(
            (signal) => html`<div class="signal" part="signal">
              <input
                type="checkbox"
                id="signal-${signal.id}"
                aria-describedby=${signal.explanation ? `explanation-${signal.id}` : nothing}
                .checked=${this.checked.has(signal.id)}
                @change=${(event: Event) => this.#toggle(signal.id, (event.target as HTMLInputElement).checked)}
              >
              <label for="signal-${signal.id}">${signal.label}</label>
              ${signal.explanation ? html`<p class="explanation" part="explanation" id="explanation-${signal.id}">${signal.explanation}</p>` : nothing}
            </div>`,
          )}
          ${this.#renderThemeAdvice(theme.title, advice.themes.get(theme.id)?.rule)}
        </fieldset>`,
      )}
      <section class="advice level-${advice.overall?.level ?? 'info'}" part="advice" aria-labelledby="advice-heading">
        ${this.heading(1, this.text('adviceHeading'), 'advice-heading')}
        <div role="status">
          <p>${this.checked.size === 0 ? this.text('noAdvice') : (advice.overall?.text ?? this.text('noAdvice'))}</p>
        </div>
        ${this.#renderNextSteps(advice, checklist)}
      </section>
      ${this.#renderSummaryActions(checklist)}
    `;
  }

  #renderThemeAdvice(themeTitle: string, rule: AdviceRule | undefined): TemplateResult | typeof nothing {
    if (!rule) return nothing;
    // The space after </strong> is visible: it stays on the same line (the build drops only line-break runs).
    return html`<p class="theme-advice level-${rule.level}">
      <strong>${this.text('themeAdvice', { theme: themeTitle })}</strong> ${rule.text}
    </p>`;
  }

  #renderNextSteps(advice: ChecklistAdvice, checklist: SignalChecklistContent): TemplateResult | typeof nothing {
    // Before anything is checked, the standing advice still offers a conversation.
    const steps: NextStep[] = advice.nextSteps.length ? advice.nextSteps : ['talk-to-integrity-officer'];
    const dilemmas = this.#dilemmasLink(checklist);
    return html`
      ${this.heading(2, this.text('nextStepsHeading'))}
      <ul class="next-steps" part="next-steps">
        ${steps.map((step) => html`<li>${this.#renderNextStep(step)}</li>`)}
        ${dilemmas ? html`<li><a href=${dilemmas}>${this.text('dilemmas')}</a></li>` : nothing}
      </ul>
    `;
  }

  /** The page's dilemma cards on the themes of the checked signals; none without `dilemmas-href` or such a signal. */
  #dilemmasLink(checklist: SignalChecklistContent): string | undefined {
    const href = safeHref(this.dilemmasHref, document.baseURI);
    const themes = new Set(checklist.themes.flatMap((theme) => theme.signals.filter((signal) => this.checked.has(signal.id)).map((signal) => signal.dilemmaTheme)));
    themes.delete(undefined);
    // Only theme ids go into the fragment: which signals were checked stays in this browser.
    return href && themes.size ? `${href.split('#')[0]}#dilemmas=${[...themes]}` : undefined;
  }

  #renderNextStep(step: NextStep): TemplateResult | string | typeof nothing {
    switch (step) {
      case 'call-emergency':
        return html`<a href="tel:112">${this.text('callEmergency')}</a>`;
      case 'talk-to-integrity-officer': {
        const href = safeHref(this.integrityOfficerHref);
        const label = this.text('talkToIntegrityOfficer');
        return href ? html`<a href=${href}>${label}</a>` : label;
      }
      case 'see-support':
        return html`<button type="button" class="secondary" part="button" @click=${this.#requestSupport}>${this.text('seeSupport')}</button>`;
      case 'make-report':
        return html`<div class="make-report">
          ${this.checked.size > 0
            ? html`<div class="consent">
                <input
                  type="checkbox"
                  id="include-signals"
                  .checked=${this.includeSignals}
                  ?disabled=${this.disabled}
                  @change=${(event: Event) => (this.includeSignals = (event.target as HTMLInputElement).checked)}
                >
                <label for="include-signals">${this.text('includeSignals')}</label>
              </div>`
            : nothing}
          <button type="button" part="button" ?disabled=${this.disabled} @click=${this.#requestReport}>${this.text('makeReport')}</button>
        </div>`;
      default:
        return nothing;
    }
  }

  #requestSupport = (): void => this.#request('weerbaar-support-request', {}, this.supportHref);

  // Only ids, only with consent: the labels stay on the page, and nothing goes into a URL.
  #requestReport = (): void => this.#request('weerbaar-report-request', { signals: this.includeSignals ? [...this.checked] : [] }, this.reportHref);

  /** Asks the page; when nothing on it handles the request (cancels the event), goes to the fallback page. */
  #request<K extends 'weerbaar-support-request' | 'weerbaar-report-request'>(type: K, detail: WeerbaarEventDetails[K], fallback: string | undefined): void {
    const href = safeHref(fallback);
    if (emit(this, type, detail) && href) location.assign(href);
  }

  #renderSummaryActions(checklist: SignalChecklistContent): TemplateResult {
    return html`<div class="actions">
      <button type="button" class="secondary" part="button" @click=${() => this.#copySummary(checklist)}>${this.text('copySummary')}</button>
      <button type="button" class="secondary" part="button" @click=${() => window.print()}>${this.text('print')}</button>
      <button type="button" class="secondary" part="button" ?disabled=${this.disabled} @click=${() => this.clear()}>${this.text('clear')}</button>
      <p role="status" class="copy-status">${this.copyStatus ? this.text(this.copyStatus) : nothing}</p>
    </div>`;
  }

  /** The summary as plain text: checked signals per theme and the advice. */
  summaryText(checklist: SignalChecklistContent | undefined = this.contentState.content): string {
    if (!checklist) return '';
    const advice = computeAdvice(checklist, this.checked);
    const lines = [this.text('title'), ''];
    for (const theme of checklist.themes) {
      const checked = theme.signals.filter((signal) => this.checked.has(signal.id));
      if (!checked.length) continue;
      lines.push(`${theme.title}:`, ...checked.map((signal) => `- ${signal.label}`));
      const rule = advice.themes.get(theme.id)?.rule;
      if (rule) lines.push(`${this.text('themeAdvice', { theme: theme.title })} ${rule.text}`);
      lines.push('');
    }
    if (this.checked.size === 0) lines.push(this.text('summaryNoSignals'), '');
    if (advice.overall) lines.push(`${this.text('adviceHeading')}: ${advice.overall.text}`);
    return lines.join('\n');
  }

  async #copySummary(checklist: SignalChecklistContent): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.summaryText(checklist));
      this.copyStatus = 'copied';
    } catch {
      this.copyStatus = 'copyFailed';
    }
  }
}
