// Signed webhooks for vendors' case systems (contract 1.1, `webhooks.caseEvent`): one CloudEvents
// 1.0 event in structured JSON per notice, signed as Standard Webhooks define, with the same rule
// as the mails: the case id, its reference and open deadlines, nothing of its content. Besides the
// notices, the changes of a case (acknowledged, feedback given, closed, deleted) are events too,
// enqueued as jobs in the transaction of the change. Delivered at least once with the same
// `webhook-id`; a receiver deduplicates by it.
import { createHmac, randomBytes } from 'node:crypto';
import type { Schema } from '@weerbaar/spec';
import type { StoredCase } from '../storage/store.js';
import type { NoticeKind } from './notices.js';

export type CaseEvent = Schema<'CaseEvent'>;

/** The event type each notice is sent as. */
export const EVENT_TYPES: Record<NoticeKind, Schema<'CaseEventType'>> = {
  received: 'nl.weerbaar.case.received',
  'acknowledgement-due': 'nl.weerbaar.case.acknowledgement-due',
  'acknowledgement-overdue': 'nl.weerbaar.case.overdue',
  'feedback-due': 'nl.weerbaar.case.feedback-due',
  'feedback-overdue': 'nl.weerbaar.case.overdue',
};

/** Changes of a case, each sent as its event the moment the change commits (not a scheduled notice). */
export const CHANGE_EVENT_TYPES = {
  acknowledged: 'nl.weerbaar.case.acknowledged',
  'feedback-given': 'nl.weerbaar.case.feedback-given',
  closed: 'nl.weerbaar.case.closed',
  deleted: 'nl.weerbaar.case.deleted',
} as const satisfies Record<string, Schema<'CaseEventType'>>;

export type CaseChangeKind = keyof typeof CHANGE_EVENT_TYPES;

/** The event types this server sends (advertised in discovery). */
export const SENT_EVENT_TYPES: Schema<'CaseEventType'>[] = [...new Set([...Object.values(EVENT_TYPES), ...Object.values(CHANGE_EVENT_TYPES)])];

/** Pauses between attempts, as the contract describes: about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h. */
export const WEBHOOK_RETRY_DELAYS_MS = [5, 300, 1800, 7200, 18_000, 36_000].map((seconds) => seconds * 1000);

/** No answer within this long is a failed attempt (contract). */
const ANSWER_TIMEOUT_MS = 15_000;

export const WEBHOOK_SECRET = /^whsec_([A-Za-z0-9+/]+={0,2})$/;

/** The secret's bytes (24 to 64), or undefined when it is not a `whsec_` secret. */
export function webhookSecretBytes(secret: string): Buffer | undefined {
  const match = WEBHOOK_SECRET.exec(secret);
  const bytes = match ? Buffer.from(match[1]!, 'base64') : undefined;
  return bytes && bytes.length >= 24 && bytes.length <= 64 ? bytes : undefined;
}

/** A new secret to share with a receiver (`weerbaar-server webhook secret`). */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function newEventId(): string {
  return `evt_${randomBytes(12).toString('base64url')}`;
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`. */
export function signWebhook(secretBytes: Buffer, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', secretBytes).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The event of a notice: what happened and when, and the case by id, reference and open deadlines only. */
export function caseEvent(kind: NoticeKind, c: StoredCase, eventId: string, time: string, source: string): CaseEvent {
  return {
    specversion: '1.0',
    id: eventId,
    source,
    type: EVENT_TYPES[kind],
    time,
    subject: c.id,
    datacontenttype: 'application/json',
    data: {
      caseId: c.id,
      reference: c.reference,
      ...(c.acknowledgedAt ? {} : { acknowledgeDueAt: c.acknowledgeDueAt }),
      ...(c.feedbackGivenAt ? {} : { feedbackDueAt: c.feedbackDueAt }),
    },
  };
}

/** What a change event says: the case by id and reference only (a deleted case has nothing more). */
export interface ChangeEventFacts {
  change: CaseChangeKind;
  caseId: string;
  reference: string;
  eventId: string;
  time: string;
}

export function changeEvent(facts: ChangeEventFacts, source: string): CaseEvent {
  return {
    specversion: '1.0',
    id: facts.eventId,
    source,
    type: CHANGE_EVENT_TYPES[facts.change],
    time: facts.time,
    subject: facts.caseId,
    datacontenttype: 'application/json',
    data: { caseId: facts.caseId, reference: facts.reference },
  };
}

/** Posts one signed event; any 2xx is delivered, anything else throws (the job runs again later). */
export async function deliverWebhook(url: string, secretBytes: Buffer, event: CaseEvent, nowMs: number): Promise<void> {
  const body = JSON.stringify(event);
  const timestamp = Math.floor(nowMs / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/cloudevents+json',
      'webhook-id': event.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(secretBytes, event.id, timestamp, body),
    },
    body,
    redirect: 'error',
    signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`the webhook receiver answered ${response.status}`);
}
