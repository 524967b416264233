import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProfileId } from '../src/types.js';
import { FAULTS, type Fault } from './fault-proxy.js';
import { failures, result, runAgainst } from './support.js';

/** Each deliberately broken backend, the check that must catch it, and the profiles needed to exercise it. */
const CASES: { fault: Fault; check: string; profiles: ProfileId[] }[] = [
  { fault: 'set-cookie', check: 'WRA-SEC-01', profiles: ['core'] },
  { fault: 'drop-api-version', check: 'WRA-RESP-03', profiles: ['core'] },
  { fault: 'no-nosniff', check: 'WRA-SEC-02', profiles: ['core'] },
  { fault: 'bad-request-as-500', check: 'WRA-ERR-02', profiles: ['core'] },
  { fault: 'bad-request-as-200', check: 'WRA-ERR-02', profiles: ['core'] },
  { fault: 'receipt-in-header', check: 'WRA-SEC-08', profiles: ['core'] },
  { fault: 'ignore-idempotency-key', check: 'WRA-IDEMP-01', profiles: ['core'] },
  { fault: 'plain-json-errors', check: 'WRA-ERR-01', profiles: ['core'] },
  { fault: 'stack-trace', check: 'WRA-SEC-07', profiles: ['core'] },
  { fault: 'receipt-oracle', check: 'WRA-FU-03', profiles: ['core', 'follow-up'] },
  { fault: 'no-rate-limit', check: 'WRA-FU-04', profiles: ['core', 'follow-up'] },
  { fault: 'stores-rejected-reports', check: 'WRA-ERR-09', profiles: ['core', 'case-management'] },
];

describe('a broken backend', () => {
  it('has a test case for every fault the proxy can inject', () => {
    assert.deepEqual(CASES.map((entry) => entry.fault).sort(), Object.keys(FAULTS).sort());
  });

  for (const { fault, check, profiles } of CASES) {
    it(`that ${FAULTS[fault]} fails ${check}`, async () => {
      const report = await runAgainst(fault, { profiles });
      const caught = result(report, check);
      assert.equal(caught.outcome, 'failed', `${check} was ${caught.outcome}: ${caught.reason}\nall failures:\n${failures(report)}`);
      assert.equal(report.conforms, false);
      if (caught.evidence.length === 0) assert.notEqual(caught.reason, '', 'a failure says why');
    });
  }

  it('is not failed by the proxy itself: without a fault every check of core and follow-up passes', async () => {
    const report = await runAgainst(undefined, { profiles: ['core', 'follow-up'] });
    assert.equal(failures(report), '');
    assert.equal(report.conforms, true);
  });
});
