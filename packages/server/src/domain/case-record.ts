// Reads a case with everything that belongs to it, and answers it as handlers see it.
import type { Schema } from '@weerbaar/spec';
import type { ServerContext } from '../context.js';
import { ProblemError } from '../http/problems.js';
import type { Store } from '../storage/store.js';
import { liveCase } from './retention.js';
import { caseView, type CaseRecord } from './views.js';

export async function loadCaseRecord(store: Store, caseId: string): Promise<CaseRecord> {
  const found = await store.getCase(caseId);
  if (!found) throw new ProblemError('not-found');
  const [events, messages, attachments, minutes] = await Promise.all([store.events(caseId), store.messages(caseId), store.attachments(caseId), store.minutes(caseId)]);
  return { case: found, events, messages, attachments, minutes };
}

/** The whole case for handlers, labelled in its language; 410 when retention deleted it. */
export async function caseAnswer(context: ServerContext, caseId: string): Promise<Schema<'Case'>> {
  await liveCase(context, caseId);
  const record = await loadCaseRecord(context.store, caseId);
  const access = await context.people.caseAccess(caseId);
  const who = access
    ? {
        group: { groupId: access.groupId, name: access.groupName },
        assignees: access.entries.filter((entry) => entry.kind === 'assignee').map(({ accountId, displayName }) => ({ accountId, displayName })),
      }
    : {};
  // Who was affected, by role only, never a name: as a handler recorded it, else from the form's answer (absent when neither says).
  const affectedPeople = record.case.affectedPeople ?? context.protocols.affectedPeople(record.case.content);
  return { ...caseView(record, context.now(), context.labels.labels(record.case, { withContent: true }), who), ...(affectedPeople?.length ? { affectedPeople } : {}) };
}
