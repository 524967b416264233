// Acknowledging and closing a case, as changes to commit: setCaseStatus and acknowledgeCase make
// them, and a `no-action` hand-over closes the case with the same change in its own transaction.
import type { Schema } from '@weerbaar/spec';
import type { ServerContext } from '../context.js';
import { randomId } from '../security/tokens.js';
import type { CaseChange, StoredCase } from '../storage/store.js';
import type { Actor } from './access.js';
import type { NewAuditEntry } from './audit-chain.js';
import { newAuditEntry } from './audit.js';
import { feedbackDueAfterAcknowledgement } from './deadlines.js';

const DEFAULT_ACKNOWLEDGEMENT = {
  nl: 'Wij hebben uw melding ontvangen en nemen haar in behandeling. U hoort binnen drie maanden wat wij ermee hebben gedaan.',
  en: 'We have received your report and are dealing with it. Within three months you will hear what we have done with it.',
};

type AuditContext = Pick<ServerContext, 'now' | 'spec'>;

/** The acknowledgement of a case, as one change: status, deadline and the message to the reporter. */
export function acknowledgement(found: StoredCase, at: string, message: string | undefined): CaseChange & { messages: Schema<'CaseMessage'>[] } {
  return {
    set: { status: 'acknowledged', acknowledgedAt: at, feedbackDueAt: feedbackDueAfterAcknowledgement(at), lastHandlerActionAt: at, substatus: null },
    events: [{ at, type: 'acknowledged', status: 'acknowledged' }],
    messages: [
      {
        id: randomId('m_'),
        from: 'handler',
        kind: 'acknowledgement',
        sentAt: at,
        body: message ?? DEFAULT_ACKNOWLEDGEMENT[found.locale?.startsWith('en') ? 'en' : 'nl'],
      },
    ],
  };
}

/** The acknowledgement's entries: the clock is stamped and the status moved. */
export function acknowledgedEntries(context: AuditContext, caller: Actor, at: string, messageId: string): NewAuditEntry[] {
  return [
    newAuditEntry(context, { actor: caller.actor, sessionId: caller.sessionId, action: 'acknowledged', at, details: { messageId } }),
    newAuditEntry(context, { actor: caller.actor, sessionId: caller.sessionId, action: 'status-changed', at, details: { from: 'received', to: 'acknowledged' } }),
  ];
}

/** Closing an open case with `outcome`; a case that was never acknowledged is acknowledged in the same change. */
export function closingChange(
  context: AuditContext,
  caller: Actor,
  found: StoredCase,
  closing: { at: string; outcome: Schema<'CaseOutcome'>; note?: string },
): CaseChange {
  const { at, outcome } = closing;
  const acknowledged = found.status === 'received' ? acknowledgement(found, at, undefined) : undefined;
  return {
    set: { ...acknowledged?.set, status: 'closed', outcome, lastHandlerActionAt: at, substatus: null },
    events: [...(acknowledged?.events ?? []), { at, type: 'closed', status: 'closed', outcome, ...(closing.note ? { note: closing.note } : {}) }],
    messages: acknowledged?.messages ?? [],
    audit: [
      ...(acknowledged ? acknowledgedEntries(context, caller, at, acknowledged.messages[0]!.id) : []),
      newAuditEntry(context, {
        actor: caller.actor,
        sessionId: caller.sessionId,
        action: 'status-changed',
        at,
        details: { from: acknowledged ? 'acknowledged' : found.status, to: 'closed', outcome },
      }),
    ],
  };
}
