import { html, nothing, type TemplateResult } from 'lit';
import type { CaseMessage, HandlerMessageRequest } from '@weerbaar/sdk';
import type { SupportedLocale } from '../base/locale.js';
import { isMessageTemplates, type Case, type MessageTemplates } from './case-data.js';
import { dateAndTime, dateInWords, fieldProblem, notice, submitted, textField, textFor, type CaseContext, type Loaded } from './case-context.js';

type Kind = 'acknowledgement' | 'message' | 'question' | 'feedback';
const MAX_TEXT = 10_000;

/**
 * The messages with the reporter (written from the organisation's templates in nl or en, editable
 * before sending) and the internal notes, clearly marked as never shown to the reporter.
 */
export class MessagesView {
  #templates = new Map<SupportedLocale, MessageTemplates>();
  /** The message being written. */
  #compose: { kind: Kind; lang: SupportedLocale; templateId: string; body: string } = { kind: 'message', lang: 'nl', templateId: '', body: '' };
  #noteText = '';

  constructor(private readonly context: CaseContext) {}

  /** Nothing written: for another case, or off the page. */
  reset(): void {
    this.#compose = { kind: 'message', lang: this.context.locale, templateId: '', body: '' };
    this.#noteText = '';
  }

  /** A case just read: reply in the reporter's language, and acknowledge first, from the template. */
  start(found: Case): void {
    this.#compose.lang = found.locale === 'en' ? 'en' : 'nl';
    this.#compose.kind = found.deadlines.acknowledgedAt ? 'message' : 'acknowledgement';
  }

  async #templatesIn(lang: SupportedLocale): Promise<MessageTemplates | undefined> {
    const { context } = this;
    if (!context.loaded?.discovery.capabilities.caseManagement?.workflow) return undefined;
    let templates = this.#templates.get(lang);
    if (!templates) {
      const answer = await context.client.getMessageTemplates({ lang }).catch(() => undefined);
      if (!isMessageTemplates(answer)) return undefined;
      templates = answer;
      this.#templates.set(lang, templates);
    }
    return templates;
  }

  /** Fills the message with the first template of its kind (or the chosen one), placeholders filled in. */
  async applyTemplate(templateId?: string): Promise<void> {
    const { context } = this;
    const templates = await this.#templatesIn(this.#compose.lang);
    const found = context.loaded?.found;
    if (!found) return;
    const candidates = templates?.items.filter((template) => template.kind === this.#templateKind()) ?? [];
    const template = templateId === '' ? undefined : (candidates.find((item) => item.id === templateId) ?? (templateId === undefined ? candidates[0] : undefined));
    this.#compose.templateId = template?.id ?? '';
    if (template) {
      const values: Record<string, string> = {
        reference: found.reference,
        receivedOn: dateInWords(context, found.receivedAt, this.#compose.lang),
        handlerName: context.me?.account.displayName ?? '',
      };
      this.#compose.body = template.body.replace(/\{(reference|receivedOn|handlerName)\}/g, (_, name: string) => values[name] ?? '');
    }
    context.requestUpdate();
  }

  #templateKind(): 'acknowledgement' | 'feedback' | 'message' {
    return this.#compose.kind === 'question' ? 'message' : this.#compose.kind;
  }

  async #send(): Promise<void> {
    const { context } = this;
    const body = this.#compose.body.trim();
    if (!body || body.length > MAX_TEXT) return fieldProblem(context, 'messages', body ? 'composeTooLong' : 'composeEmpty', 'compose-body', { max: MAX_TEXT });
    const { client, caseId } = context;
    const workflow = !!context.loaded?.discovery.capabilities.caseManagement?.workflow;
    const kind = this.#compose.kind;
    const sent = await context.act(
      'messages',
      () =>
        kind === 'acknowledgement'
          ? client.acknowledge(caseId, body)
          : kind === 'feedback' && workflow
            ? client.giveFeedback(caseId, body)
            : client.sendMessage(caseId, { body, kind } satisfies HandlerMessageRequest),
      'sent',
    );
    if (sent) {
      this.#compose = { ...this.#compose, kind: 'message', templateId: '', body: '' };
      context.requestUpdate();
    }
  }

  async #addNote(): Promise<void> {
    const { context } = this;
    const text = this.#noteText.trim();
    if (!text) return fieldProblem(context, 'notes', 'noteEmpty', 'note-body');
    if (await context.act('notes', () => context.client.addNote(context.caseId, text), 'noteAdded')) {
      this.#noteText = '';
      context.requestUpdate();
    }
  }

  #messageBody(message: CaseMessage): string {
    return message.body ?? this.context.opened?.messages.get(message.id) ?? this.context.t('sealedMessage');
  }

  messages({ found, discovery }: Loaded): TemplateResult {
    const { context } = this;
    const { t } = context;
    const workflow = !!discovery.capabilities.caseManagement?.workflow;
    const kinds: Kind[] = [...(found.deadlines.acknowledgedAt ? [] : (['acknowledgement'] as const)), 'message', 'question', 'feedback'];
    const templates = this.#templates.get(this.#compose.lang)?.items.filter((template) => template.kind === this.#templateKind()) ?? [];
    return html`<section aria-labelledby="messages-heading">
      ${context.heading(1, t('messagesHeading'), 'messages-heading')}
      ${found.messages.length === 0
        ? html`<p>${t('noMessages')}</p>`
        : html`<ol class="messages" part="messages">
            ${found.messages.map(
              (message) => html`<li class=${message.from === 'reporter' ? 'from-reporter' : 'from-handler'}>
                <p class="meta">
                  ${t(message.from === 'reporter' ? 'fromReporter' : 'fromHandler')} · ${textFor(context, `kind-${message.kind}`, message.kind)} ·
                  <time datetime=${message.sentAt}>${dateAndTime(context, message.sentAt)}</time>
                </p>
                <p class="quote">${this.#messageBody(message)}</p>
              </li>`,
            )}
          </ol>`}
      ${found.status === 'closed'
        ? html`<p>${t('cannotMessage')}</p>`
        : html`<form class="compose no-print" novalidate @submit=${submitted(() => this.#send())}>
            ${context.heading(2, t('composeHeading'), 'compose-heading')}
            <div class="field">
              <label for="compose-kind">${t('composeKind')}</label>
              <select
                id="compose-kind"
                @change=${(event: Event) => {
                  this.#compose.kind = (event.target as HTMLSelectElement).value as Kind;
                  void this.applyTemplate();
                }}
              >
                ${kinds.map((kind) => html`<option value=${kind} ?selected=${kind === this.#compose.kind}>${t(`kind-${kind}`)}</option>`)}
              </select>
            </div>
            ${workflow
              ? html`<div class="field">
                    <label for="compose-lang">${t('composeLanguage')}</label>
                    <select
                      id="compose-lang"
                      @change=${(event: Event) => {
                        this.#compose.lang = (event.target as HTMLSelectElement).value as SupportedLocale;
                        void this.applyTemplate();
                      }}
                    >
                      <option value="nl" ?selected=${this.#compose.lang === 'nl'}>${t('languageNl')}</option>
                      <option value="en" ?selected=${this.#compose.lang === 'en'}>${t('languageEn')}</option>
                    </select>
                  </div>
                  <div class="field">
                    <label for="compose-template">${t('composeTemplate')}</label>
                    <select id="compose-template" @change=${(event: Event) => void this.applyTemplate((event.target as HTMLSelectElement).value)}>
                      <option value="" ?selected=${this.#compose.templateId === ''}>${t('composeNoTemplate')}</option>
                      ${templates.map((template) => html`<option value=${template.id} ?selected=${template.id === this.#compose.templateId}>${template.title}</option>`)}
                    </select>
                  </div>`
              : nothing}
            ${textField(context, 'messages', 'compose-body', 'composeBody', this.#compose.body, (value) => (this.#compose.body = value), { hint: 'composeHint', rows: 8, maxLength: MAX_TEXT })}
            ${notice(context, 'messages')}
            <button type="submit" part="send-button">${t('send')}</button>
          </form>`}
    </section>`;
  }

  notes({ notes, discovery }: Loaded): TemplateResult | typeof nothing {
    if (!discovery.capabilities.caseManagement?.notes || !notes) return nothing;
    const { context } = this;
    const { t } = context;
    return html`<section class="internal-section" aria-labelledby="notes-heading">
      ${context.heading(1, t('notesHeading'), 'notes-heading')}
      <p class="internal-label">${t('notesIntro')}</p>
      ${notes.items.length === 0
        ? html`<p>${t('noNotes')}</p>`
        : html`<ol class="notes" part="notes">
            ${notes.items.map(
              (note) => html`<li>
                <p class="meta">${t('noteBy', { name: note.author.name ?? '', date: dateAndTime(context, note.createdAt) })}</p>
                <p class="quote">${note.body ?? context.opened?.notes.get(note.noteId) ?? t('sealedNote')}</p>
              </li>`,
            )}
          </ol>`}
      <form class="no-print" novalidate @submit=${submitted(() => this.#addNote())}>
        ${textField(context, 'notes', 'note-body', 'noteLabel', this.#noteText, (value) => (this.#noteText = value), { hint: 'noteHint', rows: 4, maxLength: MAX_TEXT })}
        ${notice(context, 'notes')}
        <button type="submit" part="note-button">${t('addNote')}</button>
      </form>
    </section>`;
  }
}
