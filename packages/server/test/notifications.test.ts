// Notices without content (issue 14, item 5), through a real SMTP server (smtp-server) that the
// tests read. The schedule runs on an injected clock against a real store on the engine under
// test, so months pass without waiting; what a mail may say is checked on the raw mails of a
// running server given a report full of content.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
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
import { allowAuditEntries, refuseAuditEntries, withWritableDatabase } from './helpers/database-tampering.js';
import { newestCaseId, startTestServer, type TestServer } from './helpers/server.js';
import { expectedSignature, startWebhookReceiver, type ArrivedEvent, type WebhookReceiver } from './helpers/webhook-receiver.js';
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
  let receiver: WebhookReceiver;
  const secretBytes = Buffer.from('notifications-test-webhook-secret-32b');

  before(async () => {
    opened = await openTestStore();
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    await receiver.stop();
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
      webhook: { url: receiver.url, secretBytes, source: () => 'https://meld.voorbeeldstad.example/v1' },
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
    receiver.answers.push(503);
    while ((await runner.runDue()) > 0);
    assert.equal(receiver.arrived.length, 1);
    now = T0 + 4999;
    while ((await runner.runDue()) > 0);
    assert.equal(receiver.arrived.length, 1, 'not retried before 5 s');
    now = T0 + 5000;
    while ((await runner.runDue()) > 0);
    assert.equal(receiver.arrived.length, 2, 'retried after 5 s');
    const [first, second] = receiver.arrived as [ArrivedEvent, ArrivedEvent];
    assert.equal(second.headers['webhook-id'], first.headers['webhook-id'], 'the same webhook-id on the retry');
    assert.equal(second.body, first.body, 'the same event');
    for (const delivery of receiver.arrived) {
      assert.equal(delivery.headers['webhook-signature'], expectedSignature(secretBytes, delivery));
      assert.equal(delivery.headers['content-type'], 'application/cloudevents+json');
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

describe(`webhook events of a case's changes, from a running server (${testDatabase})`, () => {
  const secretBytes = Buffer.alloc(32, 5);
  const changeTypes = ['acknowledged', 'feedback-given', 'closed', 'deleted'].map((change) => `nl.weerbaar.case.${change}`);
  let receiver: WebhookReceiver;
  let t: TestServer;
  before(async () => {
    receiver = await startWebhookReceiver();
    const env = { WEERBAAR_WEBHOOK_URL: receiver.url, WEERBAAR_WEBHOOK_SECRET: `whsec_${secretBytes.toString('base64')}`, WEERBAAR_JOBS_POLL_MILLISECONDS: '100' };
    t = await startTestServer({ env: { ...env, WEERBAAR_PUBLIC_URL: 'https://meld.voorbeeldstad.example', WEERBAAR_RETENTION_DAYS_WITHDRAWN: '7' } });
  });
  after(async () => {
    await t.server.stop();
    await receiver.stop();
  });

  /** The change events delivered about the case, once `count` of them arrived (or what arrived in 30 s). */
  async function changeEventsOf(caseId: string, count: number): Promise<ArrivedEvent[]> {
    for (const giveUpAt = Date.now() + 30_000; ; ) {
      const found = receiver.arrived.filter((delivery) => {
        const event = JSON.parse(delivery.body) as { subject: string; type: string };
        return event.subject === caseId && changeTypes.includes(event.type);
      });
      if (found.length >= count || Date.now() > giveUpAt) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function contentCase(): Promise<string> {
    const json = { role: 'council-member', category: 'threat-intimidation', content: { description: 'Bedreigd bij de voordeur.' } };
    assert.equal((await t.api.call('submitReport', { json, headers: { 'Idempotency-Key': idempotencyKey() } })).status, 201);
    return newestCaseId(t.api, t.server.handlerToken!);
  }

  it('advertises the change events in discovery', async () => {
    const types = (await t.api.call('getDiscovery', {})).body.capabilities.caseManagement.webhooks.eventTypes as string[];
    assert.deepEqual(changeTypes.filter((type) => !types.includes(type)), []);
  });

  it('sends acknowledged, feedback-given, closed and deleted as signed CloudEvents with the case id and reference only', async () => {
    const token = t.server.handlerToken!;
    const caseId = await contentCase();
    assert.equal((await t.api.call('acknowledgeCase', { token, path: { caseId }, json: {} })).status, 200);
    assert.equal((await t.api.call('giveFeedback', { token, path: { caseId }, json: { message: 'Wij hebben gesproken met de betrokkene.' } })).status, 200);
    const reference = (await t.api.call('setCaseStatus', { token, path: { caseId }, json: { status: 'closed', outcome: 'withdrawn' } })).body.reference as string;
    // Closed eight days ago with seven days' retention: the retention run deletes it.
    const closedAt = new Date(Date.now() - 8 * DAY).toISOString();
    await withWritableDatabase(t.server, (db) => db.run(`UPDATE case_events SET at = ? WHERE case_id = ? AND type = 'closed'`, [closedAt, caseId]));
    await promisify(execFile)(process.execPath, [fileURLToPath(new URL('../dist/cli.js', import.meta.url)), 'retention', 'run'], { env: t.server.env });
    const deliveries = await changeEventsOf(caseId, 4);
    const events = deliveries.map((delivery) => JSON.parse(delivery.body) as { type: string; id: string; data: object; source: string });
    assert.deepEqual(events.map((event) => event.type), changeTypes, 'each change once, in the order they happened');
    for (const [index, delivery] of deliveries.entries()) {
      assert.equal(delivery.headers['webhook-signature'], expectedSignature(secretBytes, delivery));
      assert.equal(delivery.headers['webhook-id'], events[index]!.id);
      assert.deepEqual(events[index]!.data, { caseId, reference });
      assert.equal(events[index]!.source, 'https://meld.voorbeeldstad.example/v1');
      assert.deepEqual(new SpecValidator().schema('CaseEvent')(events[index]), []);
      for (const word of ['threat', 'council', 'Bedreigd', 'betrokkene', 'withdrawn']) assert.ok(!delivery.body.includes(word), `"${word}" is in the event`);
    }
  });

  it('enqueues a change event in the transaction of the change: a change that fails sends nothing', async () => {
    const caseId = await contentCase();
    const eventJobs = () => withWritableDatabase(t.server, (db) => db.all<{ job_key: string }>(`SELECT job_key FROM jobs WHERE job_key LIKE ?`, [`webhook:acknowledged:${caseId}:%`]));
    await withWritableDatabase(t.server, (db) => refuseAuditEntries(db, caseId));
    try {
      assert.equal((await t.api.call('acknowledgeCase', { token: t.server.handlerToken!, path: { caseId }, json: {} })).status, 500);
    } finally {
      await withWritableDatabase(t.server, allowAuditEntries);
    }
    assert.deepEqual(await eventJobs(), [], 'no event for the acknowledgement that rolled back');
    assert.equal((await t.api.call('acknowledgeCase', { token: t.server.handlerToken!, path: { caseId }, json: {} })).status, 200);
    assert.equal((await eventJobs()).length, 1);
  });
});
