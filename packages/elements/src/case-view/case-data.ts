// What the case view reads from the backend and opens on the device, and how it checks it first: a
// compromised backend must get the error state, never a half-rendered or throwing view.
import type { AuditExport, Case, CaseAccess, CaseNote, CaseOptions, Discovery, GroupList, Me, MessageTemplates, MinutesList, NoteList, ReportContent, ReportForm } from '@weerbaar/sdk';
import { matchesShape, type Shape } from '../base/shape.js';
import { caseSummaryShape } from './case-summary-shape.js';

export type { AuditExport, Case, CaseAccess, CaseNote, CaseOptions, Discovery, GroupList, Me, MessageTemplates, MinutesList, NoteList, ReportContent, ReportForm };

/** A person as colleagues see them in a case. */
export type PersonRef = CaseAccess['assignees'][number];

const caseShape: Shape = {
  ...caseSummaryShape,
  consents: ['s'],
  timeline: [{ at: 's', type: 's', 'status?': 's', 'outcome?': 's', 'note?': 's' }],
  messages: [{ id: 's', from: 's', kind: 's', sentAt: 's', 'body?': 's' }],
  attachments: [{ id: 's', sizeBytes: 'n', encrypted: 'b', addedAt: 's', 'name?': 's' }],
  'locale?': 's',
  'substatus?': 's',
  'channel?': 's',
  'concernsReceiver?': 'b',
  'group?': { groupId: 's', name: 's' },
  'assignees?': [{ accountId: 's', displayName: 's' }],
  'labels?': { role: 's', category: 's', status: 's', 'substatus?': 's', 'outcome?': 's', 'channel?': 's', 'signals?': {} },
};

const contentShape: Shape = {
  description: 's',
  'occurredOn?': 's',
  'occurredPeriod?': 's',
  'location?': 's',
  'involvedParties?': 's',
  'checkedSignals?': ['s'],
  'contact?': { 'name?': 's', 'email?': 's', 'phone?': 's', preferredChannel: 's' },
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringOrStrings = (value: unknown) => typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));

/** Answers (by question id) are strings or lists of strings; question labels hold a question and its answer in words. */
function answersFit(value: Record<string, unknown>): boolean {
  if (value.answers !== undefined && !(isRecord(value.answers) && Object.values(value.answers).every(isStringOrStrings))) return false;
  return true;
}

export function isCase(value: unknown): value is Case {
  if (!matchesShape(value, caseShape)) return false;
  const found = value as Case;
  const questions = found.labels?.questions;
  if (questions !== undefined && !(isRecord(questions) && Object.values(questions).every((entry) => matchesShape(entry, { question: 's', answer: ['s'] })))) return false;
  const signals = found.labels?.signals;
  if (signals !== undefined && !Object.values(signals).every((label) => typeof label === 'string')) return false;
  return found.content === undefined || isReportContent(found.content);
}

export function isReportContent(value: unknown): value is ReportContent {
  return matchesShape(value, contentShape) && answersFit(value as Record<string, unknown>);
}

export const isNoteList = (value: unknown): value is NoteList =>
  matchesShape(value, { items: [{ noteId: 's', createdAt: 's', 'body?': 's', author: { 'name?': 's' } }] });

const personShape: Shape = { accountId: 's', displayName: 's' };

export const isCaseAccess = (value: unknown): value is CaseAccess =>
  matchesShape(value, { group: { groupId: 's', name: 's' }, assignees: [personShape], grants: [personShape], exclusions: [personShape] });

export const isGroupList = (value: unknown): value is GroupList => matchesShape(value, { items: [{ groupId: 's', name: 's', members: [personShape] }] });

/** Everyone who can be chosen for a case: the members of every group (and every account, for admins), each once, by name. */
export function peopleIn(groups: GroupList | undefined, accounts: readonly PersonRef[] = []): PersonRef[] {
  const people = new Map<string, PersonRef>();
  for (const person of [...(groups?.items.flatMap((group) => group.members) ?? []), ...accounts]) {
    people.set(person.accountId, { accountId: person.accountId, displayName: person.displayName });
  }
  return [...people.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export const isAuditExport = (value: unknown): value is AuditExport =>
  matchesShape(value, { entryCount: 'n', headHash: 's', entries: [{ seq: 'n', at: 's', action: 's', actor: { kind: 's', 'name?': 's' } }] });

export const isMinutesList = (value: unknown): value is MinutesList =>
  matchesShape(value, {
    items: [{ version: 'n', createdAt: 's', status: 's', body: 's', author: { 'name?': 's' }, 'answer?': { answeredAt: 's', decision: 's', 'correction?': 's' } }],
  });

export const isCaseOptions = (value: unknown): value is CaseOptions =>
  matchesShape(value, { statuses: [{ id: 's', label: 's', substatuses: [{ id: 's', label: 's' }] }], outcomes: [{ id: 's', label: 's' }] });

export const isMessageTemplates = (value: unknown): value is MessageTemplates => matchesShape(value, { items: [{ id: 's', kind: 's', title: 's', body: 's' }] });

export const isReportForm = (value: unknown): value is ReportForm =>
  matchesShape(value, {
    roles: [{ id: 's', label: 's' }],
    categories: [{ id: 's', label: 's' }],
    'questions?': [{ id: 's', label: 's', 'options?': [{ id: 's', label: 's' }] }],
  });

/** Whether anything in the case is sealed and needs the organisation's key. */
export function needsKey(found: Case, notes: NoteList | undefined, minutes?: MinutesList): boolean {
  return (
    !!found.encryptedContent ||
    found.messages.some((message) => message.encryptedBody) ||
    !!notes?.items.some((note) => note.encryptedBody) ||
    !!minutes?.items.some((version) => version.answer?.encryptedCorrection)
  );
}

/** What the organisation's key opened: the content and the sealed messages', notes' and minutes corrections' texts. */
export interface OpenedCase {
  content?: ReportContent;
  messages: Map<string, string>;
  notes: Map<string, string>;
  /** The reporter's sealed corrections, by the version of the minutes they answer. */
  corrections: Map<number, string>;
}

/**
 * Opens everything sealed in a case with the private key, on this device (`@weerbaar/sdk/crypto`,
 * loaded only when a case is sealed). Rejects when the key does not open the report content; a
 * single message or note it cannot open stays sealed.
 */
export async function openCase(privateKey: JsonWebKey, found: Case, notes: NoteList | undefined, minutes?: MinutesList): Promise<OpenedCase> {
  const { openReportContent, openMessage, openNote } = await import('@weerbaar/sdk/crypto');
  const opened: OpenedCase = { messages: new Map(), notes: new Map(), corrections: new Map() };
  if (found.encryptedContent) {
    const content = await openReportContent(privateKey, found.encryptedContent);
    if (!isReportContent(content)) throw new Error('The opened content has the wrong shape.');
    opened.content = content;
  }
  const attempts: Promise<unknown>[] = [];
  for (const message of found.messages) {
    if (message.encryptedBody) attempts.push(openMessage(privateKey, message.encryptedBody).then((text) => opened.messages.set(message.id, text)));
  }
  for (const note of notes?.items ?? []) {
    if (note.encryptedBody) attempts.push(openNote(privateKey, note.encryptedBody).then((text) => opened.notes.set(note.noteId, text)));
  }
  for (const version of minutes?.items ?? []) {
    const sealed = version.answer?.encryptedCorrection;
    // The reporter's correction is sealed as a message is.
    if (sealed) attempts.push(openMessage(privateKey, sealed).then((text) => opened.corrections.set(version.version, text)));
  }
  await Promise.allSettled(attempts);
  if (!found.encryptedContent && attempts.length > 0 && opened.messages.size + opened.notes.size + opened.corrections.size === 0) throw new Error('The key opens nothing.');
  return opened;
}

export interface AnswerRow {
  label: string;
  value: string;
  /** The reporter's own words (shown as a quote, line breaks kept). */
  quote?: boolean;
  /** Who the reporter is (contact details): left out of a printed record by default. */
  identity?: boolean;
}

/**
 * The answers to the form's extra questions, labelled: from the backend's labels when it could read
 * them (plain reports), else from the report form in the case's language (sealed reports), else
 * the question ids and answers as they are.
 */
export function questionRows(found: Case, content: ReportContent, form: ReportForm | undefined): AnswerRow[] {
  const labelled = found.labels?.questions;
  return Object.entries(content.answers ?? {}).map(([id, answer]) => {
    const fromBackend = labelled?.[id];
    if (fromBackend) return { label: fromBackend.question, value: fromBackend.answer.join(', ') };
    const question = form?.questions?.find((candidate) => candidate.id === id);
    const optionLabel = (option: string) => question?.options?.find((candidate) => candidate.id === option)?.label ?? option;
    const value = Array.isArray(answer) ? answer.map(optionLabel).join(', ') : question?.options ? optionLabel(answer) : answer;
    return { label: question?.label ?? id, value, quote: !question?.options && !Array.isArray(answer) };
  });
}

/** A label from a list of `{ id, label }`, or the code itself. */
export const labelIn = (list: readonly { id: string; label: string }[] | undefined, id: string) => list?.find((item) => item.id === id)?.label ?? id;

/** Whole days from now to `iso`, rounded up (a deadline 6.5 days away is "7 days left"). */
export function daysUntil(iso: string, now = Date.now()): number {
  return Math.ceil((Date.parse(iso) - now) / 86_400_000);
}

/** A file name that is only a name: no folders, no control characters, never empty. */
export function safeFileName(name: string, fallback: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\u0000-\u001f\u007f/\\]/g, '_').replace(/^\.+/, '').trim().slice(0, 200);
  return cleaned || fallback;
}
