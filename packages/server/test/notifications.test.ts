// Notices without content (issue 14, item 5), through a real SMTP server (smtp-server) that the
// tests read. The schedule runs on an injected clock against a real store on the engine under
// test, so months pass without waiting; what a mail may say is checked on the raw mails of a
// running server given a report full of content.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright';
import { SpecValidator } from '@weerbaar/spec/validation';
import { createTestDatabase, testDatabase } from '../../../test-support/reference-server.mjs';
import { deadlinesOnReceipt, feedbackDueAfterAcknowledgement } from '../src/domain/deadlines.js';
import { JobRunner } from '../src/jobs/job-runner.js';
import { smtpTransport } from '../src/notifications/mail.js';
import { noticeHandlers, noticeJobs, WEBHOOK_JOB } from '../src/notifications/notices.js';
import { WEBHOOK_RETRY_DELAYS_MS } from '../src/notifications/webhooks.js';
import { jobQueue, type JobQueue } from '../src/storage/job-queue.js';
import { PostgresStore } from '../src/storage/postgres-store.js';
import { sqlRunnerFor } from '../src/storage/sql-runner.js';
import { SqliteStore } from '../src/storage/sqlite-store.js';
import { PeopleStore, type AccountRole } from '../src/storage/people-store.js';
import { postgresDriver, sqliteDriver } from '../src/storage/sql-driver.js';
import type { Store } from '../src/storage/store.js';
import { idempotencyKey } from './helpers/contract-client.js';
import { newestCaseId, startTestServer, type TestServer } from './helpers/server.js';
import { bodyOf, startSmtpInbox, subjectOf, type ReceivedMail, type SmtpInbox } from './helpers/smtp-inbox.js';

const DAY = 24 * 3600 * 1000;
const T0 = Date.parse('2026-12-01T09:00:00.000Z');

async function openTestStore(): Promise<{ store: Store; dispose(): Promise<void> }> {
  if (testDatabase === 'postgres') {
    const database = await createTestDatabase();
    const store = await PostgresStore.open(database.url);
    return { store, dispose: async () => (await store.close(), await database.drop()) };
  }
  const dir = await mkdtemp(join(tmpdir(), 'weerbaar-notices-'));
  const store = await SqliteStore.open(dir);
  return { store, dispose: async () => (await store.close(), await rm(dir, { recursive: true, force: true })) };
}

describe(`the notice schedule (${testDatabase}), on an injected clock`, () => {
  let opened: Awaited<ReturnType<typeof openTestStore>>;
  let store: Store;
  let queue: JobQueue;
  let inbox: SmtpInbox;
  let runner: JobRunner;
  let now = T0;
  const settings = { recipients: ['integriteit@voorbeeldstad.example', 'griffie@voorbeeldstad.example'], acknowledgementDueWithinDays: 2, feedbackDueWithinDays: 14 };
  let counter = 0;

  before(async () => {
    opened = await openTestStore();
    store = opened.store;
    queue = jobQueue(sqlRunnerFor(store));
    inbox = await startSmtpInbox();
    const transport = smtpTransport(inbox.url, 'Meldpunt <meldpunt@voorbeeldstad.example>');
    const handlers = noticeHandlers({ queue, getCase: (id) => store.getCase(id), settings, organisation: 'Gemeente Voorbeeldstad', consoleUrl: () => 'https://meld.voorbeeldstad.example/behandelen', transport, now: () => now });
    runner = new JobRunner(queue, handlers, { now: () => now, leaseMs: 60_000, pollMs: 1000, maxAttempts: 3 });
  });
  after(async () => {
    await inbox.stop();
    await opened.dispose();
  });

  /** A case received at the current clock, with its notices scheduled in the same transaction. */
  async function receive(role: 'civil-servant' | 'administrator' = 'civil-servant'): Promise<{ id: string; reference: string }> {
    const receivedAt = new Date(now).toISOString();
    const deadlines = deadlinesOnReceipt(receivedAt);
    const id = `c_notice${++counter}`;
    const stored = await store.createReport({
      case: { id, role, category: 'bribery', status: 'received', receivedAt, ...deadlines, consents: [], content: { description: 'Geheim.' } },
      receiptHash: Buffer.alloc(32, counter),
      jobs: noticeJobs(id, { receivedAt, ...deadlines }, settings),
    });
    return { id, reference: stored.reference };
  }

  /** Moves the clock to `at` and runs what is due; answers the subjects mailed about `reference` meanwhile. */
  async function advanceTo(at: number, reference: string): Promise<string[]> {
    const before = inbox.mails.length;
    now = at;
    while ((await runner.runDue()) > 0);
    return inbox.mails.slice(before).map(subjectOf).filter((subject) => subject.includes(reference));
  }

  it('mails a new report, acknowledgement due 2 days before the 7, overdue, feedback due 14 days before and overdue: each once, at its time', async () => {
    now = T0;
    const c = await receive();
    assert.deepEqual(await advanceTo(T0, c.reference), [`[Weerbaar] Nieuwe melding ${c.reference} / New report`]);
    assert.deepEqual(await advanceTo(T0 + 5 * DAY - 1, c.reference), [], 'nothing before its time');
    assert.deepEqual(await advanceTo(T0 + 5 * DAY, c.reference), [`[Weerbaar] Bevestig de ontvangst van ${c.reference} vóór 8 december 2026 / Acknowledgement due`]);
    assert.deepEqual(await advanceTo(T0 + 6 * DAY, c.reference), [], 'once');
    assert.deepEqual(await advanceTo(T0 + 7 * DAY, c.reference), [`[Weerbaar] Termijn verlopen: ontvangst van ${c.reference} niet bevestigd / Overdue`]);
    const feedbackDue = Date.parse(deadlinesOnReceipt(new Date(T0).toISOString()).feedbackDueAt);
    assert.deepEqual(await advanceTo(feedbackDue - 14 * DAY - 1, c.reference), [], 'the feedback notice waited for the deadline as it is (no acknowledgement: 7 days + 3 months)');
    assert.deepEqual(await advanceTo(feedbackDue - 14 * DAY, c.reference), [`[Weerbaar] Geef terugkoppeling over ${c.reference} vóór 8 maart 2027 / Feedback due`]);
    assert.deepEqual(await advanceTo(feedbackDue, c.reference), [`[Weerbaar] Termijn verlopen: geen terugkoppeling over ${c.reference} / Overdue`]);
    assert.deepEqual(await advanceTo(feedbackDue + 30 * DAY, c.reference), []);
    const sent = inbox.mails.filter((mail) => subjectOf(mail).includes(c.reference));
    assert.deepEqual(sent[0]!.to, settings.recipients, 'to the configured addresses');
  });

  it('sends no acknowledgement notices once acknowledged, follows the feedback deadline the acknowledgement set, and nothing at all once closed', async () => {
    now = T0;
    const c = await receive();
    await advanceTo(T0, c.reference);
    const acknowledgedAt = new Date(T0 + DAY).toISOString();
    const feedbackDueAt = feedbackDueAfterAcknowledgement(acknowledgedAt);
    await store.changeCase(c.id, { set: { status: 'acknowledged', acknowledgedAt, feedbackDueAt } });
    assert.deepEqual(await advanceTo(T0 + 8 * DAY, c.reference), [], 'no acknowledgement-due or overdue notice after the acknowledgement');
    assert.deepEqual(await advanceTo(Date.parse(feedbackDueAt) - 14 * DAY, c.reference), [`[Weerbaar] Geef terugkoppeling over ${c.reference} vóór 2 maart 2027 / Feedback due`]);
    await store.changeCase(c.id, { set: { status: 'closed', outcome: 'no-action-needed' } });
    assert.deepEqual(await advanceTo(Date.parse(feedbackDueAt) + DAY, c.reference), [], 'a closed case gets no notice');
  });

  it('mails nothing about a case closed before its first notice ran', async () => {
    now = T0;
    const c = await receive();
    await store.changeCase(c.id, { set: { status: 'closed', outcome: 'no-action-needed' } });
    assert.deepEqual(await advanceTo(T0 + 200 * DAY, c.reference), []);
    assert.deepEqual(new Set((await queue.list('notice:')).filter((job) => job.key.endsWith(c.id)).map((job) => job.state)), new Set(['done']));
  });

  it('mails the people with access to the case — its group, a grant — never one excluded, outside it or without the handler role; the configured addresses only when none of them has an address', async () => {
    const people = new PeopleStore(store instanceof SqliteStore ? sqliteDriver(store.db) : postgresDriver((store as PostgresStore).pool));
    const at = new Date(T0).toISOString();
    const account = (id: string, roles: AccountRole[], groups: string[], email?: string) =>
      people.createAccount({ id, displayName: id, roles, groups, ...(email ? { email } : {}), createdAt: at });
    await account('u_anna', ['handler'], ['integrity-officers'], 'anna@voorbeeldstad.example');
    await account('u_bram', ['handler'], ['integrity-officers'], 'bram@voorbeeldstad.example');
    await account('u_cor', ['handler'], ['griffie'], 'cor@voorbeeldstad.example');
    await account('u_dirk', ['auditor'], ['integrity-officers'], 'dirk@voorbeeldstad.example');
    await account('u_eva', ['handler'], ['integrity-officers']);
    await account('u_fenna', ['handler', 'admin'], ['integrity-officers'], 'fenna@voorbeeldstad.example');
    await people.updateAccount('u_fenna', { active: false }, at);
    const transport = smtpTransport(inbox.url, 'Meldpunt <meldpunt@voorbeeldstad.example>');
    const handlers = noticeHandlers({ queue, getCase: (id) => store.getCase(id), recipientsFor: (id) => people.caseNoticeRecipients(id), settings, organisation: 'Gemeente Voorbeeldstad', consoleUrl: () => 'https://meld.voorbeeldstad.example/behandelen', transport, now: () => now });
    const groupRunner = new JobRunner(queue, handlers, { now: () => now, leaseMs: 60_000, pollMs: 1000, maxAttempts: 3 });
    const mailedAbout = async (reference: string) => {
      while ((await groupRunner.runDue()) > 0);
      return inbox.mails.filter((mail) => subjectOf(mail).includes(reference)).map((mail) => mail.to);
    };
    now = T0;
    const c = await receive();
    await people.addCaseAccess(c.id, 'u_bram', 'exclusion', at, []);
    await people.addCaseAccess(c.id, 'u_cor', 'grant', at, []);
    assert.deepEqual(await mailedAbout(c.reference), [['anna@voorbeeldstad.example', 'cor@voorbeeldstad.example']]);
    // An administrator's report goes to the mayor's office, where nobody has an account yet.
    const elsewhere = await receive('administrator');
    assert.deepEqual(await mailedAbout(elsewhere.reference), [settings.recipients]);
  });
});

describe(`a notice mail of a running server (${testDatabase})`, () => {
  let inbox: SmtpInbox;
  let t: TestServer;
  before(async () => {
    inbox = await startSmtpInbox();
    t = await startTestServer({
      env: {
        WEERBAAR_SMTP_URL: inbox.url,
        WEERBAAR_SMTP_FROM: 'Meldpunt Voorbeeldstad <meldpunt@voorbeeldstad.example>',
        WEERBAAR_NOTIFY_RECIPIENTS: 'integriteit@voorbeeldstad.example',
        // Acknowledgement due within the whole 7 days: its notice goes out with the new-report one.
        WEERBAAR_NOTIFY_ACKNOWLEDGEMENT_DUE_DAYS: '7',
        WEERBAAR_JOBS_POLL_MILLISECONDS: '100',
        WEERBAAR_PUBLIC_URL: 'https://meld.voorbeeldstad.example',
      },
    });
  });
  after(async () => {
    await t.server.stop();
    await inbox.stop();
  });

  it('holds the case reference and the console link, and nothing of the category, role, text, answers, signals, receipt or reporter', async () => {
    const report = {
      role: 'council-member',
      category: 'threat-intimidation',
      content: {
        description: 'Een aannemer dreigde mijn zoon iets aan te doen als ik tegen de vergunning zou stemmen.',
        location: 'Raadhuisstraat 12, Voorbeeldstad',
        involvedParties: 'Bouwbedrijf Kraanvogel BV',
        answers: { whoWasThreatened: ['family'], witnesses: 'Wethouder Jansen stond ernaast.' },
        checkedSignals: ['bribery-gift-offered'],
        contact: { name: 'Marieke Verhoeven', email: 'marieke.verhoeven@example.org', phone: '+31612345678', preferredChannel: 'email' },
      },
    };
    const submitted = await t.api.call('submitReport', { json: report, headers: { 'Idempotency-Key': idempotencyKey() } });
    assert.equal(submitted.status, 201);
    const caseId = await newestCaseId(t.api, t.server.handlerToken!);
    const reference = (await t.api.call('getCase', { token: t.server.handlerToken!, path: { caseId } })).body.reference as string;
    const mails = await inbox.waitFor((mail) => subjectOf(mail).includes(reference), 2);
    const form = (await t.api.call('getReportForm', { query: { lang: 'nl' } })).body;
    const english = (await t.api.call('getReportForm', { query: { lang: 'en' } })).body;
    const labels = (id: string, list: { id: string; label: string }[]) => list.filter((item) => item.id === id).map((item) => item.label);
    const forbidden = [
      'threat-intimidation', 'council-member', 'bribery-gift-offered', 'family',
      ...labels('threat-intimidation', [...form.categories, ...english.categories]),
      ...labels('council-member', [...form.roles, ...english.roles]),
      'aannemer', 'zoon', 'Raadhuisstraat', 'Kraanvogel', 'Jansen', 'Marieke', 'Verhoeven', 'marieke.verhoeven', '612345678',
      submitted.body.receipt, submitted.body.receipt.replace(/-/g, ''),
    ];
    for (const mail of mails as ReceivedMail[]) {
      for (const text of [mail.raw, bodyOf(mail), subjectOf(mail)]) {
        for (const word of forbidden) assert.ok(!text.toLowerCase().includes(word.toLowerCase()), `"${word}" is in the mail "${subjectOf(mail)}":\n${mail.raw}`);
      }
      assert.ok(bodyOf(mail).includes(reference));
      assert.ok(bodyOf(mail).includes('https://meld.voorbeeldstad.example/behandelen'), 'links to the console');
      assert.match(mail.raw, /^From: Meldpunt Voorbeeldstad <meldpunt@voorbeeldstad\.example>/m);
      assert.deepEqual(mail.to, ['integriteit@voorbeeldstad.example']);
    }
    assert.equal((await fetch(`${t.server.origin}/postvak`)).status, 404, 'no demo outbox page when mail goes by SMTP');
    assert.deepEqual(mails.map(subjectOf).sort(), [
      `[Weerbaar] Bevestig de ontvangst van ${reference} vóór ${new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(new Date(submitted.body.acknowledgeDueAt))} / Acknowledgement due`,
      `[Weerbaar] Nieuwe melding ${reference} / New report`,
    ]);
  });
});

describe(`the demo outbox (${testDatabase})`, () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ env: { WEERBAAR_DEMO_OUTBOX: 'true', WEERBAAR_JOBS_POLL_MILLISECONDS: '100' } });
  });
  after(() => t.server.stop());

  async function page(path: string): Promise<{ response: Response; html: string }> {
    const response = await fetch(`${t.server.origin}${path}`);
    return { response, html: await response.text() };
  }

  it('shows, at /postvak and /en/outbox, the mails the server would have sent without SMTP, and nothing of the report', async () => {
    const empty = await page('/postvak');
    assert.equal(empty.response.status, 200);
    assert.match(empty.html, /Er zijn nog geen e-mails/);
    const submitted = await t.api.call('submitReport', {
      json: { role: 'administrator', category: 'bribery', content: { description: 'Envelop met geld <script>alert(1)</script>', contact: { name: 'Piet Geheim', preferredChannel: 'email', email: 'piet@example.org' } } },
      headers: { 'Idempotency-Key': idempotencyKey() },
    });
    assert.equal(submitted.status, 201);
    const caseId = await newestCaseId(t.api, t.server.handlerToken!);
    const reference = (await t.api.call('getCase', { token: t.server.handlerToken!, path: { caseId } })).body.reference as string;
    let shown = empty;
    for (let attempt = 0; attempt < 100 && !shown.html.includes(reference); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      shown = await page('/postvak');
    }
    assert.ok(shown.html.includes(`Nieuwe melding ${reference}`), 'the new-report mail is listed');
    assert.match(shown.html, /<html lang="nl">/);
    assert.equal(shown.response.headers.get('content-language'), 'nl');
    assert.equal(shown.response.headers.get('cache-control'), 'no-store');
    assert.match(shown.response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.match(shown.html, /<meta name="robots" content="noindex">/);
    for (const word of ['bribery', 'administrator', 'Envelop', 'script', 'Piet', 'piet@example.org', submitted.body.receipt]) {
      assert.ok(!shown.html.includes(word), `"${word}" is on the outbox page`);
    }
    const english = await page('/en/outbox');
    assert.match(english.html, /<html lang="en">/);
    assert.ok(english.html.includes(`Nieuwe melding ${reference} / New report`));
    assert.match(english.html, /Outbox: notice mails sent/);
  });
  it('is accessible: no axe violations on /postvak and /en/outbox, a mail listed (Chromium)', async () => {
    const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium' });
    try {
      // The page's own CSP (default-src 'none') would refuse axe's script; the page itself is unchanged.
      const tab = await (await browser.newContext({ bypassCSP: true })).newPage();
      const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
      const found: Record<string, string[]> = {};
      for (const path of ['/postvak', '/en/outbox']) {
        await tab.goto(`${t.server.origin}${path}`);
        assert.ok(await tab.locator('text=/WB-\\d{4}-\\d{4}/').count(), `${path} lists a mail`);
        await tab.addScriptTag({ path: axeSource });
        found[path] = await tab.evaluate(async () => {
          // Runs in the page (no DOM types in the server's TypeScript settings).
          const page = globalThis as unknown as { document: unknown; axe: { run(context: unknown): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } };
          return (await page.axe.run(page.document)).violations.map((violation) => `${violation.id} (${violation.nodes.length})`);
        });
      }
      assert.deepEqual(found, { '/postvak': [], '/en/outbox': [] });
    } finally {
      await browser.close();
    }
  });
});

describe(`webhook events (${testDatabase}), on an injected clock`, () => {
  let opened: Awaited<ReturnType<typeof openTestStore>>;
  let receiver: Server;
  let url: string;
  const arrived: { headers: IncomingHttpHeaders; body: string; answered: number }[] = [];
  let answers: number[] = [];
  const secretBytes = Buffer.from('notifications-test-webhook-secret-32b');

  before(async () => {
    opened = await openTestStore();
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const answered = answers.shift() ?? 204;
        arrived.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), answered });
        response.writeHead(answered).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`;
  });
  after(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    await opened.dispose();
  });

  it('sends a signed CloudEvent with only the case id, reference and open deadlines, and retries it with the same id after the contract\'s first pause (5 s)', async () => {
    const { store } = opened;
    const queue = jobQueue(sqlRunnerFor(store));
    let now = T0;
    const settings = { recipients: [], acknowledgementDueWithinDays: 2, feedbackDueWithinDays: 14 };
    const handlers = noticeHandlers({
      queue,
      getCase: (id) => store.getCase(id),
      settings,
      organisation: 'Gemeente Voorbeeldstad',
      consoleUrl: () => 'https://meld.voorbeeldstad.example/behandelen',
      transport: undefined,
      webhook: { url, secretBytes, source: () => 'https://meld.voorbeeldstad.example/v1' },
      now: () => now,
    });
    const runner = new JobRunner(queue, handlers, { now: () => now, leaseMs: 60_000, pollMs: 1000, maxAttempts: 3, retrySchedules: { [WEBHOOK_JOB]: WEBHOOK_RETRY_DELAYS_MS } });
    const receivedAt = new Date(T0).toISOString();
    const deadlines = deadlinesOnReceipt(receivedAt);
    await store.createReport({
      case: { id: 'c_webhook1', role: 'council-member', category: 'threat-intimidation', status: 'received', receivedAt, ...deadlines, consents: [], content: { description: 'Bedreigd bij de voordeur.' } },
      receiptHash: Buffer.alloc(32, 7),
      jobs: noticeJobs('c_webhook1', { receivedAt, ...deadlines }, settings),
    });
    answers = [503];
    while ((await runner.runDue()) > 0);
    assert.equal(arrived.length, 1);
    now = T0 + 4999;
    while ((await runner.runDue()) > 0);
    assert.equal(arrived.length, 1, 'not retried before 5 s');
    now = T0 + 5000;
    while ((await runner.runDue()) > 0);
    assert.equal(arrived.length, 2, 'retried after 5 s');
    const [first, second] = arrived as [(typeof arrived)[0], (typeof arrived)[0]];
    assert.equal(second.headers['webhook-id'], first.headers['webhook-id'], 'the same webhook-id on the retry');
    assert.equal(second.body, first.body, 'the same event');
    for (const { headers, body } of arrived) {
      const signed = `${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`;
      assert.equal(headers['webhook-signature'], `v1,${createHmac('sha256', secretBytes).update(signed).digest('base64')}`);
      assert.equal(headers['content-type'], 'application/cloudevents+json');
    }
    assert.equal(second.headers['webhook-timestamp'], String(Math.floor((T0 + 5000) / 1000)), 'each attempt is signed when it is sent');
    const event = JSON.parse(first.body) as Record<string, unknown>;
    assert.deepEqual(event, {
      specversion: '1.0',
      id: first.headers['webhook-id'],
      source: 'https://meld.voorbeeldstad.example/v1',
      type: 'nl.weerbaar.case.received',
      time: receivedAt,
      subject: 'c_webhook1',
      datacontenttype: 'application/json',
      data: { caseId: 'c_webhook1', reference: event.data && (event.data as { reference: string }).reference, ...deadlines },
    });
    assert.match((event.data as { reference: string }).reference, /^WB-2026-\d+$/);
    for (const word of ['threat', 'council', 'Bedreigd']) assert.ok(!first.body.includes(word), `"${word}" is in the event`);
    assert.deepEqual(new SpecValidator().schema('CaseEvent')(event), [], 'the event fits the contract');
  });
});
