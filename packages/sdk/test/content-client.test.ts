// The light content client (@weerbaar/sdk/content) against the reference server over real HTTP (a
// real SQLite database behind it), with a real proxy in between to see what it sends and to make
// the network misbehave.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContentClient, WeerbaarApiError, WeerbaarNetworkError } from '../src/content.js';
import { createClient, WeerbaarApiError as CoreApiError, WeerbaarNetworkError as CoreNetworkError } from '../src/index.js';
import { answerProblem, proxyPool } from './support/proxy.js';
import { recordingFetch } from './support/recording-fetch.js';
import { startReferenceServer, type ReferenceServer } from './support/reference-server.js';
import { rejection } from './support/rejection.js';

let server: ReferenceServer;
const proxies = proxyPool(() => server.apiUrl);
before(async () => {
  server = await startReferenceServer();
});
after(async () => {
  await proxies.stopAll();
  await server?.stop();
});

describe('the light content client', () => {
  it('reads the norms, the checklist and the directory in Dutch and in English, as the full client does', async () => {
    const counted = await proxies.start();
    const recorder = recordingFetch();
    const dutch = createContentClient({ baseUrl: counted.apiUrl, locale: 'nl', fetch: recorder.fetch });
    const full = createClient({ baseUrl: server.apiUrl, locale: 'nl' });
    for (const lang of ['nl', 'en'] as const) {
      const [norms, checklist, directory] = await Promise.all([dutch.getNorms({ lang }), dutch.getSignalChecklist({ lang }), dutch.getSupportContacts({ lang })]);
      assert.equal(norms.locale, lang);
      assert.equal(checklist.locale, lang);
      assert.equal(directory.locale, lang);
      assert.deepEqual(norms, await full.getNorms({ lang }));
      assert.deepEqual(directory, await full.getSupportContacts({ lang }));
    }
    // The language goes as `lang` and as Accept-Language; no request carries credentials.
    for (const request of counted.seen) {
      const lang = /[?&]lang=(nl|en)(&|$)/.exec(request.path)?.[1];
      assert.ok(lang, `${request.path} has no lang`);
      assert.equal(request.headers['accept-language'], lang);
      assert.equal(request.headers.cookie, undefined);
    }
    assert.equal(counted.seen.length, 6);
    assert.ok(recorder.requests.every((request) => request.credentials === 'omit'));
    // The client's locale when the call names none.
    assert.equal((await createContentClient({ baseUrl: server.apiUrl, locale: 'en' }).getNorms()).locale, 'en');
  });

  it('passes the support directory filters and leaves out those that are undefined', async () => {
    const counted = await proxies.start();
    const recorder = recordingFetch();
    const directory = await createContentClient({ baseUrl: counted.apiUrl, fetch: recorder.fetch }).getSupportContacts({ role: 'administrator', available247: true, q: undefined });
    assert.ok(directory.items.every((contact) => contact.urgency === 'emergency' || (contact.audience.includes('administrator') && contact.availability.always)));
    const path = counted.seen[0]!.path;
    assert.match(path, /role=administrator/);
    assert.match(path, /available247=true/);
    assert.doesNotMatch(path, /q=|lang=/);
    // No language named, so none sent (Node's fetch then adds its own `*`).
    assert.equal(recorder.requests[0]!.headers.get('accept-language'), null);
  });

  it('revalidates with the ETag and reuses the cached body on 304, per language', async () => {
    const counted = await proxies.start();
    const client = createContentClient({ baseUrl: counted.apiUrl, locale: 'nl' });
    const first = await client.getSignalChecklist();
    const second = await client.getSignalChecklist();
    const english = await client.getSignalChecklist({ lang: 'en' });
    assert.deepEqual(
      counted.seen.map((request) => request.status),
      [200, 304, 200],
    );
    assert.ok(counted.seen[1]!.headers['if-none-match']);
    assert.equal(counted.seen[2]!.headers['if-none-match'], undefined);
    assert.deepEqual(second, first);
    assert.equal(english.locale, 'en');
  });

  it("turns the backend's problem into the full client's WeerbaarApiError, once, without retrying", async () => {
    const refused = await rejection(createContentClient({ baseUrl: server.apiUrl }).getSupportContacts({ q: 'x'.repeat(101) }));
    assert.ok(refused instanceof WeerbaarApiError && refused instanceof CoreApiError);
    assert.equal(refused.status, 400);
    assert.deepEqual([refused.kind, refused.retryable], ['rejected', false]);
    assert.ok(refused.title && refused.detail);
    assert.match(refused.requestId ?? '', /^[A-Za-z0-9_-]{1,64}$/);
    assert.match(refused.apiVersion ?? '', /^1\.\d+\.\d+$/);

    const down = await proxies.start({
      intercept: (request, response) => {
        answerProblem(response, 503, 1);
        return true;
      },
    });
    const unavailable = await rejection(createContentClient({ baseUrl: down.apiUrl }).getNorms());
    assert.ok(unavailable instanceof WeerbaarApiError);
    assert.equal(unavailable.status, 503);
    assert.deepEqual([unavailable.kind, unavailable.retryable], ['unavailable', true]);
    assert.equal(unavailable.requestId, 'proxy-injected');
    assert.equal(down.seen.length, 1);
  });

  it('redacts a receipt or a bearer token that a faulty backend puts in its problem', async () => {
    const receipt = '7KQ4-M2XP-9RTW-3HVD-C8NA';
    const echo = await proxies.start({
      intercept: (request, response) => {
        response.writeHead(500, { 'content-type': 'application/problem+json' });
        response.end(JSON.stringify({ type: 'about:blank', title: 'Bearer abc.def', status: 500, detail: `Receipt ${receipt}`, errors: [{ pointer: '/x', detail: receipt }] }));
        return true;
      },
    });
    const error = await rejection(createContentClient({ baseUrl: echo.apiUrl }).getNorms());
    assert.ok(error instanceof WeerbaarApiError);
    const shown = [String(error), error.message, JSON.stringify(error), error.stack ?? ''].join('\n');
    assert.ok(!shown.includes(receipt) && !shown.includes('abc.def'), shown);
    assert.equal(error.detail, 'Receipt [redacted]');
  });

  it('turns a backend that does not answer in time into a WeerbaarNetworkError, after one attempt', async () => {
    const silent = await proxies.start({ intercept: () => true });
    const error = await rejection(createContentClient({ baseUrl: silent.apiUrl, timeout: 200 }).getNorms());
    assert.ok(error instanceof WeerbaarNetworkError && error instanceof CoreNetworkError);
    assert.match(error.message, /timed out/);
    assert.deepEqual([error.kind, error.retryable], ['unavailable', true]);
    assert.ok(error.cause instanceof Error);
    assert.equal(silent.seen.length, 1);
  });

  it('turns an unreachable backend into a WeerbaarNetworkError with the cause', async () => {
    const gone = await proxies.start();
    await gone.stop();
    const error = await rejection(createContentClient({ baseUrl: gone.apiUrl }).getNorms());
    assert.ok(error instanceof WeerbaarNetworkError);
    assert.doesNotMatch(error.message, /timed out/);
    assert.ok(error.cause instanceof Error);
  });
});
