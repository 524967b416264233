// The chain hand-over (contract 1.2, createHandOver/listHandOvers/getHandOver; the CCV model
// protocol's four exits): the redacted package holds the handler's summary, never the report's text,
// and the reporter's identity only with recorded, dated consent; the RIEC needs a legal basis (422,
// nothing changes); every hand-over is in the trail without content; the reporter sees only
// "Doorverwezen" / "Referred", once.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { openSession, serverForSuite, type TestServer } from './helpers/server.js';

const CONTACT = { name: 'Fatima Bakr', email: 'f.bakr@gemeente.example', phone: '+31 6 1234 5678', preferredChannel: 'email' } as const;
const DESCRIPTION = 'Een raadslid kreeg een dreigbrief met het adres van haar kinderen erin.';
const RIEC_BASIS = {
  text: 'Convenant RIEC/LIEC en het privacyprotocol daarbij (gezamenlijke verwerkingsverantwoordelijken, AVG art. 26)',
  source: { title: 'Convenant en privacyprotocol RIEC/LIEC' },
};

describe('the chain hand-over', () => {
  const suite = serverForSuite();
  let t: TestServer;
  let token: string;
  before(() => {
    ({ t, token } = suite);
  });

  const threat = (locale = 'nl') =>
    suite.newCase({ role: 'council-member', category: 'threat-intimidation', locale, content: { description: DESCRIPTION, location: 'Raadhuisplein 1', answers: { whoWasThreatened: ['me', 'children'] }, contact: CONTACT } });
  const handedOver = async (caseId: string) =>
    (await t.api.call('getCaseAudit', { token, path: { caseId } })).body.entries.filter((entry: { action: string }) => entry.action === 'handed-over');
  const referredSteps = async (receipt: string) => {
    const view = await t.api.call('getFollowUpCase', { token: await openSession(t.api, receipt) });
    return { steps: view.body.steps as { title: string; done: boolean }[], text: JSON.stringify(view.body) };
  };

  it('hands a threat over to the RIEC without the identity; the reporter sees only "Doorverwezen"', async () => {
    const { caseId, receipt } = await threat();
    const before = await referredSteps(receipt);
    const made = await t.api.call('createHandOver', { token, path: { caseId }, json: { exit: 'riec', summary: 'Dreiging tegen een raadslid en haar kinderen; dader mogelijk uit het criminele milieu.', legalBasis: RIEC_BASIS } });
    assert.equal(made.status, 201);
    assert.equal(made.body.exit, 'riec');
    assert.deepEqual(made.body.legalBasis, RIEC_BASIS);
    assert.deepEqual(made.body.affectedPeople, ['self', 'children']);
    assert.equal(made.body.reporter, undefined);
    const text = JSON.stringify(made.body);
    for (const identity of [CONTACT.name, CONTACT.email, CONTACT.phone, 'council-member', DESCRIPTION, 'Raadhuisplein']) assert.ok(!text.includes(identity), `the package holds no "${identity}"`);
    const read = await t.api.call('getHandOver', { token, path: { caseId, handOverId: made.body.handOverId } });
    assert.deepEqual(read.body, made.body, 'the package reads back as it was made');

    const after = await referredSteps(receipt);
    assert.deepEqual(after.steps.slice(0, before.steps.length), before.steps);
    assert.deepEqual(after.steps.slice(before.steps.length), [{ title: 'Doorverwezen', done: true, doneAt: made.body.handedOverAt }]);
    for (const hidden of ['riec', 'RIEC', 'Convenant', 'hand-over', made.body.handOverId]) assert.ok(!after.text.includes(hidden), `the reporter sees no "${hidden}"`);
    const entries = await handedOver(caseId);
    assert.deepEqual(entries.map((entry: { details: object }) => entry.details), [{ handOverId: made.body.handOverId, exit: 'riec', consent: false }]);
  });

  it('includes the identity only with consent and its date, lists without content, refers once, in the report\'s language', async () => {
    const { caseId, receipt } = await threat('en');
    const department = await t.api.call('createHandOver', { token, path: { caseId }, json: { exit: 'department', department: 'Openbare orde en veiligheid', summary: 'Camerabeelden bij het huis bekijken.', reporterConsent: { givenOn: '2026-01-05' } } });
    assert.equal(department.status, 201);
    assert.deepEqual(department.body.reporterConsent, { givenOn: '2026-01-05' });
    assert.deepEqual(department.body.reporter, { role: 'council-member', name: CONTACT.name, email: CONTACT.email, phone: CONTACT.phone });
    const analysis = await t.api.call('createHandOver', { token, path: { caseId }, json: { exit: 'analysis', summary: 'Patroon met eerdere meldingen nagaan.' } });
    const riec = await t.api.call('createHandOver', { token, path: { caseId }, json: { exit: 'riec', summary: 'Zie eerdere signalen.', legalBasis: { text: 'Wet Bibob: het RIEC ondersteunt, de gemeente beslist', source: { title: 'Wet Bibob' } } } });
    assert.equal(riec.status, 201);
    const list = await t.api.call('listHandOvers', { token, path: { caseId } });
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.items.map((item: { exit: string; reporterConsent: boolean }) => [item.exit, item.reporterConsent]), [['department', true], ['analysis', false], ['riec', false]]);
    assert.ok(!JSON.stringify(list.body).includes(CONTACT.email) && !JSON.stringify(list.body).includes('Camerabeelden'), 'the list holds no identity or summary');
    assert.deepEqual((await handedOver(caseId)).map((entry: { details: { consent: boolean } }) => entry.details.consent), [true, false, false]);
    assert.equal(analysis.body.reporter, undefined);
    const { steps } = await referredSteps(receipt);
    assert.deepEqual(steps.filter((step) => step.title === 'Referred').length, 1, 'one step however often it is referred');
    assert.ok(!steps.some((step) => step.title === 'Doorverwezen'));
  });

  it('refuses the RIEC without a legal basis (422 naming the field), a department without its name, and consent dated later, with nothing changed', async () => {
    const { caseId, receipt } = await threat();
    const tasks = async () => (await t.api.call('listCaseTasks', { token, path: { caseId } })).body.items.length;
    const tasksBefore = await tasks();
    const riec = await t.api.call('createHandOver', { token, path: { caseId }, json: { exit: 'riec', summary: 'Zonder grondslag.' } });
    assert.equal(riec.status, 422);
    assert.equal(riec.body.code, 'hand-over-incomplete');
    assert.deepEqual(riec.body.errors.map((error: { pointer: string }) => error.pointer), ['/legalBasis']);
    const department = await t.api.call('createHandOver', { token, path: { caseId }, json: { exit: 'department', summary: 'Zonder afdeling.', reporterConsent: { givenOn: '2999-01-01' } } });
    assert.equal(department.status, 422);
    assert.deepEqual(department.body.errors.map((error: { pointer: string }) => error.pointer), ['/department', '/reporterConsent/givenOn']);
    const unknownExit = await t.api.call('createHandOver', { token, path: { caseId }, json: { exit: 'police', summary: 'Aangifte.' } });
    assert.equal(unknownExit.status, 400);
    const noSource = await t.api.call('createHandOver', { token, path: { caseId }, json: { exit: 'riec', summary: 'Bron ontbreekt.', legalBasis: { text: 'Convenant' } } });
    assert.equal(noSource.status, 400);
    assert.deepEqual((await t.api.call('listHandOvers', { token, path: { caseId } })).body.items, []);
    assert.deepEqual(await handedOver(caseId), []);
    assert.equal(await tasks(), tasksBefore);
    assert.ok(!(await referredSteps(receipt)).steps.some((step) => step.title === 'Doorverwezen'));
    assert.equal((await t.api.call('createHandOver', { token, path: { caseId: 'c_unknownunknown1' }, json: { exit: 'analysis', summary: 'x' } })).status, 404);
    assert.equal((await t.api.call('getHandOver', { token, path: { caseId, handOverId: 'ho_unknownunknown' } })).status, 404);
    assert.equal((await t.api.call('createHandOver', { path: { caseId }, json: { exit: 'analysis', summary: 'x' } })).status, 401);
  });

  it('no action: nothing for the reporter but the closing; closes the case as no-action-needed at once, retention deletes it after a year', async () => {
    const { caseId, receipt } = await threat();
    const made = await t.api.call('createHandOver', { token, path: { caseId }, json: { exit: 'no-action', summary: 'Geen aanleiding tot verdere stappen.' } });
    assert.equal(made.status, 201);
    assert.ok(!(await referredSteps(receipt)).steps.some((step) => step.title === 'Doorverwezen'));
    const closed = (await t.api.call('getCase', { token, path: { caseId } })).body;
    assert.equal(closed.status, 'closed');
    assert.equal(closed.outcome, 'no-action-needed');
    assert.ok(closed.deadlines.acknowledgedAt, 'a case closed before it was acknowledged is acknowledged with it');
    const trail = (await t.api.call('getCaseAudit', { token, path: { caseId } })).body.entries as { action: string; at: string; details: Record<string, unknown> }[];
    const weighing = trail.filter((entry) => entry.at === made.body.handedOverAt).map((entry) => [entry.action, entry.details.to ?? entry.details.exit]);
    assert.deepEqual(weighing, [['handed-over', 'no-action'], ['acknowledged', undefined], ['status-changed', 'acknowledged'], ['status-changed', 'closed']]);
    // Reading the retention state: lifting a hold the case does not have changes nothing.
    const retention = (await t.api.call('setLegalHold', { token, path: { caseId }, json: { legalHold: false } })).body;
    const days = (Date.parse(retention.deleteOn) - Date.parse(new Date().toISOString().slice(0, 10))) / 86_400_000;
    assert.equal(days, 365, 'deleted a year after closing, by the no-action-needed period');
  });

  it('no action on a case closed before keeps the outcome it has; a refused no-action closes nothing', async () => {
    const { caseId } = await threat();
    const refused = await t.api.call('createHandOver', { token, path: { caseId }, json: { exit: 'no-action', summary: '' } });
    assert.equal(refused.status, 400);
    assert.equal((await t.api.call('getCase', { token, path: { caseId } })).body.status, 'received');
    await t.api.call('setCaseStatus', { token, path: { caseId }, json: { status: 'closed', outcome: 'measures-taken' } });
    const made = await t.api.call('createHandOver', { token, path: { caseId }, json: { exit: 'no-action', summary: 'Achteraf gewogen: geen verdere stappen.' } });
    assert.equal(made.status, 201);
    const found = (await t.api.call('getCase', { token, path: { caseId } })).body;
    assert.deepEqual([found.status, found.outcome], ['closed', 'measures-taken']);
  });
});
