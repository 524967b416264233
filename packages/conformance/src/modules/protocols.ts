// Protocols and tasks (contract 1.2, `caseManagement.protocols`): a step the reporter may not see
// never reaches the reporter, a case's tasks are due when its protocol says, and the people a
// report says were affected are named by role only; the reporter's check-ins follow the schedule.
import type { Schema } from '@weerbaar/spec';
import type { CaseView, ConformanceModule, RunContext } from '../context.js';

const HIDDEN_STEPS = 'WRA-PRO-01';
const DUE_TIMES = 'WRA-PRO-02';
const ROLES_ONLY = 'WRA-PRO-03';
const CHECK_INS = 'WRA-PRO-04';
const CHECK_IN_DATES = 'WRA-PRO-05';
const DAY_MS = 86_400_000;

const AFFECTED_ROLES: ReadonlySet<string> = new Set(['self', 'partner', 'children', 'other-relatives', 'colleagues', 'others']);
const HOUR_MS = 3_600_000;

/** The offset of a `DueOffset` in milliseconds. */
function offsetMs(due: string): number | undefined {
  const match = /^P(?:(\d+)D|T(\d+)H|T0S)$/.exec(due);
  return match ? (Number(match[1] ?? 0) * 24 + Number(match[2] ?? 0)) * HOUR_MS : undefined;
}

/** A threat against a council member whose family was affected, where the form asks who was threatened. */
async function threatReport(context: RunContext): Promise<{ body: Record<string, unknown>; marker: string }> {
  const { body, marker } = await context.reportBody();
  const report: Record<string, unknown> = { ...body, role: 'council-member', category: 'threat-intimidation' };
  const form = await context.client.send({ operationId: 'getReportForm' });
  const asks = (form.json as Schema<'ReportForm'> | undefined)?.questions.find((question) => question.id === 'whoWasThreatened');
  const content = report.content as Schema<'ReportContent'> | undefined;
  if (!content || !asks?.options?.length) return { body: report, marker };
  return { body: { ...report, content: { ...content, answers: { whoWasThreatened: asks.options.slice(0, 2).map((option) => option.id) } } }, marker };
}

async function run(context: RunContext): Promise<void> {
  const { record } = context;
  const { body, marker } = await threatReport(context);
  const exchange = await context.submit(body, context.newIdempotencyKey(), marker);
  const report = context.reports.find((candidate) => candidate.receipt.receipt === (exchange.json as { receipt?: string } | undefined)?.receipt);
  const found: CaseView | undefined = report ? await context.findCase(report) : undefined;
  if (!report || !found) {
    for (const id of [HIDDEN_STEPS, DUE_TIMES, ROLES_ONLY, CHECK_INS, CHECK_IN_DATES]) record.skip(id, `no submitted report could be found through case management (POST /reports answered ${exchange.status})`);
    return;
  }
  const tasksAnswer = await context.client.send({ operationId: 'listCaseTasks', headers: context.handlerHeaders, pathParams: { caseId: found.caseId } });
  const tasks = (tasksAnswer.json as Schema<'TaskList'> | undefined)?.items ?? [];

  // Due times: between the protocol's offset after receipt and the end of that day (25 hours for a time-zone change).
  const protocols = (await context.client.send({ operationId: 'getProtocols', headers: context.handlerHeaders })).json as Schema<'ProtocolCollection'> | undefined;
  const late = tasks.find((task) => {
    const step = protocols?.items.find((protocol) => protocol.id === task.protocolId)?.steps.find((candidate) => candidate.id === task.stepId);
    const offset = step ? offsetMs(step.due) : undefined;
    const earliest = Date.parse(found.receivedAt) + (offset ?? NaN);
    const due = Date.parse(task.dueAt);
    return !(due >= earliest && due <= earliest + 25 * HOUR_MS);
  });
  record.expect(
    DUE_TIMES,
    tasksAnswer.status === 200 && late === undefined,
    late ? `task ${late.stepId} is due ${late.dueAt}, not by the end of the day its protocol's offset leads to` : `GET …/tasks answered ${tasksAnswer.status}`,
    context.evidence(tasksAnswer),
    "every task is due at the end of the day its protocol step's offset after receipt leads to",
  );

  // Roles only: every affected person is a role of the contract, nothing else.
  const affected = (found as { affectedPeople?: unknown[] }).affectedPeople ?? [];
  const named = affected.find((value) => typeof value !== 'string' || !AFFECTED_ROLES.has(value));
  record.expect(ROLES_ONLY, named === undefined, `the case names an affected person other than by role (${JSON.stringify(named)})`, undefined, 'the people affected are listed by role only, never by name');

  // Hidden steps: tick every task off, then read what the reporter sees.
  for (const task of tasks) {
    await context.client.send({ operationId: 'setTaskStatus', headers: context.handlerHeaders, pathParams: { caseId: found.caseId, taskId: task.taskId }, json: { status: 'done' } });
  }
  const { token } = await context.openSession(report.receipt.receipt);
  if (!token) {
    for (const id of [HIDDEN_STEPS, CHECK_INS, CHECK_IN_DATES]) record.skip(id, "the reporter's receipt did not open a follow-up session");
    return;
  }
  const headers = { Authorization: `Bearer ${token}` };
  const view = await context.client.send({ operationId: 'getFollowUpCase', headers });

  // Check-ins: one for every day of the protocol's schedule, none dropped, each due after it opens.
  const schedule = protocols?.items.find((protocol) => protocol.categories.includes('threat-intimidation') && protocol.roles.includes('council-member'))?.checkIns;
  const checkIns = await context.client.send({ operationId: 'listFollowUpCheckIns', headers });
  const listed = (checkIns.json as Schema<'FollowUpCheckIns'> | undefined)?.items ?? [];
  const openDays = listed.map((checkIn) => Math.round((Date.parse(checkIn.opensAt) - Date.parse(found.receivedAt)) / DAY_MS));
  const expectedDays = (schedule?.offsets ?? []).map((offset) => Number(/^P(\d+)D$/.exec(offset)?.[1]));
  const missing = expectedDays.filter((day) => !openDays.includes(day));
  const dueBeforeOpen = listed.find((checkIn) => !(Date.parse(checkIn.dueAt) > Date.parse(checkIn.opensAt)));
  if (!schedule) record.skip(CHECK_INS, 'the protocol for a threat against a council member has no check-ins');
  else
    record.expect(
      CHECK_INS,
      checkIns.status === 200 && missing.length === 0 && dueBeforeOpen === undefined,
      checkIns.status !== 200 ? `GET /follow-up/check-ins answered ${checkIns.status}` : missing.length ? `no check-in opens on day ${missing.join(', ')} of the protocol's schedule` : 'a check-in is due before it opens',
      context.evidence(checkIns),
      "the reporter's check-ins follow the protocol's schedule: none is dropped",
    );

  // The receipt's check-in days (for a calendar file): one per check-in, on the day it opens
  // (the organisation's time zone is within a day of UTC), absent only when there are none.
  const dates = (exchange.json as Schema<'ReportReceipt'> | undefined)?.checkInDays ?? [];
  const offDay = listed.find((checkIn, index) => {
    const day = Date.parse(`${dates[index] ?? ''}T12:00:00Z`);
    return !(Math.abs(day - Date.parse(checkIn.opensAt)) <= 1.5 * DAY_MS);
  });
  if (checkIns.status !== 200) record.skip(CHECK_IN_DATES, `GET /follow-up/check-ins answered ${checkIns.status}`);
  else
    record.expect(
      CHECK_IN_DATES,
      dates.length === listed.length && offDay === undefined,
      dates.length !== listed.length ? `the receipt gives ${dates.length} check-in days for ${listed.length} check-ins` : `the receipt's day for the check-in opening ${offDay?.opensAt} is another day`,
      context.evidence(exchange),
      "the receipt gives the day each check-in opens, one per check-in",
    );
  await context.client.send({ operationId: 'closeFollowUpSession', headers });
  const steps = (view.json as Schema<'FollowUpCase'> | undefined)?.steps ?? [];
  const hidden = tasks.filter((task) => !task.visibleToReporter);
  const shown = hidden.find((task) => view.text.includes(task.title));
  record.expect(
    HIDDEN_STEPS,
    shown === undefined && steps.length <= tasks.length - hidden.length,
    shown ? `the reporter sees the hidden step "${shown.stepId}"` : `the reporter sees ${steps.length} steps, more than the ${tasks.length - hidden.length} visible ones`,
    context.evidence(view),
    "the reporter's follow-up never shows a step that is not visible to the reporter",
  );
}

export const protocolsModule: ConformanceModule = {
  id: 'protocols',
  profile: 'protocols',
  title: 'Protocols and tasks: hidden steps, due times, affected people by role, check-ins and their days (1.2)',
  checks: [
    { id: HIDDEN_STEPS, title: "The reporter's follow-up never shows a step not visible to the reporter.", requirement: 'components.schemas.FollowUpCase.steps; components.schemas.ProtocolStep.visibleToReporter', severity: 'MUST' },
    { id: DUE_TIMES, title: "A case's tasks are due when their protocol step's offset says.", requirement: 'paths./cases/{caseId}/tasks; components.schemas.DueOffset', severity: 'MUST' },
    { id: ROLES_ONLY, title: 'The people a report says were affected are listed by role, never by name.', requirement: 'components.schemas.Case.affectedPeople; components.schemas.AffectedRole', severity: 'MUST' },
    { id: CHECK_INS, title: "The reporter's aftercare check-ins follow the protocol's schedule; none is dropped.", requirement: 'paths./follow-up/check-ins; components.schemas.CheckInSchedule', severity: 'MUST' },
    { id: CHECK_IN_DATES, title: "The receipt gives the day each aftercare check-in opens, one per check-in.", requirement: 'components.schemas.ReportReceipt.checkInDays', severity: 'MUST' },
  ],
  run,
};
