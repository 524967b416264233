import { html, nothing, type TemplateResult } from 'lit';
import type { WeerbaarHandlerClient } from '@weerbaar/sdk/handler';
import { longDate, type SupportedLocale } from '../base/locale.js';
import type { AuditExport, Case, CaseAccess, CaseOptions, Discovery, GroupList, Me, MinutesList, NoteList, OpenedCase, PersonRef, ReportForm } from './case-data.js';
import type { CaseViewStringKey } from './case-view.strings.js';
import type { CaseKeyring } from './keyring.js';
import type { SafetyNet } from './safety-net.js';

/** The parts of the case view that show a problem or a confirmation of their own. */
export type Section = 'key' | 'keep' | 'messages' | 'notes' | 'status' | 'files' | 'access' | 'audit' | 'record' | 'minutes' | 'intake' | 'tasks' | 'affected';

/** One problem or confirmation, shown and announced in its section; `field` is the control it is about. */
export interface Notice {
  text: string;
  error?: boolean;
  field?: string;
}

/** What the case view read for the case it shows. */
export interface Loaded {
  found: Case;
  discovery: Discovery;
  options?: CaseOptions | undefined;
  notes?: NoteList | undefined;
  /** Who has access (with sign-in); the groups and the people who can be chosen. */
  access?: CaseAccess | undefined;
  groups?: GroupList | undefined;
  people: PersonRef[];
  /** The minutes of an oral report or a meeting (`intake`), when the case has them. */
  minutes?: MinutesList | undefined;
  /** The protocol's tasks, the check-ins and the protocols (`caseManagement.protocols`). */
  safetyNet?: SafetyNet | undefined;
}

/**
 * What every view module of the case view renders from and acts through: the texts, the case as
 * read, what was opened with the key, and the element's actions. One object for the element's life;
 * its getters always give what is current (an action that awaited may find another case loaded).
 */
export interface CaseContext {
  t(key: CaseViewStringKey, values?: Record<string, string | number>): string;
  /** A heading at the view's level plus `depth`; the case's heading (`depth` 0) takes focus. */
  heading(depth: number, content: unknown, id?: string): TemplateResult;
  readonly locale: SupportedLocale;
  readonly client: WeerbaarHandlerClient;
  readonly caseId: string;
  readonly keyring: CaseKeyring;
  readonly me: Me | undefined;
  /** The discovery the console gave, when the case is not loaded yet. */
  readonly discovery: Discovery | undefined;
  readonly loaded: Loaded | undefined;
  /** What the key opened of a sealed case. */
  readonly opened: OpenedCase | undefined;
  /** The report form, for the labels of a sealed report's answers. */
  readonly form: ReportForm | undefined;
  readonly notices: Map<Section, Notice>;
  /** The element: print and attributes go there. */
  readonly host: HTMLElement;
  requestUpdate(): void;
  /** Renders what changed and waits until it is on the page. */
  rendered(): Promise<void>;
  /** Renders, then moves focus to the element with this id. */
  focus(id: string): Promise<void>;
  /** A 401 means the token stopped working (idle, signed out elsewhere): tells the console, true then. */
  sessionEnded(error: unknown): boolean;
  /** Tells the console the case changed. */
  changed(): void;
  /** Reads the case again (after a change). */
  reload(): Promise<void>;
  /** Runs an action; on success reloads the case and tells the console, on failure says so in its section. */
  act(section: Section, action: () => Promise<unknown>, done?: CaseViewStringKey): Promise<boolean>;
}

/** The Netherlands: where the organisation that sets the deadlines is. */
const timeZone = 'Europe/Amsterdam';

/** A day in words in the Netherlands' time zone; a malformed date from the backend as it came. */
export function dateInWords(context: CaseContext, iso: string, locale: SupportedLocale = context.locale): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : longDate(locale, date, timeZone);
}

export function dateAndTime(context: CaseContext, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(context.locale === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(date);
}

/** A text by a key made from data (a status, an action): the data itself when no text has that key. */
export function textFor(context: CaseContext, key: string, fallback: string): string {
  return (context.t(key as CaseViewStringKey) as string | undefined) ?? fallback;
}

/** Who did something, in words. */
export function actorName(context: CaseContext, actor: AuditExport['entries'][number]['actor']): string {
  if (actor.kind === 'reporter') return context.t('actorReporter');
  if (actor.kind === 'system') return context.t('actorSystem');
  if (actor.kind === 'handler-token') return context.t('actorToken', { name: actor.name ?? '' });
  return actor.name ?? '';
}

/** A section's notice: always in the page, so that screen readers announce what is put into it. */
export function notice(context: CaseContext, section: Section): TemplateResult {
  const current = context.notices.get(section);
  return html`<p role="status" class=${current?.error ? 'notice error' : 'notice'} id="${section}-notice">${current?.text ?? ''}</p>`;
}

export function fieldError(context: CaseContext, section: Section, field: string): boolean {
  const current = context.notices.get(section);
  return !!current?.error && current.field === field;
}

/** Shows a problem about one field in its section and moves focus to the field. */
export async function fieldProblem(context: CaseContext, section: Section, key: CaseViewStringKey, field: string, values?: Record<string, string | number>): Promise<void> {
  context.notices.set(section, { text: context.t(key, values), error: true, field });
  await context.focus(field);
}

/**
 * A labelled text field (a textarea with `rows`, else an input) with its hint, its section's
 * notice as description, and `aria-invalid` when the notice is about this field.
 */
export function textField(
  context: CaseContext,
  section: Section,
  id: string,
  label: CaseViewStringKey,
  value: string,
  onInput: (value: string) => void,
  { hint, rows, maxLength, type = 'text' }: { hint?: CaseViewStringKey; rows?: number; maxLength?: number; type?: 'text' | 'date' | 'datetime-local' } = {},
): TemplateResult {
  const invalid = fieldError(context, section, id);
  const describedBy = `${hint ? `${id}-hint ` : ''}${section}-notice`;
  const input = (event: Event) => onInput((event.target as HTMLInputElement | HTMLTextAreaElement).value);
  return html`<div class="field ${invalid ? 'invalid' : ''}">
    <label for=${id}>${context.t(label)}</label>
    ${hint ? html`<p class="hint" id="${id}-hint">${context.t(hint)}</p>` : nothing}
    ${rows
      ? html`<textarea id=${id} rows=${rows} maxlength=${maxLength ?? nothing} aria-describedby=${describedBy} aria-invalid=${invalid ? 'true' : 'false'} .value=${value} @input=${input}></textarea>`
      : html`<input id=${id} type=${type} maxlength=${maxLength ?? nothing} aria-describedby=${describedBy} aria-invalid=${invalid ? 'true' : 'false'} .value=${value} @input=${input} />`}
  </div>`;
}

/** A submit handler that keeps the page where it is. */
export const submitted = (action: () => unknown) => (event: SubmitEvent) => {
  event.preventDefault();
  void action();
};
