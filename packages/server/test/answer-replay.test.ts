// The answer replay (src/http/answer-replay.ts) over real HTTP: a repeated content GET answered
// without fastify must be the answer fastify gives, byte for byte, but for a fresh Request-Id and the
// Date. Two servers in this process on the same content, one with the replay and one without, are
// asked the same requests: every replayable operation × language × encoding × method × 200/304.
// Also: bad input is still fastify's 400 problem every time, every replayed answer still writes its
// access log line, and content an editor publishes (dilemma cards, never replayed) shows on the next
// GET with a new ETag (the built server, SQLite or PostgreSQL).
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/config.js';
import { answerReplayOf } from '../src/http/app.js';
import { startServer, type RunningServer } from '../src/server.js';
import { idempotencyKey } from './helpers/contract-client.js';
import { serverForSuite } from './helpers/server.js';

const ORIGIN = 'https://gemeente.example';

interface RawAnswer {
  status: number;
  /** Raw header names and values in the order sent; Request-Id's and Date's values blanked. */
  headers: string[];
  requestId: string;
  body: Buffer;
}

/** One request over node:http, which neither decodes the body nor reorders the headers. */
function ask(origin: string, path: string, method: string, headers: Record<string, string>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    request(`${origin}${path}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const raw = response.rawHeaders;
        const blanked = raw.map((value, index) => (index % 2 === 1 && /^(request-id|date)$/i.test(raw[index - 1]!) ? '…' : value));
        resolve({ status: response.statusCode!, headers: blanked, requestId: String(response.headers['request-id']), body: Buffer.concat(chunks) });
      });
    })
      .on('error', reject)
      .end();
  });
}

interface InProcessServer {
  running: RunningServer;
  log: string[];
  dataDir: string;
}

async function startInProcess(answerReplay: boolean): Promise<InProcessServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'weerbaar-replay-'));
  // One public address for both, so that their discovery documents are the same.
  const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', WEERBAAR_DATA_DIR: dataDir, WEERBAAR_PUBLIC_URL: 'https://meldpunt.gemeente.example', WEERBAAR_ALLOWED_ORIGINS: ORIGIN, WEERBAAR_LOG_LEVEL: 'info' });
  const log: string[] = [];
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => log.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  return { running: await startServer(config, { logStream, answerReplay }), log, dataDir };
}

const PATHS = ['/v1/norms', '/v1/signal-checklist', '/v1/report-form', '/v1/support-contacts', '/v1/discovery', '/v1/openapi.json', '/v1/openapi.yaml'];
const LANGUAGES: { query: string; headers: Record<string, string> }[] = [
  { query: '', headers: {} },
  { query: '?lang=en', headers: {} },
  { query: '?lang=nl', headers: { 'Accept-Language': 'en' } },
  { query: '', headers: { 'Accept-Language': 'en-GB,en;q=0.9,nl;q=0.5' } },
];
const ENCODINGS = [undefined, 'br', 'gzip', 'gzip, deflate, br'];

describe('the answer replay', () => {
  let replaying: InProcessServer;
  let plain: InProcessServer;
  before(async () => {
    [replaying, plain] = await Promise.all([startInProcess(true), startInProcess(false)]);
  });
  after(async () => {
    for (const server of [replaying, plain]) {
      await server?.running.close();
      if (server) await rm(server.dataDir, { recursive: true, force: true });
    }
  });
  const replayed = () => answerReplayOf(replaying.running.app)!.replayed;

  it('replays byte for byte what fastify answers, for every replayable operation × language × encoding × method × 200/304, with a fresh Request-Id', async () => {
    assert.equal(answerReplayOf(plain.running.app), undefined, 'the comparison server has no replay');
    assert.deepEqual([...answerReplayOf(replaying.running.app)!.routes].sort(), [...PATHS].sort(), 'exactly the content and meta GETs are replayable');
    let compared = 0;
    for (const path of PATHS) {
      for (const language of LANGUAGES) {
        for (const encoding of ENCODINGS) {
          for (const origin of [undefined, ORIGIN]) {
            const headers: Record<string, string> = { ...language.headers, ...(encoding ? { 'Accept-Encoding': encoding } : {}), ...(origin ? { Origin: origin } : {}) };
            const target = path + language.query;
            const etag = (await ask(plain.running.url, target, 'GET', headers)).headers;
            const sent = etag[etag.findIndex((name, index) => index % 2 === 0 && name.toLowerCase() === 'etag') + 1]!;
            for (const method of ['GET', 'HEAD']) {
              const conditionals: Record<string, string>[] = [{}, { 'If-None-Match': sent }];
              for (const conditional of conditionals) {
                const label = `${method} ${target} ${JSON.stringify({ ...headers, ...conditional })}`;
                const all = { ...headers, ...conditional };
                const expected = await ask(plain.running.url, target, method, all);
                const first = await ask(replaying.running.url, target, method, all);
                const before = replayed();
                const again = await ask(replaying.running.url, target, method, all);
                assert.equal(replayed(), before + 1, `${label}: replayed`);
                assert.equal(expected.status, 'If-None-Match' in conditional ? 304 : 200, label);
                for (const answer of [first, again]) {
                  assert.equal(answer.status, expected.status, label);
                  assert.deepEqual(answer.headers, expected.headers, label);
                  assert.ok(answer.body.equals(expected.body), `${label}: the same body bytes`);
                }
                assert.notEqual(again.requestId, first.requestId, `${label}: a fresh Request-Id`);
                assert.match(again.requestId, /^[A-Za-z0-9_-]{16}$/);
                compared += 1;
              }
            }
          }
        }
      }
    }
    assert.equal(compared, PATHS.length * LANGUAGES.length * ENCODINGS.length * 2 * 2 * 2);
  });

  it('writes the access log line of every replayed answer, with its Request-Id and route, never the query string', async () => {
    const path = '/v1/support-contacts?q=vertrouwenspersoon&lang=en';
    await ask(replaying.running.url, path, 'GET', {});
    const before = replayed();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await ask(replaying.running.url, path, 'GET', {})).requestId);
    assert.equal(replayed(), before + 5);
    // Replayed answers' lines are written in batches, within moments.
    for (const until = Date.now() + 5_000; !replaying.log.some((line) => line.includes(ids[4]!)) && Date.now() < until; ) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    for (const id of ids) {
      const lines = replaying.log.filter((line) => line.includes(id)).map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.equal(lines.length, 1, `one line for ${id}`);
      assert.deepEqual(
        { reqId: lines[0]!.reqId, method: lines[0]!.method, route: lines[0]!.route, status: lines[0]!.status, msg: lines[0]!.msg, level: lines[0]!.level },
        { reqId: id, method: 'GET', route: '/v1/support-contacts', status: 200, msg: 'request', level: 30 },
      );
    }
    assert.ok(!replaying.log.some((line) => line.includes('vertrouwenspersoon')), 'no query string in the log');
    // The same fields, in the same order, as fastify's own line for the first request.
    const keys = (line: string) => Object.keys(JSON.parse(line) as object).join(',');
    const fastifyLine = plain.log.find((line) => line.includes('"msg":"request"'))!;
    assert.equal(keys(replaying.log.find((line) => line.includes(ids[0]!))!), keys(fastifyLine));
  });

  it('answers bad input with the same 400 problem as without the replay, every time, also after a good answer was kept', async () => {
    const good = '/v1/support-contacts?role=civil-servant';
    await ask(replaying.running.url, good, 'GET', {});
    const before = replayed();
    for (const bad of ['/v1/support-contacts?role=nobody', '/v1/norms?lang=x'.padEnd(300, 'x'), '/v1/support-contacts?available247=maybe&role=civil-servant']) {
      const expected = await ask(plain.running.url, bad, 'GET', { 'Accept-Language': 'en' });
      assert.equal(expected.status, 400, bad);
      for (let i = 0; i < 3; i++) {
        const answer = await ask(replaying.running.url, bad, 'GET', { 'Accept-Language': 'en' });
        assert.equal(answer.status, 400, bad);
        assert.deepEqual(answer.headers, expected.headers, bad);
        const withoutInstance = (body: Buffer) => ({ ...(JSON.parse(body.toString('utf8')) as object), instance: undefined });
        assert.deepEqual(withoutInstance(answer.body), withoutInstance(expected.body), bad);
        assert.equal((JSON.parse(answer.body.toString('utf8')) as { instance: string }).instance, `urn:request:${answer.requestId}`);
      }
    }
    assert.equal(replayed(), before, 'no error answer was replayed');
    // A GET with a body goes through fastify, which answers it as without the replay (Node's client
    // frames a GET's body only with an explicit Content-Length).
    const withBody = (origin: string) =>
      new Promise<RawAnswer['status']>((resolve, reject) => {
        const sent = request(`${origin}${good}`, { method: 'GET', headers: { 'Content-Type': 'text/plain', 'Content-Length': '6' } }, (response) => {
          response.resume();
          resolve(response.statusCode!);
        });
        sent.on('error', reject);
        sent.end('a body');
      });
    assert.equal(await withBody(replaying.running.url), await withBody(plain.running.url));
    assert.equal(replayed(), before);
  });
});

describe('content an editor publishes while the server runs', () => {
  const suite = serverForSuite();

  it('shows on the next GET with a new ETag (dilemma cards are never replayed), and 304 holds only until then', async () => {
    const { t, token } = suite;
    const cards = (headers: Record<string, string> = {}) => t.api.call('getDilemmaCards', { query: { lang: 'nl' }, headers });
    const first = await cards();
    const etag = first.headers.get('etag')!;
    for (let i = 0; i < 3; i++) assert.equal((await cards({ 'If-None-Match': etag })).status, 304);

    const situation = 'Een inwoner vraagt mij om een snelle vergunning in ruil voor een gunst.';
    const dropped = await t.api.call('submitDilemma', {
      json: { role: 'civil-servant', theme: 'permit-pressure', locale: 'nl', content: { situation } },
      headers: { 'Idempotency-Key': idempotencyKey() },
    });
    assert.equal(dropped.status, 201);
    const submissionId = ((await t.api.call('listDilemmas', { token })).body.items as { submissionId: string }[])[0]!.submissionId;
    const text = { language: 'nl', roles: ['civil-servant'], theme: 'permit-pressure', title: 'Een gunst voor een vergunning', situation: 'Iemand biedt u iets aan als u zijn aanvraag voorrang geeft.', questions: ['Wat doet u?'] };
    const draft = await t.api.call('createDilemmaDraft', { token, json: { submissionId, text } });
    assert.equal((await t.api.call('publishDilemmaCard', { token, path: { cardId: draft.body.cardId } })).status, 200);

    const after = await cards({ 'If-None-Match': etag });
    assert.equal(after.status, 200, 'the old ETag no longer matches');
    assert.notEqual(after.headers.get('etag'), etag);
    assert.ok((after.body.items as { cardId: string }[]).some((card) => card.cardId === draft.body.cardId), 'the published card is there');
    assert.equal((await cards({ 'If-None-Match': after.headers.get('etag')! })).status, 304);
  });
});
