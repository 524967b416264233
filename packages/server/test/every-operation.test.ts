import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { calledOperations, idempotencyKey, MINIMAL_REPORT, spec } from './helpers/contract-client.js';
import { isImplemented, NOT_YET_IMPLEMENTED } from './helpers/not-yet-implemented.js';
import { newestCaseId, startTestServer, type TestServer } from './helpers/server.js';

describe('the whole flow, through every operation of the contract', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ encryption: true, env: { WEERBAAR_HOSTED_REPORT_PAGE_URL: 'https://meld.voorbeeldstad.nl/melden' } });
  });
  after(() => t.server.stop());

  it('reports, follows up, handles and closes a case, each answer as the contract documents it', async () => {
    const handler = t.server.handlerToken!;
    const discovery = (await t.api.call('getDiscovery')).body;
    assert.deepEqual(Object.keys(discovery.capabilities).sort(), ['attachments', 'caseManagement', 'encryption', 'followUp', 'hostedReportPage']);
    await t.api.call('getOpenApiJson');
    await t.api.call('getOpenApiYaml');
    await t.api.call('getNorms');
    await t.api.call('getSignalChecklist');
    await t.api.call('getSupportContacts', { query: { role: 'administrator' } });
    await t.api.call('getReportForm', { query: { lang: 'en' } });

    const receipt = (await t.api.call('submitReport', { json: MINIMAL_REPORT, headers: { 'Idempotency-Key': idempotencyKey() } })).body.receipt;
    const token = (await t.api.call('openFollowUpSession', { json: { receipt } })).body.token;
    const caseId = await newestCaseId(t.api, handler);
    await t.api.call('acknowledgeCase', { token: handler, path: { caseId }, json: {} });
    await t.api.call('sendCaseMessage', { token: handler, path: { caseId }, json: { body: 'Kunt u meer vertellen?', kind: 'question' } });
    const sealed = {
      keyId: discovery.capabilities.encryption.keyId,
      suite: 'DHKEM-P256-HKDF-SHA256/HKDF-SHA256/AES-256-GCM',
      enc: 'B'.repeat(87),
      ciphertext: 'ZGl0IGlzIGdlZW4gZWNodGUgY2lqZmVydGVrc3Q',
    };
    assert.equal((await t.api.call('sendFollowUpMessage', { token, json: { encryptedBody: sealed } })).status, 201);
    const form = new FormData();
    form.append('metadata', JSON.stringify({ encryption: { keyId: sealed.keyId, suite: sealed.suite, enc: sealed.enc } }));
    form.append('file', new Blob([new Uint8Array([1, 2, 3, 4, 5])], { type: 'application/octet-stream' }), 'encrypted');
    const attachment = (await t.api.call('addFollowUpAttachment', { token, body: form })).body;
    assert.equal(attachment.encrypted, true);
    assert.equal(attachment.name, undefined);
    const reporterView = (await t.api.call('getFollowUpCase', { token })).body;
    assert.deepEqual(reporterView.timeline.map((e: { type: string }) => e.type), [
      'received',
      'acknowledged',
      'message-from-handler',
      'message-from-reporter',
      'attachment-added',
    ]);
    await t.api.call('closeFollowUpSession', { token });

    await t.api.call('getCase', { token: handler, path: { caseId } });
    const download = await t.api.call('getCaseAttachment', { token: handler, path: { caseId, attachmentId: attachment.id } });
    assert.deepEqual([...download.bytes], [1, 2, 3, 4, 5]);
    await t.api.call('setCaseStatus', { token: handler, path: { caseId }, json: { status: 'investigating' } });
    const closed = await t.api.call('setCaseStatus', { token: handler, path: { caseId }, json: { status: 'closed', outcome: 'measures-taken' } });
    assert.equal(closed.body.status, 'closed');
    await t.api.call('listCases', { token: handler, query: { status: 'closed' } });
    const trail = await t.api.call('getCaseAudit', { token: handler, path: { caseId } });
    assert.equal(trail.body.entries.at(-1).action, 'audit-exported');
    // Auditors alone read these; a handler token is refused as the contract documents it.
    assert.equal((await t.api.call('listAuditEntries', { token: handler })).status, 403);
    assert.equal((await t.api.call('listCaseAuditHeads', { token: handler })).status, 403);

    const missing = spec.operations().map((operation) => operation.operationId).filter((id) => isImplemented(id) && !calledOperations.has(id));
    assert.deepEqual(missing, [], 'every implemented operation of the contract was called and answered as documented');
  });

  it('answers 404 (not offered) for each operation still listed as not implemented, so the list cannot go stale', async (context) => {
    const answered: string[] = [];
    for (const operation of spec.operations().filter((o) => !isImplemented(o.operationId))) {
      const path = Object.fromEntries(operation.parameters.filter((p) => p.in === 'path').map((p) => [p.name, 'x_0000000000']));
      const answer = await t.api.raw(operation.operationId, { path, token: t.server.handlerToken!, ...(operation.requestMediaTypes.length ? { json: {} } : {}) });
      if (answer.status !== 404) answered.push(`${operation.operationId} → ${answer.status}`);
    }
    assert.deepEqual(answered, [], 'implemented: remove these from test/helpers/not-yet-implemented.ts');
    context.diagnostic(`not yet implemented (${NOT_YET_IMPLEMENTED.size}): ${[...NOT_YET_IMPLEMENTED].join(', ')}`);
  });
});
