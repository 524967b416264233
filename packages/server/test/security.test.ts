import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase } from '../../../test-support/reference-server.mjs';
import { MINIMAL_REPORT } from './helpers/contract-client.js';
import { newestCaseId, openSession, startTestServer, type TestServer } from './helpers/server.js';

describe('secrets never leave through logs, URLs or headers', () => {
  let t: TestServer;
  const description = 'Geheime beschrijving 7f3a: de wethouder werd bij de sporthal bedreigd.';
  let receipt: string;
  let followUpToken: string;
  const seenUrls: string[] = [];
  const seenHeaders: string[] = [];

  before(async () => {
    t = await startTestServer({ env: { WEERBAAR_LOG_LEVEL: 'debug' } });
    const key = crypto.randomUUID();
    const answer = await t.api.call('submitReport', {
      json: { ...MINIMAL_REPORT, content: { description, contact: { email: 'melder@voorbeeld.nl', preferredChannel: 'email' } } },
      headers: { 'Idempotency-Key': key },
    });
    receipt = answer.body.receipt;
    seenUrls.push(t.api.url('submitReport'));
    answer.headers.forEach((value, name) => seenHeaders.push(`${name}: ${value}`));
    const replay = await t.api.call('submitReport', {
      json: { ...MINIMAL_REPORT, content: { description, contact: { email: 'melder@voorbeeld.nl', preferredChannel: 'email' } } },
      headers: { 'Idempotency-Key': key },
    });
    replay.headers.forEach((value, name) => seenHeaders.push(`${name}: ${value}`));
    followUpToken = await openSession(t.api, receipt);
    await t.api.call('openFollowUpSession', { json: { receipt: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ' } });
    const view = await t.api.call('getFollowUpCase', { token: followUpToken });
    view.headers.forEach((value, name) => seenHeaders.push(`${name}: ${value}`));
    const caseId = await newestCaseId(t.api, t.server.handlerToken!);
    await t.api.call('getCase', { token: t.server.handlerToken!, path: { caseId } });
    await t.api.call('sendFollowUpMessage', { token: followUpToken, json: { body: `Antwoord met ${description}` } });
  });
  after(() => t.server.stop());

  it('keeps the receipt, tokens, report content and contact details out of the server output', () => {
    const output = t.server.output().replace(/wbh_[A-Za-z0-9_-]+/, 'the token that `token create` printed once');
    assert.ok(output.includes('"route":"/v1/reports"'), 'the requests were logged');
    for (const secret of [receipt, receipt.replace(/-/g, ''), followUpToken, t.server.handlerToken!, description, 'melder@voorbeeld.nl', '7f3a']) {
      assert.ok(!output.includes(secret), `the output contains ${secret}`);
    }
  });

  it('logs no client IP address by default', () => {
    assert.ok(!t.server.output().includes('127.0.0.1",'), 'no address field');
    assert.doesNotMatch(t.server.output(), /"(client|ip|remoteAddress)"/);
  });

  it('never puts the receipt in a URL or a response header', () => {
    for (const text of [...seenUrls, ...seenHeaders]) assert.ok(!text.includes(receipt) && !text.includes(receipt.replace(/-/g, '')), text);
  });

  it('stores the receipt only as a hash: the database file does not contain it', {
    skip: testDatabase === 'postgres' && 'reads the SQLite file; on PostgreSQL, postgres.test.ts searches a pg_dump of the database',
  }, async () => {
    const { readFile, readdir } = await import('node:fs/promises');
    const files = (await readdir(t.server.dataDir)).filter((name) => name.startsWith('weerbaar.sqlite'));
    assert.ok(files.includes('weerbaar.sqlite'), 'the database file is there to search');
    for (const name of files) {
      const bytes = await readFile(`${t.server.dataDir}/${name}`);
      assert.ok(!bytes.includes(Buffer.from(receipt)), `${name} holds the receipt`);
      assert.ok(!bytes.includes(Buffer.from(receipt.replace(/-/g, ''))), `${name} holds the normalised receipt`);
    }
  });
});

describe('CORS', () => {
  let t: TestServer;
  const allowed = 'https://www.voorbeeldstad.nl';
  before(async () => {
    t = await startTestServer({ handlerToken: false, allowedOrigins: [allowed] });
  });
  after(() => t.server.stop());

  it('answers configured origins only, without credentials, exposing the contract headers', async () => {
    const yes = await t.api.call('getDiscovery', { headers: { Origin: allowed } });
    assert.equal(yes.headers.get('access-control-allow-origin'), allowed);
    assert.equal(yes.headers.get('access-control-allow-credentials'), null);
    assert.match(yes.headers.get('access-control-expose-headers') ?? '', /Idempotent-Replayed/);
    assert.match(yes.headers.get('vary') ?? '', /Origin/);
    const no = await t.api.call('getDiscovery', { headers: { Origin: 'https://kwaadwillend.example' } });
    assert.equal(no.headers.get('access-control-allow-origin'), null);
  });

  it('answers a preflight from an allowed origin with the methods and headers the API uses', async () => {
    const response = await fetch(`${t.server.apiUrl}/reports`, {
      method: 'OPTIONS',
      headers: { Origin: allowed, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, idempotency-key' },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), allowed);
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
    // Every method the contract uses, PATCH (updateAccount) included: a console on another origin sends them all.
    const methods = (response.headers.get('access-control-allow-methods') ?? '').split(/,\s*/);
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) assert.ok(methods.includes(method), `${method} in ${methods.join(', ')}`);
    const refused = await fetch(`${t.server.apiUrl}/reports`, { method: 'OPTIONS', headers: { Origin: 'https://kwaadwillend.example' } });
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
  });
});

describe('CORS by default', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ handlerToken: false });
  });
  after(() => t.server.stop());

  it('allows no origin except for the contract itself', async () => {
    const discovery = await t.api.call('getDiscovery', { headers: { Origin: 'https://www.voorbeeldstad.nl' } });
    assert.equal(discovery.headers.get('access-control-allow-origin'), null);
    const contract = await t.api.call('getOpenApiJson', { headers: { Origin: 'https://www.voorbeeldstad.nl' } });
    assert.equal(contract.headers.get('access-control-allow-origin'), '*');
  });
});
