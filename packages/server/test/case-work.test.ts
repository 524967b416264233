// Working a case (contract 1.1, caseManagement.workflow and notes) over real HTTP against the built
// server: labels in case answers, feedback that stamps the clock, substatuses, internal notes that
// the reporter never sees, the organisation's lists and templates.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixtures } from '@weerbaar/spec';
import { MINIMAL_REPORT, sealedWith } from './helpers/contract-client.js';
import { newCase as createCase, openSession, startTestServer, type TestServer } from './helpers/server.js';

const plainReport = fixtures.find((f) => f.name === 'submitReport/valid/plain-report')!.body as Record<string, unknown>;
const NOTE = 'Interne notitie: de melder is de schoonzoon van wethouder Jansen.';

describe('working a case', () => {
  let t: TestServer;
  let token: string;

  const newCase = (report?: unknown) => createCase(t.api, token, report);

  before(async () => {
    t = await startTestServer();
    token = t.server.handlerToken!;
  });
  after(() => t.server.stop());

  it('advertises workflow, notes (plain notes allowed without an encryption key), intake and cursor paging in discovery', async () => {
    const discovery = await t.api.call('getDiscovery');
    const { workflow, notes, intake, cursorPaging } = discovery.body.capabilities.caseManagement;
    assert.deepEqual({ workflow, notes, intake, cursorPaging }, {
      workflow: {},
      notes: { encryptionRequired: false },
      intake: { channels: ['phone', 'meeting', 'other'] },
      cursorPaging: {},
    });
  });

  it('refuses every case-work operation without a valid token (401)', async () => {
    const { caseId } = await newCase();
    const attempts = [
      t.api.call('giveFeedback', { path: { caseId }, json: { message: 'Terugkoppeling.' } }),
      t.api.call('setCaseSubstatus', { path: { caseId }, json: { substatus: null } }),
      t.api.call('listCaseNotes', { path: { caseId }, token: 'wbh_madeupmadeupmadeupmadeupmadeupmadeup' }),
      t.api.call('addCaseNote', { path: { caseId }, json: { body: NOTE } }),
      t.api.call('getCaseOptions'),
      t.api.call('getMessageTemplates', { token: 'wbh_madeupmadeupmadeupmadeupmadeupmadeup' }),
    ];
    for (const response of await Promise.all(attempts)) assert.equal(response.status, 401);
    assert.deepEqual((await t.api.call('listCaseNotes', { token, path: { caseId } })).body.items, [], 'nothing was added');
  });

  describe('labels', () => {
    it("labels every code of a case in the case's language, with the questions and signals in words", async () => {
      const { caseId } = await newCase(plainReport);
      const answer = await t.api.call('getCase', { token, path: { caseId } });
      assert.deepEqual(answer.body.labels, {
        locale: 'nl',
        role: 'Bestuurder',
        category: 'Omkoping',
        status: 'Ontvangen',
        channel: 'Online gemeld',
        questions: {
          reportedToPolice: { question: 'Heeft u al aangifte gedaan bij de politie?', answer: ['Nee'] },
          witnesses: { question: "Waren er getuigen, of is er bewijs (berichten, foto's)?", answer: ['Mijn secretaris zag ons praten.'] },
        },
        signals: { 'bribery-gift-offered': 'Iemand bood mij geld, een geschenk of een gunst aan' },
      });
      assert.equal(answer.body.channel, 'online');
    });

    it('labels an English case in English, and the outcome once closed; the list labels codes only', async () => {
      const { caseId } = await newCase({ ...MINIMAL_REPORT, locale: 'en', content: { description: 'A threat at the desk.', answers: { whoWasThreatened: ['me', 'family'] } } });
      const closed = await t.api.call('setCaseStatus', { token, path: { caseId }, json: { status: 'closed', outcome: 'measures-taken' } });
      assert.equal(closed.body.labels.status, 'Closed');
      assert.equal(closed.body.labels.outcome, 'Measures taken');
      assert.equal(closed.body.labels.category, 'Threats or intimidation');
      assert.deepEqual(closed.body.labels.questions, { whoWasThreatened: { question: 'Who was threatened or approached?', answer: ['Me', 'Other family or people close to me'] } });
      const listed = await t.api.call('listCases', { token, query: { status: 'closed', pageSize: '100' } });
      const item = listed.body.items.find((candidate: { caseId: string }) => candidate.caseId === caseId);
      assert.deepEqual(item.labels, { locale: 'en', role: 'Civil servant', category: 'Threats or intimidation', status: 'Closed', outcome: 'Measures taken', channel: 'Reported online' });
    });
  });

  describe('feedback', () => {
    it('stamps feedbackGivenAt once, tells the reporter and shows feedback-given in their timeline', async () => {
      const { caseId, receipt } = await newCase();
      const first = await t.api.call('giveFeedback', { token, path: { caseId }, json: { message: 'Wij hebben aangifte gedaan.' } });
      assert.equal(first.status, 200);
      const givenAt = first.body.deadlines.feedbackGivenAt;
      assert.ok(givenAt, 'the 3-month clock is stamped');
      assert.equal(first.body.deadlines.feedbackOverdue, false);
      const second = await t.api.call('giveFeedback', { token, path: { caseId }, json: { message: 'Nog een terugkoppeling.' } });
      assert.equal(second.body.deadlines.feedbackGivenAt, givenAt, 'the first feedback counts');
      const reporter = await t.api.call('getFollowUpCase', { token: await openSession(t.api, receipt) });
      assert.deepEqual(
        reporter.body.messages.filter((m: { kind: string }) => m.kind === 'feedback').map((m: { body: string }) => m.body),
        ['Wij hebben aangifte gedaan.', 'Nog een terugkoppeling.'],
      );
      assert.deepEqual(reporter.body.timeline.map((e: { type: string }) => e.type), ['received', 'feedback-given', 'feedback-given']);
      assert.equal(reporter.body.deadlines.feedbackGivenAt, givenAt);
    });

    it('refuses feedback on a closed case (409) and an unknown case (404), changing nothing', async () => {
      const { caseId } = await newCase();
      await t.api.call('setCaseStatus', { token, path: { caseId }, json: { status: 'closed', outcome: 'withdrawn' } });
      const refused = await t.api.call('giveFeedback', { token, path: { caseId }, json: { message: 'Te laat.' } });
      assert.equal(refused.status, 409);
      const after = await t.api.call('getCase', { token, path: { caseId } });
      assert.equal(after.body.deadlines.feedbackGivenAt, undefined);
      assert.equal(after.body.messages.some((m: { kind: string }) => m.kind === 'feedback'), false);
      assert.equal((await t.api.call('giveFeedback', { token, path: { caseId: 'c_doesnotexist' }, json: { message: 'x' } })).status, 404);
    });
  });

  describe('substatus', () => {
    it("sets a substatus of the case's status, clears it with null and on a status change, and never shows it to the reporter", async () => {
      const { caseId, receipt } = await newCase();
      await t.api.call('acknowledgeCase', { token, path: { caseId }, json: {} });
      await t.api.call('setCaseStatus', { token, path: { caseId }, json: { status: 'investigating' } });
      const set = await t.api.call('setCaseSubstatus', { token, path: { caseId }, json: { substatus: 'waiting-for-police' } });
      assert.equal(set.body.substatus, 'waiting-for-police');
      assert.equal(set.body.labels.substatus, 'Wacht op de politie');
      const reporter = await t.api.call('getFollowUpCase', { token: await openSession(t.api, receipt) });
      assert.ok(!reporter.bytes.toString().includes('waiting-for-police') && !reporter.bytes.toString().includes('politie'));
      const cleared = await t.api.call('setCaseSubstatus', { token, path: { caseId }, json: { substatus: null } });
      assert.equal(cleared.body.substatus, undefined);
      await t.api.call('setCaseSubstatus', { token, path: { caseId }, json: { substatus: 'with-riec' } });
      const closed = await t.api.call('setCaseStatus', { token, path: { caseId }, json: { status: 'closed', outcome: 'referred' } });
      assert.equal(closed.body.substatus, undefined, 'a status change clears the substatus');
    });

    it("refuses a substatus outside the list of the case's status (400 unknown-substatus) and changes nothing", async () => {
      const { caseId } = await newCase();
      const refused = await t.api.call('setCaseSubstatus', { token, path: { caseId }, json: { substatus: 'waiting-for-police' } });
      assert.equal(refused.status, 400);
      assert.deepEqual(refused.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]), [['/substatus', 'unknown-substatus']]);
      assert.equal((await t.api.call('getCase', { token, path: { caseId } })).body.substatus, undefined);
      const fixture = fixtures.find((f) => f.name === 'setCaseSubstatus/invalid/label-instead-of-id')!;
      assert.equal((await t.api.call('setCaseSubstatus', { token, path: { caseId }, json: fixture.body })).status, 400);
    });
  });

  describe('internal notes', () => {
    it('keeps notes with their author, oldest first, and never shows them in any answer to the reporter', async () => {
      const { caseId, receipt } = await newCase();
      const added = await t.api.call('addCaseNote', { token, path: { caseId }, json: { body: NOTE } });
      assert.equal(added.status, 201);
      assert.deepEqual(added.body.author, { kind: 'handler-token', name: 'test-handler' });
      await t.api.call('addCaseNote', { token, path: { caseId }, json: { body: 'Tweede notitie.' } });
      const notes = await t.api.call('listCaseNotes', { token, path: { caseId } });
      assert.deepEqual(notes.body.items.map((n: { body: string }) => n.body), [NOTE, 'Tweede notitie.']);
      assert.equal(notes.body.items[0].noteId, added.body.noteId);

      const session = await openSession(t.api, receipt);
      const reporterAnswers = [
        await t.api.call('getFollowUpCase', { token: session }),
        await t.api.call('sendFollowUpMessage', { token: session, json: { body: 'Een vraag van de melder.' } }),
      ];
      for (const answer of reporterAnswers) assert.ok(!answer.bytes.toString().includes('schoonzoon'), `${answer.status}: the note leaked to the reporter`);
      const handlerView = await t.api.call('getCase', { token, path: { caseId } });
      assert.ok(!handlerView.bytes.toString().includes('schoonzoon'), 'notes have their own operation, not the case answer');
    });

    it('refuses a note that is empty, has both forms, or belongs to no known case', async () => {
      const { caseId } = await newCase();
      for (const name of ['addCaseNote/invalid/both', 'addCaseNote/invalid/empty']) {
        const fixture = fixtures.find((f) => f.name === name)!;
        assert.equal((await t.api.call('addCaseNote', { token, path: { caseId }, json: fixture.body })).status, 400, name);
      }
      assert.equal((await t.api.call('addCaseNote', { token, path: { caseId: 'c_doesnotexist' }, json: { body: NOTE } })).status, 404);
      assert.equal((await t.api.call('listCaseNotes', { token, path: { caseId: 'c_doesnotexist' } })).status, 404);
      assert.deepEqual((await t.api.call('listCaseNotes', { token, path: { caseId } })).body.items, []);
    });
  });

  describe("the organisation's lists and templates", () => {
    it('answers statuses with substatuses, outcomes and channels in the negotiated language', async () => {
      const dutch = await t.api.call('getCaseOptions', { token });
      assert.equal(dutch.headers.get('content-language'), 'nl');
      assert.deepEqual(dutch.body.statuses.map((s: { id: string }) => s.id), ['received', 'acknowledged', 'investigating', 'closed']);
      const english = await t.api.call('getCaseOptions', { token, headers: { 'accept-language': 'en-GB,en;q=0.8' } });
      assert.equal(english.body.locale, 'en');
      assert.equal(english.body.outcomes.find((o: { id: string }) => o.id === 'withdrawn').label, 'Withdrawn');
      assert.match(english.headers.get('vary') ?? '', /Accept-Language/);
    });

    it('answers message templates for acknowledgement and feedback naming the Huis voor Klokkenluiders', async () => {
      const templates = await t.api.call('getMessageTemplates', { token, query: { lang: 'en' } });
      assert.equal(templates.body.locale, 'en');
      const kinds = templates.body.items.map((item: { kind: string }) => item.kind);
      assert.ok(kinds.includes('acknowledgement') && kinds.includes('feedback'));
      assert.ok(templates.body.items.every((item: { body: string }) => item.body.includes('{reference}')));
      assert.ok(templates.body.items.filter((item: { kind: string }) => item.kind !== 'message').every((item: { body: string }) => item.body.includes('Huis voor Klokkenluiders')));
    });
  });
});

describe("working a case, in the case's audit trail", () => {
  let t: TestServer;
  let token: string;
  before(async () => {
    t = await startTestServer();
    token = t.server.handlerToken!;
  });
  after(() => t.server.stop());

  /** The entries of the case's audit trail (the export itself is the last). */
  async function actions(caseId: string): Promise<{ action: string; details: Record<string, unknown>; seq: number }[]> {
    return (await t.api.call('getCaseAudit', { token, path: { caseId } })).body.entries;
  }

  it('records feedback, substatus, notes (added and read) and an exported record, with ids and codes only', async () => {
    const { caseId } = await createCase(t.api, token);
    await t.api.call('acknowledgeCase', { token, path: { caseId }, json: {} });
    await t.api.call('setCaseSubstatus', { token, path: { caseId }, json: { substatus: 'waiting-for-reporter' } });
    const note = (await t.api.call('addCaseNote', { token, path: { caseId }, json: { body: NOTE } })).body;
    await t.api.call('listCaseNotes', { token, path: { caseId } });
    await t.api.call('giveFeedback', { token, path: { caseId }, json: { message: 'Terugkoppeling.' } });
    const exported = await t.api.call('recordCaseExport', {
      token,
      path: { caseId },
      json: fixtures.find((f) => f.name === 'recordCaseExport/valid/with-consent')!.body,
    });
    assert.equal(exported.status, 201);
    const trail = await actions(caseId);
    const written = trail.map((entry) => entry.action);
    assert.deepEqual(written.slice(written.indexOf('substatus-changed')), ['substatus-changed', 'note-added', 'notes-read', 'feedback-given', 'record-exported', 'audit-exported']);
    const byAction = Object.fromEntries(trail.map((entry) => [entry.action, entry]));
    assert.deepEqual(byAction['substatus-changed']!.details, { to: 'waiting-for-reporter' });
    assert.deepEqual(byAction['note-added']!.details, { noteId: note.noteId, encrypted: false });
    assert.deepEqual(byAction['record-exported']!.details, { exportId: exported.body.exportId, includesIdentity: true, purpose: 'hand-over', identityBasis: 'consent' });
    assert.equal(byAction['record-exported']!.seq, exported.body.auditSeq, 'the printed record names its entry');
    assert.ok(!JSON.stringify(trail).includes('schoonzoon'), 'no note text in the trail');
  });

  it('refuses an export with the identity but no basis, and one of an unknown case, recording nothing', async () => {
    const { caseId } = await createCase(t.api, token);
    const before = (await actions(caseId)).length;
    const refused = await t.api.call('recordCaseExport', { token, path: { caseId }, json: { includesIdentity: true, purpose: 'hand-over' } });
    assert.equal(refused.status, 400);
    assert.equal((await t.api.call('recordCaseExport', { token, path: { caseId: 'c_doesnotexist' }, json: { includesIdentity: false, purpose: 'other' } })).status, 404);
    assert.equal((await actions(caseId)).length, before + 1, 'only the audit export of the check itself');
  });
});

describe('internal notes when the installation has an encryption key', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ encryption: true });
  });
  after(() => t.server.stop());

  it('requires sealed notes, refuses a plain one (422 encryption-required) and one sealed to another key (422)', async () => {
    const discovery = (await t.api.call('getDiscovery')).body;
    assert.equal(discovery.capabilities.caseManagement.notes.encryptionRequired, true);
    const token = t.server.handlerToken!;
    const { caseId } = await createCase(t.api, token, { role: 'civil-servant', category: 'bribery', encryptedContent: sealedWith(discovery.capabilities.encryption.keyId) });
    const plain = await t.api.call('addCaseNote', { token, path: { caseId }, json: { body: NOTE } });
    assert.equal(plain.status, 422);
    assert.equal(plain.body.code, 'encryption-required');
    const otherKey = await t.api.call('addCaseNote', { token, path: { caseId }, json: { encryptedBody: sealedWith('2020-01-key-0') } });
    assert.equal(otherKey.status, 422);
    const sealed = await t.api.call('addCaseNote', { token, path: { caseId }, json: { encryptedBody: sealedWith(discovery.capabilities.encryption.keyId) } });
    assert.equal(sealed.status, 201);
    const notes = await t.api.call('listCaseNotes', { token, path: { caseId } });
    assert.deepEqual(notes.body.items.map((n: { encryptedBody?: unknown; body?: string }) => [Boolean(n.encryptedBody), n.body]), [[true, undefined]]);
    const labels = (await t.api.call('getCase', { token, path: { caseId } })).body.labels;
    assert.equal(labels.questions, undefined, 'sealed content is labelled by the console after opening it');
    assert.equal(labels.category, 'Omkoping');
  });
});
