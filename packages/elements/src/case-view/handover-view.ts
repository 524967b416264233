import { html, nothing, type TemplateResult } from 'lit';
import type { HandOverList, HandOverPackage, HandOverRequest } from '@weerbaar/sdk/handler';
import { printAlone } from '../base/print-alone.js';
import { format } from '../base/strings.js';
import { labelIn } from './case-data.js';
import { dateAndTime, dateInWords, submitted, textFor, type CaseContext } from './case-context.js';
import { handOverViewStrings, type HandOverViewStringKey } from './handover-view.strings.js';

type Exit = HandOverRequest['exit'];
const exits: readonly Exit[] = ['no-action', 'department', 'riec', 'analysis'];

/** The legal bases for the RIEC that RECEIVING.md names, each with its source. */
const bases = {
  convenant: 'Convenant en privacyprotocol RIEC/LIEC',
  bibob: 'Wet Bibob',
} as const;
type Basis = keyof typeof bases;

interface Choice {
  exit: Exit;
  summary: string;
  department: string;
  basis: Basis | '';
  consent: boolean;
  consentOn: string;
}
const freshChoice = (): Choice => ({ exit: 'analysis', summary: '', department: '', basis: '', consent: false, consentOn: '' });

/** The print view of a package: on paper in black on white, without the buttons. */
let printSheet: CSSStyleSheet | undefined;
function adoptPrintSheet(root: ShadowRoot): void {
  if (!printSheet) {
    printSheet = new CSSStyleSheet();
    printSheet.replaceSync(
      '@media print { .handover-package { color: #000; background: #fff; border: 0; } .handover-package button { display: none; } .handover-package dt { font-weight: bold; } }',
    );
  }
  if (!root.adoptedStyleSheets.includes(printSheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, printSheet];
}

/**
 * The weighing of a case in the chain (the CCV model protocol): the four exits explained, the RIEC
 * only with a legal basis, the reporter's identity only with their consent and its date, and the
 * redacted package the backend made, printable on its own. Its texts are its own (`handOverViewStrings`),
 * so that the console loads it in a chunk of its own.
 */
export class HandOverView {
  #choice = freshChoice();
  #list: HandOverList['items'] | undefined;
  #package: HandOverPackage | undefined;
  #notice: { key: HandOverViewStringKey; error: boolean; field?: string } | undefined;
  #listedFor: string | undefined;
  /** The weighing is a decision, not a wall of fields: the form shows once the handler asks for it. */
  #expanded = false;

  constructor(private readonly context: CaseContext) {}

  #t(key: HandOverViewStringKey, values?: Record<string, string | number>): string {
    const text = handOverViewStrings[this.context.locale][key];
    return values ? format(text, values) : text;
  }

  /** Another case: nothing chosen, nothing shown. */
  reset(): void {
    this.#choice = freshChoice();
    this.#list = undefined;
    this.#package = undefined;
    this.#notice = undefined;
    this.#listedFor = undefined;
    this.#expanded = false;
  }

  /** The case's status as the backend has it now, in words (an exit may change it; the view assumes nothing). */
  #status(): string {
    const { context } = this;
    const found = context.loaded?.found;
    if (!found) return '';
    const options = context.loaded?.options;
    const label = (kind: 'status' | 'outcome', id: string) => (options ? labelIn(kind === 'status' ? options.statuses : options.outcomes, id) : textFor(context, `${kind}-${id}`, id));
    return found.status === 'closed' && found.outcome ? `${label('status', found.status)} (${label('outcome', found.outcome)})` : label('status', found.status);
  }

  async #loadList(caseId: string): Promise<void> {
    this.#listedFor = caseId;
    try {
      this.#list = (await this.context.client.listHandOvers(caseId)).items;
    } catch (error) {
      if (this.context.sessionEnded(error)) return;
      this.#list = [];
    }
    this.context.requestUpdate();
  }

  #missing(): [HandOverViewStringKey, string] | undefined {
    const choice = this.#choice;
    if (!choice.summary.trim()) return ['summaryMissing', 'handover-summary'];
    if (choice.exit === 'department' && !choice.department.trim()) return ['departmentMissing', 'handover-department'];
    if (choice.exit === 'riec' && !choice.basis) return ['basisMissing', 'handover-basis'];
    if (choice.consent && !/^\d{4}-\d{2}-\d{2}$/.test(choice.consentOn)) return ['consentMissing', 'handover-consent-on'];
    return undefined;
  }

  async #submit(): Promise<void> {
    const { context } = this;
    const choice = this.#choice;
    const missing = this.#missing();
    if (missing) {
      this.#notice = { key: missing[0], error: true, field: missing[1] };
      return context.focus(missing[1]);
    }
    const request: HandOverRequest = {
      exit: choice.exit,
      summary: choice.summary.trim(),
      ...(choice.exit === 'department' ? { department: choice.department.trim() } : {}),
      ...(choice.exit === 'riec' && choice.basis ? { legalBasis: { text: this.#t(`basis-${choice.basis}`), source: { title: bases[choice.basis] } } } : {}),
      ...(choice.consent ? { reporterConsent: { givenOn: choice.consentOn } } : {}),
    };
    if (!(await this.#fetchPackage(() => context.client.handOver(context.caseId, request)))) return;
    this.#choice = freshChoice();
    this.#notice = { key: 'handOverDone', error: false };
    this.#expanded = false;
    context.changed();
    // Read the case again: its status is what the backend made of the exit, shown as it is.
    await Promise.all([context.reload(), this.#loadList(context.caseId)]);
    await context.focus('handover-package');
  }

  /** Shows the package the call answers; on failure says so (a 401 goes to the console) and answers false. */
  async #fetchPackage(call: () => Promise<HandOverPackage>): Promise<boolean> {
    try {
      this.#package = await call();
      return true;
    } catch (error) {
      if (this.context.sessionEnded(error)) return false;
      this.#notice = { key: 'handOverFailed', error: true };
      await this.context.rendered();
      return false;
    }
  }

  async #show(handOverId: string): Promise<void> {
    const { context } = this;
    if (await this.#fetchPackage(() => context.client.getHandOver(context.caseId, handOverId))) await context.focus('handover-package');
  }

  #toggle(): void {
    this.#expanded = !this.#expanded;
    if (this.#expanded && !this.#notice?.error) this.#notice = undefined;
    this.context.requestUpdate();
  }

  #print(): void {
    const element = (this.context.host.shadowRoot ?? undefined)?.querySelector('.handover-package');
    if (!element) return;
    adoptPrintSheet(this.context.host.shadowRoot!);
    const undo = printAlone(element);
    window.addEventListener('afterprint', undo, { once: true });
    window.print();
  }

  #field(id: string, label: HandOverViewStringKey, value: string, onInput: (value: string) => void, { hint, rows, type = 'text' }: { hint?: HandOverViewStringKey; rows?: number; type?: string } = {}): TemplateResult {
    const invalid = this.#notice?.error === true && this.#notice.field === id;
    const describedBy = `${hint ? `${id}-hint ` : ''}handover-notice`;
    const input = (event: Event) => onInput((event.target as HTMLInputElement | HTMLTextAreaElement).value);
    return html`<div class="field ${invalid ? 'invalid' : ''}">
      <label for=${id}>${this.#t(label)}</label>
      ${hint ? html`<p class="hint" id="${id}-hint">${this.#t(hint)}</p>` : nothing}
      ${rows
        ? html`<textarea id=${id} rows=${rows} maxlength="2000" aria-describedby=${describedBy} aria-invalid=${invalid ? 'true' : 'false'} .value=${value} @input=${input}></textarea>`
        : html`<input id=${id} type=${type} maxlength="200" aria-describedby=${describedBy} aria-invalid=${invalid ? 'true' : 'false'} .value=${value} @input=${input} />`}
    </div>`;
  }

  #form(): TemplateResult {
    const choice = this.#choice;
    const update = () => this.context.requestUpdate();
    const basisInvalid = this.#notice?.error === true && this.#notice.field === 'handover-basis';
    return html`<form novalidate class="no-print" id="handover-form" @submit=${submitted(() => this.#submit())}>
      <fieldset>
        <legend>${this.#t('exitLegend')}</legend>
        ${exits.map(
          (exit) => html`<div class="option">
            <input type="radio" name="handover-exit" id="handover-exit-${exit}" aria-describedby="handover-exit-${exit}-hint" .checked=${choice.exit === exit} @change=${() => ((choice.exit = exit), update())} />
            <label for="handover-exit-${exit}">${this.#t(`exit-${exit}`)}</label>
            <p class="hint" id="handover-exit-${exit}-hint">${this.#t(`exit-${exit}-hint`)}</p>
          </div>`,
        )}
      </fieldset>
      ${this.#field('handover-summary', 'summaryLabel', choice.summary, (value) => (choice.summary = value), { hint: 'summaryHint', rows: 4 })}
      ${choice.exit === 'department' ? this.#field('handover-department', 'departmentLabel', choice.department, (value) => (choice.department = value)) : nothing}
      ${choice.exit === 'riec'
        ? html`<div class="field ${basisInvalid ? 'invalid' : ''}">
            <label for="handover-basis">${this.#t('basisLabel')}</label>
            <select id="handover-basis" aria-describedby="handover-notice" aria-invalid=${basisInvalid ? 'true' : 'false'} @change=${(event: Event) => (choice.basis = (event.target as HTMLSelectElement).value as Basis | '')}>
              <option value="" ?selected=${!choice.basis}>${this.#t('basisChoose')}</option>
              ${(Object.keys(bases) as Basis[]).map((basis) => html`<option value=${basis} ?selected=${choice.basis === basis}>${this.#t(`basis-${basis}`)}</option>`)}
            </select>
          </div>`
        : nothing}
      ${choice.exit === 'no-action'
        ? nothing
        : html`<div class="field option">
            <input type="checkbox" id="handover-consent" aria-describedby="handover-consent-hint" .checked=${choice.consent} @change=${(event: Event) => ((choice.consent = (event.target as HTMLInputElement).checked), update())} />
            <label for="handover-consent">${this.#t('consentLabel')}</label>
            <p class="hint" id="handover-consent-hint">${this.#t('consentHint')}</p>
          </div>`}
      ${choice.consent && choice.exit !== 'no-action' ? this.#field('handover-consent-on', 'consentOn', choice.consentOn, (value) => (choice.consentOn = value), { type: 'date' }) : nothing}
      <p role="status" class="notice error" id="handover-notice">${this.#notice?.error ? this.#t(this.#notice.key) : ''}</p>
      <button type="submit" id="handover-button" part="handover-button">${this.#t('handOverSubmit')}</button>
    </form>`;
  }

  #packageView(made: HandOverPackage): TemplateResult {
    const { context } = this;
    const row = (label: HandOverViewStringKey, value: unknown) => html`<dt>${this.#t(label)}</dt><dd>${value}</dd>`;
    const exit = `${this.#t(`exit-${made.exit}`)}${made.department ? `: ${made.department}` : ''}`;
    return html`<section class="handover-package" id="handover-package" tabindex="-1" aria-labelledby="handover-package-heading">
      ${context.heading(2, this.#t('packageHeading', { reference: made.caseReference }), 'handover-package-heading')}
      <dl>
        ${row('packageExit', exit)} ${made.legalBasis ? row('packageBasis', made.legalBasis.text) : nothing}
        ${made.legalBasis ? row('packageSource', made.legalBasis.source.title) : nothing} ${row('packageSummary', made.summary)} ${row('packageCategory', context.loaded?.found.labels?.category ?? made.category)}
        ${row('packageReceived', dateAndTime(context, made.receivedAt))} ${row('packageHandedOver', dateAndTime(context, made.handedOverAt))}
        ${row('packageAffected', made.affectedPeople.map((role) => textFor(context, `affected-${role}`, role)).join(', ') || '—')}
        ${row(
          'packageIdentity',
          made.reporter
            ? `${[made.reporter.name, made.reporter.email, made.reporter.phone, made.reporter.role].filter(Boolean).join(', ')} (${this.#t('packageConsent', { date: dateInWords(context, `${made.reporterConsent!.givenOn}T12:00:00Z`) })})`
            : this.#t('packageNoIdentity'),
        )}
      </dl>
      <p><button type="button" class="secondary" part="handover-print-button" @click=${() => this.#print()}>${this.#t('printPackage')}</button></p>
    </section>`;
  }

  render(): TemplateResult | typeof nothing {
    const { context } = this;
    if (!context.loaded?.discovery.capabilities.caseManagement?.protocols) return nothing;
    // Another case than the one listed: start afresh for it.
    if (this.#listedFor !== context.caseId) {
      this.reset();
      void this.#loadList(context.caseId);
    }
    const list = this.#list ?? [];
    return html`<section aria-labelledby="handover-heading">
      ${context.heading(1, this.#t('handOverHeading'), 'handover-heading')}
      <p class="no-print">${this.#t('handOverIntro')}</p>
      <p class="no-print">
        <button type="button" class="secondary" part="handover-open-button" aria-expanded=${this.#expanded ? 'true' : 'false'} aria-controls="handover-form" @click=${() => this.#toggle()}>${this.#t('handOverOpen')}</button>
      </p>
      <p role="status" id="handover-done">${this.#notice && !this.#notice.error ? this.#t(this.#notice.key, { status: this.#status() }) : ''}</p>
      ${this.#expanded ? this.#form() : nothing}
      ${list.length
        ? html`<div class="no-print">
            ${context.heading(2, this.#t('earlierHeading'))}
            <ul>
              ${list.map(
                (item) => html`<li>
                  ${this.#t(`exit-${item.exit}`)}${item.department ? `: ${item.department}` : ''}, <time datetime=${item.handedOverAt}>${dateAndTime(context, item.handedOverAt)}</time>
                  <button type="button" class="secondary" aria-label="${this.#t('showPackage')}: ${dateAndTime(context, item.handedOverAt)}" @click=${() => void this.#show(item.handOverId)}>${this.#t('showPackage')}</button>
                </li>`,
              )}
            </ul>
          </div>`
        : nothing}
      ${this.#package ? this.#packageView(this.#package) : nothing}
    </section>`;
  }
}
