// The SDK in real Chromium against the reference server (encryption on): the reporter's side seals in
// the browser with WebCrypto, the handler's side opens with the private key, and nothing is kept on
// the device.
import { expect } from '@open-wc/testing';
import { createClient, type PlainReportSubmission } from '../src/index.js';
import { createHandlerClient } from '../src/handler.js';
import { openAttachment, openMessage, openReportContent } from '../src/crypto.js';

// Served by test-support/wtr-reference-server.mjs; imported by a variable so that tsc leaves it alone.
const testEnvPath = '/__weerbaar/test-env.js';
const { apiUrl, handlerToken, privateKeyJwk } = (await import(testEnvPath)) as { apiUrl: string; handlerToken: string; privateKeyJwk: JsonWebKey };

const report: PlainReportSubmission = {
  role: 'council-member',
  category: 'infiltration',
  locale: 'nl',
  content: { description: 'Een leverancier vroeg in de browser naar de namen van de commissieleden.', occurredPeriod: 'sinds de zomer' },
};

describe('the SDK in the browser', () => {
  it('submits a sealed report, follows it up with a sealed reply and file, and the handler opens all three', async () => {
    const client = createClient({ baseUrl: apiUrl, locale: 'nl' });
    expect((await client.discover()).capabilities.encryption).to.exist;
    const { receipt } = await client.submitReport(report);
    expect(receipt).to.match(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3,14}$/);

    const session = await client.openFollowUp(receipt);
    await session.sendMessage('Vandaag belde hij opnieuw.');
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const attachment = await session.addAttachment(new File([bytes], 'scherm.png', { type: 'image/png' }), { description: 'Schermafbeelding' });
    expect(attachment.encrypted).to.equal(true);
    expect((await session.getCase()).status).to.equal('received');
    await session.close();

    const handler = createHandlerClient({ baseUrl: apiUrl, token: handlerToken });
    const { items } = await handler.listCases({ sort: '-receivedAt' });
    const stored = await handler.getCase(items[0]!.caseId);
    expect(stored.content).to.equal(undefined);
    expect(await openReportContent(privateKeyJwk, stored.encryptedContent!)).to.deep.equal(report.content);
    const reply = stored.messages.find((message) => message.from === 'reporter')!;
    expect(await openMessage(privateKeyJwk, reply.encryptedBody!)).to.equal('Vandaag belde hij opnieuw.');
    const sealed = await handler.downloadAttachment(stored.caseId, stored.attachments[0]!.id);
    const opened = await openAttachment(privateKeyJwk, stored.attachments[0]!.encryption!, sealed);
    expect(opened.descriptor).to.deep.equal({ name: 'scherm.png', mediaType: 'image/png', description: 'Schermafbeelding' });
    expect([...opened.bytes]).to.deep.equal([...bytes]);
  });

  it('keeps nothing on the device: it never sets a cookie or writes to web storage or IndexedDB', async () => {
    // Recorded in this page itself: other test pages of the same origin may use storage at the same time.
    const writes: string[] = [];
    const setItem = Storage.prototype.setItem;
    const openDatabase = IDBFactory.prototype.open;
    const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
    Storage.prototype.setItem = function (key: string, value: string) {
      writes.push(`storage ${key}`);
      setItem.call(this, key, value);
    };
    IDBFactory.prototype.open = function (name: string, version?: number) {
      writes.push(`indexedDB ${name}`);
      return openDatabase.call(this, name, version);
    };
    Object.defineProperty(Document.prototype, 'cookie', { ...cookie, set(value: string) { writes.push(`cookie ${value}`); cookie.set!.call(this, value); } });
    try {
      const client = createClient({ baseUrl: apiUrl });
      await client.getNorms();
      await client.getNorms();
      const { receipt } = await client.submitReport({ role: 'other', category: 'other', content: { description: 'Niets blijft achter.' } });
      const session = await client.openFollowUp(receipt);
      await session.getCase();
      await session.close();
    } finally {
      Storage.prototype.setItem = setItem;
      IDBFactory.prototype.open = openDatabase;
      Object.defineProperty(Document.prototype, 'cookie', cookie);
    }
    expect(writes).to.deep.equal([]);
    expect(document.cookie).to.equal('');
  });
});
