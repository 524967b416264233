// Protocols and tasks (contract 1.2, caseManagement.protocols) over real HTTP against the built
// server: the protocol's steps become a new case's tasks with due times from their offsets, the
// family step only when relatives are affected, the people affected by role only, ticks in the
// audit trail, overdue tasks counted (in total and per listed case), and the reporter's follow-up showing visible steps only.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { dueAtEndOfDay } from '../src/domain/protocol-tasks.js';
import { withWritableDatabase } from './helpers/database-tampering.js';
import { openSession, serverForSuite, type TestServer } from './helpers/server.js';

const THREAT = 'Twee mannen stonden bij mijn huis en noemden de namen van mijn kinderen.';
const councilThreat = (who: string[]) => ({ role: 'council-member', category: 'threat-intimidation', content: { description: THREAT, answers: { whoWasThreatened: who } } });

describe('protocols and tasks', () => {
  const suite = serverForSuite();
  const newCase = (report?: unknown) => suite.newCase(report);
  let t: TestServer;
  let token: string;
  before(() => ({ t, token } = suite));

  it('advertises protocols and serves them in both languages, as drafts for review with sources', async () => {
    assert.deepEqual((await t.api.call('getDiscovery')).body.capabilities.caseManagement.protocols, {});
    for (const lang of ['nl', 'en']) {
      const answer = await t.api.call('getProtocols', { token, query: { lang } });
      assert.equal(answer.status, 200);
      const ids = answer.body.items.map((p: { id: string }) => p.id);
      assert.deepEqual(ids, ['threat-council-member', 'threat-administrator', 'threat-official', 'bribery-civil-servant', 'infiltration', 'undue-pressure', 'bribery-office-holder', 'other-signal']);
      assert.ok(answer.body.items.every((p: { status: string }) => p.status === 'draft-for-review'));
    }
    assert.equal((await t.api.call('getProtocols')).status, 401);
  });

  it("makes the protocol's tasks when a council member reports a threat to their children, with due times and the family step", async () => {
    const { caseId } = await newCase(councilThreat(['me', 'children']));
    const found = await t.api.call('getCase', { token, path: { caseId } });
    assert.deepEqual(found.body.affectedPeople, ['self', 'children']);
    const tasks = await t.api.call('listCaseTasks', { token, path: { caseId }, query: { lang: 'en' } });
    assert.equal(tasks.status, 200);
    const steps = tasks.body.items.map((task: { stepId: string }) => task.stepId);
    assert.deepEqual(steps, ['report-internally', 'agree-approach', 'aftercare-conversation', 'fixed-contact-person', 'police-report', 'safety-at-home', 'family-support', 'monitoring']);
    const receivedAt = found.body.receivedAt as string;
    const byStep = Object.fromEntries(tasks.body.items.map((task: { stepId: string }) => [task.stepId, task]));
    assert.equal(byStep['aftercare-conversation'].dueAt, dueAtEndOfDay(receivedAt, 'PT0S', 'Europe/Amsterdam'));
    assert.equal(byStep['police-report'].dueAt, dueAtEndOfDay(receivedAt, 'P3D', 'Europe/Amsterdam'));
    assert.equal(byStep['aftercare-conversation'].title, 'Aftercare conversation planned');
    assert.ok(tasks.body.items.every((task: { status: string; ownerGroupId: string }) => task.status === 'open' && task.ownerGroupId === 'griffie'));
  });

  it('adds no family step when only the reporter was threatened, gives bribery other steps, and no tasks where no protocol applies', async () => {
    const alone = await newCase(councilThreat(['me']));
    const steps = async (caseId: string) => (await t.api.call('listCaseTasks', { token, path: { caseId } })).body.items.map((task: { stepId: string }) => task.stepId);
    assert.ok(!(await steps(alone.caseId)).includes('family-support'));
    const bribery = await newCase({ role: 'civil-servant', category: 'bribery', content: { description: 'Een aanvrager bood mij geld voor een vergunning.' } });
    assert.deepEqual(await steps(bribery.caseId), ['acknowledge', 'weigh-signal', 'feedback']);
    assert.equal((await t.api.call('getCase', { token, path: { caseId: bribery.caseId } })).body.affectedPeople, undefined);
    const infiltration = await newCase({ role: 'civil-servant', category: 'infiltration', content: { description: 'Een leverancier met onduidelijke eigenaren.' } });
    assert.deepEqual(await steps(infiltration.caseId), ['shield-report', 'acknowledge', 'weigh-signal', 'feedback']);
  });

  it('ticks a task off with who and when in the audit trail, once; opens it again; refuses an unknown task and bad input', async () => {
    const { caseId } = await newCase(councilThreat(['me']));
    const [first] = (await t.api.call('listCaseTasks', { token, path: { caseId } })).body.items;
    const done = await t.api.call('setTaskStatus', { token, path: { caseId, taskId: first.taskId }, json: { status: 'done' } });
    assert.equal(done.status, 200);
    assert.equal(done.body.status, 'done');
    assert.equal(done.body.doneBy.kind, 'handler-token');
    assert.ok(done.body.doneAt);
    await t.api.call('setTaskStatus', { token, path: { caseId, taskId: first.taskId }, json: { status: 'done' } });
    const actions = async () => (await t.api.call('getCaseAudit', { token, path: { caseId } })).body.entries.filter((entry: { action: string }) => entry.action.startsWith('task-'));
    assert.deepEqual((await actions()).map((entry: { action: string; details: object }) => [entry.action, entry.details]), [['task-done', { taskId: first.taskId }]], 'a second tick records nothing');
    const reopened = await t.api.call('setTaskStatus', { token, path: { caseId, taskId: first.taskId }, json: { status: 'open' } });
    assert.deepEqual([reopened.body.status, reopened.body.doneAt], ['open', undefined]);
    assert.equal((await actions()).length, 2);
    assert.equal((await t.api.call('setTaskStatus', { token, path: { caseId, taskId: 't_unknownunknown' }, json: { status: 'done' } })).status, 404);
    const bad = await t.api.call('setTaskStatus', { token, path: { caseId, taskId: first.taskId }, json: { status: 'finished' } });
    assert.equal(bad.status, 400);
    assert.equal((await actions()).length, 2, 'bad input changes nothing');
  });

  it("shows the reporter the visible steps only, with the date each was done, and never a hidden step's title", async () => {
    const { caseId, receipt } = await newCase(councilThreat(['partner']));
    const tasks = (await t.api.call('listCaseTasks', { token, path: { caseId }, query: { lang: 'nl' } })).body.items as { taskId: string; stepId: string; title: string; visibleToReporter: boolean }[];
    const hidden = tasks.filter((task) => !task.visibleToReporter);
    assert.ok(hidden.length >= 2, 'the seeded protocol has hidden steps');
    for (const task of tasks.filter((candidate) => ['report-internally', 'agree-approach'].includes(candidate.stepId))) {
      await t.api.call('setTaskStatus', { token, path: { caseId, taskId: task.taskId }, json: { status: 'done' } });
    }
    const session = await openSession(t.api, receipt);
    const view = await t.api.call('getFollowUpCase', { token: session });
    assert.equal(view.status, 200);
    const shown = view.body.steps as { title: string; done: boolean; doneAt?: string }[];
    assert.deepEqual(shown.map((step) => step.title), tasks.filter((task) => task.visibleToReporter).map((task) => task.title));
    assert.ok(shown[0]!.done && shown[0]!.doneAt, 'the done step carries its date');
    assert.ok(shown.slice(1).every((step) => !step.done && step.doneAt === undefined));
    const text = JSON.stringify(view.body);
    for (const task of hidden) assert.ok(!text.includes(task.title), `hidden step "${task.title}" is not shown`);
    assert.ok(!text.includes('"griffie"') && !text.includes('handler-token'), 'no owner or actor reaches the reporter');
  });

  it('counts overdue tasks where the inbox counts overdue cases, and per case in the list (one query, both engines)', async () => {
    const counts = await t.api.call('countCases', { token });
    assert.equal(counts.status, 200);
    assert.equal(typeof counts.body.overdueTasks, 'number');

    const late = await newCase(councilThreat(['me']));
    const onTime = await newCase(councilThreat(['me']));
    const [first, ...rest] = (await t.api.call('listCaseTasks', { token, path: { caseId: late.caseId } })).body.items as { taskId: string }[];
    // Simulated time: the late case's tasks were due an hour ago; one of them is done (done tasks are not overdue).
    await withWritableDatabase(t.server, (db) => db.run("UPDATE case_tasks SET due_at = ? WHERE case_id = ?", [new Date(Date.now() - 3_600_000).toISOString(), late.caseId]));
    await t.api.call('setTaskStatus', { token, path: { caseId: late.caseId, taskId: first!.taskId }, json: { status: 'done' } });
    const overdueOf = async (query: Record<string, string>) => {
      const listed = await t.api.call('listCases', { token, query: { pageSize: '100', role: 'council-member', ...query } });
      assert.equal(listed.status, 200);
      const items = listed.body.items as { caseId: string; overdueTasks?: number }[];
      return [late.caseId, onTime.caseId].map((caseId) => items.find((item) => item.caseId === caseId)?.overdueTasks);
    };
    assert.deepEqual(await overdueOf({}), [rest.length, 0]);
    assert.deepEqual(await overdueOf({ paging: 'cursor' }), [rest.length, 0], 'cursor paging too');
    assert.ok((await t.api.call('countCases', { token })).body.overdueTasks >= counts.body.overdueTasks + rest.length);
  });

  it('lists support for relatives: Slachtofferhulp, and the emergency number that always stays', async () => {
    const answer = await t.api.call('getSupportContacts', { query: { forRelatives: 'true' } });
    assert.deepEqual(answer.body.items.map((contact: { id: string }) => contact.id), ['alarmnummer-112', 'slachtofferhulp-nederland']);
  });
});

describe('due times', () => {
  it('are due at the end of the day the offset leads to, in the organisation time zone (winter and summer time)', () => {
    assert.equal(dueAtEndOfDay('2026-11-28T09:30:00.000Z', 'PT0S', 'Europe/Amsterdam'), '2026-11-28T23:00:00.000Z');
    assert.equal(dueAtEndOfDay('2026-11-28T23:30:00.000Z', 'PT0S', 'Europe/Amsterdam'), '2026-11-29T23:00:00.000Z', 'after local midnight it is the next day');
    assert.equal(dueAtEndOfDay('2026-11-28T09:30:00.000Z', 'P3D', 'Europe/Amsterdam'), '2026-12-01T23:00:00.000Z');
    assert.equal(dueAtEndOfDay('2026-07-01T09:30:00.000Z', 'P1D', 'Europe/Amsterdam'), '2026-07-02T22:00:00.000Z');
  });
});
