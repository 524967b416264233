// Database rows ↔ stored values, shared by the SQLite and PostgreSQL stores: both have the same
// tables and columns and the same encodings (RFC 3339 timestamps and JSON as text).
import { ACCESSIBLE_CASE_CONDITION, accessibleCaseParams } from './people-store.js';
import type {
  CaseChange,
  CaseCounts,
  CaseFilter,
  CaseListEntry,
  HandlerToken,
  IdempotencyRecord,
  NewReport,
  StoredAttachment,
  StoredCase,
  StoredEvent,
  StoredMessage,
} from './store.js';

/** Drops SQL NULLs so optional fields are absent rather than null. */
export function withoutNulls<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;
}

/** The columns every read of a case has, in the case list and in full. */
interface CaseSummaryRow {
  id: string;
  reference: string;
  role: StoredCase['role'];
  category: StoredCase['category'];
  status: StoredCase['status'];
  outcome: StoredCase['outcome'] | null;
  received_at: string;
  acknowledge_due_at: string;
  acknowledged_at: string | null;
  feedback_due_at: string;
  feedback_given_at: string | null;
  substatus: string | null;
  channel: StoredCase['channel'] | null;
  locale: string | null;
  concerns_receiver: number;
  group_id: string | null;
}

export interface CaseRow extends CaseSummaryRow {
  consents_json: string;
  content_json: string | null;
  encrypted_content_json: string | null;
  last_handler_action_at: string | null;
  /** Migration 13. */
  affected_people_json?: string | null;
}

function caseSummary(row: CaseSummaryRow) {
  return {
    id: row.id,
    reference: row.reference,
    role: row.role,
    category: row.category,
    status: row.status,
    outcome: row.outcome ?? undefined,
    receivedAt: row.received_at,
    acknowledgeDueAt: row.acknowledge_due_at,
    acknowledgedAt: row.acknowledged_at ?? undefined,
    feedbackDueAt: row.feedback_due_at,
    feedbackGivenAt: row.feedback_given_at ?? undefined,
    substatus: row.substatus ?? undefined,
    channel: row.channel ?? undefined,
    locale: row.locale ?? undefined,
    concernsReceiver: row.concerns_receiver === 1 ? true : undefined,
    groupId: row.group_id ?? undefined,
  };
}

export function toCase(row: CaseRow): StoredCase {
  return withoutNulls({
    ...caseSummary(row),
    consents: JSON.parse(row.consents_json) as string[],
    content: row.content_json ? (JSON.parse(row.content_json) as StoredCase['content']) : undefined,
    encryptedContent: row.encrypted_content_json ? (JSON.parse(row.encrypted_content_json) as StoredCase['encryptedContent']) : undefined,
    lastHandlerActionAt: row.last_handler_action_at ?? undefined,
    affectedPeople: row.affected_people_json ? (JSON.parse(row.affected_people_json) as StoredCase['affectedPeople']) : undefined,
  });
}

/** The row the case list reads (statements.ts LISTED_COLUMNS). */
export interface ListedCaseRow extends CaseSummaryRow {
  has_contact: number;
  encrypted: number;
  unread: number;
  overdue_tasks: number;
}

export function toListEntry(row: ListedCaseRow): CaseListEntry {
  return {
    case: withoutNulls({
      ...caseSummary(row),
      encrypted: row.encrypted === 1,
      hasContact: row.has_contact === 1,
    }),
    unreadMessages: row.unread,
    overdueTasks: Number(row.overdue_tasks),
  };
}

/** The reference of a year's case with the given number (counted from 1). */
export function caseReference(year: string, number: number): string {
  return `WB-${year}-${String(number).padStart(4, '0')}`;
}

/** The sealed answer to store with a new case whose reference is `reference`. */
export function sealedResponseFor(idempotency: NonNullable<NewReport['idempotency']>, reference: string): Buffer {
  return typeof idempotency.sealedResponse === 'function' ? idempotency.sealedResponse(reference) : idempotency.sealedResponse;
}

/** The WHERE clause (with `?` parameters), its parameters and the ORDER BY of a case list. */
export function caseListQuery(filter: CaseFilter): { where: string; params: unknown[]; orderBy: string } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filter.status) {
    conditions.push('c.status = ?');
    params.push(filter.status);
  }
  if (filter.category) {
    conditions.push('c.category = ?');
    params.push(filter.category);
  }
  if (filter.role) {
    conditions.push('c.role = ?');
    params.push(filter.role);
  }
  if (filter.groupId) {
    conditions.push('c.group_id = ?');
    params.push(filter.groupId);
  }
  if (filter.assignedTo) {
    conditions.push(`EXISTS (SELECT 1 FROM case_access a WHERE a.case_id = c.id AND a.account_id = ? AND a.kind = 'assignee')`);
    params.push(filter.assignedTo);
  }
  if (filter.visibleTo) {
    conditions.push(ACCESSIBLE_CASE_CONDITION);
    params.push(...accessibleCaseParams(filter.visibleTo));
  }
  if (filter.overdueAt) {
    // The earliest deadline not met yet has passed (migration 6 defines the column; its index serves this).
    conditions.push('c.open_deadline_at < ?');
    params.push(filter.overdueAt);
  }
  const column = { receivedAt: 'received_at', acknowledgeDueAt: 'acknowledge_due_at', feedbackDueAt: 'feedback_due_at' }[filter.sort];
  const direction = filter.descending ? 'DESC' : 'ASC';
  if (filter.after) {
    // Keyset paging: after the cursor's case in (sort column, reference) order. A row-value
    // comparison, which both engines turn into a range on the (column, reference) index; the same
    // condition spelled with OR was a filter that read every index entry before the cursor.
    conditions.push(`(c.${column}, c.reference) ${filter.descending ? '<' : '>'} (?, ?)`);
    params.push(filter.after.value, filter.after.reference);
  }
  return {
    where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '',
    params,
    orderBy: `ORDER BY c.${column} ${direction}, c.reference ${direction}`,
  };
}

/** The rows of CASE_WORK_SQL.countByCodes and the overdue count as `CaseCounts`, zeros included. */
export function toCaseCounts(rows: { status: string; category: string; role: string; cases: number }[], overdue: number, overdueTasks: number): CaseCounts {
  const counts: CaseCounts = {
    total: 0,
    overdue: Number(overdue),
    overdueTasks: Number(overdueTasks),
    byStatus: { received: 0, acknowledged: 0, investigating: 0, closed: 0 },
    byCategory: { 'threat-intimidation': 0, bribery: 0, infiltration: 0, 'undue-pressure': 0, other: 0 },
    byRole: { 'civil-servant': 0, administrator: 0, 'council-member': 0, other: 0 },
  };
  for (const row of rows) {
    const cases = Number(row.cases);
    counts.total += cases;
    counts.byStatus[row.status as keyof CaseCounts['byStatus']] += cases;
    counts.byCategory[row.category as keyof CaseCounts['byCategory']] += cases;
    counts.byRole[row.role as keyof CaseCounts['byRole']] += cases;
  }
  return counts;
}

/** The column assignments of a case change, in a fixed order (`outcome = NULL` needs no value). */
export function caseAssignments(change: CaseChange): { columns: string[]; values: unknown[]; clearOutcome: boolean } {
  const columnOf: Record<string, string> = {
    status: 'status',
    outcome: 'outcome',
    acknowledgedAt: 'acknowledged_at',
    feedbackDueAt: 'feedback_due_at',
    feedbackGivenAt: 'feedback_given_at',
    lastHandlerActionAt: 'last_handler_action_at',
    substatus: 'substatus',
  };
  const assignments = Object.entries(change.set ?? {}).filter(([, value]) => value !== undefined);
  return { columns: assignments.map(([key]) => columnOf[key]!), values: assignments.map(([, value]) => value), clearOutcome: Boolean(change.clearOutcome) };
}

export function caseValues(report: NewReport, reference: string): unknown[] {
  const c = report.case;
  return [
    c.id,
    reference,
    report.receiptHash,
    c.role,
    c.category,
    c.locale ?? null,
    c.status,
    c.receivedAt,
    c.acknowledgeDueAt,
    c.feedbackDueAt,
    JSON.stringify(c.consents),
    c.content ? JSON.stringify(c.content) : null,
    c.encryptedContent ? JSON.stringify(c.encryptedContent) : null,
    c.content?.contact ? 1 : 0,
    c.channel ?? null,
    c.concernsReceiver ? 1 : 0,
  ];
}

export function eventValues(caseId: string, e: StoredEvent): unknown[] {
  return [caseId, e.at, e.type, e.status ?? null, e.outcome ?? null, e.note ?? null];
}

export function messageValues(caseId: string, m: StoredMessage): unknown[] {
  return [m.id, caseId, m.from, m.kind, m.sentAt, m.body ?? null, m.encryptedBody ? JSON.stringify(m.encryptedBody) : null];
}

export function attachmentValues(caseId: string, a: StoredAttachment): unknown[] {
  return [
    a.id,
    caseId,
    a.storageName,
    a.name ?? null,
    a.mediaType ?? null,
    a.description ?? null,
    a.sizeBytes,
    a.sha256,
    a.encryption ? JSON.stringify(a.encryption) : null,
    a.addedAt,
  ];
}

export interface MessageRow {
  id: string;
  sender: StoredMessage['from'];
  kind: StoredMessage['kind'];
  sent_at: string;
  body: string | null;
  encrypted_body_json: string | null;
}

export function toMessage(row: MessageRow): StoredMessage {
  return withoutNulls({
    id: row.id,
    from: row.sender,
    kind: row.kind,
    sentAt: row.sent_at,
    body: row.body ?? undefined,
    encryptedBody: row.encrypted_body_json ? (JSON.parse(row.encrypted_body_json) as StoredMessage['encryptedBody']) : undefined,
  });
}

export interface AttachmentRow {
  id: string;
  storage_name: string;
  name: string | null;
  media_type: string | null;
  description: string | null;
  size_bytes: number;
  sha256: string;
  encryption_json: string | null;
  added_at: string;
}

export function toAttachment(row: AttachmentRow): StoredAttachment {
  return withoutNulls({
    id: row.id,
    storageName: row.storage_name,
    name: row.name ?? undefined,
    mediaType: row.media_type ?? undefined,
    description: row.description ?? undefined,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    encryption: row.encryption_json ? (JSON.parse(row.encryption_json) as StoredAttachment['encryption']) : undefined,
    addedAt: row.added_at,
  });
}

export interface HandlerTokenRow {
  id: string;
  name: string;
  created_at: string;
  revoked_at: string | null;
  expires_at: string | null;
}

export function toHandlerToken(row: HandlerTokenRow): HandlerToken {
  return withoutNulls({
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    revokedAt: row.revoked_at ?? undefined,
    expiresAt: row.expires_at ?? undefined,
  });
}

export interface IdempotencyRow {
  request_hash: string;
  state: 'pending' | 'done';
  sealed_response: Buffer | null;
  expires_at: string;
  lease_expires_at: string | null;
}

/**
 * What an existing record means for a new claim at `now`: the record to answer with, or
 * undefined when the claim may take the key (the record expired, or its pending lease ran out).
 */
export function existingIdempotencyRecord(row: IdempotencyRow | undefined, now: string): IdempotencyRecord | undefined {
  if (!row || row.expires_at <= now) return undefined;
  if (row.state === 'done') return { state: 'done', requestHash: row.request_hash, sealedResponse: row.sealed_response! };
  // A pending claim whose lease ran out belongs to a request that died: take the key over.
  if (row.lease_expires_at === null || row.lease_expires_at > now) return { state: 'pending', requestHash: row.request_hash };
  return undefined;
}
