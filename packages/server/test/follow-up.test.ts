import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixtures } from '@weerbaar/spec';
import { MINIMAL_REPORT } from './helpers/contract-client.js';
import { newestCaseId, openSession, startTestServer, submitReport, type TestServer } from './helpers/server.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5b1c9f80000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n', 'latin1');

function upload(file: Buffer, type: string, name: string, metadata?: unknown): FormData {
  const form = new FormData();
  if (metadata !== undefined) form.append('metadata', JSON.stringify(metadata));
  form.append('file', new Blob([new Uint8Array(file)], { type }), name);
  return form;
}

/** The receipt as a person might type it: lower case, spaces instead of dashes, O for 0, l for 1. */
function typedLoosely(receipt: string): string {
  return receipt.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'O').replace(/1/g, 'l');
}

describe('follow-up with the receipt', () => {
  let t: TestServer;
  let receipt: string;

  before(async () => {
    t = await startTestServer({ env: { WEERBAAR_FOLLOW_UP_MAX_FAILURES_PER_CLIENT: '50', WEERBAAR_ATTACHMENT_MAX_BYTES: '4096', WEERBAAR_ATTACHMENT_MAX_COUNT: '3' } });
    receipt = await submitReport(t.api, { ...MINIMAL_REPORT, content: { ...MINIMAL_REPORT.content, location: 'Stadskantoor, loket 3' } });
  });
  after(() => t.server.stop());

  it('exchanges the receipt, typed loosely, for a short-lived bearer token', async () => {
    const response = await t.api.call('openFollowUpSession', { json: { receipt: typedLoosely(receipt) } });
    assert.equal(response.status, 201);
    assert.equal(response.body.tokenType, 'Bearer');
    const lifetime = Date.parse(response.body.expiresAt) - Date.now();
    assert.ok(lifetime > 0 && lifetime <= 900_000, `expires in ${lifetime} ms`);
  });

  it('accepts the golden fixture requests and refuses the invalid ones with 400', async () => {
    for (const fixture of fixtures.filter((f) => f.operationId === 'openFollowUpSession' && f.kind === 'request')) {
      const response = await t.api.call('openFollowUpSession', { json: fixture.body });
      assert.equal(response.status, fixture.validity === 'valid' ? 401 : 400, fixture.name);
    }
  });

  it('answers a wrong receipt with the same 401 whatever is wrong with it', async () => {
    const wrongs = ['ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ', `${receipt.slice(0, -1)}${receipt.endsWith('0') ? '2' : '0'}`, 'ABCD-EFGH-JKMN-PQRS'];
    const bodies = [];
    for (const wrong of wrongs) {
      const response = await t.api.call('openFollowUpSession', { json: { receipt: wrong } });
      assert.equal(response.status, 401);
      assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="weerbaar"');
      const { instance: _instance, ...rest } = response.body;
      bodies.push(rest);
    }
    assert.deepEqual(bodies[1], bodies[0]);
    assert.deepEqual(bodies[2], bodies[0]);
  });

  it('shows the reporter status, deadlines and timeline but never the report content', async () => {
    const token = await openSession(t.api, receipt);
    const response = await t.api.call('getFollowUpCase', { token });
    assert.equal(response.status, 200);
    assert.equal(response.body.status, 'received');
    assert.equal(response.body.canReply, true);
    assert.deepEqual(response.body.timeline.map((e: { type: string }) => e.type), ['received']);
    const text = JSON.stringify(response.body);
    assert.ok(!text.includes('loket'), 'the description and location are not echoed');
  });

  it('lets the reporter reply, and the handler reads the reply', async () => {
    const token = await openSession(t.api, receipt);
    const fixture = fixtures.find((f) => f.name === 'sendFollowUpMessage/valid/plain-reply')!;
    const sent = await t.api.call('sendFollowUpMessage', { token, json: fixture.body });
    assert.equal(sent.status, 201);
    assert.equal(sent.body.from, 'reporter');
    const caseId = await newestCaseId(t.api, t.server.handlerToken!);
    const handlerView = await t.api.call('getCase', { token: t.server.handlerToken!, path: { caseId } });
    assert.ok(handlerView.body.messages.some((m: { id: string }) => m.id === sent.body.id));
    const list = await t.api.call('listCases', { token: t.server.handlerToken! });
    assert.equal(list.body.items[0].unreadMessages, 1);
  });

  it('refuses invalid replies with 400 (golden fixtures) and sealed replies without a key with 422', async () => {
    const token = await openSession(t.api, receipt);
    for (const fixture of fixtures.filter((f) => f.operationId === 'sendFollowUpMessage' && f.validity === 'invalid')) {
      const response = await t.api.call('sendFollowUpMessage', { token, json: fixture.body });
      assert.equal(response.status, 400, fixture.name);
    }
    const sealed = fixtures.find((f) => f.name === 'sendFollowUpMessage/valid/encrypted-reply')!;
    const response = await t.api.call('sendFollowUpMessage', { token, json: sealed.body });
    assert.equal(response.status, 422);
    assert.equal(response.body.code, 'unknown-key');
  });

  it('ends the session at once when the reporter closes it', async () => {
    const token = await openSession(t.api, receipt);
    assert.equal((await t.api.call('closeFollowUpSession', { token })).status, 204);
    assert.equal((await t.api.call('getFollowUpCase', { token })).status, 401);
    assert.equal((await t.api.call('closeFollowUpSession', { token })).status, 401);
  });

  it('refuses a missing or made-up token with 401', async () => {
    assert.equal((await t.api.call('getFollowUpCase')).status, 401);
    assert.equal((await t.api.call('getFollowUpCase', { token: 'wbf_madeupmadeupmadeupmadeupmadeup' })).status, 401);
    assert.equal((await t.api.call('getFollowUpCase', { token: t.server.handlerToken! })).status, 401);
  });

  describe('attachments', () => {
    it('stores a PNG, with its checked type, size and SHA-256, and lists it for the reporter', async () => {
      const token = await openSession(t.api, receipt);
      const response = await t.api.call('addFollowUpAttachment', { token, body: upload(PNG, 'image/png', 'foto.png', { description: 'Foto van de auto' }) });
      assert.equal(response.status, 201);
      assert.equal(response.body.mediaType, 'image/png');
      assert.equal(response.body.name, 'foto.png');
      assert.equal(response.body.sizeBytes, PNG.length);
      assert.equal(response.body.encrypted, false);
      const view = await t.api.call('getFollowUpCase', { token });
      assert.ok(view.body.attachments.some((a: { id: string }) => a.id === response.body.id));
    });

    it('serves a download to handlers only as an attachment, never inline', async () => {
      const token = await openSession(t.api, receipt);
      const stored = await t.api.call('addFollowUpAttachment', { token, body: upload(PDF, 'application/pdf', '../../etc/verslag.pdf') });
      assert.equal(stored.body.name, 'verslag.pdf');
      const caseId = await newestCaseId(t.api, t.server.handlerToken!);
      const download = await t.api.call('getCaseAttachment', { token: t.server.handlerToken!, path: { caseId, attachmentId: stored.body.id } });
      assert.equal(download.status, 200);
      assert.equal(download.headers.get('content-type'), 'application/octet-stream');
      assert.match(download.headers.get('content-disposition') ?? '', /^attachment; filename="verslag\.pdf"/);
      assert.match(download.headers.get('content-security-policy') ?? '', /sandbox/);
      assert.deepEqual(download.bytes, PDF);
      const missing = await t.api.call('getCaseAttachment', { token: t.server.handlerToken!, path: { caseId, attachmentId: 'a_doesnotexist' } });
      assert.equal(missing.status, 404);
    });

    it('refuses a PNG declared as a PDF (422), a type that is not allowed (415) and a file over the limit (413)', async () => {
      const token = await openSession(t.api, receipt);
      const disguised = await t.api.call('addFollowUpAttachment', { token, body: upload(PNG, 'application/pdf', 'echt.pdf') });
      assert.equal(disguised.status, 422);
      assert.equal(disguised.body.code, 'media-type-mismatch');
      const html = await t.api.call('addFollowUpAttachment', { token, body: upload(Buffer.from('<script>alert(1)</script>'), 'text/html', 'x.html') });
      assert.equal(html.status, 415);
      const big = await t.api.call('addFollowUpAttachment', { token, body: upload(Buffer.alloc(5000, 'a'), 'text/plain', 'groot.txt') });
      assert.equal(big.status, 413);
      const binaryAsText = await t.api.call('addFollowUpAttachment', { token, body: upload(Buffer.from([0, 1, 2, 3]), 'text/plain', 'x.txt') });
      assert.equal(binaryAsText.status, 422);
    });

    it('refuses an upload without a file, with unknown parts, or with invalid metadata (400)', async () => {
      const token = await openSession(t.api, receipt);
      const noFile = new FormData();
      noFile.append('metadata', JSON.stringify({ description: 'x' }));
      const a = await t.api.call('addFollowUpAttachment', { token, body: noFile });
      assert.equal(a.status, 400);
      assert.deepEqual(a.body.errors.map((e: { pointer: string }) => e.pointer), ['/file']);
      const b = await t.api.call('addFollowUpAttachment', { token, body: upload(PNG, 'image/png', 'x.png', { description: 'x', colour: 'red' }) });
      assert.equal(b.status, 400);
      assert.deepEqual(b.body.errors.map((e: { pointer: string }) => e.pointer), ['/metadata/colour']);
    });

    it('answers a malformed multipart body with a 400 problem, not a 500', async () => {
      const token = await openSession(t.api, receipt);
      const bodies: [string, string][] = [
        ['multipart/form-data; boundary=XYZ', '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello'],
        ['multipart/form-data', 'no boundary at all'],
        ['multipart/form-data; boundary=XYZ', 'garbage'],
      ];
      for (const [type, body] of bodies) {
        const response = await t.api.call('addFollowUpAttachment', { token, body, headers: { 'content-type': type } });
        assert.equal(response.status, 400, `${type}: ${body}`);
      }
    });

    it('refuses JSON on the upload operation with 415', async () => {
      const token = await openSession(t.api, receipt);
      const response = await t.api.call('addFollowUpAttachment', { token, json: { file: 'x' } });
      assert.equal(response.status, 415);
    });

    it('refuses more files than attachments.maxCount (422)', async () => {
      const token = await openSession(t.api, receipt);
      const own = await submitReport(t.api);
      const ownToken = await openSession(t.api, own);
      for (let i = 0; i < 3; i++) assert.equal((await t.api.call('addFollowUpAttachment', { token: ownToken, body: upload(PNG, 'image/png', `${i}.png`) })).status, 201);
      const fourth = await t.api.call('addFollowUpAttachment', { token: ownToken, body: upload(PNG, 'image/png', '4.png') });
      assert.equal(fourth.status, 422);
      assert.equal(fourth.body.code, 'too-many-attachments');
      assert.ok(token);
    });
  });

  it('refuses replies and files on a closed case with 409', async () => {
    const own = await submitReport(t.api);
    const token = await openSession(t.api, own);
    const caseId = await newestCaseId(t.api, t.server.handlerToken!);
    await t.api.call('setCaseStatus', { token: t.server.handlerToken!, path: { caseId }, json: { status: 'closed', outcome: 'no-action-needed' } });
    const view = await t.api.call('getFollowUpCase', { token });
    assert.equal(view.body.canReply, false);
    assert.equal((await t.api.call('sendFollowUpMessage', { token, json: { body: 'Nog iets' } })).status, 409);
    assert.equal((await t.api.call('addFollowUpAttachment', { token, body: upload(PNG, 'image/png', 'x.png') })).status, 409);
  });
});

describe('guessing receipts', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({
      handlerToken: false,
      env: { WEERBAAR_FOLLOW_UP_MAX_FAILURES_PER_CLIENT: '3', WEERBAAR_FOLLOW_UP_MAX_SESSIONS_PER_CASE: '2', WEERBAAR_RATE_LIMIT_WINDOW_SECONDS: '5' },
    });
  });
  after(() => t.server.stop());

  it('is throttled per client with 429 and Retry-After, and the real reporter gets in again after the wait', async () => {
    const receipt = await submitReport(t.api);
    // Together, so that they fall in one window however busy the machine is.
    const guesses = await Promise.all(Array.from({ length: 3 }, () => t.api.call('openFollowUpSession', { json: { receipt: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ' } })));
    assert.deepEqual(guesses.map((guess) => guess.status), [401, 401, 401]);
    const limited = await t.api.call('openFollowUpSession', { json: { receipt } });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.code, 'rate-limited');
    const wait = Number(limited.headers.get('retry-after'));
    assert.ok(wait >= 1 && wait <= 5, `Retry-After ${wait}`);
    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
    assert.equal((await t.api.call('openFollowUpSession', { json: { receipt } })).status, 201);
  });

  it('limits the sessions opened per case', async () => {
    const receipt = await submitReport(t.api);
    assert.equal((await t.api.call('openFollowUpSession', { json: { receipt } })).status, 201);
    assert.equal((await t.api.call('openFollowUpSession', { json: { receipt } })).status, 201);
    const third = await t.api.call('openFollowUpSession', { json: { receipt } });
    assert.equal(third.status, 429);
  });
});

describe('a backend without follow-up', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ handlerToken: false, env: { WEERBAAR_FOLLOW_UP: 'false' } });
  });
  after(() => t.server.stop());

  it('does not advertise it, says so in the receipt answer, and answers its operations with 404', async () => {
    const discovery = await t.api.call('getDiscovery');
    assert.equal(discovery.body.capabilities.followUp, undefined);
    assert.equal(discovery.body.capabilities.attachments, undefined);
    const receiptAnswer = await t.api.call('submitReport', { json: MINIMAL_REPORT, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    assert.deepEqual(receiptAnswer.body.followUp, { available: false });
    const response = await t.api.call('openFollowUpSession', { json: { receipt: receiptAnswer.body.receipt } });
    assert.equal(response.status, 404);
  });
});
