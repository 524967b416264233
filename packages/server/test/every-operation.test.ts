import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixtures } from '@weerbaar/spec';
import { calledOperations, idempotencyKey, MINIMAL_REPORT, spec } from './helpers/contract-client.js';
import { startOpenIdProvider, type TestOpenIdProvider } from './helpers/openid-provider.js';
import { PasskeyDevice } from './helpers/passkey-device.js';
import { enrol, inviteWithCli, localOrigin, signIn } from './helpers/people.js';
import { newestCaseId, startTestServer, type TestServer } from './helpers/server.js';

describe('the whole flow, through every operation of the contract', () => {
  let t: TestServer;
  let provider: TestOpenIdProvider;
  before(async () => {
    provider = await startOpenIdProvider();
    t = await startTestServer({ encryption: true, env: { WEERBAAR_HOSTED_REPORT_PAGE_URL: 'https://meld.voorbeeldstad.nl/melden', ...provider.serverEnv() } });
  });
  after(async () => {
    await t?.server.stop();
    await provider?.stop();
  });

  it('reports, follows up, handles and closes a case, each answer as the contract documents it', async () => {
    const handler = t.server.handlerToken!;
    const discovery = (await t.api.call('getDiscovery')).body;
    assert.deepEqual(Object.keys(discovery.capabilities).sort(), ['attachments', 'caseManagement', 'dilemmas', 'encryption', 'followUp', 'hostedReportPage']);
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
    const [checkIn] = (await t.api.call('listFollowUpCheckIns', { token })).body.items;
    assert.equal((await t.api.call('answerFollowUpCheckIn', { token, path: { checkInId: checkIn.checkInId }, json: { wellbeing: 'okay', feelsSafe: 'yes', wantsContact: false } })).status, 409, 'not open before its day');
    assert.equal((await t.api.call('stopFollowUpCheckIns', { token })).status, 204);
    await t.api.call('closeFollowUpSession', { token });

    await t.api.call('getCase', { token: handler, path: { caseId } });
    await t.api.call('getProtocols', { token: handler, query: { lang: 'en' } });
    const [firstTask] = (await t.api.call('listCaseTasks', { token: handler, path: { caseId } })).body.items;
    assert.equal((await t.api.call('setTaskStatus', { token: handler, path: { caseId, taskId: firstTask.taskId }, json: { status: 'done' } })).body.status, 'done');
    assert.equal((await t.api.call('listCaseCheckIns', { token: handler, path: { caseId } })).body.items.length, 4);
    assert.deepEqual((await t.api.call('setAffectedPeople', { token: handler, path: { caseId }, json: { affectedPeople: ['self'] } })).body.affectedPeople, ['self']);
    const handOver = (await t.api.call('createHandOver', { token: handler, path: { caseId }, json: { exit: 'analysis', summary: 'Nader onderzoek naar eerdere signalen.' } })).body;
    assert.equal((await t.api.call('listHandOvers', { token: handler, path: { caseId } })).body.items.length, 1);
    assert.equal((await t.api.call('getHandOver', { token: handler, path: { caseId, handOverId: handOver.handOverId } })).body.exit, 'analysis');
    const download = await t.api.call('getCaseAttachment', { token: handler, path: { caseId, attachmentId: attachment.id } });
    assert.deepEqual([...download.bytes], [1, 2, 3, 4, 5]);
    await t.api.call('setCaseStatus', { token: handler, path: { caseId }, json: { status: 'investigating' } });
    await t.api.call('getCaseOptions', { token: handler, query: { lang: 'en' } });
    await t.api.call('getMessageTemplates', { token: handler });
    assert.equal((await t.api.call('setCaseSubstatus', { token: handler, path: { caseId }, json: { substatus: 'waiting-for-police' } })).status, 200);
    assert.equal((await t.api.call('addCaseNote', { token: handler, path: { caseId }, json: { encryptedBody: sealed } })).status, 201);
    assert.equal((await t.api.call('listCaseNotes', { token: handler, path: { caseId } })).body.items.length, 1);
    assert.ok((await t.api.call('giveFeedback', { token: handler, path: { caseId }, json: { message: 'Wij hebben aangifte gedaan.' } })).body.deadlines.feedbackGivenAt);
    const closed = await t.api.call('setCaseStatus', { token: handler, path: { caseId }, json: { status: 'closed', outcome: 'measures-taken' } });
    assert.equal(closed.body.status, 'closed');
    await t.api.call('listCases', { token: handler, query: { status: 'closed' } });
    const trail = await t.api.call('getCaseAudit', { token: handler, path: { caseId } });
    assert.equal(trail.body.entries.at(-1).action, 'audit-exported');
    // Auditors alone read these; a handler token is refused as the contract documents it.
    assert.equal((await t.api.call('listAuditEntries', { token: handler })).status, 403);
    assert.equal((await t.api.call('listCaseAuditHeads', { token: handler })).status, 403);
    assert.equal((await t.api.call('setLegalHold', { token: handler, path: { caseId }, json: { legalHold: true } })).body.legalHold, true);
    assert.equal((await t.api.call('listDeletedCases', { token: handler })).status, 403);
    assert.equal((await t.api.call('getStatistics', { token: handler, query: { period: '2026' } })).status, 403);
    assert.equal((await t.api.call('listCases', { token: handler, query: { paging: 'cursor', pageSize: '1' } })).body.items.length, 1);
    assert.equal((await t.api.call('countCases', { token: handler })).body.byStatus.closed, 1);
    const exported = await t.api.call('recordCaseExport', { token: handler, path: { caseId }, json: { includesIdentity: false, purpose: 'own-record' } });
    assert.ok(exported.body.auditSeq > 1);

    // Dilemmas: shared sealed (encryption is on), rewritten into a card, published, read back with the code, unpublished.
    const shared = await t.api.call('submitDilemma', {
      json: { role: 'council-member', theme: 'gifts-and-hospitality', encryptedContent: sealed, wantsReadCode: true },
      headers: { 'Idempotency-Key': idempotencyKey() },
    });
    const [submission] = (await t.api.call('listDilemmas', { token: handler })).body.items;
    const cardText = (fixtures.find((fixture) => fixture.name === 'createDilemmaDraft/valid/from-submission')!.body as { text: Record<string, unknown> }).text;
    const card = (await t.api.call('createDilemmaDraft', { token: handler, json: { submissionId: submission.submissionId, text: cardText } })).body;
    await t.api.call('updateDilemmaDraft', { token: handler, path: { cardId: card.cardId }, json: { text: { ...cardText, questions: ['Wat zou u doen?'] } } });
    assert.equal((await t.api.call('publishDilemmaCard', { token: handler, path: { cardId: card.cardId } })).body.status, 'published');
    assert.ok((await t.api.call('getDilemmaCards', { query: { theme: 'gifts-and-hospitality' } })).body.items.some((item: { cardId: string }) => item.cardId === card.cardId));
    assert.equal((await t.api.call('readDilemma', { json: { readCode: shared.body.readCode } })).body.status, 'published');
    assert.equal((await t.api.call('listDilemmaDrafts', { token: handler })).body.items.length, 1);
    assert.equal((await t.api.call('unpublishDilemmaCard', { token: handler, path: { cardId: card.cardId } })).body.status, 'unpublished');

    const phoneCall = fixtures.find((fixture) => fixture.name === 'recordIntake/valid/phone')!.body;
    const intake = await t.api.call('recordIntake', { token: handler, json: phoneCall, headers: { 'Idempotency-Key': idempotencyKey() } });
    const intakeSession = (await t.api.call('openFollowUpSession', { json: { receipt: intake.body.receipt } })).body.token;
    assert.equal((await t.api.call('getFollowUpMinutes', { token: intakeSession })).body.status, 'draft');
    await t.api.call('answerFollowUpMinutes', { token: intakeSession, json: { version: 1, decision: 'correct', correction: 'Het waren twee mannen.' } });
    await t.api.call('reviseMinutes', { token: handler, path: { caseId: intake.body.caseId }, json: { basedOnVersion: 1, body: 'Telefoongesprek, verbeterd: twee mannen.' } });
    assert.deepEqual((await t.api.call('listMinutes', { token: handler, path: { caseId: intake.body.caseId } })).body.items.map((v: { status: string }) => v.status), ['correction-requested', 'draft']);

    // People: invited with the CLI, a passkey enrolled and used in Chromium (virtual authenticator).
    const person = await inviteWithCli(t.server, 'Ö. Çelik', ['handler', 'admin']);
    const device = await PasskeyDevice.open(localOrigin(t.server));
    try {
      const access = await enrol(t.api, device, person.code);
      const me = (await t.api.call('getMe', { token: access })).body;
      const signedIn = await signIn(t.api, device);
      assert.equal((await t.api.call('signOut', { token: signedIn.body.token })).status, 204);
      // Accounts, groups and routing (admin), then access to the case.
      await t.api.call('listAccounts', { token: access });
      const invited = (await t.api.call('inviteAccount', { token: access, json: { displayName: 'P. Bakker', roles: ['handler'] } })).body;
      const colleague = invited.account.accountId;
      await t.api.call('updateAccount', { token: access, path: { accountId: colleague }, json: { groups: ['griffie'] } });
      await t.api.call('createInvitation', { token: access, path: { accountId: colleague } });
      await t.api.call('saveGroup', { token: access, path: { groupId: 'vertrouwenspersonen' }, json: { name: 'Vertrouwenspersonen' } });
      await t.api.call('listGroups', { token: access });
      await t.api.call('deleteGroup', { token: access, path: { groupId: 'vertrouwenspersonen' } });
      const routing = (await t.api.call('getRouting', { token: access })).body;
      await t.api.call('setRouting', { token: access, json: routing });
      assert.equal((await t.api.call('runProtocolDrill', { token: access, json: { protocolId: 'threat-official' } })).body.summary.protocols, 1);
      await t.api.call('getCaseAccess', { token: handler, path: { caseId } });
      await t.api.call('assignCase', { token: handler, path: { caseId, accountId: colleague } });
      await t.api.call('unassignCase', { token: handler, path: { caseId, accountId: colleague } });
      await t.api.call('grantCaseAccess', { token: handler, path: { caseId, accountId: colleague } });
      await t.api.call('revokeCaseAccess', { token: handler, path: { caseId, accountId: colleague } });
      await t.api.call('excludeFromCase', { token: handler, path: { caseId, accountId: colleague } });
      await t.api.call('liftCaseExclusion', { token: handler, path: { caseId, accountId: colleague } });
      await t.api.call('transferCase', { token: handler, path: { caseId }, json: { groupId: 'griffie' } });
      // Sign-in through the OpenID provider, for a person invited by their subject there.
      await t.api.call('inviteAccount', { token: access, json: { displayName: 'R. de Boer', roles: ['auditor'], oidcSubject: 'vb-248289761001' } });
      provider.signInAs({ subject: 'vb-248289761001' });
      const authorization = (await t.api.call('startOidcSignIn', { json: {} })).body;
      const back = await provider.visit(authorization.authorizationUrl);
      const viaProvider = await t.api.call('finishOidcSignIn', { json: { code: back.searchParams.get('code'), state: back.searchParams.get('state') } });
      assert.equal(viaProvider.body.me.session.method, 'oidc');
      const passkeyId = me.account.passkeys[0].passkeyId;
      const wrapped = { keyId: '2026-11-key-1', algorithm: 'weerbaar-prf-hkdf-sha256-aes-kw', wrappedKey: 'q7XbS9nV2cL5mK8pR1tW4yZ6aD3fG0hJ2kL4mN6oP8qR0sT2uV4wX6y' };
      await t.api.call('storeWrappedKey', { token: access, path: { passkeyId }, json: wrapped });
      await t.api.call('getWrappedKey', { token: access, path: { passkeyId } });
      await t.api.call('deleteWrappedKey', { token: access, path: { passkeyId } });
      assert.equal((await t.api.call('revokePasskey', { token: access, path: { accountId: me.account.accountId, passkeyId } })).status, 204);
    } finally {
      await device.close();
    }

    const missing = spec.operations().map((operation) => operation.operationId).filter((id) => !calledOperations.has(id));
    assert.deepEqual(missing, [], 'every operation of the contract was called and answered as documented');
  });
});
