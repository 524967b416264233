import type { CheckInReply, Discovery, FollowUpCase, FollowUpCheckIn, FollowUpCheckIns, FollowUpSession, SupportContact } from '@weerbaar/sdk';
import type { SupportedLocale } from '../base/locale.js';
import { clientFor } from '../base/sdk-client.js';
import { checked, checkInsShape, supportContactsShape } from './answer-shapes.js';
import type { ReportDialogStringKey } from './report-dialog.strings.js';

/** What the person chose so far in a check-in; nothing is chosen for them. */
export interface CheckInDraft {
  wellbeing?: CheckInReply['wellbeing'];
  feelsSafe?: CheckInReply['feelsSafe'];
  wantsContact?: 'yes' | 'no';
  text: string;
}

/** Where the aftercare part of the follow-up view is: asking, asking whether to stop, or done. */
export type AftercareStage = 'asking' | 'confirm-stop' | 'answered' | 'stopped';

/** What the aftercare flow needs from the report flow that holds it. */
export interface AftercareHost {
  session(): FollowUpSession | undefined;
  readonly locale: SupportedLocale;
  t(key: ReportDialogStringKey, values?: Record<string, string | number>): string;
  showProblems(problems: { field?: string; message: string }[]): void;
  /** Renders again (a choice changed what the view shows). */
  requestUpdate(): void;
  /** Clears the problems, says `notice` and puts focus on `selector` after the render. */
  settle(notice: string, selector: string): void;
}

const emptyDraft = (): CheckInDraft => ({ text: '' });

/**
 * The follow-up view's aftercare (issue 16): the check-in waiting for an answer, help when the
 * person does not feel safe, stopping the check-ins, and support for relatives. It lives in memory
 * with the report flow and is forgotten with it; a free text is sealed by the SDK, never logged.
 */
export class AftercareFlow {
  checkIns: FollowUpCheckIns | undefined;
  draft: CheckInDraft = emptyDraft();
  stage: AftercareStage = 'asking';
  /** Where to get help now (emergency and urgent contacts), for an answer "not safe". */
  helpContacts: SupportContact[] = [];
  /** Support for relatives, when the case says they are affected. */
  relativesContacts: SupportContact[] = [];
  readonly #host: AftercareHost;

  constructor(host: AftercareHost) {
    this.#host = host;
  }

  /** The check-in to answer now: an open one, else a missed one (still answerable). */
  get pending(): FollowUpCheckIn | undefined {
    const items = this.checkIns?.stopped ? [] : (this.checkIns?.items ?? []);
    return items.find((item) => item.status === 'open') ?? items.find((item) => item.status === 'missed');
  }

  /** The next check-in still to come, for "the next question around …". */
  get upcoming(): FollowUpCheckIn | undefined {
    return this.checkIns?.stopped ? undefined : this.checkIns?.items.find((item) => item.status === 'scheduled');
  }

  reset(): void {
    this.checkIns = undefined;
    this.draft = emptyDraft();
    this.stage = 'asking';
    this.helpContacts = [];
    this.relativesContacts = [];
  }

  /**
   * Reads the check-ins and the support contacts the view may need. Each part that fails is left
   * out: the case itself still shows (a backend without protocols has none of this).
   */
  async load(api: string, discovery: Discovery | undefined, found: FollowUpCase): Promise<void> {
    this.reset();
    if (!discovery?.capabilities.caseManagement?.protocols) return;
    const client = await clientFor(api);
    const contacts = async (filters: Record<string, string | boolean>) =>
      checked(await client.getSupportContacts({ lang: this.#host.locale, ...filters }), supportContactsShape).items;
    await Promise.all([
      this.#host.session()?.listCheckIns().then((answer) => (this.checkIns = checked(answer, checkInsShape)), () => undefined),
      // Emergency entries (112) always come with the urgent ones.
      contacts({ urgency: 'urgent' }).then((found) => (this.helpContacts = found), () => undefined),
      found.relativesAffected ? contacts({ forRelatives: true }).then((found) => (this.relativesContacts = found), () => undefined) : undefined,
    ]);
  }

  update<K extends keyof CheckInDraft>(key: K, value: CheckInDraft[K]): void {
    this.draft = { ...this.draft, [key]: value };
    this.#host.requestUpdate();
  }

  /** Sends the answer to the pending check-in, after checking the three choices were made. */
  async answer(): Promise<void> {
    const pending = this.pending;
    const { wellbeing, feelsSafe, wantsContact, text } = this.draft;
    const t = (key: ReportDialogStringKey) => this.#host.t(key);
    const missing = [
      ...(wellbeing ? [] : [{ field: 'check-in-wellbeing', message: t('errWellbeing') }]),
      ...(feelsSafe ? [] : [{ field: 'check-in-safe', message: t('errSafe') }]),
      ...(wantsContact ? [] : [{ field: 'check-in-contact', message: t('errContact') }]),
    ];
    if (missing.length > 0) return this.#host.showProblems(missing);
    if (!pending || !wellbeing || !feelsSafe) return;
    try {
      const words = text.trim();
      await this.#host.session()!.answerCheckIn(pending.checkInId, { wellbeing, feelsSafe, wantsContact: wantsContact === 'yes', ...(words ? { text: words } : {}) });
      this.checkIns = checked(await this.#host.session()!.listCheckIns(), checkInsShape);
      this.stage = 'answered';
      this.#host.settle(t(wantsContact === 'yes' ? 'checkInSentContact' : 'checkInSent'), '#check-in');
    } catch {
      this.#host.showProblems([{ message: t('networkError') }]);
    }
  }

  /** Asks first: stopping cannot be undone by the person. */
  askToStop(): void {
    this.stage = 'confirm-stop';
    this.#host.settle('', '#stop-question');
  }

  keepGoing(): void {
    this.stage = 'asking';
    this.#host.settle('', '#check-in');
  }

  async stop(): Promise<void> {
    try {
      await this.#host.session()!.stopCheckIns();
      this.checkIns = checked(await this.#host.session()!.listCheckIns(), checkInsShape);
      this.stage = 'stopped';
      this.draft = emptyDraft();
      this.#host.settle(this.#host.t('checkInsStopped'), '#check-in');
    } catch {
      this.#host.showProblems([{ message: this.#host.t('networkError') }]);
    }
  }
}
