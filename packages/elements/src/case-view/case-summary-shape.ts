// Its own small module: the inbox's first load checks every page of cases with it, and must not
// take the rest of the case view's data checks with it (they load with the case view).
import type { Shape } from '../base/shape.js';

/** What every answer about a case has, in the list (`CaseSummary`, which the inbox checks) and whole (`Case`). */
export const caseSummaryShape = {
  caseId: 's',
  reference: 's',
  role: 's',
  category: 's',
  status: 's',
  receivedAt: 's',
  encrypted: 'b',
  deadlines: { acknowledgeDueAt: 's', feedbackDueAt: 's', acknowledgeOverdue: 'b', feedbackOverdue: 'b', 'acknowledgedAt?': 's', 'feedbackGivenAt?': 's' },
} satisfies Shape;
