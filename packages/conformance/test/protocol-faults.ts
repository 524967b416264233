// The faults the protocols profile must catch, each with the check that catches it: run by
// protocols.test.ts, and counted by broken-backends.test.ts (every fault of the proxy has a case).
import type { Fault } from './fault-proxy.js';

export const PROTOCOL_CASES: { fault: Fault; check: string }[] = [
  { fault: 'hidden-step-shown', check: 'WRA-PRO-01' },
  { fault: 'due-date-ignored', check: 'WRA-PRO-02' },
  { fault: 'affected-by-name', check: 'WRA-PRO-03' },
  { fault: 'check-in-dropped', check: 'WRA-PRO-04' },
  { fault: 'check-in-dates-dropped', check: 'WRA-PRO-05' },
  { fault: 'identity-in-hand-over', check: 'WRA-PRO-06' },
  { fault: 'no-action-left-open', check: 'WRA-PRO-08' },
  { fault: 'relatives-dropped', check: 'WRA-PRO-09' },
  { fault: 'overdue-not-listed', check: 'WRA-PRO-10' },
  { fault: 'follow-up-check-in-days-dropped', check: 'WRA-FU-10' },
];
