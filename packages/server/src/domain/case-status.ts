// The status transitions of a case, exactly as the contract's setCaseStatus describes them.
import type { CaseStatus } from '../storage/store.js';

const ALLOWED: Record<CaseStatus, readonly CaseStatus[]> = {
  received: ['acknowledged', 'closed'],
  acknowledged: ['investigating', 'closed'],
  investigating: ['closed'],
  closed: ['investigating'],
};

export function canMove(from: CaseStatus, to: CaseStatus): boolean {
  return ALLOWED[from].includes(to);
}
