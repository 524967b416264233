// Aftercare check-ins (contract 1.2) over real HTTP against the built server: scheduled with a
// threat case from its protocol (1, 7, 30 and 90 days), answered by the reporter with three short
// questions (the follow-up giving the days still to come), a worrying answer or a missed one turned into a task for the caretaker's group by the
// job runner, going on after the case is closed, and stopped by the reporter. Time is simulated by
// moving the check-ins' times and their jobs' run times into the past in the database, as the
// retention tests do; the job runner polls every 100 ms, and the test polls for what it expects.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { idempotencyKey, MINIMAL_REPORT } from './helpers/contract-client.js';
import { withWritableDatabase } from './helpers/database-tampering.js';
import { openSession, serverForSuite, type TestServer } from './helpers/server.js';

const DAY = 86_400_000;
const WORRIED = { wellbeing: 'not-well', feelsSafe: 'no', wantsContact: true, text: 'Er stond gisteren weer een auto voor mijn huis.' };
const FINE = { wellbeing: 'good', feelsSafe: 'yes', wantsContact: false };
const dayInAmsterdam = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(iso));

describe('aftercare check-ins', () => {
  const suite = serverForSuite({ env: { WEERBAAR_JOBS_POLL_MILLISECONDS: '100' } });
  let t: TestServer;
  let token: string;
  before(() => ({ t, token } = suite));

  type CheckIn = { checkInId: string; opensAt: string; dueAt: string; status: string; taskId?: string; answer?: object };
  const reporterList = async (session: string) => (await t.api.call('listFollowUpCheckIns', { token: session })).body as { items: CheckIn[]; stopped: boolean };
  const handlerList = async (caseId: string) => (await t.api.call('listCaseCheckIns', { token, path: { caseId } })).body as { items: CheckIn[]; stopped: boolean };
  const taskSteps = async (caseId: string) => (await t.api.call('listCaseTasks', { token, path: { caseId } })).body.items.map((task: { stepId: string }) => task.stepId) as string[];

  /** As if the check-in opened `days` days ago (and, with `due`, was due an hour ago): its due job runs at the next poll. */
  async function moveIntoPast(checkInId: string, { due }: { due: boolean }): Promise<void> {
    const now = Date.now();
    await withWritableDatabase(t.server, async (db) => {
      await db.run('UPDATE case_check_ins SET opens_at = ? WHERE id = ?', [new Date(now - DAY).toISOString(), checkInId]);
      if (due) {
        await db.run('UPDATE case_check_ins SET due_at = ? WHERE id = ?', [new Date(now - 3600_000).toISOString(), checkInId]);
        await db.run('UPDATE jobs SET run_at = ? WHERE job_key = ?', [new Date(now - 1000).toISOString(), `check-in:due:${checkInId}`]);
      }
    });
  }

  /** Polls until `check` holds (the job runner works in the background), at most 30 seconds. */
  async function eventually<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
    let value = await read();
    for (let waited = 0; !check(value) && waited < 30_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      value = await read();
    }
    assert.ok(check(value), `${what}: ${JSON.stringify(value)}`);
    return value;
  }

  /** The check-in days the reporter's follow-up gives (for its calendar file); undefined when it gives none. */
  const comingDays = async (session: string) => (await t.api.call('getFollowUpCase', { token: session })).body.checkInDays as string[] | undefined;

  const jobState = (checkInId: string) =>
    withWritableDatabase(t.server, (db) => db.all<{ state: string }>('SELECT state FROM jobs WHERE job_key = ?', [`check-in:due:${checkInId}`]));

  it('schedules four check-ins with a threat case, answers a worrying one into a task, keeps going after closing, and stops', async () => {
    const { caseId, receipt } = await suite.newCase(MINIMAL_REPORT);
    const receivedAt = Date.parse((await t.api.call('getCase', { token, path: { caseId } })).body.receivedAt);
    const session = await openSession(t.api, receipt);
    const listed = await reporterList(session);
    assert.deepEqual(listed.items.map((c) => [(Date.parse(c.opensAt) - receivedAt) / DAY, c.status]), [[1, 'scheduled'], [7, 'scheduled'], [30, 'scheduled'], [90, 'scheduled']]);
    assert.ok(listed.items.every((c) => Date.parse(c.dueAt) > Date.parse(c.opensAt) + DAY), 'answerable for two days');
    assert.equal(listed.stopped, false);
    const [first, second, third, fourth] = listed.items as [CheckIn, CheckIn, CheckIn, CheckIn];
    const before = await taskSteps(caseId);

    const early = await t.api.call('answerFollowUpCheckIn', { token: session, path: { checkInId: first.checkInId }, json: FINE });
    assert.equal(early.status, 409, 'not open before its day');

    await moveIntoPast(first.checkInId, { due: false });
    assert.equal((await reporterList(session)).items[0]!.status, 'open');
    const answered = await t.api.call('answerFollowUpCheckIn', { token: session, path: { checkInId: first.checkInId }, json: WORRIED });
    assert.equal(answered.status, 200);
    assert.equal(answered.body.status, 'answered');
    assert.deepEqual(await comingDays(session), [second, third, fourth].map((c) => dayInAmsterdam(c.opensAt)), 'an answered check-in is no longer to come');
    assert.equal((await t.api.call('answerFollowUpCheckIn', { token: session, path: { checkInId: first.checkInId }, json: FINE })).status, 409, 'an answer is final');
    const afterAnswer = await eventually('the worrying answer became a task', () => taskSteps(caseId), (steps) => steps.includes('check-in-worry'));
    assert.deepEqual(afterAnswer, [...before, 'check-in-worry']);
    const handlerView = await handlerList(caseId);
    assert.deepEqual(handlerView.items[0]!.answer, WORRIED);
    assert.ok(handlerView.items[0]!.taskId);
    const tasks = (await t.api.call('listCaseTasks', { token, path: { caseId }, query: { lang: 'nl' } })).body.items as { stepId: string; ownerGroupId: string; visibleToReporter: boolean }[];
    const made = tasks.find((task) => task.stepId === 'check-in-worry')!;
    assert.deepEqual([made.ownerGroupId, made.visibleToReporter], ['integrity-officers', false]);

    // Closed: the check-ins go on; the second is missed, and becomes a task.
    await t.api.call('setCaseStatus', { token, path: { caseId }, json: { status: 'closed', outcome: 'measures-taken' } });
    await moveIntoPast(second.checkInId, { due: true });
    await eventually('the missed check-in became a task', () => taskSteps(caseId), (steps) => steps.includes('check-in-missed'));
    assert.equal((await handlerList(caseId)).items[1]!.status, 'missed');
    assert.deepEqual(await comingDays(session), [third, fourth].map((c) => dayInAmsterdam(c.opensAt)), 'a day gone by is not to come, also after closing');

    // A fine answer is no task.
    await moveIntoPast(third.checkInId, { due: false });
    assert.equal((await t.api.call('answerFollowUpCheckIn', { token: session, path: { checkInId: third.checkInId }, json: FINE })).status, 200);

    // Stopped: the rest are cancelled, and the fourth's due job makes no task.
    assert.equal((await t.api.call('stopFollowUpCheckIns', { token: session })).status, 204);
    const stopped = await reporterList(session);
    assert.deepEqual([stopped.stopped, stopped.items.map((c) => c.status)], [true, ['answered', 'missed', 'answered', 'cancelled']]);
    assert.equal(await comingDays(session), undefined, 'stopped: no days to come');
    await moveIntoPast(fourth.checkInId, { due: true });
    await eventually("the fourth check-in's job ran", () => jobState(fourth.checkInId), (rows) => rows[0]?.state === 'done');
    assert.deepEqual((await taskSteps(caseId)).filter((step) => step.startsWith('check-in-')), ['check-in-worry', 'check-in-missed']);
    assert.equal((await t.api.call('answerFollowUpCheckIn', { token: session, path: { checkInId: fourth.checkInId }, json: FINE })).status, 409, 'a cancelled check-in takes no answer');

    const trail = JSON.stringify((await t.api.call('getCaseAudit', { token, path: { caseId } })).body.entries);
    for (const action of ['check-in-answered', 'check-in-task-made', 'check-ins-stopped']) assert.ok(trail.includes(`"${action}"`), action);
    assert.ok(!trail.includes('not-well') && !trail.includes('auto voor mijn huis'), 'the answer stays out of the trail');
  });

  it('has no check-ins where the protocol has none, and refuses a bad answer with nothing changed', async () => {
    const bribery = await suite.newCase({ role: 'civil-servant', category: 'bribery', content: { description: 'Een aanvrager bood mij geld voor een vergunning.' } });
    const session = await openSession(t.api, bribery.receipt);
    assert.deepEqual(await reporterList(session), { items: [], stopped: false });

    const threat = await suite.newCase(MINIMAL_REPORT);
    const threatSession = await openSession(t.api, threat.receipt);
    const [first] = (await reporterList(threatSession)).items as [CheckIn];
    await moveIntoPast(first.checkInId, { due: false });
    const bad = await t.api.call('answerFollowUpCheckIn', { token: threatSession, path: { checkInId: first.checkInId }, json: { ...FINE, wellbeing: 'niet zo goed' } });
    assert.equal(bad.status, 400);
    assert.equal((await reporterList(threatSession)).items[0]!.status, 'open');
    assert.equal((await t.api.call('answerFollowUpCheckIn', { token: session, path: { checkInId: first.checkInId }, json: FINE })).status, 404, "another case's check-in is not found");
    assert.equal((await t.api.call('listFollowUpCheckIns')).status, 401);
  });

  it("gives the receipt the days the check-ins open (organisation's time zone), and tells follow-up whether relatives are affected", async () => {
    const submit = (report: object) => t.api.call('submitReport', { json: report, headers: { 'Idempotency-Key': idempotencyKey() } });
    const family = await submit({ role: 'council-member', category: 'threat-intimidation', content: { description: 'Een dreigbrief op de mat.', answers: { whoWasThreatened: ['me', 'children'] } } });
    assert.equal(family.status, 201);
    const familySession = await openSession(t.api, family.body.receipt);
    const opens = (await reporterList(familySession)).items.map((checkIn) => dayInAmsterdam(checkIn.opensAt));
    assert.equal(opens.length, 4);
    assert.deepEqual(family.body.checkInDays, opens);
    const followed = (await t.api.call('getFollowUpCase', { token: familySession })).body;
    assert.equal(followed.relativesAffected, true);
    assert.deepEqual(followed.checkInDays, family.body.checkInDays, "the follow-up gives the receipt's days while all are to come");

    const alone = await submit(MINIMAL_REPORT);
    assert.equal((await t.api.call('getFollowUpCase', { token: await openSession(t.api, alone.body.receipt) })).body.relativesAffected, false);
    const bribery = await submit({ role: 'civil-servant', category: 'bribery', content: { description: 'Een aanvrager bood mij geld voor een vergunning.' } });
    assert.equal(bribery.status, 201);
    assert.ok(!('checkInDays' in bribery.body), 'no check-ins, no dates');
    assert.ok(!('checkInDays' in (await t.api.call('getFollowUpCase', { token: await openSession(t.api, bribery.body.receipt) })).body), 'nor in follow-up');
  });
});
