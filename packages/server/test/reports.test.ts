import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixtures } from '@weerbaar/spec';
import { idempotencyKey, MINIMAL_REPORT } from './helpers/contract-client.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const requestFixtures = fixtures.filter((fixture) => fixture.operationId === 'submitReport' && fixture.kind === 'request');

describe('submitting a report', () => {
  let t: TestServer;
  let handlerToken: string;
  const countCases = async () => (await t.api.call('listCases', { token: handlerToken })).body.totalItems as number;

  before(async () => {
    t = await startTestServer();
    handlerToken = t.server.handlerToken!;
  });
  after(() => t.server.stop());

  for (const fixture of requestFixtures.filter((f) => f.validity === 'valid' && !(f.body as object).hasOwnProperty('encryptedContent'))) {
    it(`stores the golden fixture ${fixture.name} and answers with a receipt and its deadlines`, async () => {
      const response = await t.api.call('submitReport', { json: fixture.body, headers: { 'Idempotency-Key': idempotencyKey() } });
      assert.equal(response.status, 201);
      assert.match(response.body.receipt, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
      assert.equal(response.body.status, 'received');
      assert.deepEqual(response.body.followUp, { available: true, sessionsPath: '/follow-up/sessions' });
    });
  }

  for (const fixture of requestFixtures.filter((f) => f.validity === 'invalid')) {
    it(`refuses the golden fixture ${fixture.name} with every invalid field at once and stores nothing`, async () => {
      const before = await countCases();
      const response = await t.api.call('submitReport', { json: fixture.body, headers: { 'Idempotency-Key': idempotencyKey() } });
      assert.equal(response.status, 400);
      assert.equal(response.body.code, 'validation');
      const pointers = (response.body.errors as { pointer: string }[]).map((error) => error.pointer);
      for (const pointer of fixture.invalidAt ?? []) assert.ok(pointers.includes(pointer), `${pointer} missing from ${pointers.join(', ')}`);
      assert.equal(await countCases(), before);
    });
  }

  it('refuses answers to questions the form does not ask for the category, choices that are not options, and unknown signals, each at its place, in one answer', async () => {
    const before = await countCases();
    const content = {
      description: 'Ik word bedreigd.',
      answers: {
        whoWasThreatened: ['me', 'the-neighbours'],
        reportedToPolice: 'maybe',
        favouriteColour: 'blue',
        witnesses: ['not', 'a', 'text'],
      },
      checkedSignals: ['bribery-gift-offered', 'made-up-signal'],
    };
    const refused = await t.api.call('submitReport', {
      json: { ...MINIMAL_REPORT, category: 'threat-intimidation', content },
      headers: { 'Idempotency-Key': idempotencyKey(), 'Accept-Language': 'en' },
    });
    assert.equal(refused.status, 400);
    assert.deepEqual(
      refused.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]),
      [
        ['/content/answers/whoWasThreatened/1', 'unknown-option'],
        ['/content/answers/reportedToPolice', 'unknown-option'],
        ['/content/answers/favouriteColour', 'unknown-question'],
        ['/content/answers/witnesses', 'type'],
        ['/content/checkedSignals/1', 'unknown-signal'],
      ],
    );
    assert.match(refused.body.errors[2].detail, /not on the report form/);

    const otherCategory = await t.api.call('submitReport', {
      json: { ...MINIMAL_REPORT, category: 'bribery', content: { description: 'Geld aangeboden.', answers: { whoWasThreatened: ['me'] } } },
      headers: { 'Idempotency-Key': idempotencyKey() },
    });
    assert.deepEqual(otherCategory.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]), [['/content/answers/whoWasThreatened', 'unknown-question']], 'a question asked only for threats is not one for bribery');
    assert.match(otherCategory.body.errors[0].detail, /niet op het meldformulier/);
    assert.equal(await countCases(), before, 'nothing was stored');

    const long = await t.api.call('submitReport', {
      json: { ...MINIMAL_REPORT, content: { description: 'Getuigen.', answers: { witnesses: 'x'.repeat(1001) } } },
      headers: { 'Idempotency-Key': idempotencyKey() },
    });
    assert.deepEqual(long.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]), [['/content/answers/witnesses', 'maxLength']], "a text answer is held to the question's maxLength");
  });

  it('computes acknowledgeDueAt as receipt + 7 days and feedbackDueAt as 3 calendar months after that', async () => {
    const response = await t.api.call('submitReport', { json: MINIMAL_REPORT, headers: { 'Idempotency-Key': idempotencyKey() } });
    const received = new Date(response.body.receivedAt);
    const acknowledgeDue = new Date(response.body.acknowledgeDueAt);
    assert.equal(acknowledgeDue.getTime() - received.getTime(), 7 * 24 * 3600 * 1000);
    const feedbackDue = new Date(acknowledgeDue);
    feedbackDue.setUTCMonth(feedbackDue.getUTCMonth() + 3);
    // Today (late November) + 7 days + 3 months never needs clamping to a shorter month's end.
    assert.equal(response.body.feedbackDueAt, feedbackDue.toISOString());
  });

  it('requires an Idempotency-Key header', async () => {
    const response = await t.api.call('submitReport', { json: MINIMAL_REPORT });
    assert.equal(response.status, 400);
    assert.deepEqual(response.body.errors.map((e: { pointer: string }) => e.pointer), ['header:Idempotency-Key']);
  });

  it('answers malformed JSON with a 400 problem, not a 500', async () => {
    const response = await t.api.call('submitReport', {
      body: '{"role": "civil-servant",',
      headers: { 'content-type': 'application/json', 'Idempotency-Key': idempotencyKey() },
    });
    assert.equal(response.status, 400);
    assert.equal(response.body.code, 'malformed-json');
  });

  it('answers another content type with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const response = await t.api.call('submitReport', {
        body: 'role=civil-servant',
        headers: { 'content-type': type, 'Idempotency-Key': idempotencyKey() },
      });
      assert.equal(response.status, 415, type);
    }
  });

  it('answers a body over limits.maxRequestBytes with 413', async () => {
    const huge = { ...MINIMAL_REPORT, content: { description: 'x'.repeat(300_000) } };
    const response = await t.api.call('submitReport', { json: huge, headers: { 'Idempotency-Key': idempotencyKey() } });
    assert.equal(response.status, 413);
  });

  it('answers in English when Accept-Language asks for it', async () => {
    const response = await t.api.call('submitReport', {
      json: { role: 'mayor' },
      headers: { 'Idempotency-Key': idempotencyKey(), 'Accept-Language': 'en-GB,en;q=0.8' },
    });
    assert.equal(response.status, 400);
    assert.equal(response.body.title, 'The request is incomplete or invalid');
    assert.ok(response.body.errors.every((e: { detail: string }) => /^[A-Z]/.test(e.detail) && !/[ëé]/.test(e.detail)));
  });

  it('refuses sealed content when no encryption key is advertised (unknown-key)', async () => {
    const sealed = requestFixtures.find((f) => f.name === 'submitReport/valid/encrypted-report')!;
    const response = await t.api.call('submitReport', { json: sealed.body, headers: { 'Idempotency-Key': idempotencyKey() } });
    assert.equal(response.status, 422);
    assert.equal(response.body.code, 'unknown-key');
  });
});

describe('the Idempotency-Key', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ env: { WEERBAAR_MAX_TEXT_LENGTH: '1000' } });
  });
  after(() => t.server.stop());

  it('replays the same 201 with the same receipt, marked Idempotent-Replayed, and stores one case', async () => {
    const key = idempotencyKey();
    const first = await t.api.call('submitReport', { json: MINIMAL_REPORT, headers: { 'Idempotency-Key': key } });
    const again = await t.api.call('submitReport', { json: MINIMAL_REPORT, headers: { 'Idempotency-Key': key } });
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(again.body, first.body);
    const cases = await t.api.call('listCases', { token: t.server.handlerToken! });
    assert.equal(cases.body.totalItems, 1);
  });

  it('answers 422 idempotency-key-reused when the same key comes with another body', async () => {
    const key = idempotencyKey();
    await t.api.call('submitReport', { json: MINIMAL_REPORT, headers: { 'Idempotency-Key': key } });
    const other = { ...MINIMAL_REPORT, category: 'bribery' };
    const response = await t.api.call('submitReport', { json: other, headers: { 'Idempotency-Key': key } });
    assert.equal(response.status, 422);
    assert.equal(response.body.code, 'idempotency-key-reused');
  });

  it('answers 409 with Retry-After while the first request with the key is still being processed', async () => {
    const key = idempotencyKey();
    const attempts = await Promise.all(
      Array.from({ length: 6 }, () => t.api.call('submitReport', { json: MINIMAL_REPORT, headers: { 'Idempotency-Key': key } })),
    );
    const statuses = attempts.map((attempt) => attempt.status);
    const created = attempts.filter((attempt) => attempt.status === 201);
    assert.ok(statuses.includes(409), `expected a 409 among ${statuses.join(', ')}`);
    for (const conflict of attempts.filter((attempt) => attempt.status === 409)) {
      assert.equal(conflict.body.code, 'idempotency-in-progress');
      assert.match(conflict.headers.get('retry-after') ?? '', /^\d+$/);
    }
    // Whatever got through carries one and the same receipt.
    assert.equal(new Set(created.map((attempt) => attempt.body.receipt)).size, 1);
    const retry = await t.api.call('submitReport', { json: MINIMAL_REPORT, headers: { 'Idempotency-Key': key } });
    assert.equal(retry.status, 201);
    assert.equal(retry.body.receipt, created[0]!.body.receipt);
  });

  it('holds descriptions to the configured limits.maxTextLength, as discovery advertises it', async () => {
    assert.equal((await t.api.call('getDiscovery')).body.limits.maxTextLength, 1000);
    const long = { ...MINIMAL_REPORT, content: { description: 'x'.repeat(1001) } };
    const response = await t.api.call('submitReport', { json: long, headers: { 'Idempotency-Key': idempotencyKey() } });
    assert.equal(response.status, 400);
    assert.deepEqual(response.body.errors.map((e: { pointer: string }) => e.pointer), ['/content/description']);
  });

  it('refuses consents the report form does not have', async () => {
    const response = await t.api.call('submitReport', {
      json: { ...MINIMAL_REPORT, consents: ['privacy-statement', 'sell-my-data'] },
      headers: { 'Idempotency-Key': idempotencyKey() },
    });
    assert.equal(response.status, 400);
    assert.deepEqual(response.body.errors.map((e: { pointer: string }) => e.pointer), ['/consents/1']);
  });

  it('refuses a malformed key', async () => {
    const response = await t.api.call('submitReport', { json: MINIMAL_REPORT, headers: { 'Idempotency-Key': 'short' } });
    assert.equal(response.status, 400);
    assert.equal(response.body.errors[0].pointer, 'header:Idempotency-Key');
  });
});

describe('reports under encryption', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ encryption: true, env: { WEERBAAR_ENCRYPTION_REQUIRED: 'true' } });
  });
  after(() => t.server.stop());

  it('advertises the generated public key (never the private part) in discovery', async () => {
    const discovery = await t.api.call('getDiscovery');
    const encryption = discovery.body.capabilities.encryption;
    assert.equal(encryption.required, true);
    assert.equal(encryption.publicKey.x, t.server.privateKeyJwk!.x);
    assert.equal(encryption.publicKey.d, undefined);
  });

  it('stores sealed content as the envelope, with routing metadata readable', async () => {
    const discovery = await t.api.call('getDiscovery');
    const envelope = {
      keyId: discovery.body.capabilities.encryption.keyId,
      suite: 'DHKEM-P256-HKDF-SHA256/HKDF-SHA256/AES-256-GCM',
      enc: 'B'.repeat(87),
      ciphertext: 'c2VhbGVkLWNvbnRlbnQtdGhhdC10aGUtc2VydmVyLWNhbm5vdC1yZWFk',
    };
    const response = await t.api.call('submitReport', {
      json: { role: 'council-member', category: 'infiltration', encryptedContent: envelope },
      headers: { 'Idempotency-Key': idempotencyKey() },
    });
    assert.equal(response.status, 201);
    const list = await t.api.call('listCases', { token: t.server.handlerToken! });
    const found = await t.api.call('getCase', { token: t.server.handlerToken!, path: { caseId: list.body.items[0].caseId } });
    assert.deepEqual(found.body.encryptedContent, envelope);
    assert.equal(found.body.content, undefined);
    assert.equal(found.body.encrypted, true);
    assert.equal(found.body.contactable, 'unknown');
  });

  it('refuses plain content with encryption-required, and an old key id with unknown-key', async () => {
    const plain = await t.api.call('submitReport', { json: MINIMAL_REPORT, headers: { 'Idempotency-Key': idempotencyKey() } });
    assert.equal(plain.status, 422);
    assert.equal(plain.body.code, 'encryption-required');
    const sealed = requestFixtures.find((f) => f.name === 'submitReport/valid/encrypted-report')!;
    const stale = await t.api.call('submitReport', { json: sealed.body, headers: { 'Idempotency-Key': idempotencyKey() } });
    assert.equal(stale.status, 422);
    assert.equal(stale.body.code, 'unknown-key');
  });
});
