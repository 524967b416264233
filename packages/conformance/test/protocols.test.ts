// The protocols profile (contract 1.2): the reference server passes it, and a backend that shows a
// hidden step to the reporter, ignores the protocol's due times or names an affected person fails
// the check that says so; so does one that drops a check-in or the receipt's check-in days, or puts
// the reporter's identity into a hand-over package without consent, leaves a case open after a
// no-action hand-over, or keeps relatives recorded by the handler from the reporter's follow-up.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FAULTS } from './fault-proxy.js';
import { PROTOCOL_CASES as CASES } from './protocol-faults.js';
import { failures, result, runAgainst, sharedReferenceServer } from './support.js';


describe('the protocols profile', () => {
  let shared: Awaited<ReturnType<typeof sharedReferenceServer>>;
  before(async () => {
    shared = await sharedReferenceServer();
  });
  after(() => shared.stop());

  it('passes the reference server', async () => {
    const report = await runAgainst(undefined, { profiles: ['protocols'] }, shared.server);
    for (const check of ['WRA-PRO-01', 'WRA-PRO-02', 'WRA-PRO-03', 'WRA-PRO-04', 'WRA-PRO-05', 'WRA-PRO-06', 'WRA-PRO-07', 'WRA-PRO-08', 'WRA-PRO-09']) assert.equal(result(report, check).outcome, 'passed', `${check}: ${result(report, check).reason}\n${failures(report)}`);
  });

  for (const { fault, check } of CASES) {
    it(`catches a backend that ${FAULTS[fault]} (${check})`, async () => {
      const report = await runAgainst(fault, { profiles: ['protocols'] }, shared.server);
      assert.equal(result(report, check).outcome, 'failed', `${check} was ${result(report, check).outcome}: ${result(report, check).reason}`);
    });
  }
});
