import { matchesShape, type Shape } from '../base/shape.js';

// What the dialog reads from the backend's answers (see shape.ts). An answer that does not match
// is treated like a failed request: the load-error, not-sent or follow-up error state, never a
// half-rendered step.
const optionShape: Shape = { id: 's', label: 's', 'hint?': 's' };
export const reportFormShape: Shape = {
  roles: [optionShape],
  categories: [optionShape],
  questions: [{ id: 's', label: 's', 'hint?': 's', type: 's', required: 'b', 'maxLength?': 'n', 'options?': [optionShape], 'categories?': ['s'] }],
  anonymity: { explanation: 's', contactExplanation: 's' },
  consents: [{ id: 's', text: 's', required: 'b', 'link?': { 'href?': 's', 'label?': 's' } }],
};
export const discoveryShape: Shape = {
  capabilities: { 'attachments?': { maxBytes: 'n', mediaTypes: ['s'] } },
  limits: { maxTextLength: 'n' },
  'links?': { 'privacyStatement?': 's' },
};
export const receiptShape: Shape = { receipt: 's', acknowledgeDueAt: 's', feedbackDueAt: 's', followUp: { available: 'b' }, 'checkInDays?': ['s'] };
export const followUpCaseShape: Shape = {
  status: 's',
  deadlines: { acknowledgeDueAt: 's', feedbackDueAt: 's' },
  timeline: [{ at: 's', type: 's' }],
  messages: [{ from: 's', sentAt: 's', 'body?': 's' }],
  'attachments?': [{ 'name?': 's', sizeBytes: 'n', addedAt: 's' }],
  canReply: 'b',
  'steps?': [{ title: 's', done: 'b', 'doneAt?': 's' }],
  'relativesAffected?': 'b',
  'checkInDays?': ['s'],
};
export const checkInsShape: Shape = { items: [{ checkInId: 's', opensAt: 's', dueAt: 's', status: 's' }], stopped: 'b' };
export const supportContactsShape: Shape = { items: [{ organisation: 's', 'name?': 's', 'phone?': { number: 's', 'display?': 's' }, 'url?': 's' }] };

/** The answer when it has the shape, else an error (handled like a failed request). */
export function checked<T>(answer: T, shape: Shape): T {
  if (!matchesShape(answer, shape)) throw new TypeError('The backend answered in an unexpected shape');
  return answer;
}
