// What the API shows of a stored case: everything to handlers, and to the reporter only status,
// deadlines, timeline (without internal notes), messages and attachments — never the content,
// because a shared screen must not show it.
import type { Schema } from '@weerbaar/spec';
import type { CaseListEntry, ListedCase, StoredAttachment, StoredCase, StoredEvent, StoredMessage, StoredMinutes } from '../storage/store.js';
import { deadlinesAt } from './deadlines.js';

export interface CaseRecord {
  case: StoredCase;
  events: StoredEvent[];
  messages: StoredMessage[];
  attachments: StoredAttachment[];
  /** Every version of the minutes of an oral report (none for most cases). */
  minutes: StoredMinutes[];
}

/** Where the minutes stand, for the handler's and the reporter's view of the case. */
function minutesSummary(minutes: StoredMinutes[]): { minutes?: Schema<'MinutesSummary'> } {
  const latest = minutes.at(-1);
  return latest ? { minutes: { latestVersion: latest.version, status: latest.status } } : {};
}

export function attachmentView(attachment: StoredAttachment): Schema<'Attachment'> {
  return {
    id: attachment.id,
    ...(attachment.name !== undefined ? { name: attachment.name } : {}),
    ...(attachment.mediaType !== undefined ? { mediaType: attachment.mediaType } : {}),
    ...(attachment.description !== undefined ? { description: attachment.description } : {}),
    sizeBytes: attachment.sizeBytes,
    sha256: attachment.sha256,
    encrypted: attachment.encryption !== undefined,
    ...(attachment.encryption ? { encryption: attachment.encryption } : {}),
    addedAt: attachment.addedAt,
  };
}

function contactable(stored: Pick<ListedCase, 'encrypted' | 'hasContact'>): 'yes' | 'no' | 'unknown' {
  if (stored.encrypted) return 'unknown';
  return stored.hasContact ? 'yes' : 'no';
}

/** A stored case as the list knows it (the list reads no report content). */
function listed(stored: StoredCase): ListedCase {
  return { ...stored, encrypted: stored.encryptedContent !== undefined, hasContact: Boolean(stored.content?.contact) };
}

function common(stored: ListedCase, now: string) {
  return {
    caseId: stored.id,
    reference: stored.reference,
    role: stored.role,
    category: stored.category,
    status: stored.status,
    ...(stored.outcome ? { outcome: stored.outcome } : {}),
    receivedAt: stored.receivedAt,
    deadlines: deadlinesAt(stored, now),
    encrypted: stored.encrypted,
    contactable: contactable(stored),
    ...(stored.substatus ? { substatus: stored.substatus } : {}),
    channel: stored.channel ?? 'online',
    ...(stored.concernsReceiver ? { concernsReceiver: true } : {}),
  };
}

/** Who works a case (1.1): its group, and for a signed-in person whether they are assigned. */
export interface CaseAccessFacts {
  group?: Schema<'GroupRef'>;
  assignedToMe?: boolean;
}

/** A case in a list; `labels` (1.1) without questions and signals. */
export function caseSummaryView(entry: CaseListEntry, now: string, labels?: Schema<'CaseLabels'>, access: CaseAccessFacts = {}): Schema<'CaseSummary'> {
  return { ...common(entry.case, now), unreadMessages: entry.unreadMessages, ...access, ...(labels ? { labels } : {}), overdueTasks: entry.overdueTasks };
}

/** The whole case for handlers, with its `labels` (1.1). Internal notes are not part of it: they have their own operation. */
export function caseView(
  record: CaseRecord,
  now: string,
  labels?: Schema<'CaseLabels'>,
  access: { group?: Schema<'GroupRef'>; assignees?: Schema<'AccountRef'>[] } = {},
): Schema<'Case'> {
  const stored = record.case;
  const { caseId, reference, role, category, ...rest } = common(listed(stored), now);
  return {
    caseId,
    reference,
    role,
    category,
    ...(stored.locale ? { locale: stored.locale } : {}),
    ...rest,
    consents: stored.consents,
    ...(stored.content ? { content: stored.content } : {}),
    ...(stored.encryptedContent ? { encryptedContent: stored.encryptedContent } : {}),
    timeline: record.events,
    messages: record.messages,
    attachments: record.attachments.map(attachmentView),
    ...(access.group ? { group: access.group } : {}),
    ...(labels ? { labels } : {}),
    ...(access.assignees ? { assignees: access.assignees } : {}),
    ...minutesSummary(record.minutes),
  };
}

/** The reporter's view; `steps` are the protocol's visible steps (domain/protocol-tasks.ts followUpSteps), `checkInDays` the coming check-ins' days. */
export function followUpView(
  record: CaseRecord,
  now: string,
  safetyNet: { steps: Schema<'FollowUpStep'>[]; relativesAffected: boolean; checkInDays: string[] },
): Schema<'FollowUpCase'> {
  const stored = record.case;
  return {
    status: stored.status,
    category: stored.category,
    receivedAt: stored.receivedAt,
    deadlines: deadlinesAt(stored, now),
    timeline: record.events.map((event) => ({ at: event.at, type: event.type, ...(event.status ? { status: event.status } : {}) })),
    messages: record.messages,
    attachments: record.attachments.map(attachmentView),
    canReply: stored.status !== 'closed',
    ...minutesSummary(record.minutes),
    steps: safetyNet.steps,
    relativesAffected: safetyNet.relativesAffected,
    ...(safetyNet.checkInDays.length ? { checkInDays: safetyNet.checkInDays } : {}),
  };
}
