// End-to-end encryption against the reference server started with an encryption key: the SDK seals
// report, reply and file before they leave the process; the server stores ciphertext only; the
// handler helper opens them with the private key the server's CLI printed once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixtures } from '@weerbaar/spec';
import { createClient, type PlainReportSubmission } from '../src/index.js';
import { createHandlerClient, type WeerbaarHandlerClient } from '../src/handler.js';
import { openAttachment, openMessage, openReportContent } from '../src/crypto.js';
import { WeerbaarError } from '../src/errors.js';
import { proxyPool } from './support/proxy.js';
import { recordingFetch } from './support/recording-fetch.js';
import { startReferenceServer, type ReferenceServer } from './support/reference-server.js';

const plainReport = fixtures.find((fixture) => fixture.name === 'submitReport/valid/plain-report')!.body as PlainReportSubmission;

let server: ReferenceServer;
let handler: WeerbaarHandlerClient;
const proxies = proxyPool(() => server.apiUrl);
before(async () => {
  server = await startReferenceServer({ encryption: true });
  handler = createHandlerClient({ baseUrl: server.apiUrl, token: server.handlerToken });
});
after(async () => {
  await proxies.stopAll();
  await server?.stop();
});

async function newestCase() {
  const { items } = await handler.listCases({ sort: '-receivedAt' });
  return handler.getCase(items[0]!.caseId);
}

describe('end-to-end encryption', () => {
  it("seals the spec's PlainReport example so that only the private key opens it", async () => {
    const recorder = recordingFetch();
    const { receipt } = await createClient({ baseUrl: server.apiUrl, fetch: recorder.fetch }).submitReport(plainReport);
    assert.ok(receipt);
    const sent = recorder.requests.find((request) => request.url.endsWith('/reports'))!.body;
    for (const text of [plainReport.content.description, plainReport.content.location!, '+31612345678']) {
      assert.ok(!sent.includes(text), 'plain content left the process');
    }

    const stored = await newestCase();
    assert.equal(stored.encrypted, true);
    assert.equal(stored.content, undefined);
    assert.equal(stored.role, plainReport.role, 'routing metadata stays readable');
    assert.deepEqual(await openReportContent(server.privateKeyJwk!, stored.encryptedContent!), plainReport.content);
  });

  it('seals a follow-up reply and a file with its name and type, and the handler opens both', async () => {
    const client = createClient({ baseUrl: server.apiUrl });
    const { receipt } = await client.submitReport({ role: 'other', category: 'undue-pressure', content: { description: 'Druk om een vergunning te verlenen.' } });
    const session = await client.openFollowUp(receipt);
    await session.sendMessage('Er is een tweede gesprek geweest.');
    const bytes = new Uint8Array(2048).map((_, index) => index % 251);
    const attachment = await session.addAttachment(new File([bytes], 'verslag.pdf', { type: 'application/pdf' }));
    assert.equal(attachment.encrypted, true);
    assert.equal(attachment.name, undefined, 'the file name travels inside the ciphertext only');
    await session.close();

    const stored = await newestCase();
    const reply = stored.messages.find((message) => message.from === 'reporter')!;
    assert.equal(reply.body, undefined);
    assert.equal(await openMessage(server.privateKeyJwk!, reply.encryptedBody!), 'Er is een tweede gesprek geweest.');
    const sealed = await handler.downloadAttachment(stored.caseId, stored.attachments[0]!.id);
    const opened = await openAttachment(server.privateKeyJwk!, stored.attachments[0]!.encryption!, sealed);
    assert.deepEqual(opened.descriptor, { name: 'verslag.pdf', mediaType: 'application/pdf' });
    assert.deepEqual(opened.bytes, bytes);
  });

  it('refuses to open with another key, and says so without showing anything of the content', async () => {
    const stored = await newestCase();
    const otherKey = (await crypto.subtle.exportKey(
      'jwk',
      (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])).privateKey,
    )) as JsonWebKey;
    const reply = stored.messages.find((message) => message.from === 'reporter')!;
    await assert.rejects(openMessage(otherKey, reply.encryptedBody!), (error: unknown) => error instanceof WeerbaarError && /cannot be opened/.test(error.message));
    // A message's ciphertext does not open as a report either: the info string binds it to its kind.
    await assert.rejects(openReportContent(server.privateKeyJwk!, reply.encryptedBody!), WeerbaarError);
  });
});

describe('a key rotated after discovery was read', () => {
  it('reads discovery again, seals to the current key and stores the report once', async () => {
    // The first discovery this client reads names a key the backend no longer uses, as when the
    // organisation rotated its key while the reporter was filling in the form.
    let discoveries = 0;
    const rotated = await proxies.start({
      rewrite: (path, body) => {
        if (path !== '/discovery' || ++discoveries > 1) return body;
        const discovery = body as { capabilities: { encryption: { keyId: string } } };
        discovery.capabilities.encryption.keyId = 'rotated-away';
        return discovery;
      },
    });
    const description = `Sealed to a key that rotated away. ${crypto.randomUUID()}`;
    const { receipt } = await createClient({ baseUrl: rotated.apiUrl }).submitReport({ role: 'civil-servant', category: 'bribery', content: { description } });
    assert.ok(receipt);
    const attempts = rotated.seen.filter((request) => request.path === '/reports');
    assert.deepEqual(attempts.map((request) => request.status), [422, 201]);
    assert.equal(new Set(attempts.map((request) => request.headers['idempotency-key'])).size, 1);
    assert.equal(discoveries, 2);
    const stored = await newestCase();
    assert.equal((await openReportContent(server.privateKeyJwk!, stored.encryptedContent!)).description, description);
  });
});
