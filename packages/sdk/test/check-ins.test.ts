// The reporter's aftercare check-ins through the follow-up session (contract 1.2) against the real
// reference server with encryption on: listed, answered (the free text sealed before it leaves the
// process, and opened by the handler with the private key), and stopped. A check-in's day is
// simulated by moving its opening time into the past in the server's database, never waited for.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openCheckIn } from '../../../test-support/check-in-clock.mjs';
import { createClient } from '../src/index.js';
import { createHandlerClient } from '../src/handler.js';
import { openMessage } from '../src/crypto.js';
import { recordingFetch } from './support/recording-fetch.js';
import { startReferenceServer, type ReferenceServer } from './support/reference-server.js';

const WORDS = 'Er stond gisteren weer een auto voor mijn huis.';
let server: ReferenceServer & { dataDir: string; databaseUrl?: string };

before(async () => {
  server = (await startReferenceServer({ encryption: true })) as typeof server;
});
after(() => server?.stop());

describe("the reporter's check-ins", () => {
  it('lists them, answers one with its text sealed, and stops the rest', async () => {
    const recorder = recordingFetch();
    const client = createClient({ baseUrl: server.apiUrl, fetch: recorder.fetch });
    const receipt = await client.submitReport({ role: 'civil-servant', category: 'threat-intimidation', content: { description: 'Een aanvrager dreigt mij bij het loket.' } });
    assert.equal(receipt.checkInDays?.length, 4, 'the receipt carries the days the check-ins open');
    const session = await client.openFollowUp(receipt.receipt);
    const listed = await session.listCheckIns();
    assert.deepEqual([listed.stopped, listed.items.map((checkIn) => checkIn.status)], [false, ['scheduled', 'scheduled', 'scheduled', 'scheduled']]);
    const [first] = listed.items;

    await openCheckIn(server, first!.checkInId);
    const answered = await session.answerCheckIn(first!.checkInId, { wellbeing: 'not-well', feelsSafe: 'no', wantsContact: true, text: WORDS });
    assert.equal(answered.status, 'answered');
    const sent = recorder.requests.find((request) => request.url.endsWith('/answer'))!.body;
    assert.ok(!sent.includes(WORDS) && sent.includes('encryptedText'), 'the text left the process sealed');

    const handler = createHandlerClient({ baseUrl: server.apiUrl, token: server.handlerToken });
    const { items } = await handler.listCases({ sort: '-receivedAt' });
    const response = await fetch(`${server.apiUrl}/cases/${items[0]!.caseId}/check-ins`, { headers: { Authorization: `Bearer ${server.handlerToken}` } });
    const seen = (await response.json()) as { items: { answer?: { wellbeing: string; encryptedText?: Parameters<typeof openMessage>[1] } }[] };
    assert.equal(seen.items[0]!.answer!.wellbeing, 'not-well');
    assert.equal(await openMessage(server.privateKeyJwk!, seen.items[0]!.answer!.encryptedText!), WORDS);

    await session.stopCheckIns();
    await session.stopCheckIns();
    const stopped = await session.listCheckIns();
    assert.deepEqual([stopped.stopped, stopped.items.map((checkIn) => checkIn.status)], [true, ['answered', 'cancelled', 'cancelled', 'cancelled']]);
    await assert.rejects(session.answerCheckIn(stopped.items[1]!.checkInId, { wellbeing: 'good', feelsSafe: 'yes', wantsContact: false }), { kind: 'conflict' });
    assert.ok(!server.output().includes(WORDS), 'the text is never logged');
    await session.close();
  });
});
