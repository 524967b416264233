// verifyAuditTrail (WebCrypto) on the contract's worked example, on every way a trail can be
// tampered with, and on a real export of the reference server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixtures } from '@weerbaar/spec';
import { auditEntryHash, createHandlerClient, verifyAuditTrail, type AuditExport } from '../src/handler.js';
import { startReferenceServer, type ReferenceServer } from './support/reference-server.js';

const workedExample = fixtures.find((fixture) => fixture.name === 'getCaseAudit/valid/worked-example')!.body as AuditExport;
const example = () => structuredClone(workedExample);

describe('verifyAuditTrail on the contract worked example', () => {
  it('accepts it: every hash recomputes, as the contract quotes them', async () => {
    assert.deepEqual(await verifyAuditTrail(example()), { valid: true, problems: [] });
    assert.equal(await auditEntryHash(workedExample.entries[0]!), '306f2aa4cdbcfd1caa8fb080a1d0819f8bd2e3365300633d76bdead225a84f93');
    assert.equal(await auditEntryHash(workedExample.entries[1]!), 'b531333377aff63e45b98d1bd634e493bd3bf6b8dfce7fb829c0556a678acc0b', 'non-ASCII hashed as UTF-8');
  });

  it('finds a changed entry', async () => {
    const changed = example();
    changed.entries[2]!.at = '2026-11-28T10:05:00.000Z';
    assert.deepEqual((await verifyAuditTrail(changed)).problems, [{ code: 'hash-mismatch', seq: 3 }]);
  });

  it('finds a removed entry', async () => {
    const removed = example();
    removed.entries.splice(2, 1);
    const { valid, problems } = await verifyAuditTrail(removed);
    assert.equal(valid, false);
    assert.deepEqual(problems.slice(0, 2), [{ code: 'seq-out-of-order', seq: 4 }, { code: 'broken-link', seq: 4 }]);
    assert.ok(problems.some((problem) => problem.code === 'count-mismatch'));
  });

  it('finds two entries swapped', async () => {
    const swapped = example();
    [swapped.entries[1], swapped.entries[2]] = [swapped.entries[2]!, swapped.entries[1]!];
    const codes = (await verifyAuditTrail(swapped)).problems.map((problem) => problem.code);
    assert.ok(codes.includes('seq-out-of-order') && codes.includes('broken-link'), codes.join());
  });

  it('finds a head that is not the last hash', async () => {
    const wrongHead = { ...example(), headHash: workedExample.entries[0]!.hash };
    assert.deepEqual((await verifyAuditTrail(wrongHead)).problems, [{ code: 'head-mismatch' }]);
  });

  it('finds a cut tail only against a head kept earlier, and a rewritten history against it too', async () => {
    const cut = example();
    cut.entries = cut.entries.slice(0, 3);
    cut.entryCount = 3;
    cut.headHash = cut.entries[2]!.hash;
    assert.equal((await verifyAuditTrail(cut)).valid, true, 'a cleanly cut chain holds on its own');
    assert.deepEqual((await verifyAuditTrail(cut, workedExample)).problems, [{ code: 'truncated' }]);
    assert.deepEqual((await verifyAuditTrail(example(), { entryCount: 2, headHash: '0'.repeat(64) })).problems, [{ code: 'known-head-mismatch', seq: 2 }]);
  });
});

describe('verifyAuditTrail on the reference server', () => {
  let server: ReferenceServer;
  before(async () => {
    server = await startReferenceServer();
  });
  after(() => server.stop());

  it("verifies a case's exported trail, and the next export against the first one's head", async () => {
    const handler = createHandlerClient({ baseUrl: server.apiUrl, token: server.handlerToken });
    await fetch(`${server.apiUrl}/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ role: 'council-member', category: 'bribery', content: { description: 'Synthetisch: een aanbod voor een stem.' } }),
    });
    const { caseId } = (await handler.listCases({ pageSize: 1 })).items[0]!;
    await handler.getCase(caseId);
    const first = await handler.getAuditTrail(caseId);
    assert.deepEqual(first.entries.map((entry) => entry.action), ['received', 'read', 'audit-exported']);
    assert.deepEqual(await verifyAuditTrail(first), { valid: true, problems: [] });
    await handler.acknowledge(caseId);
    const second = await handler.getAuditTrail(caseId);
    assert.deepEqual(await verifyAuditTrail(second, first), { valid: true, problems: [] });
  });
});
