// The dilemma entry (`@weerbaar/sdk/dilemmas`) and the editors' calls of the handler entry against
// the reference server: a dilemma shared in the clear and one sealed on the device (opened with the
// private key), rewritten into a card, refused while it holds the shared text, published, read back
// with the read code, and unpublished.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openDilemmaContent } from '../src/crypto.js';
import { createDilemmaClient, WeerbaarApiError } from '../src/dilemmas.js';
import { createHandlerClient } from '../src/handler.js';
import { rejection } from './support/rejection.js';
import { startReferenceServer, type ReferenceServer } from './support/reference-server.js';

const SITUATION = 'Een aannemer bood mij een weekend weg aan, vlak voor de gunning.';
const CARD = {
  language: 'nl',
  roles: ['civil-servant' as const],
  theme: 'gifts-and-hospitality' as const,
  title: 'Een weekend weg',
  situation: 'Een partij in een lopende aanbesteding biedt u een weekend weg aan.',
  questions: ['Wat doet u?'],
};

for (const encryption of [false, true]) {
  describe(`dilemmas through the SDK${encryption ? ', sealed on the device' : ''}`, () => {
    let server: ReferenceServer;
    before(async () => {
      server = await startReferenceServer(encryption ? { encryption: true } : {});
    });
    after(() => server?.stop());

    it('shares a dilemma, rewrites it into a card, publishes it once rewritten and reads it back with the code', async () => {
      const client = createDilemmaClient({ baseUrl: server.apiUrl, locale: 'nl' });
      const handler = createHandlerClient({ baseUrl: server.apiUrl, token: server.handlerToken });
      const shared = await client.submitDilemma({ role: 'civil-servant', theme: 'gifts-and-hospitality', content: { situation: SITUATION }, wantsReadCode: true });
      assert.match(shared.readCode!, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
      const [submission] = (await handler.listDilemmas()).items;
      const content = encryption ? await openDilemmaContent(server.privateKeyJwk!, submission!.encryptedContent!) : submission!.content!;
      assert.equal(content.situation, SITUATION);
      assert.equal(encryption, submission!.content === undefined, 'sealed only under encryption');

      const copied = await handler.createDilemmaDraft({ ...CARD, situation: SITUATION }, submission!.submissionId);
      if (!encryption) {
        const refused = await rejection(handler.publishDilemmaCard(copied.cardId));
        assert.ok(refused instanceof WeerbaarApiError);
        assert.equal(refused.code, 'unedited-submission');
      }
      await handler.updateDilemmaDraft(copied.cardId, CARD);
      assert.equal((await handler.publishDilemmaCard(copied.cardId)).status, 'published');
      const cards = await client.getDilemmaCards({ role: 'civil-servant', theme: 'gifts-and-hospitality' });
      assert.ok(cards.items.some((card) => card.cardId === copied.cardId && card.text.situation === CARD.situation));
      assert.ok(cards.items.every((card) => card.text.roles.includes('civil-servant')));
      const reading = await client.readDilemma(shared.readCode!);
      assert.equal(reading.status, 'published');
      assert.equal((await handler.unpublishDilemmaCard(copied.cardId)).status, 'unpublished');
      assert.equal((await handler.listDilemmaDrafts()).items.length, 1);
      assert.equal((await client.readDilemma(shared.readCode!)).status, 'waiting');
    });
  });
}
