// The protocols profile (contract 1.2): the reference server passes it, and a backend that shows a
// hidden step to the reporter, ignores the protocol's due times or names an affected person fails
// the check that says so; so does one that drops a check-in or the receipt's check-in days, or puts
// the reporter's identity into a hand-over package without consent, leaves a case open after a
// no-action hand-over, keeps relatives recorded by the handler from the reporter's follow-up, drops
// the check-in days from the follow-up, or does not say in the list which case has an overdue task.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FAULTS } from './fault-proxy.js';
import { PROTOCOL_CASES as CASES } from './protocol-faults.js';
import { failures, result, runAgainst, sharedReferenceServer } from './support.js';
import { withWritableDatabase } from '../../server/test/helpers/database-tampering.js';

/**
 * A threat case whose open tasks were due an hour ago: the server's clock seam (times moved into
 * the past in its database, never waited for), so WRA-PRO-10 has a case with an overdue task to find.
 */
async function caseWithOverdueTasks(server: Awaited<ReturnType<typeof sharedReferenceServer>>['server']): Promise<void> {
  const submitted = await fetch(`${server.apiUrl}/reports`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ role: 'council-member', category: 'threat-intimidation', content: { description: 'Een synthetische melding met taken die te laat zijn (conformancetest).' } }),
  });
  assert.equal(submitted.status, 201);
  await withWritableDatabase(server, (db) =>
    db.run("UPDATE case_tasks SET due_at = ? WHERE status = 'open' AND case_id = (SELECT id FROM cases ORDER BY received_at DESC LIMIT 1)", [new Date(Date.now() - 3_600_000).toISOString()]),
  );
}


describe('the protocols profile', () => {
  let shared: Awaited<ReturnType<typeof sharedReferenceServer>>;
  before(async () => {
    shared = await sharedReferenceServer();
    await caseWithOverdueTasks(shared.server);
  });
  after(() => shared.stop());

  it('passes the reference server', async () => {
    const report = await runAgainst(undefined, { profiles: ['protocols'] }, shared.server);
    for (const check of ['WRA-PRO-01', 'WRA-PRO-02', 'WRA-PRO-03', 'WRA-PRO-04', 'WRA-PRO-05', 'WRA-PRO-06', 'WRA-PRO-07', 'WRA-PRO-08', 'WRA-PRO-09', 'WRA-PRO-10', 'WRA-FU-10']) assert.equal(result(report, check).outcome, 'passed', `${check}: ${result(report, check).reason}\n${failures(report)}`);
  });

  for (const { fault, check } of CASES) {
    it(`catches a backend that ${FAULTS[fault]} (${check})`, async () => {
      const report = await runAgainst(fault, { profiles: ['protocols'] }, shared.server);
      assert.equal(result(report, check).outcome, 'failed', `${check} was ${result(report, check).outcome}: ${result(report, check).reason}`);
    });
  }
});
