// The SDK against the reference server over real HTTP (a real SQLite database behind it), with a real
// proxy in between where the network has to misbehave.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fixtures } from '@weerbaar/spec';
import {
  createClient,
  WeerbaarApiError,
  WeerbaarCapabilityError,
  WeerbaarError,
  WeerbaarNetworkError,
  type PlainReportSubmission,
} from '../src/index.js';
import { createHandlerClient, type WeerbaarHandlerClient } from '../src/handler.js';
import { answerProblem, dropConnection, proxyPool } from './support/proxy.js';
import { recordingFetch } from './support/recording-fetch.js';
import { rejection } from './support/rejection.js';
import { startReferenceServer, type ReferenceServer } from './support/reference-server.js';

const plainReport = fixtures.find((fixture) => fixture.name === 'submitReport/valid/plain-report')!.body as PlainReportSubmission;
const report = (description: string): PlainReportSubmission => ({ role: 'civil-servant', category: 'threat-intimidation', content: { description } });

let server: ReferenceServer;
let handler: WeerbaarHandlerClient;
const proxies = proxyPool(() => server.apiUrl);
const proxy = proxies.start;
before(async () => {
  server = await startReferenceServer();
  handler = createHandlerClient({ baseUrl: server.apiUrl, token: server.handlerToken });
});
after(async () => {
  await proxies.stopAll();
  await server?.stop();
});

/** The number of stored cases whose content has this description (the handler's view). */
async function casesDescribing(description: string): Promise<number> {
  const list = await handler.listCases({ pageSize: 100 });
  const cases = await Promise.all(list.items.map((item) => handler.getCase(item.caseId)));
  return cases.filter((stored) => stored.content?.description === description).length;
}

describe('submitting a report', () => {
  it("stores the spec's PlainReport example exactly and answers with the receipt and both deadlines", async () => {
    const client = createClient({ baseUrl: server.apiUrl });
    const receipt = await client.submitReport(plainReport);
    assert.match(receipt.receipt, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3,14}$/);
    assert.ok(Date.parse(receipt.acknowledgeDueAt) > Date.parse(receipt.receivedAt));
    assert.ok(Date.parse(receipt.feedbackDueAt) > Date.parse(receipt.acknowledgeDueAt));
    const list = await handler.listCases({ sort: '-receivedAt' });
    const stored = await handler.getCase(list.items[0]!.caseId);
    assert.deepEqual(stored.content, plainReport.content);
    assert.equal(stored.role, plainReport.role);
  });

  it('stores one report when the first attempt gets 503 and the second answer is lost on the way back', async () => {
    const description = 'Retried report: een aanvrager dreigde bij het loket.';
    const flaky = await proxy({
      intercept: async (request, response, attempt) => {
        if (request.path !== '/reports') return false;
        if (attempt === 1) {
          answerProblem(response, 503, 1);
          return true;
        }
        if (attempt === 2) {
          // The backend stores the report, but its answer never reaches the client.
          await fetch(`${server.apiUrl}/reports`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': String(request.headers['idempotency-key']) }, body: request.body });
          dropConnection(response);
          return true;
        }
        return false;
      },
    });
    const client = createClient({ baseUrl: flaky.apiUrl });
    const receipt = await client.submitReport(report(description));

    const attempts = flaky.seen.filter((request) => request.path === '/reports');
    assert.equal(attempts.length, 3);
    assert.equal(new Set(attempts.map((request) => request.headers['idempotency-key'])).size, 1, 'a retry used another Idempotency-Key');
    assert.equal(await casesDescribing(description), 1);
    // The replayed answer carries the receipt of the one stored report.
    const session = await client.openFollowUp(receipt.receipt);
    assert.equal((await session.getCase()).status, 'received');
    await session.close();
  });

  it("reuses the caller's idempotency key, so submitting again after a page reload stores nothing new", async () => {
    const description = 'Submitted twice with one key after a reload.';
    const idempotencyKey = crypto.randomUUID();
    const first = await createClient({ baseUrl: server.apiUrl }).submitReport(report(description), { idempotencyKey });
    const second = await createClient({ baseUrl: server.apiUrl }).submitReport(report(description), { idempotencyKey });
    assert.equal(second.receipt, first.receipt);
    assert.equal(await casesDescribing(description), 1);
  });

  it('waits out a 409 "still being processed" and then gets the answer', async () => {
    const busy = await proxy({
      intercept: (request, response, attempt) => {
        if (request.path !== '/reports' || attempt > 1) return false;
        answerProblem(response, 409, 1);
        return true;
      },
    });
    const receipt = await createClient({ baseUrl: busy.apiUrl }).submitReport(report('Submitted while the first try was in progress.'));
    assert.ok(receipt.receipt);
    assert.equal(busy.seen.filter((request) => request.path === '/reports').length, 2);
  });

  it('tries once only when retries are turned off with retry: 0', async () => {
    const down = await proxy({
      intercept: (request, response) => {
        if (request.path !== '/reports') return false;
        answerProblem(response, 503, 1);
        return true;
      },
    });
    const error = await rejection(createClient({ baseUrl: down.apiUrl, retry: 0 }).submitReport(report('Never stored.')));
    assert.ok(error instanceof WeerbaarApiError);
    assert.equal(error.status, 503);
    assert.equal(down.seen.filter((request) => request.path === '/reports').length, 1);
  });
});

describe('cancelling', () => {
  it("stops a submission when the caller's signal aborts, rejecting with the signal's reason", async () => {
    const slow = await proxy({ intercept: (request) => request.path === '/reports' });
    const controller = new AbortController();
    const submitting = createClient({ baseUrl: slow.apiUrl }).submitReport(report('Cancelled by the reporter.'), { signal: controller.signal });
    while (!slow.seen.some((request) => request.path === '/reports')) await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort(new Error('the reporter closed the form'));
    const error = await rejection(submitting);
    assert.ok(!(error instanceof WeerbaarError));
    assert.equal((error as Error).message, 'the reporter closed the form');
  });
});

describe('retrying other requests', () => {
  it('retries a GET after the connection broke', async () => {
    const flaky = await proxy({
      intercept: (request, response, attempt) => {
        if (!request.path.startsWith('/norms') || attempt > 1) return false;
        dropConnection(response);
        return true;
      },
    });
    const norms = await createClient({ baseUrl: flaky.apiUrl }).getNorms();
    assert.ok(norms.items.length > 0);
    assert.equal(flaky.seen.filter((request) => request.path.startsWith('/norms')).length, 2);
  });

  it('never repeats a follow-up message, which could reach the handler twice', async () => {
    const { receipt } = await createClient({ baseUrl: server.apiUrl }).submitReport(report('A case to reply to.'));
    const flaky = await proxy({
      intercept: (request, response) => {
        if (request.path !== '/follow-up/messages') return false;
        answerProblem(response, 503, 1);
        return true;
      },
    });
    const session = await createClient({ baseUrl: flaky.apiUrl }).openFollowUp(receipt);
    const error = await rejection(session.sendMessage('Sent once.'));
    assert.ok(error instanceof WeerbaarApiError);
    assert.equal(flaky.seen.filter((request) => request.path === '/follow-up/messages').length, 1);
    await session.close();
  });
});

describe('timeouts and network failures', () => {
  it('turns a backend that does not answer in time into a WeerbaarNetworkError, after the retries', async () => {
    const silent = await proxy({ intercept: (request) => request.path === '/discovery' });
    const error = await rejection(createClient({ baseUrl: silent.apiUrl, timeout: 200, retry: 1 }).discover());
    assert.ok(error instanceof WeerbaarNetworkError);
    assert.match(error.message, /timed out/);
    assert.ok(error.cause instanceof Error);
    assert.equal(silent.seen.filter((request) => request.path === '/discovery').length, 2);
  });

  it('turns an unreachable backend into a WeerbaarNetworkError with the cause', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const error = await rejection(createClient({ baseUrl: `http://127.0.0.1:${port}/v1`, retry: 0 }).getReportForm());
    assert.ok(error instanceof WeerbaarNetworkError);
    assert.ok(error instanceof WeerbaarError);
    assert.ok(error.cause instanceof Error);
  });
});

describe('problems from the backend', () => {
  it('lists every invalid field of a refused report at once, with the request id and API version', async () => {
    const invalid = { role: 'mayor', category: 'fraud', content: { description: '' } } as unknown as PlainReportSubmission;
    const error = await rejection(createClient({ baseUrl: server.apiUrl }).submitReport(invalid));
    assert.ok(error instanceof WeerbaarApiError);
    assert.equal(error.status, 400);
    assert.deepEqual(error.errors.map((field) => field.pointer).sort(), ['/category', '/content/description', '/role']);
    assert.ok(error.title && error.detail && error.type);
    assert.match(error.requestId ?? '', /^[A-Za-z0-9_-]{1,64}$/);
    assert.match(error.apiVersion ?? '', /^1\.\d+\.\d+$/);
  });
});

describe('errors that say what they mean', () => {
  it('calls a refused report rejected, which no repeat changes', async () => {
    const invalid = { role: 'mayor', category: 'fraud', content: { description: '' } } as unknown as PlainReportSubmission;
    const error = await rejection(createClient({ baseUrl: server.apiUrl }).submitReport(invalid));
    assert.ok(error instanceof WeerbaarApiError);
    assert.deepEqual([error.kind, error.retryable], ['rejected', false]);
  });

  it('calls a 409 that outlasts the retries of a report in-progress: the report may be stored, repeat with the same key', async () => {
    const stuck = await proxy({
      intercept: (request, response) => {
        if (request.path !== '/reports') return false;
        answerProblem(response, 409, 1);
        return true;
      },
    });
    const error = await rejection(createClient({ baseUrl: stuck.apiUrl, retry: 1 }).submitReport(report('Stuck behind a lingering lease.')));
    assert.ok(error instanceof WeerbaarApiError);
    assert.equal(error.status, 409);
    assert.deepEqual([error.kind, error.retryable], ['in-progress', true]);
    assert.equal(stuck.seen.filter((request) => request.path === '/reports').length, 2, 'the 409 was not retried');
  });

  it('calls too many follow-up attempts rate-limited, not an unknown receipt', async () => {
    const limited = await proxy({
      intercept: (request, response) => {
        if (request.path !== '/follow-up/sessions') return false;
        answerProblem(response, 429, 1);
        return true;
      },
    });
    const error = await rejection(createClient({ baseUrl: limited.apiUrl, retry: 0 }).openFollowUp('7KQ4-M2XP-9RTW-3HVD-C8NA'));
    assert.ok(error instanceof WeerbaarApiError);
    assert.deepEqual([error.kind, error.retryable], ['rate-limited', true]);
  });

  it('calls an unknown receipt rejected and a failing backend or network unavailable', async () => {
    const unknown = await rejection(createClient({ baseUrl: server.apiUrl }).openFollowUp('7KQ4-M2XP-9RTW-3HVD-C8NA'));
    assert.ok(unknown instanceof WeerbaarApiError);
    assert.deepEqual([unknown.kind, unknown.retryable], ['rejected', false]);

    const down = await proxy({
      intercept: (request, response) => {
        if (request.path !== '/report-form') return false;
        answerProblem(response, 503, 1);
        return true;
      },
    });
    const failing = await rejection(createClient({ baseUrl: down.apiUrl, retry: 0 }).getReportForm());
    assert.ok(failing instanceof WeerbaarApiError);
    assert.deepEqual([failing.kind, failing.retryable], ['unavailable', true]);

    const unreachable = await rejection(createClient({ baseUrl: 'http://127.0.0.1:9/v1', retry: 0 }).discover());
    assert.ok(unreachable instanceof WeerbaarNetworkError);
    assert.deepEqual([unreachable.kind, unreachable.retryable], ['unavailable', true]);
  });

  it('never repeats an acknowledgement the backend refused because the case is closed', async () => {
    await createClient({ baseUrl: server.apiUrl }).submitReport(report('A case that is closed before it is acknowledged.'));
    const { items } = await handler.listCases({ sort: '-receivedAt', pageSize: 1 });
    const caseId = items[0]!.caseId;
    await handler.setStatus(caseId, { status: 'closed', outcome: 'no-action-needed' });
    const counted = await proxy();
    const error = await rejection(createHandlerClient({ baseUrl: counted.apiUrl, token: server.handlerToken }).acknowledge(caseId));
    assert.ok(error instanceof WeerbaarApiError);
    assert.equal(error.status, 409);
    assert.deepEqual([error.kind, error.retryable], ['conflict', false]);
    assert.equal(counted.seen.filter((request) => request.path.endsWith('/acknowledgement')).length, 1, 'a refused acknowledgement was repeated');
  });
});

describe('secrets in errors', () => {
  // A faulty backend that echoes what it was sent into its problems: the SDK must still not pass it on.
  const echoing = () =>
    proxy({
      intercept: (request, response) => {
        if (request.path === '/discovery' || (request.path === '/follow-up/sessions' && request.body.includes('-'))) return false;
        response.writeHead(500, { 'content-type': 'application/problem+json', 'request-id': 'echo' });
        response.end(
          JSON.stringify({
            type: 'about:blank',
            title: `Failed ${request.headers.authorization ?? ''}`,
            status: 500,
            detail: `Could not store ${request.body}`,
            errors: [{ pointer: '/content', detail: request.body }],
          }),
        );
        return true;
      },
    });

  function assertFreeOf(error: unknown, secrets: string[]) {
    assert.ok(error instanceof WeerbaarError);
    const seen: string[] = [];
    for (let current: unknown = error; current instanceof Error; current = current.cause) {
      seen.push(String(current), current.message, current.stack ?? '', JSON.stringify(current));
    }
    for (const secret of secrets) assert.ok(!seen.some((text) => text.includes(secret)), `an error shows ${secret.slice(0, 12)}…`);
  }

  it('keeps report content out of the message, toString, toJSON and field errors', async () => {
    const echo = await echoing();
    const content = { description: 'Een wethouder werd bij huis opgewacht door twee mannen.', location: 'Kerkstraat 12' };
    const error = await rejection(createClient({ baseUrl: echo.apiUrl, retry: 0 }).submitReport({ role: 'administrator', category: 'threat-intimidation', content }));
    assertFreeOf(error, [content.description, content.location]);
    assert.ok(error instanceof WeerbaarApiError && error.detail.includes('[redacted]'));
  });

  it('keeps the receipt and the follow-up token out of every error', async () => {
    const { receipt } = await createClient({ baseUrl: server.apiUrl }).submitReport(report('Case with a secret receipt.'));
    const echo = await echoing();
    const recorder = recordingFetch();
    // Typed by the reporter in lower case with spaces: that spelling is secret too.
    const typed = receipt.toLowerCase().replace(/-/g, ' ');
    const session = await createClient({ baseUrl: echo.apiUrl, fetch: recorder.fetch, retry: 0 }).openFollowUp(receipt);
    const token = recorder.requests.find((request) => request.headers.get('authorization'))?.headers.get('authorization');
    const error = await rejection(session.getCase());
    const sent = recorder.requests.at(-1)!.headers.get('authorization')!.replace('Bearer ', '');
    assert.equal(token, undefined, 'the session exchange carried a bearer token');
    assertFreeOf(error, [receipt, sent]);

    const typedError = await rejection(createClient({ baseUrl: echo.apiUrl, retry: 0 }).openFollowUp(`${typed}`));
    assertFreeOf(typedError, [typed, receipt]);
  });

  it('keeps the handler token out of every error', async () => {
    const echo = await echoing();
    const error = await rejection(createHandlerClient({ baseUrl: echo.apiUrl, token: server.handlerToken, retry: 0 }).listCases());
    assertFreeOf(error, [server.handlerToken]);
  });
});

describe('capabilities', () => {
  it('fails early, without a request, for what discovery does not advertise', async () => {
    const bare = await proxy({
      rewrite: (path, body) => (path === '/discovery' ? { ...(body as object), capabilities: {} } : body),
    });
    const error = await rejection(createClient({ baseUrl: bare.apiUrl }).openFollowUp('7KQ4-M2XP-9RTW-3HVD-C8NA'));
    assert.ok(error instanceof WeerbaarCapabilityError);
    assert.equal(error.capability, 'followUp');
    const handlerError = await rejection(createHandlerClient({ baseUrl: bare.apiUrl, token: server.handlerToken }).listCases());
    assert.ok(handlerError instanceof WeerbaarCapabilityError);
    assert.equal(handlerError.capability, 'caseManagement');
    assert.deepEqual(
      bare.seen.map((request) => request.path),
      ['/discovery', '/discovery'],
    );
  });

  it('reads discovery once per client', async () => {
    const counted = await proxy();
    const client = createClient({ baseUrl: counted.apiUrl });
    await client.discover();
    await client.submitReport(report('Discovery is cached.'));
    await client.discover();
    assert.equal(counted.seen.filter((request) => request.path === '/discovery').length, 1);
  });
});

describe('content', () => {
  it('revalidates with the ETag and reuses the cached body on 304, per language', async () => {
    const counted = await proxy();
    const client = createClient({ baseUrl: counted.apiUrl, locale: 'nl' });
    const first = await client.getNorms();
    const second = await client.getNorms();
    const english = await client.getNorms({ lang: 'en' });
    const requests = counted.seen.filter((request) => request.path.startsWith('/norms'));
    assert.deepEqual(
      requests.map((request) => request.status),
      [200, 304, 200],
    );
    assert.ok(requests[1]!.headers['if-none-match']);
    assert.equal(requests[2]!.headers['if-none-match'], undefined);
    assert.deepEqual(second, first);
    assert.equal(english.locale, 'en');
  });

  it('passes the support directory filters to the backend', async () => {
    const counted = await proxy();
    const directory = await createClient({ baseUrl: counted.apiUrl }).getSupportContacts({ role: 'administrator', available247: true });
    assert.ok(directory.items.length > 0);
    assert.ok(directory.items.every((contact) => contact.urgency === 'emergency' || (contact.audience.includes('administrator') && contact.availability.always)));
    const path = counted.seen.find((request) => request.path.startsWith('/support-contacts'))!.path;
    assert.match(path, /role=administrator/);
    assert.match(path, /available247=true/);
  });
});

describe('following a report up and answering it as a handler', () => {
  it('opens the case with the receipt as typed, replies, adds a file, reads the answer, and closes', async () => {
    const client = createClient({ baseUrl: server.apiUrl });
    const { receipt } = await client.submitReport(report('A case followed up end to end.'));
    const session = await client.openFollowUp(receipt.toLowerCase().replace(/-/g, ' '));
    assert.ok(Date.parse(session.expiresAt) > Date.now());
    assert.equal((await session.sendMessage('Hij stond er gisteren weer.')).from, 'reporter');
    const bytes = new TextEncoder().encode('Kenteken: 12-ABC-3');
    const attachment = await session.addAttachment(new File([bytes], 'kenteken.txt', { type: 'text/plain' }), { description: 'Het kenteken' });
    assert.equal(attachment.encrypted, false);

    const { items } = await handler.listCases({ sort: '-receivedAt' });
    const caseId = items[0]!.caseId;
    await handler.acknowledge(caseId, 'Wij hebben uw melding ontvangen.');
    await handler.sendMessage(caseId, { body: 'Op welke dag was dat?', kind: 'question' });
    const stored = await handler.getCase(caseId);
    assert.ok(stored.messages.some((message) => message.body === 'Hij stond er gisteren weer.'));
    assert.deepEqual(await handler.downloadAttachment(caseId, stored.attachments[0]!.id), bytes);
    assert.equal((await handler.setStatus(caseId, { status: 'investigating' })).status, 'investigating');

    const seen = await session.getCase();
    assert.equal(seen.status, 'investigating');
    assert.ok(seen.messages.some((message) => message.from === 'handler' && message.body === 'Op welke dag was dat?'));
    await session.close();
    assert.ok((await rejection(session.getCase())) instanceof WeerbaarError);
  });
});
