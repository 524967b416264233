// verifyWebhook: the contract's signed example verifies, anything changed does not; and a real
// reference server's events, received over HTTP, verify and carry nothing of the report.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fixtures, openapiDocument } from '@weerbaar/spec';
import { verifyWebhook, WebhookVerificationError, type CaseEvent } from '../src/handler.js';
import { startReferenceServer, type ReferenceServer } from './support/reference-server.js';

const fixture = fixtures.find((f) => f.name === 'receiveCaseEvent/valid/received')!;
const description = (openapiDocument.webhooks as Record<string, { post: { description: string } }>).caseEvent!.post.description;
const SECRET = /`(whsec_[A-Za-z0-9+/=]+)`/.exec(description)![1]!;
const BODY = JSON.stringify(fixture.body);
const HEADERS = fixture.headers!;
const SIGNED_AT = Number(HEADERS['webhook-timestamp']) * 1000;

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof WebhookVerificationError, String(error));
    return error.reason;
  }
  assert.fail('it was accepted');
}

describe('verifyWebhook', () => {
  it("accepts the contract's signed example, as a string or bytes, with Headers or Node's header object", async () => {
    const event = await verifyWebhook({ secret: SECRET, headers: HEADERS, body: BODY, now: SIGNED_AT });
    assert.equal(event.type, 'nl.weerbaar.case.received');
    assert.equal(event.data.reference, 'WB-2026-0042');
    await verifyWebhook({ secret: SECRET, headers: new Headers(HEADERS), body: new TextEncoder().encode(BODY), now: new Date(SIGNED_AT + 299_000) });
  });

  it('accepts one valid signature among several (a secret being rotated)', async () => {
    const headers = { ...HEADERS, 'webhook-signature': `v1,${'A'.repeat(43)}= ${HEADERS['webhook-signature']}` };
    await verifyWebhook({ secret: SECRET, headers, body: BODY, now: SIGNED_AT });
  });

  it('refuses a changed body, another secret, a replay after 5 minutes and missing headers', async () => {
    assert.equal(await refusal(verifyWebhook({ secret: SECRET, headers: HEADERS, body: BODY.replace('WB-2026-0042', 'WB-2026-0043'), now: SIGNED_AT })), 'signature');
    assert.equal(await refusal(verifyWebhook({ secret: `whsec_${btoa('another secret of 24 bytes!')}`, headers: HEADERS, body: BODY, now: SIGNED_AT })), 'signature');
    assert.equal(await refusal(verifyWebhook({ secret: SECRET, headers: HEADERS, body: BODY, now: SIGNED_AT + 301_000 })), 'timestamp');
    assert.equal(await refusal(verifyWebhook({ secret: SECRET, headers: HEADERS, body: BODY, now: SIGNED_AT - 301_000 })), 'timestamp');
    assert.equal(await refusal(verifyWebhook({ secret: SECRET, headers: { ...HEADERS, 'webhook-signature': undefined }, body: BODY, now: SIGNED_AT })), 'missing-header');
    assert.equal(await refusal(verifyWebhook({ secret: 'not-a-secret', headers: HEADERS, body: BODY, now: SIGNED_AT })), 'secret');
    const otherId = { ...HEADERS, 'webhook-id': 'evt_someoneElse' };
    assert.equal(await refusal(verifyWebhook({ secret: SECRET, headers: otherId, body: BODY, now: SIGNED_AT })), 'signature', 'the id is signed too');
  });
});

describe('events from the reference server', () => {
  const secret = `whsec_${Buffer.from('sdk-test-webhook-secret-of-32-bytes!').toString('base64')}`;
  const received: { request: IncomingMessage; body: string }[] = [];
  let receiver: Server;
  let server: ReferenceServer;
  before(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ request, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    server = await startReferenceServer({
      env: {
        WEERBAAR_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/weerbaar`,
        WEERBAAR_WEBHOOK_SECRET: secret,
        WEERBAAR_JOBS_POLL_MILLISECONDS: '100',
      },
    });
  });
  after(async () => {
    await server.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('are advertised in discovery with the event types the server sends', async () => {
    const discovery = (await (await fetch(`${server.apiUrl}/discovery`)).json()) as { capabilities: { caseManagement?: { webhooks?: { eventTypes: string[] } } } };
    assert.deepEqual(discovery.capabilities.caseManagement?.webhooks?.eventTypes.sort(), [
      'nl.weerbaar.case.acknowledged',
      'nl.weerbaar.case.acknowledgement-due',
      'nl.weerbaar.case.closed',
      'nl.weerbaar.case.deleted',
      'nl.weerbaar.case.feedback-due',
      'nl.weerbaar.case.feedback-given',
      'nl.weerbaar.case.overdue',
      'nl.weerbaar.case.received',
    ]);
  });

  it('verify, and name the case without any of its content', async () => {
    const description = 'Synthetische melding: een aannemer bood mij een envelop met geld aan.';
    const submitted = await fetch(`${server.apiUrl}/reports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ role: 'administrator', category: 'bribery', content: { description } }),
    });
    assert.equal(submitted.status, 201);
    const receipt = ((await submitted.json()) as { receipt: string }).receipt;
    for (let attempt = 0; attempt < 100 && received.length === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
    const [first] = received;
    assert.ok(first, 'an event arrived');
    assert.equal(first.request.headers['content-type'], 'application/cloudevents+json');
    const event: CaseEvent = await verifyWebhook({ secret, headers: first.request.headers, body: first.body });
    assert.equal(event.type, 'nl.weerbaar.case.received');
    assert.match(event.source, /^http:\/\/localhost:\d+\/v1$/, 'the API base of the server that sent it');
    assert.deepEqual(Object.keys(event.data).sort(), ['acknowledgeDueAt', 'caseId', 'feedbackDueAt', 'reference']);
    for (const word of ['bribery', 'administrator', 'envelop', receipt]) assert.ok(!first.body.includes(word), `"${word}" is in the event`);
  });
});
