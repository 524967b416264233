import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { fixtures } from '@weerbaar/spec';
import { addCalendarMonths } from '../src/domain/deadlines.js';
import { MINIMAL_REPORT } from './helpers/contract-client.js';
import { newCase as createCase, openSession, startTestServer, type TestServer } from './helpers/server.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const run = promisify(execFile);

describe('case management', () => {
  let t: TestServer;
  let token: string;

  const newCase = (report?: unknown) => createCase(t.api, token, report);

  before(async () => {
    t = await startTestServer();
    token = t.server.handlerToken!;
  });
  after(() => t.server.stop());

  describe('handler tokens', () => {
    it('refuses every case operation without a valid handler token (401)', async () => {
      const { caseId } = await newCase();
      const attempts = [
        t.api.call('listCases'),
        t.api.call('listCases', { token: 'wbh_madeupmadeupmadeupmadeupmadeupmadeup' }),
        t.api.call('getCase', { path: { caseId } }),
        t.api.call('acknowledgeCase', { path: { caseId }, json: {} }),
        t.api.call('setCaseStatus', { path: { caseId }, json: { status: 'investigating' } }),
        t.api.call('sendCaseMessage', { path: { caseId }, json: { body: 'Hallo' } }),
        t.api.call('getCaseAttachment', { path: { caseId, attachmentId: 'a_12345678' } }),
      ];
      for (const response of await Promise.all(attempts)) {
        assert.equal(response.status, 401);
        assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="weerbaar"');
      }
    });

    it('stops a token at once when it is revoked with the CLI, and lists tokens without their secrets', async () => {
      const env = t.server.env;
      const created = await run(process.execPath, [cli, 'token', 'create', '--name', 'tweede behandelaar'], { env });
      const second = /wbh_[A-Za-z0-9_-]+/.exec(created.stdout)![0];
      assert.equal((await t.api.call('listCases', { token: second })).status, 200);
      const listed = await run(process.execPath, [cli, 'token', 'list'], { env });
      assert.match(listed.stdout, /tweede behandelaar/);
      assert.ok(!listed.stdout.includes('wbh_'), 'token list never shows tokens');
      const id = /^(h_\S+)\ttweede behandelaar/m.exec(listed.stdout)![1]!;
      await run(process.execPath, [cli, 'token', 'revoke', id], { env });
      assert.equal((await t.api.call('listCases', { token: second })).status, 401);
      assert.equal((await t.api.call('listCases', { token })).status, 200);
    });

    it('refuses a token from its --expires-at on, like a revoked one, and lists its expiry', async () => {
      const env = t.server.env;
      const create = async (name: string, expiresAt: string) =>
        /wbh_[A-Za-z0-9_-]+/.exec((await run(process.execPath, [cli, 'token', 'create', '--name', name, '--expires-at', expiresAt], { env })).stdout)![0];
      const expired = await create('verlopen behandelaar', '2020-01-01T00:00:00Z');
      const valid = await create('tijdelijke behandelaar', '2099-12-31T23:00:00+01:00');
      const refused = await t.api.call('listCases', { token: expired });
      assert.equal(refused.status, 401);
      assert.equal(refused.headers.get('www-authenticate'), 'Bearer realm="weerbaar"');
      assert.equal((await t.api.call('listCases', { token: valid })).status, 200);
      const listed = (await run(process.execPath, [cli, 'token', 'list'], { env })).stdout;
      assert.match(listed, /\tverlopen behandelaar\t.*\texpired 2020-01-01T00:00:00\.000Z\texpired$/m);
      assert.match(listed, /\ttijdelijke behandelaar\t.*\texpires 2099-12-31T22:00:00\.000Z\tactive$/m);
      await assert.rejects(run(process.execPath, [cli, 'token', 'create', '--name', 'x', '--expires-at', 'tomorrow'], { env }), /RFC 3339/);
    });
  });

  describe('reading cases', () => {
    it('returns the whole case with content, timeline and deadlines', async () => {
      const plain = fixtures.find((f) => f.name === 'submitReport/valid/plain-report')!;
      const { caseId } = await newCase(plain.body);
      const response = await t.api.call('getCase', { token, path: { caseId } });
      assert.equal(response.status, 200);
      assert.deepEqual(response.body.content, (plain.body as { content: unknown }).content);
      assert.equal(response.body.contactable, 'yes');
      assert.equal(response.body.role, 'administrator');
      assert.match(response.body.reference, /^WB-\d{4}-\d{4}$/);
      assert.deepEqual(response.body.timeline.map((e: { type: string }) => e.type), ['received']);
    });

    it('answers an unknown case with 404 and a malformed id with 400', async () => {
      assert.equal((await t.api.call('getCase', { token, path: { caseId: 'c_doesnotexist' } })).status, 404);
      const malformed = await t.api.call('getCase', { token, path: { caseId: 'x' } });
      assert.equal(malformed.status, 400);
      assert.equal(malformed.body.errors[0].pointer, 'path:caseId');
    });

    it('lists newest first, filters by status and category, and pages', async () => {
      await newCase({ ...MINIMAL_REPORT, category: 'bribery' });
      await newCase({ ...MINIMAL_REPORT, category: 'bribery' });
      const all = await t.api.call('listCases', { token, query: { pageSize: '100' } });
      const received = all.body.items.map((c: { receivedAt: string }) => c.receivedAt);
      assert.deepEqual(received, [...received].sort().reverse());
      const bribery = await t.api.call('listCases', { token, query: { category: 'bribery' } });
      assert.ok(bribery.body.items.length >= 2 && bribery.body.items.every((c: { category: string }) => c.category === 'bribery'));
      const page = await t.api.call('listCases', { token, query: { pageSize: '1', page: '2', sort: 'receivedAt' } });
      assert.equal(page.body.items.length, 1);
      assert.equal(page.body.items[0].receivedAt, [...received].sort()[1]);
      assert.equal(page.body.totalPages, all.body.totalItems);
      const none = await t.api.call('listCases', { token, query: { overdue: 'true' } });
      assert.equal(none.body.totalItems, 0, 'nothing is overdue on the day it arrived');
    });

    it('refuses invalid filters with every error at once', async () => {
      const response = await t.api.call('listCases', { token, query: { status: 'open', pageSize: '1000', sort: 'name', overdue: 'ja' } });
      assert.equal(response.status, 400);
      const pointers = response.body.errors.map((e: { pointer: string }) => e.pointer).sort();
      assert.deepEqual(pointers, ['query:overdue', 'query:pageSize', 'query:sort', 'query:status']);
    });
  });

  describe('acknowledging', () => {
    it('moves the case to acknowledged, sets feedbackDueAt to 3 months after now and tells the reporter', async () => {
      const { caseId, receipt } = await newCase();
      const fixture = fixtures.find((f) => f.name === 'acknowledgeCase/valid/with-message')!;
      const response = await t.api.call('acknowledgeCase', { token, path: { caseId }, json: fixture.body });
      assert.equal(response.status, 200);
      assert.equal(response.body.status, 'acknowledged');
      const { acknowledgedAt, feedbackDueAt } = response.body.deadlines;
      assert.equal(feedbackDueAt, addCalendarMonths(acknowledgedAt, 3));
      const reporter = await t.api.call('getFollowUpCase', { token: await openSession(t.api, receipt) });
      const message = reporter.body.messages.find((m: { kind: string }) => m.kind === 'acknowledgement');
      assert.equal(message.body, (fixture.body as { message: string }).message);
      assert.equal(reporter.body.deadlines.acknowledgedAt, acknowledgedAt);
    });

    it('is idempotent: a second acknowledgement changes nothing', async () => {
      const { caseId } = await newCase();
      const first = await t.api.call('acknowledgeCase', { token, path: { caseId }, json: {} });
      const second = await t.api.call('acknowledgeCase', { token, path: { caseId }, json: { message: 'Nogmaals' } });
      assert.deepEqual(second.body, first.body);
      assert.equal(first.body.messages.length, 1);
      assert.match(first.body.messages[0].body, /ontvangen/);
    });
  });

  describe('status changes', () => {
    const allowed: [string, string, Record<string, unknown>][] = [
      ['received', 'acknowledged', {}],
      ['acknowledged', 'investigating', {}],
      ['investigating', 'closed', { outcome: 'measures-taken', note: 'Beveiliging aangepast.' }],
      ['closed', 'investigating', {}],
    ];

    it('follows received → acknowledged → investigating → closed → investigating (reopened)', async () => {
      const { caseId } = await newCase();
      for (const [from, to, extra] of allowed) {
        const response = await t.api.call('setCaseStatus', { token, path: { caseId }, json: { status: to, ...extra } });
        assert.equal(response.status, 200, `${from} → ${to}`);
        assert.equal(response.body.status, to);
      }
      const found = await t.api.call('getCase', { token, path: { caseId } });
      assert.deepEqual(
        found.body.timeline.map((e: { type: string }) => e.type),
        ['received', 'acknowledged', 'status-changed', 'closed', 'reopened'],
      );
      assert.equal(found.body.outcome, undefined, 'reopening clears the outcome');
      assert.equal(found.body.timeline[3].note, 'Beveiliging aangepast.');
    });

    it('answers every other transition with 409', async () => {
      const { caseId } = await newCase();
      for (const status of ['received', 'investigating']) {
        const response = await t.api.call('setCaseStatus', { token, path: { caseId }, json: { status } });
        assert.equal(response.status, 409, `received → ${status}`);
        assert.equal(response.body.code, 'invalid-transition');
      }
      await t.api.call('setCaseStatus', { token, path: { caseId }, json: { status: 'acknowledged' } });
      for (const status of ['received', 'acknowledged']) {
        assert.equal((await t.api.call('setCaseStatus', { token, path: { caseId }, json: { status } })).status, 409, `acknowledged → ${status}`);
      }
    });

    it('closing a case that was never acknowledged also records the acknowledgement', async () => {
      const { caseId } = await newCase();
      const fixture = fixtures.find((f) => f.name === 'setCaseStatus/valid/close')!;
      const response = await t.api.call('setCaseStatus', { token, path: { caseId }, json: fixture.body });
      assert.equal(response.status, 200);
      assert.ok(response.body.deadlines.acknowledgedAt);
      assert.deepEqual(response.body.timeline.map((e: { type: string }) => e.type), ['received', 'acknowledged', 'closed']);
      assert.equal((await t.api.call('acknowledgeCase', { token, path: { caseId }, json: {} })).status, 409);
      assert.equal((await t.api.call('sendCaseMessage', { token, path: { caseId }, json: { body: 'Nog iets' } })).status, 409);
    });

    it('refuses the invalid golden fixtures (closing without an outcome, unknown status) with 400', async () => {
      const { caseId } = await newCase();
      for (const fixture of fixtures.filter((f) => f.operationId === 'setCaseStatus' && f.validity === 'invalid')) {
        const response = await t.api.call('setCaseStatus', { token, path: { caseId }, json: fixture.body });
        assert.equal(response.status, 400, fixture.name);
      }
    });
  });

  describe('messages to the reporter', () => {
    it('delivers a question to the follow-up view and records feedback once', async () => {
      const { caseId, receipt } = await newCase();
      const question = fixtures.find((f) => f.name === 'sendCaseMessage/valid/question')!;
      const sent = await t.api.call('sendCaseMessage', { token, path: { caseId }, json: question.body });
      assert.equal(sent.status, 201);
      assert.equal(sent.body.kind, 'question');
      const feedback = await t.api.call('sendCaseMessage', { token, path: { caseId }, json: { body: 'Wij hebben maatregelen genomen.', kind: 'feedback' } });
      assert.equal(feedback.status, 201);
      const found = await t.api.call('getCase', { token, path: { caseId } });
      assert.ok(found.body.deadlines.feedbackGivenAt);
      assert.equal(found.body.deadlines.feedbackOverdue, false);
      assert.deepEqual(found.body.timeline.map((e: { type: string }) => e.type), ['received', 'message-from-handler', 'feedback-given']);
      const reporter = await t.api.call('getFollowUpCase', { token: await openSession(t.api, receipt) });
      assert.deepEqual(reporter.body.messages.map((m: { kind: string }) => m.kind), ['question', 'feedback']);
    });

    it('refuses a handler message claiming to be from the reporter (golden fixture) with 400', async () => {
      const { caseId } = await newCase();
      const fixture = fixtures.find((f) => f.name === 'sendCaseMessage/invalid/acknowledgement-kind')!;
      assert.equal((await t.api.call('sendCaseMessage', { token, path: { caseId }, json: fixture.body })).status, 400);
    });
  });
});

describe('a backend without case management', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ env: { WEERBAAR_CASE_MANAGEMENT: 'false' } });
  });
  after(() => t.server.stop());

  it('does not advertise it and answers its operations with 404', async () => {
    const discovery = await t.api.call('getDiscovery');
    assert.equal(discovery.body.capabilities.caseManagement, undefined);
    assert.equal((await t.api.call('listCases', { token: t.server.handlerToken! })).status, 404);
  });
});
