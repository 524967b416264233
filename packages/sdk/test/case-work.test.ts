// The handler's case-work methods (contract 1.1: workflow and notes) against the reference server over
// real HTTP: feedback, substatus, lists and templates, and internal notes sealed before they leave the
// process when the backend advertises encryption.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient, WeerbaarApiError, WeerbaarCapabilityError } from '../src/index.js';
import { openNote } from '../src/crypto.js';
import { createHandlerClient } from '../src/handler.js';
import { proxyPool } from './support/proxy.js';
import { recordingFetch } from './support/recording-fetch.js';
import { rejection } from './support/rejection.js';
import { startReferenceServer, type ReferenceServer } from './support/reference-server.js';

const NOTE = 'Interne notitie: melder wil eerst met de vertrouwenspersoon spreken.';

describe('working a case with the handler client', () => {
  let server: ReferenceServer;
  const proxies = proxyPool(() => server.apiUrl);
  before(async () => {
    server = await startReferenceServer();
  });
  after(async () => {
    await proxies.stopAll();
    await server?.stop();
  });

  async function newCaseId(): Promise<string> {
    await createClient({ baseUrl: server.apiUrl }).submitReport({ role: 'council-member', category: 'undue-pressure', locale: 'en', content: { description: 'Pressure to vote.' } });
    const handler = createHandlerClient({ baseUrl: server.apiUrl, token: server.handlerToken });
    return (await handler.listCases({ sort: '-receivedAt', pageSize: 1 })).items[0]!.caseId;
  }

  it('gives feedback, sets and clears a substatus from the options, and reads the labels', async () => {
    const handler = createHandlerClient({ baseUrl: server.apiUrl, token: server.handlerToken });
    const caseId = await newCaseId();
    const options = await handler.getCaseOptions({ lang: 'en' });
    const substatus = options.statuses.find((status) => status.id === 'acknowledged')!.substatuses[0]!;
    await handler.acknowledge(caseId);
    const set = await handler.setSubstatus(caseId, substatus.id);
    assert.equal(set.substatus, substatus.id);
    assert.equal(set.labels?.substatus, substatus.label, 'the case is in English, so are its labels');
    assert.equal((await handler.setSubstatus(caseId, null)).substatus, undefined);
    const fed = await handler.giveFeedback(caseId, 'We reported it to the police.');
    assert.ok(fed.deadlines.feedbackGivenAt);
    assert.equal(fed.labels?.role, 'Council member');
    const templates = await handler.getMessageTemplates({ lang: 'nl' });
    assert.equal(templates.locale, 'nl');
    assert.ok(templates.items.some((template) => template.kind === 'feedback'));
    // The form a console labels a sealed report's answers with, in the case's language.
    const form = await handler.getReportForm({ lang: 'en' });
    assert.equal(form.locale, 'en');
    assert.ok(form.categories.some((category) => category.id === 'undue-pressure'));
  });

  it('adds plain notes when the backend has no encryption key, and lists them', async () => {
    const handler = createHandlerClient({ baseUrl: server.apiUrl, token: server.handlerToken });
    const caseId = await newCaseId();
    const note = await handler.addNote(caseId, NOTE);
    assert.equal(note.body, NOTE);
    assert.deepEqual((await handler.listNotes(caseId)).items, [note]);
  });

  it('records a phone report once, lets the reporter correct the minutes and the handler revise them', async () => {
    const handler = createHandlerClient({ baseUrl: server.apiUrl, token: server.handlerToken });
    const intake = {
      channel: 'phone' as const,
      heldAt: new Date(Date.now() - 3_600_000).toISOString(),
      role: 'council-member' as const,
      category: 'threat-intimidation' as const,
      content: { description: 'Gevolgd tot aan huis na de raadsvergadering.' },
      minutes: { body: 'Telefoongesprek: de melder werd gevolgd door een man.' },
    };
    const idempotencyKey = crypto.randomUUID();
    const receipt = await handler.recordIntake(intake, { idempotencyKey });
    assert.deepEqual(await handler.recordIntake(intake, { idempotencyKey }), receipt, 'a repeat answers the same receipt');
    const session = await createClient({ baseUrl: server.apiUrl }).openFollowUp(receipt.receipt);
    assert.equal((await session.getMinutes()).status, 'draft');
    assert.equal((await session.answerMinutes(1, { decision: 'correct', correction: 'Het waren twee mannen.' })).status, 'correction-requested');
    await handler.reviseMinutes(receipt.caseId, 1, 'Telefoongesprek: de melder werd gevolgd door twee mannen.');
    assert.equal((await session.answerMinutes(2, { decision: 'approve' })).status, 'approved');
    const versions = await handler.listMinutes(receipt.caseId);
    assert.deepEqual(versions.items.map((version) => version.status), ['correction-requested', 'approved']);
    await session.close();
    const exported = await handler.recordExport(receipt.caseId, { includesIdentity: false, purpose: 'own-record' });
    assert.ok(exported.auditSeq > 1);
  });

  it('hands a case over to the RIEC without the identity, lists it and reads the package; a missing legal basis is a problem naming the field', async () => {
    const handler = createHandlerClient({ baseUrl: server.apiUrl, token: server.handlerToken });
    const caseId = await newCaseId();
    const missing = await rejection(handler.handOver(caseId, { exit: 'riec', summary: 'Signalen van ondermijning.' }));
    assert.ok(missing instanceof WeerbaarApiError);
    assert.equal(missing.status, 422);
    assert.equal(missing.code, 'hand-over-incomplete');
    assert.deepEqual(missing.errors.map((error) => error.pointer), ['/legalBasis']);
    const legalBasis = { text: 'Wet Bibob: het RIEC ondersteunt, de gemeente beslist', source: { title: 'Wet Bibob' } };
    const made = await handler.handOver(caseId, { exit: 'riec', summary: 'Signalen van ondermijning.', legalBasis });
    assert.equal(made.reporter, undefined);
    assert.deepEqual(made.legalBasis, legalBasis);
    assert.deepEqual((await handler.listHandOvers(caseId)).items.map((item) => [item.handOverId, item.reporterConsent]), [[made.handOverId, false]]);
    assert.deepEqual(await handler.getHandOver(caseId, made.handOverId), made);
  });

  it('pages through every case by cursor and counts them', async () => {
    const handler = createHandlerClient({ baseUrl: server.apiUrl, token: server.handlerToken });
    const counts = await handler.countCases();
    const seen: string[] = [];
    let page = await handler.pageCases({ pageSize: 2 });
    seen.push(...page.items.map((item) => item.caseId));
    while (page.nextCursor) {
      page = await handler.pageCases({ pageSize: 2 }, page.nextCursor);
      seen.push(...page.items.map((item) => item.caseId));
    }
    assert.equal(seen.length, counts.total);
    assert.equal(new Set(seen).size, seen.length);
  });

  it("reads a threat case's tasks and aftercare check-ins, and ticks a task off (contract 1.2, protocols)", async () => {
    const handler = createHandlerClient({ baseUrl: server.apiUrl, token: server.handlerToken });
    await createClient({ baseUrl: server.apiUrl }).submitReport({ role: 'council-member', category: 'threat-intimidation', locale: 'nl', content: { description: 'Bedreigd na de vergadering.' } });
    const caseId = (await handler.listCases({ sort: '-receivedAt', pageSize: 1 })).items[0]!.caseId;
    const tasks = await handler.listTasks(caseId, { lang: 'nl' });
    assert.ok(tasks.items.length > 0);
    const done = await handler.setTaskStatus(caseId, tasks.items[0]!.taskId, 'done');
    assert.equal(done.status, 'done');
    const checkIns = await handler.listCheckIns(caseId);
    assert.equal(checkIns.stopped, false);
    assert.deepEqual(checkIns.items.map((checkIn) => checkIn.status), ['scheduled', 'scheduled', 'scheduled', 'scheduled']);
    assert.equal((await handler.listCheckIns(await newCaseId())).items.length, 0, 'undue pressure has no protocol with check-ins');
  });

  it('fails early, without a request, when discovery does not advertise notes or workflow', async () => {
    const bare = await proxies.start({
      rewrite: (path, body) => (path === '/discovery' ? { ...(body as object), capabilities: { caseManagement: {} } } : body),
    });
    const handler = createHandlerClient({ baseUrl: bare.apiUrl, token: server.handlerToken });
    const notes = await rejection(handler.addNote('c_3M8qZt2LkW9xYv4N', NOTE));
    assert.ok(notes instanceof WeerbaarCapabilityError);
    assert.equal(notes.capability, 'caseManagement.notes');
    const feedback = await rejection(handler.giveFeedback('c_3M8qZt2LkW9xYv4N', 'Feedback.'));
    assert.equal((feedback as WeerbaarCapabilityError).capability, 'caseManagement.workflow');
    assert.deepEqual(bare.seen.map((request) => request.path), ['/discovery']);
  });
});

describe('internal notes when the backend advertises encryption', () => {
  let server: ReferenceServer;
  before(async () => {
    server = await startReferenceServer({ encryption: true });
  });
  after(() => server?.stop());

  it('seals the note before it leaves the process; only the private key opens it', async () => {
    const recorder = recordingFetch();
    const handler = createHandlerClient({ baseUrl: server.apiUrl, token: server.handlerToken, fetch: recorder.fetch });
    await createClient({ baseUrl: server.apiUrl }).submitReport({ role: 'civil-servant', category: 'bribery', content: { description: 'Een envelop met geld.' } });
    const caseId = (await handler.listCases({ sort: '-receivedAt', pageSize: 1 })).items[0]!.caseId;
    const note = await handler.addNote(caseId, NOTE);
    assert.equal(note.body, undefined);
    assert.ok(recorder.requests.every((request) => !request.body.includes('vertrouwenspersoon')), 'no request carries the note in plain text');
    const [stored] = (await handler.listNotes(caseId)).items;
    assert.equal(await openNote(server.privateKeyJwk!, stored!.encryptedBody!), NOTE);
  });
});
