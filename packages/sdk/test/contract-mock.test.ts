// The SDK against the contract itself (Stoplight Prism mocking packages/spec/openapi.yaml): every
// request the SDK makes must validate against the contract (Prism refuses invalid ones with 422), and
// every documented answer, including problems, must come out typed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { API_VERSION, fixtures, type Schema } from '@weerbaar/spec';
import type { PlainReportSubmission } from '../src/index.js';
import { createClient, WeerbaarApiError } from '../src/index.js';
import { createHandlerClient } from '../src/handler.js';
import { startContractMock, preferring, type ContractMock } from './support/contract-mock.js';
import { recordingFetch } from './support/recording-fetch.js';

const plainReport = fixtures.find((fixture) => fixture.name === 'submitReport/valid/plain-report')!.body as PlainReportSubmission;
const caseId = 'c_3M8qZt2LkW9xYv4N';
const handlerToken = 'wbh_contract-mock-token-0123456789abcdef';

let mock: ContractMock;
before(async () => {
  mock = await startContractMock();
});
after(async () => {
  await mock?.stop();
});

describe('against the contract mock, the reporter client', () => {
  it('reads discovery and every kind of content with contract-valid requests', async () => {
    const client = createClient({ baseUrl: mock.apiUrl, locale: 'nl' });
    assert.equal((await client.discover()).apiVersion, API_VERSION);
    assert.ok((await client.getNorms()).items.length > 0);
    assert.ok((await client.getSignalChecklist({ lang: 'en' })).themes.length > 0);
    assert.ok((await client.getReportForm()).roles.length > 0);
    const directory = await client.getSupportContacts({ role: 'administrator', urgency: 'urgent', available247: true, q: 'politie' });
    assert.ok(Array.isArray(directory.items));
  });

  it("submits the spec's own PlainReport example, sealed because the mock advertises encryption", async () => {
    const recorder = recordingFetch();
    const client = createClient({ baseUrl: mock.apiUrl, fetch: recorder.fetch });
    const receipt = await client.submitReport(plainReport);
    assert.match(receipt.receipt, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3,14}$/);
    const submitted = recorder.requests.find((request) => request.url.endsWith('/reports'))!;
    const body = JSON.parse(submitted.body) as Schema<'EncryptedReportSubmission'>;
    assert.equal(body.role, plainReport.role);
    assert.equal(body.encryptedContent.suite, 'DHKEM-P256-HKDF-SHA256/HKDF-SHA256/AES-256-GCM');
    assert.ok(!submitted.body.includes(plainReport.content.description.slice(0, 20)), 'the content left the device in plain text');
    assert.match(submitted.headers.get('Idempotency-Key') ?? '', /^[A-Za-z0-9_-]{16,128}$/);
    assert.equal(submitted.credentials, 'omit');
  });

  // Not `addAttachment`: Prism 5.14 reads the multipart part `metadata` as a string although the
  // contract encodes it as application/json, and refuses it ("metadata must be object"). Attachments
  // are proven against the reference server.
  it('follows a report up: case, a sealed reply, close', async () => {
    const recorder = recordingFetch();
    const client = createClient({ baseUrl: mock.apiUrl, fetch: recorder.fetch });
    const receipt = '7kq4 m2xp 9rtw 3hvd c8na';
    const session = await client.openFollowUp(receipt);
    assert.ok(Date.parse(session.expiresAt) > 0);
    assert.ok((await session.getCase()).status);
    assert.ok((await session.sendMessage('Het gesprek was op dinsdag.')).id);
    await session.close();
    assert.ok(recorder.requests.every((request) => !request.url.includes('7kq4')), 'the receipt was put in a URL');
    const reply = recorder.requests.find((request) => request.url.endsWith('/follow-up/messages'))!;
    assert.ok('encryptedBody' in JSON.parse(reply.body) && !reply.body.includes('dinsdag'));
  });
});

describe('against the contract mock, the handler client', () => {
  it('lists, reads, acknowledges, changes the status of and messages a case, and downloads an attachment', async () => {
    const handler = createHandlerClient({ baseUrl: mock.apiUrl, token: handlerToken });
    const list = await handler.listCases({ status: 'received', overdue: true, sort: '-receivedAt', page: 1, pageSize: 20 });
    assert.ok(Array.isArray(list.items));
    assert.ok((await handler.getCase(caseId)).reference);
    assert.ok((await handler.acknowledge(caseId, 'Wij hebben uw melding ontvangen.')).caseId);
    assert.ok((await handler.setStatus(caseId, { status: 'closed', outcome: 'measures-taken', note: 'Afgerond.' })).caseId);
    assert.ok((await handler.sendMessage(caseId, { body: 'Op welke datum?', kind: 'question' })).id);
    assert.ok((await handler.downloadAttachment(caseId, 'a_9pQ2rS7tU4vW1xY')) instanceof Uint8Array);
  });
});

describe('against the contract mock, documented problems', () => {
  it('become a WeerbaarApiError with every invalid field, the request id and the API version', async () => {
    const client = createClient({ baseUrl: mock.apiUrl, fetch: preferring('/norms', 400, 'validation') });
    const error = await client.getNorms().then(
      () => assert.fail('expected a problem'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof WeerbaarApiError);
    assert.equal(error.status, 400);
    assert.equal(error.code, 'validation');
    assert.deepEqual(
      error.errors.map((field) => field.pointer),
      ['/category', '/content/description'],
    );
    assert.ok(error.title.length > 0 && error.detail.length > 0);
    assert.equal(error.apiVersion, API_VERSION);
    assert.match(error.requestId ?? '', /^[A-Za-z0-9_-]+$/);
  });

  it('a wrong receipt is a 401 WeerbaarApiError that does not repeat the receipt', async () => {
    const client = createClient({ baseUrl: mock.apiUrl, fetch: preferring('/follow-up/sessions', 401, 'unauthorized') });
    const receipt = 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ';
    const error = await client.openFollowUp(receipt).then(
      () => assert.fail('expected a problem'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof WeerbaarApiError);
    assert.equal(error.status, 401);
    assert.equal(error.code, 'unauthorized');
    assert.ok(!JSON.stringify(error).includes(receipt) && !String(error).includes(receipt));
  });
});
