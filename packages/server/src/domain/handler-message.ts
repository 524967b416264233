// A handler's message to the reporter as one change of the case, with its audit entry. A `feedback`
// message fulfils the 3-month duty: the first one stamps `feedbackGivenAt` (art. 9(1)(f) of the
// Directive).
import type { ServerContext } from '../context.js';
import { randomId } from '../security/tokens.js';
import type { CaseChange, StoredCase, StoredMessage } from '../storage/store.js';
import type { AuditActor } from './audit-chain.js';
import { newAuditEntry } from './audit.js';

export function handlerMessage(
  context: Pick<ServerContext, 'now' | 'spec'>,
  caller: { actor: AuditActor; sessionId?: string | undefined },
  found: StoredCase,
  kind: 'message' | 'question' | 'feedback',
  body: string,
): { message: StoredMessage; change: CaseChange } {
  const at = context.now();
  const message: StoredMessage = { id: randomId('m_'), from: 'handler', kind, sentAt: at, body };
  const feedback = kind === 'feedback';
  return {
    message,
    change: {
      set: { lastHandlerActionAt: at, ...(feedback && !found.feedbackGivenAt ? { feedbackGivenAt: at } : {}) },
      messages: [message],
      events: [{ at, type: feedback ? 'feedback-given' : 'message-from-handler' }],
      audit: [
        newAuditEntry(context, {
          actor: caller.actor,
          ...(caller.sessionId ? { sessionId: caller.sessionId } : {}),
          action: feedback ? 'feedback-given' : 'message-sent',
          at,
          details: { messageId: message.id, kind },
        }),
      ],
    },
  };
}
