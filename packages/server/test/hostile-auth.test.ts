// Handler and reporter credentials under attack (issue 9, "Hostile input"). Every operation that
// needs a handler token — found in the contract by its security scheme, not listed by hand —
// refuses a missing, malformed, wrong, revoked and expired token, a reporter's follow-up token and
// a token in the query string, with a 401 problem and no change. A follow-up token opens exactly
// its own case: no follow-up operation reads or writes another one, whatever names it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { fixtures, type OperationId } from '@weerbaar/spec';
import { spec, type CallOptions } from './helpers/contract-client.js';
import { assertSameDatabase, snapshotDatabase } from './helpers/database-snapshot.js';
import { PNG } from './helpers/fuzz-arbitraries.js';
import { newestCaseId, openSession, startTestServer, submitReport, type TestServer } from './helpers/server.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const run = promisify(execFile);

/** The operations a scheme secures. */
function operationsSecuredBy(scheme: string) {
  return spec.operations().filter((operation) => operation.security.includes(scheme));
}

/** A valid request body for an operation, from its golden fixtures (empty object when none). */
function validBody(operationId: OperationId): unknown {
  return fixtures.find((fixture) => fixture.operationId === operationId && fixture.kind === 'request' && fixture.validity === 'valid')?.body ?? {};
}

function pngUpload(metadata?: unknown): FormData {
  const form = new FormData();
  if (metadata !== undefined) form.append('metadata', JSON.stringify(metadata));
  form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'foto.png');
  return form;
}

describe('handler tokens: every case-management operation', () => {
  let t: TestServer;
  let caseId: string;
  let attachmentId: string;
  let followUpToken: string;
  const bad: Record<string, (options: CallOptions) => CallOptions> = {};

  async function runCli(...args: string[]): Promise<string> {
    return (await run(process.execPath, [cli, ...args], { env: t.server.env })).stdout;
  }

  before(async () => {
    t = await startTestServer();
    const receipt = await submitReport(t.api);
    followUpToken = await openSession(t.api, receipt);
    caseId = await newestCaseId(t.api, t.server.handlerToken!);
    attachmentId = (await t.api.call('addFollowUpAttachment', { token: followUpToken, body: pngUpload() })).body.id;

    const revoked = /wbh_[A-Za-z0-9_-]+/.exec(await runCli('token', 'create', '--name', 'vertrokken behandelaar'))![0];
    const revokedId = /^(h_\S+)\tvertrokken behandelaar/m.exec(await runCli('token', 'list'))![1]!;
    await runCli('token', 'revoke', revokedId);
    const expired = /wbh_[A-Za-z0-9_-]+/.exec(await runCli('token', 'create', '--name', 'tijdelijke behandelaar', '--expires-at', '2020-01-01T00:00:00Z'))![0];
    const valid = t.server.handlerToken!;

    const header = (value: string) => (options: CallOptions) => ({ ...options, headers: { ...options.headers, authorization: value } });
    Object.assign(bad, {
      missing: (options: CallOptions) => options,
      'scheme only': header('Bearer'),
      'Basic scheme': header(`Basic ${Buffer.from(`behandelaar:${valid}`).toString('base64')}`),
      'token without a scheme': header(valid),
      'two tokens': header(`Bearer ${valid} ${valid}`),
      'wrong token of the right shape': header(`Bearer wbh_${'Q'.repeat(valid.length - 4)}`),
      'one character changed': header(`Bearer ${valid.slice(0, -1)}${valid.endsWith('A') ? 'B' : 'A'}`),
      revoked: header(`Bearer ${revoked}`),
      expired: header(`Bearer ${expired}`),
      "a reporter's follow-up token": header(`Bearer ${followUpToken}`),
      'the valid token in the query string': (options: CallOptions) => ({ ...options, query: { ...options.query, access_token: valid } }),
    });
  });
  after(() => t.server.stop());

  it('the contract has case-management operations, all under handlerToken', () => {
    const names = operationsSecuredBy('handlerToken').map((operation) => operation.operationId);
    assert.ok(names.length >= 6, names.join(', '));
    assert.ok(names.includes('listCases') && names.includes('getCaseAttachment'));
  });

  it('refuses every bad credential on every one of them with a 401 problem, and changes nothing', async (context) => {
    const requests = operationsSecuredBy('handlerToken').map((operation) => {
      const path = Object.fromEntries(operation.parameters.filter((p) => p.in === 'path').map((p) => [p.name, p.name === 'attachmentId' ? attachmentId : caseId]));
      const base: CallOptions = { path, ...(operation.requestMediaTypes.includes('application/json') ? { json: validBody(operation.operationId) } : {}) };
      return { operationId: operation.operationId, base };
    });
    const before = await snapshotDatabase(t.server);
    let refused = 0;
    for (const { operationId, base } of requests) {
      for (const [label, spoil] of Object.entries(bad)) {
        const answer = await t.api.call(operationId, spoil(base));
        assert.equal(answer.status, 401, `${operationId} with ${label}: ${answer.status}`);
        assert.equal(answer.body.code, 'unauthorized', `${operationId} with ${label}`);
        assert.equal(answer.headers.get('www-authenticate'), 'Bearer realm="weerbaar"');
        refused++;
      }
    }
    assertSameDatabase(await snapshotDatabase(t.server), before, 'after the refused requests');
    context.diagnostic(`${refused} requests refused: ${requests.length} operations × ${Object.keys(bad).length} bad credentials`);

    // The control: the same requests with the valid token get past authentication.
    for (const { operationId, base } of requests) {
      const answer = await t.api.call(operationId, { ...base, token: t.server.handlerToken! });
      assert.notEqual(answer.status, 401, `${operationId} with the valid token`);
    }
  });
});

describe("a reporter's follow-up token opens its own case only", () => {
  let t: TestServer;
  let handler: string;
  let tokenA: string;
  let tokenB: string;
  let caseB: string;

  /** Everything a handler sees of case B, to compare before and after. */
  async function viewOfB(): Promise<string> {
    return JSON.stringify((await t.api.call('getCase', { token: handler, path: { caseId: caseB } })).body);
  }

  before(async () => {
    t = await startTestServer();
    handler = t.server.handlerToken!;
    tokenA = await openSession(t.api, await submitReport(t.api));
    tokenB = await openSession(t.api, await submitReport(t.api));
    caseB = await newestCaseId(t.api, handler);
    await t.api.call('acknowledgeCase', { token: handler, path: { caseId: caseB }, json: {} });
    await t.api.call('sendCaseMessage', { token: handler, path: { caseId: caseB }, json: { body: 'Alleen voor melder B bedoeld.', kind: 'question' } });
    await t.api.call('reviseMinutes', { token: handler, path: { caseId: caseB }, json: { basedOnVersion: 0, body: 'Verslag van het gesprek met melder B.' } });
  });
  after(() => t.server.stop());

  /** B's check-ins (a threat: four are scheduled with the case), as B's own token lists them. */
  async function checkInsOfB(): Promise<string[]> {
    const listed = await t.api.call('listFollowUpCheckIns', { token: tokenB });
    assert.equal(listed.status, 200);
    assert.ok(listed.body.items.length > 0, 'B has check-ins to protect');
    return listed.body.items.map((checkIn: { checkInId: string }) => checkIn.checkInId);
  }

  /**
   * Each follow-up operation, called with A's token while naming case B every way a client could
   * (query, header, body field, multipart metadata). The contract has no case id in these
   * operations; the token alone decides. A new follow-up operation must be added here.
   */
  const attempts: Record<string, (caseId: string) => Promise<void>> = {
    async getFollowUpCase(caseId) {
      for (const options of [{ query: { caseId } }, { headers: { 'X-Case-Id': caseId } }]) {
        const view = await t.api.call('getFollowUpCase', { token: tokenA, ...options });
        assert.equal(view.status, 200);
        assert.equal(view.body.status, 'received', "A's status, not B's (acknowledged)");
        assert.ok(!JSON.stringify(view.body).includes('melder B'), "B's message is not shown");
      }
    },
    async sendFollowUpMessage(caseId) {
      const named = await t.api.call('sendFollowUpMessage', { token: tokenA, json: { body: 'Voor B?', caseId } });
      assert.equal(named.status, 400, 'a case id in the body is an unknown field');
      const viaQuery = await t.api.call('sendFollowUpMessage', { token: tokenA, query: { caseId }, headers: { 'X-Case-Id': caseId }, json: { body: 'Bericht van A.' } });
      assert.equal(viaQuery.status, 201, 'stored, but in A');
    },
    async addFollowUpAttachment(caseId) {
      const named = await t.api.call('addFollowUpAttachment', { token: tokenA, body: pngUpload({ caseId }) });
      assert.equal(named.status, 400, 'a case id in the metadata is an unknown field');
      const viaQuery = await t.api.call('addFollowUpAttachment', { token: tokenA, query: { caseId }, body: pngUpload() });
      assert.equal(viaQuery.status, 201, 'stored, but in A');
    },
    async getFollowUpMinutes(caseId) {
      const minutes = await t.api.call('getFollowUpMinutes', { token: tokenA, query: { caseId }, headers: { 'X-Case-Id': caseId } });
      assert.equal(minutes.status, 404, "A's case has no minutes; B's are not shown");
    },
    async answerFollowUpMinutes(caseId) {
      const named = await t.api.call('answerFollowUpMinutes', { token: tokenA, json: { version: 1, decision: 'approve', caseId } });
      assert.equal(named.status, 400, 'a case id in the body is an unknown field');
      const viaQuery = await t.api.call('answerFollowUpMinutes', { token: tokenA, query: { caseId }, json: { version: 1, decision: 'approve' } });
      assert.equal(viaQuery.status, 404, "A's case has no minutes; B's stay unanswered");
    },
    async listFollowUpCheckIns(caseId) {
      const mine = await t.api.call('listFollowUpCheckIns', { token: tokenA, query: { caseId }, headers: { 'X-Case-Id': caseId } });
      assert.equal(mine.status, 200);
      const theirs = await checkInsOfB();
      assert.ok(!mine.body.items.some((checkIn: { checkInId: string }) => theirs.includes(checkIn.checkInId)), "B's check-ins are not listed");
    },
    async answerFollowUpCheckIn(caseId) {
      const [checkInOfB] = await checkInsOfB();
      const answer = { wellbeing: 'okay', feelsSafe: 'yes', wantsContact: false };
      const named = await t.api.call('answerFollowUpCheckIn', { token: tokenA, path: { checkInId: checkInOfB! }, json: { ...answer, caseId } });
      assert.equal(named.status, 400, 'a case id in the body is an unknown field');
      const viaPath = await t.api.call('answerFollowUpCheckIn', { token: tokenA, path: { checkInId: checkInOfB! }, query: { caseId }, json: answer });
      assert.equal(viaPath.status, 404, "B's check-in is not A's to answer");
    },
    async stopFollowUpCheckIns(caseId) {
      assert.equal((await t.api.call('stopFollowUpCheckIns', { token: tokenA, query: { caseId }, headers: { 'X-Case-Id': caseId } })).status, 204);
      const ofB = await t.api.call('listFollowUpCheckIns', { token: tokenB });
      assert.equal(ofB.body.stopped, false, "B's check-ins go on");
      assert.ok(ofB.body.items.every((checkIn: { status: string }) => checkIn.status !== 'cancelled'), "none of B's check-ins is cancelled");
    },
    async closeFollowUpSession(caseId) {
      assert.equal((await t.api.call('closeFollowUpSession', { token: tokenA, query: { caseId } })).status, 204);
      assert.equal((await t.api.call('getFollowUpCase', { token: tokenA })).status, 401, "A's session is closed");
      assert.equal((await t.api.call('getFollowUpCase', { token: tokenB })).status, 200, "B's session is not");
    },
  };

  it('covers every follow-up operation of the contract', () => {
    assert.deepEqual(operationsSecuredBy('followUpToken').map((operation) => operation.operationId).sort(), Object.keys(attempts).sort());
  });

  it("reads and writes only A's case, whatever names case B; B is unchanged", async () => {
    const before = await viewOfB();
    const order = operationsSecuredBy('followUpToken')
      .map((operation) => operation.operationId)
      // Closing the session ends A's token: last.
      .sort((a, b) => Number(a === 'closeFollowUpSession') - Number(b === 'closeFollowUpSession'));
    for (const operationId of order) await attempts[operationId]!(caseB);
    assert.equal(await viewOfB(), before);
    const viewB = await t.api.call('getFollowUpCase', { token: tokenB });
    assert.deepEqual(viewB.body.attachments, [], "A's file is not in B");
    assert.ok(!viewB.body.messages.some((message: { from: string }) => message.from === 'reporter'), "A's message is not in B");
  });

  it("cannot use a follow-up token on B's case through case management", async () => {
    for (const operation of operationsSecuredBy('handlerToken').filter((o) => o.parameters.some((p) => p.name === 'caseId'))) {
      const answer = await t.api.call(operation.operationId, {
        token: tokenB,
        path: { caseId: caseB, attachmentId: 'a_doesnotexist' },
        ...(operation.requestMediaTypes.length ? { json: validBody(operation.operationId) } : {}),
      });
      assert.equal(answer.status, 401, operation.operationId);
    }
  });
});
