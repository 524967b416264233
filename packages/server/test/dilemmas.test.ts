// Dilemmas (contract 1.2) over real HTTP against the built server: the anonymous drop (refused on
// bad input with nothing stored, idempotent, rate limited, sealed under encryption), the read code,
// the editors (a handler token, a person with the handler role in the editors' group — not one
// outside it), the refusal to publish a card that still holds the shared text, the public cards
// (shipped ones, published ones, filters, ETag), and retention: a shared dilemma whose period ended
// is deleted by `weerbaar-server retention run`, its card stays. Time is simulated by moving
// `delete_after` into the past in the database, as the retention tests do.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { idempotencyKey } from './helpers/contract-client.js';
import { withWritableDatabase } from './helpers/database-tampering.js';
import { PasskeyDevice } from './helpers/passkey-device.js';
import { enrol, inviteWithCli, localOrigin, runCli } from './helpers/people.js';
import { serverForSuite, startTestServer, type TestServer } from './helpers/server.js';

const SITUATION = 'Een projectontwikkelaar bood mij kaarten aan voor een voetbalwedstrijd, net voor het debat over zijn plan.';
const WHAT_I_DID = 'Ik heb ze geweigerd.';
const PLAIN = { role: 'council-member', theme: 'gifts-and-hospitality', locale: 'nl', content: { situation: SITUATION, whatIDid: WHAT_I_DID } };
const REWRITTEN = {
  language: 'nl',
  roles: ['council-member'],
  theme: 'gifts-and-hospitality',
  title: 'Kaarten voor de wedstrijd',
  situation: 'Iemand die baat heeft bij een besluit van de raad biedt u kaarten aan voor een uitverkochte wedstrijd.',
  questions: ['Neemt u de kaarten aan?'],
};

describe('dilemmas', () => {
  const suite = serverForSuite({ env: { WEERBAAR_REPORTS_PER_CLIENT: '6' } });
  let t: TestServer;
  let token: string;
  before(() => ({ t, token } = suite));

  const drop = (json: unknown, key = idempotencyKey()) => t.api.call('submitDilemma', { json, headers: { 'Idempotency-Key': key } });
  const submissions = async () => (await t.api.call('listDilemmas', { token })).body.items as { submissionId: string; content?: { situation: string }; cardIds: string[] }[];
  /** The global audit list's entries whose action starts with `prefix`. */
  const globalEntries = async (prefix: string) => {
    const rows = await withWritableDatabase(t.server, (db) => db.all<{ entry_json: string }>("SELECT entry_json FROM audit_entries WHERE chain_id = '(global)' ORDER BY seq", []));
    return rows.map((row) => JSON.parse(row.entry_json) as { action: string; details: object }).filter((entry) => entry.action.startsWith(prefix));
  };
  const cards = async (query: Record<string, string> = {}) => (await t.api.call('getDilemmaCards', { query })).body.items as { cardId: string; draftForReview: boolean; text: { situation: string; theme: string; roles: string[] } }[];

  it('advertises the capability, and shares a dilemma once per Idempotency-Key, with its read code once', async () => {
    const discovery = await t.api.call('getDiscovery');
    assert.deepEqual(discovery.body.capabilities.dilemmas, { retentionDays: 90, editorGroupId: 'integrity-officers' });
    const key = idempotencyKey();
    const first = await drop({ ...PLAIN, wantsReadCode: true }, key);
    assert.equal(first.status, 201);
    assert.match(first.body.readCode, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    assert.equal(Date.parse(first.body.deleteAfter) - Date.parse(first.body.receivedAt), 90 * 86_400_000);
    const again = await drop({ ...PLAIN, wantsReadCode: true }, key);
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(again.body, first.body);
    const reused = await drop({ ...PLAIN, theme: 'side-jobs' }, key);
    assert.equal(reused.status, 422);
    assert.equal(reused.body.code, 'idempotency-key-reused');
    const stored = await submissions();
    assert.equal(stored.filter((s) => s.content?.situation === SITUATION).length, 1, 'stored once');
    await withWritableDatabase(t.server, async (db) => {
      const rows = await db.all<{ read_code_hash: string }>('SELECT read_code_hash FROM dilemma_submissions', []);
      assert.ok(rows.every((row) => !row.read_code_hash || !row.read_code_hash.includes(first.body.readCode)), 'the read code is stored only as a hash');
    });
    const reading = await t.api.call('readDilemma', { json: { readCode: first.body.readCode.toLowerCase() } });
    assert.deepEqual(reading.body, { status: 'waiting', cards: [] });
    assert.equal((await t.api.call('readDilemma', { json: { readCode: '0000-1111-2222-3333-4444' } })).status, 404);
  });

  it('refuses bad input with a problem and stores nothing', async () => {
    const before = (await submissions()).length;
    for (const bad of [
      { ...PLAIN, theme: 'voetbal' },
      { ...PLAIN, content: { situation: '' } },
      { role: 'council-member', theme: 'threats' },
      { ...PLAIN, content: { situation: 'x'.repeat(4001) } },
      { ...PLAIN, encryptedContent: { keyId: 'k', suite: 'DHKEM-P256-HKDF-SHA256/HKDF-SHA256/AES-256-GCM', enc: 'B'.repeat(87), ciphertext: 'abcd' } },
    ]) {
      const answer = await drop(bad);
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.equal(answer.headers.get('content-type')?.split(';')[0], 'application/problem+json');
    }
    const missingKey = await t.api.call('submitDilemma', { json: PLAIN });
    assert.equal(missingKey.status, 400);
    assert.equal((await submissions()).length, before);
  });

  it('lets the editors rewrite a shared dilemma into a card, refuses to publish it while it holds the shared text, publishes it once rewritten', async () => {
    const shared = await drop({ ...PLAIN, content: { situation: `Mijn buurman, een aannemer, bood mij  een weekend weg aan.` }, wantsReadCode: true });
    const submissionId = (await submissions()).find((s) => s.content?.situation.startsWith('Mijn buurman'))!.submissionId;
    // The text copied with other case and spacing is still the shared text.
    const copied = { ...REWRITTEN, situation: 'Context: MIJN BUURMAN, een aannemer, bood mij een weekend   weg aan.' };
    const draft = await t.api.call('createDilemmaDraft', { token, json: { submissionId, text: copied } });
    assert.equal(draft.status, 201);
    assert.equal(draft.body.status, 'draft');
    assert.equal((await cards()).some((card) => card.cardId === draft.body.cardId), false, 'a draft is not public');
    const refused = await t.api.call('publishDilemmaCard', { token, path: { cardId: draft.body.cardId } });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'unedited-submission');
    assert.equal((await cards()).some((card) => card.cardId === draft.body.cardId), false, 'nothing published');

    const edited = await t.api.call('updateDilemmaDraft', { token, path: { cardId: draft.body.cardId }, json: { text: REWRITTEN } });
    assert.equal(edited.body.status, 'draft');
    const published = await t.api.call('publishDilemmaCard', { token, path: { cardId: draft.body.cardId } });
    assert.equal(published.status, 200);
    assert.equal(published.body.status, 'published');
    const publicCard = (await cards({ role: 'council-member', theme: 'gifts-and-hospitality' })).find((card) => card.cardId === draft.body.cardId);
    assert.equal(publicCard?.text.situation, REWRITTEN.situation);
    assert.equal(publicCard?.draftForReview, false);
    assert.equal((await cards({ theme: 'threats' })).some((card) => card.cardId === draft.body.cardId), false, 'filtered by theme');
    assert.equal((await cards({ role: 'civil-servant' })).some((card) => card.cardId === draft.body.cardId), false, 'filtered by role');
    assert.equal((await cards({ lang: 'en' })).some((card) => card.cardId === draft.body.cardId), false, 'a Dutch card is not in English');
    const reading = await t.api.call('readDilemma', { json: { readCode: shared.body.readCode } });
    assert.equal(reading.body.status, 'published');
    assert.deepEqual(reading.body.cards.map((card: { cardId: string }) => card.cardId), [draft.body.cardId]);
    assert.deepEqual((await submissions()).find((s) => s.submissionId === submissionId)!.cardIds, [draft.body.cardId]);

    // A browser or proxy holding the list must ask again before showing it: the card taken off goes at once.
    const before = await t.api.call('getDilemmaCards', { query: { lang: 'nl' } });
    assert.equal(before.headers.get('cache-control'), 'public, no-cache');
    const unpublished = await t.api.call('unpublishDilemmaCard', { token, path: { cardId: draft.body.cardId } });
    assert.equal(unpublished.body.status, 'unpublished');
    const revalidated = await t.api.call('getDilemmaCards', { query: { lang: 'nl' }, headers: { 'If-None-Match': before.headers.get('etag')! } });
    assert.equal(revalidated.status, 200, 'the list that held the card is no longer current');
    assert.equal(revalidated.body.items.some((card: { cardId: string }) => card.cardId === draft.body.cardId), false);
    assert.equal((await cards()).some((card) => card.cardId === draft.body.cardId), false);
    const trail = await globalEntries('dilemma-');
    assert.deepEqual(trail.map((entry) => entry.action).sort(), ['dilemma-card-published', 'dilemma-card-unpublished', 'dilemma-draft-created', 'dilemma-draft-edited']);
    assert.ok(!JSON.stringify(trail).includes('buurman') && !JSON.stringify(trail).includes('kaarten'), 'no content in the audit list');
    assert.equal((await t.api.call('publishDilemmaCard', { token, path: { cardId: 'dc_unknown-card' } })).status, 404);
  });

  it('serves the twelve shipped cards in Dutch and English, draft for review, cacheable', async () => {
    const nl = await t.api.call('getDilemmaCards', { query: { lang: 'nl' } });
    const shipped = nl.body.items.filter((card: { draftForReview: boolean }) => card.draftForReview);
    assert.equal(shipped.length, 12);
    const en = (await cards({ lang: 'en' })).filter((card) => card.draftForReview);
    assert.deepEqual(en.map((card) => card.cardId.replace(/-en$/, '')), shipped.map((card: { cardId: string }) => card.cardId.replace(/-nl$/, '')));
    assert.deepEqual(new Set(shipped.map((card: { text: { theme: string } }) => card.text.theme)), new Set(['threats', 'gifts-and-hospitality', 'side-jobs', 'information-requests', 'permit-pressure']));
    const etag = nl.headers.get('etag')!;
    assert.equal((await t.api.call('getDilemmaCards', { query: { lang: 'nl' }, headers: { 'If-None-Match': etag } })).status, 304);
  });

  it('rate limits the drop per client like reports', async () => {
    let answer;
    for (let i = 0; i < 8 && answer?.status !== 429; i++) answer = await drop({ ...PLAIN, content: { situation: `Dilemma nummer ${i + 1}` } });
    assert.equal(answer?.status, 429);
    assert.ok(Number(answer?.headers.get('retry-after')) > 0);
  });

  it('deletes a shared dilemma when its period ended, in the retention run; its card stays', async () => {
    const before = await submissions();
    const target = before.find((s) => s.cardIds.length > 0)!;
    await withWritableDatabase(t.server, (db) => db.run('UPDATE dilemma_submissions SET delete_after = ? WHERE id = ?', [new Date(Date.now() - 1000).toISOString(), target.submissionId]));
    const printed = await runCli(t.server, ['retention', 'run']);
    assert.match(printed, /1 shared dilemma deleted/);
    const after = await submissions();
    assert.equal(after.length, before.length - 1);
    assert.equal(after.some((s) => s.submissionId === target.submissionId), false);
    const drafts = (await t.api.call('listDilemmaDrafts', { token })).body.items as { cardId: string }[];
    assert.ok(drafts.some((card) => card.cardId === target.cardIds[0]), 'the card stays');
    assert.deepEqual((await globalEntries('dilemmas-deleted')).map((entry) => entry.details), [{ count: 1 }]);
  });

  it('lets people edit only with the handler role in the editors group', async () => {
    const device = await PasskeyDevice.open(localOrigin(t.server));
    try {
      const editor = await enrol(t.api, device, (await inviteWithCli(t.server, 'I. Officier', ['handler'], ['integrity-officers'])).code);
      const outsider = await enrol(t.api, device, (await inviteWithCli(t.server, 'B. Buiten', ['handler'], ['griffie'])).code);
      assert.equal((await t.api.call('listDilemmas', { token: editor })).status, 200);
      assert.equal((await t.api.call('listDilemmas', { token: outsider })).status, 403);
      assert.equal((await t.api.call('createDilemmaDraft', { token: outsider, json: { text: REWRITTEN } })).status, 403);
      assert.equal((await t.api.call('listDilemmaDrafts')).status, 401);
    } finally {
      await device.close();
    }
  });
});

describe('dilemmas under encryption', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ encryption: true, env: { WEERBAAR_ENCRYPTION_REQUIRED: 'true' } });
  });
  after(() => t.server.stop());

  it('stores a sealed dilemma as its envelope, role and theme in the clear, and refuses plain content', async () => {
    const keyId = (await t.api.call('getDiscovery')).body.capabilities.encryption.keyId;
    const envelope = { keyId, suite: 'DHKEM-P256-HKDF-SHA256/HKDF-SHA256/AES-256-GCM', enc: 'B'.repeat(87), ciphertext: 'ZWVuIGdlc2xvdGVuIGRpbGVtbWE' };
    const sealed = await t.api.call('submitDilemma', { json: { role: 'civil-servant', theme: 'information-requests', encryptedContent: envelope }, headers: { 'Idempotency-Key': idempotencyKey() } });
    assert.equal(sealed.status, 201);
    const listed = (await t.api.call('listDilemmas', { token: t.server.handlerToken! })).body.items;
    assert.deepEqual(listed[0].encryptedContent, envelope);
    assert.equal(listed[0].content, undefined);
    assert.equal(listed[0].theme, 'information-requests');
    const plain = await t.api.call('submitDilemma', { json: PLAIN, headers: { 'Idempotency-Key': idempotencyKey() } });
    assert.equal(plain.status, 422);
    assert.equal(plain.body.code, 'encryption-required');
  });
});
