import type { ReactiveControllerHost } from 'lit';
import type { DilemmaCardText, DilemmaContent, DilemmaDraft, DilemmaSubmissionRecord, ReporterRole } from '@weerbaar/sdk';
import type { WeerbaarHandlerClient } from '@weerbaar/sdk/handler';
import type { SupportedLocale } from '../base/locale.js';
import { matchesShape, type Shape } from '../base/shape.js';
import { privateKeyFromJwkText } from '../case-view/keyring.js';
import { statusOf, type ConsoleSession } from './console-session.js';
import { fieldHoldingSubmittedText } from './dilemma-text.js';
import type { DilemmaStringKey } from './dilemmas.strings.js';

const submissionShape: Shape = { submissionId: 's', receivedAt: 's', deleteAfter: 's', role: 's', theme: 's', cardIds: ['s'], 'content?': { situation: 's' } };
const draftShape: Shape = { cardId: 's', status: 's', createdAt: 's', updatedAt: 's', text: { title: 's', situation: 's', questions: ['s'], roles: ['s'], theme: 's', language: 's' } };

/** One problem of the form: its text and the control it is about (the error summary links there). */
export interface FormError {
  field: string;
  key: DilemmaStringKey;
  values?: Record<string, string | number>;
}

/** The card in the editor: new (from a shared dilemma or from scratch) or an existing one. */
export interface Editing {
  cardId?: string;
  submissionId?: string;
  text: DilemmaCardText;
  errors: FormError[];
}

/** What the page says after an action: a status line, or an alert when it failed. */
export interface PageNotice {
  key: DilemmaStringKey;
  error?: boolean;
}

export const maxQuestions = 6;

/**
 * The dilemma editors' page (`listDilemmas`, `listDilemmaDrafts` and the card operations): the shared
 * dilemmas, newest first, sealed ones opened with the session's keyring; an editor that starts empty
 * (never with the shared text); the cards with publish and withdraw. A card made from a sealed
 * dilemma is checked here before publishing, because the server cannot read what it holds.
 */
export class DilemmasPage {
  status: 'loading' | 'ready' | 'forbidden' | 'error' = 'loading';
  submissions: DilemmaSubmissionRecord[] = [];
  drafts: DilemmaDraft[] = [];
  /** What the key opened of sealed dilemmas, by submission id: in this page's memory only. */
  readonly opened = new Map<string, DilemmaContent>();
  /** The sealed dilemma whose key form shows (no key in the session yet). */
  keyFor: string | undefined;
  keyProblem: DilemmaStringKey | undefined;
  editing: Editing | undefined;
  notice: PageNotice | undefined;
  busy = false;
  readonly #host: ReactiveControllerHost;
  readonly #session: ConsoleSession;
  readonly #focus: (selector: string) => void;

  constructor(host: ReactiveControllerHost, session: ConsoleSession, focus: (selector: string) => void) {
    this.#host = host;
    this.#session = session;
    this.#focus = focus;
  }

  #call<T>(run: (client: WeerbaarHandlerClient) => Promise<T>): Promise<T | undefined> {
    return this.#session.call(this.#session.generation, run);
  }

  async load(): Promise<void> {
    try {
      const [list, drafts] = await Promise.all([this.#call((client) => client.listDilemmas()), this.#call((client) => client.listDilemmaDrafts())]);
      if (list === undefined || drafts === undefined) return;
      if (!matchesShape(list, { items: [submissionShape] }) || !matchesShape(drafts, { items: [draftShape] })) throw new Error('The backend answered dilemmas in a shape the console cannot show.');
      this.submissions = list.items;
      this.drafts = drafts.items;
      this.status = 'ready';
    } catch (error) {
      this.status = statusOf(error) === 403 ? 'forbidden' : 'error';
    }
    this.#host.requestUpdate();
  }

  submission(submissionId: string | undefined): DilemmaSubmissionRecord | undefined {
    return this.submissions.find((item) => item.submissionId === submissionId);
  }

  /** The shared text: as it came, or as the key opened it; `undefined` while sealed. */
  contentOf(submission: DilemmaSubmissionRecord): DilemmaContent | undefined {
    return submission.content ?? this.opened.get(submission.submissionId);
  }

  /** "Openen": with the session's key at once, else the key form for this dilemma. */
  async open(submission: DilemmaSubmissionRecord): Promise<void> {
    if (!this.#session.keyring?.privateKey) {
      this.keyFor = submission.submissionId;
      this.keyProblem = undefined;
      this.#host.requestUpdate();
      // Not the file field itself: the key that pressed "Openen" would open the file chooser.
      this.#focus('#dl-key-intro');
      return;
    }
    await this.#openSealed(submission);
  }

  async #openSealed(submission: DilemmaSubmissionRecord): Promise<void> {
    const privateKey = this.#session.keyring?.privateKey;
    if (!privateKey || !submission.encryptedContent) return;
    try {
      const { openDilemmaContent } = await import('@weerbaar/sdk/crypto');
      this.opened.set(submission.submissionId, await openDilemmaContent(privateKey, submission.encryptedContent));
      this.keyFor = undefined;
      this.#focus(`#dl-received-${submission.submissionId}`);
    } catch {
      this.keyFor = submission.submissionId;
      this.keyProblem = 'dlKeyWrong';
      this.#focus('#dl-key-problem');
    }
    this.#host.requestUpdate();
  }

  /** The key file for a sealed dilemma: kept in the session's keyring, as a sealed report's is. */
  async importKey(file: File | undefined): Promise<void> {
    const submission = this.submission(this.keyFor);
    if (!submission) return;
    // A key file is small; anything bigger is not one (and is not read into memory).
    const privateKey = file && file.size < 10_000 ? privateKeyFromJwkText(await file.text()) : undefined;
    if (!privateKey || !this.#session.keyring) {
      this.keyProblem = file ? 'dlKeyNotAKey' : 'dlKeyMissing';
      this.#host.requestUpdate();
      this.#focus('#dl-key-problem');
      return;
    }
    this.#session.keyring.unlock(privateKey);
    await this.#openSealed(submission);
  }

  /** The editor, empty: only the role, theme and language are taken over, never the shared text. */
  startCard(locale: SupportedLocale, submission?: DilemmaSubmissionRecord): void {
    const language = submission?.locale === 'en' || submission?.locale === 'nl' ? submission.locale : locale;
    const roles: ReporterRole[] = submission ? [submission.role] : [];
    this.editing = {
      ...(submission ? { submissionId: submission.submissionId } : {}),
      text: { language, roles, theme: submission?.theme ?? 'other', title: '', situation: '', questions: [''] },
      errors: [],
    };
    this.notice = undefined;
    this.#host.requestUpdate();
    this.#focus('#dl-form-heading');
  }

  editCard(draft: DilemmaDraft, errors: FormError[] = []): void {
    this.editing = { cardId: draft.cardId, ...(draft.submissionId ? { submissionId: draft.submissionId } : {}), text: structuredClone(draft.text), errors };
    this.notice = undefined;
    this.#host.requestUpdate();
    this.#focus(errors.length ? '#dl-error-summary' : '#dl-form-heading');
  }

  /** Moves focus to a control of the editor (from the error summary's links). */
  focusField(id: string): void {
    this.#focus(`#${id}`);
    this.#host.requestUpdate();
  }

  cancel(): void {
    const cardId = this.editing?.cardId;
    this.editing = undefined;
    this.#host.requestUpdate();
    this.#focus(cardId ? `#dl-card-${cardId}` : '[part="heading"]');
  }

  /** A change in the editor (the form keeps no state of its own). */
  change(update: (text: DilemmaCardText) => void): void {
    if (!this.editing) return;
    update(this.editing.text);
    this.#host.requestUpdate();
  }

  addQuestion(): void {
    const questions = this.editing?.text.questions;
    if (!questions || questions.length >= maxQuestions) return;
    questions.push('');
    this.#host.requestUpdate();
    this.#focus(`#dl-question-${questions.length - 1}`);
  }

  removeQuestion(index: number): void {
    const questions = this.editing?.text.questions;
    if (!questions || questions.length <= 1) return;
    questions.splice(index, 1);
    this.#host.requestUpdate();
    this.#focus(`#dl-question-${Math.max(0, index - 1)}`);
  }

  #formErrors(text: DilemmaCardText): FormError[] {
    return [
      ...(text.title.trim() ? [] : [{ field: 'dl-title', key: 'dlTitleMissing' } as const]),
      ...(text.situation.trim() ? [] : [{ field: 'dl-situation', key: 'dlSituationMissing' } as const]),
      ...text.questions.flatMap((question, index) => (question.trim() ? [] : [{ field: `dl-question-${index}`, key: 'dlQuestionMissing', values: { number: index + 1 } } as const])),
      ...(text.roles.length ? [] : [{ field: `dl-role-${text.roles[0] ?? 'civil-servant'}`, key: 'dlRolesMissing' } as const]),
    ];
  }

  /** Creates or updates the draft; the cards are read again and the page says it is saved. */
  async save(): Promise<void> {
    const editing = this.editing;
    if (!editing || this.busy) return;
    const { decision, ...rest } = editing.text;
    const text: DilemmaCardText = { ...rest, ...(decision?.trim() ? { decision } : {}) };
    editing.errors = this.#formErrors(text);
    if (editing.errors.length) {
      this.#host.requestUpdate();
      this.#focus('#dl-error-summary');
      return;
    }
    await this.#act('dlSaved', async () => {
      const saved = await this.#call((client) => (editing.cardId ? client.updateDilemmaDraft(editing.cardId, text) : client.createDilemmaDraft(text, editing.submissionId)));
      if (saved === undefined) return false;
      this.editing = undefined;
      return true;
    });
  }

  /**
   * Publishes a card. One made from a sealed dilemma is checked here first (the server cannot read
   * the shared text); the server's own refusal (409) opens the editor the same way.
   */
  async publish(draft: DilemmaDraft): Promise<void> {
    const submission = this.submission(draft.submissionId);
    if (submission) {
      const content = this.contentOf(submission);
      if (!content) return this.#say({ key: 'dlOpenFirst', error: true }, `#dl-open-${submission.submissionId}`);
      const field = fieldHoldingSubmittedText(draft.text, content);
      if (field) return this.editCard(draft, [{ field, key: 'dlUnedited' }]);
    }
    await this.#act('dlPublished', async () => {
      try {
        return (await this.#call((client) => client.publishDilemmaCard(draft.cardId))) !== undefined;
      } catch (error) {
        if (statusOf(error) !== 409) throw error;
        this.editCard(draft, [{ field: (submission && this.#fieldHolding(draft, submission)) || 'dl-title', key: 'dlUnedited' }]);
        return false;
      }
    });
  }

  #fieldHolding(draft: DilemmaDraft, submission: DilemmaSubmissionRecord): string | undefined {
    const content = this.contentOf(submission);
    return content && fieldHoldingSubmittedText(draft.text, content);
  }

  unpublish(draft: DilemmaDraft): Promise<void> {
    return this.#act('dlUnpublished', async () => (await this.#call((client) => client.unpublishDilemmaCard(draft.cardId))) !== undefined);
  }

  #say(notice: PageNotice, focus: string): void {
    this.notice = notice;
    this.#host.requestUpdate();
    this.#focus(focus);
  }

  /** Runs one change; when it happened the lists are read again and `done` is said on the status line. */
  async #act(done: DilemmaStringKey, run: () => Promise<boolean>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.notice = undefined;
    this.#host.requestUpdate();
    try {
      if (await run()) {
        await this.load();
        this.notice = { key: done };
        this.#focus('#dl-notice');
      }
    } catch {
      this.notice = { key: 'dlFailed', error: true };
      this.#focus('#dl-notice');
    }
    this.busy = false;
    this.#host.requestUpdate();
  }
}
