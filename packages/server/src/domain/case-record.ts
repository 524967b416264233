// Reads a case with everything that belongs to it.
import type { CaseRecord } from './views.js';
import { ProblemError } from '../http/problems.js';
import type { Store } from '../storage/store.js';

export async function loadCaseRecord(store: Store, caseId: string): Promise<CaseRecord> {
  const found = await store.getCase(caseId);
  if (!found) throw new ProblemError('not-found');
  const [events, messages, attachments] = await Promise.all([store.events(caseId), store.messages(caseId), store.attachments(caseId)]);
  return { case: found, events, messages, attachments };
}
