// The safety net's loose ends (contract 1.2, `caseManagement.protocols`): relatives a handler
// records as affected reach the reporter's follow-up (`relativesAffected`, so a client shows support
// for them) and add the protocol's family-support tasks; the follow-up gives the receipt's check-in
// days (for its calendar file); the case list says which case has an overdue task; a `no-action` hand-over closes the case
// itself as `no-action-needed`, so retention's year starts at the weighing. One synthetic threat
// report against a council member serves both, in that order: the hand-over closes it last.
import type { Schema } from '@weerbaar/spec';
import type { ConformanceModule, RunContext } from '../context.js';

const NO_ACTION_CLOSES = 'WRA-PRO-08';
const RELATIVES_REACH_REPORTER = 'WRA-PRO-09';
const OVERDUE_LISTED = 'WRA-PRO-10';
const FOLLOW_UP_CHECK_IN_DAYS = 'WRA-FU-10';
/** How many pages of 100 cases the kit reads looking for a case with an overdue task. */
const OVERDUE_PAGES = 20;
/** Tasks due this close to the kit's clock may be counted either way (the backend's clock may differ a little). */
const CLOCK_MARGIN_MS = 60_000;

/** The reporter and a relative (`partner` is one of the contract's relatives). */
const SELF_AND_PARTNER: Schema<'AffectedRole'>[] = ['self', 'partner'];

/** The family-support steps of the protocol for a threat against a council member (none when it has none). */
async function familySteps(context: RunContext): Promise<{ protocolId: string; stepId: string }[]> {
  const protocols = (await context.client.send({ operationId: 'getProtocols', headers: context.handlerHeaders })).json as Schema<'ProtocolCollection'> | undefined;
  const protocol = protocols?.items.find((candidate) => candidate.categories.includes('threat-intimidation') && candidate.roles.includes('council-member'));
  return (protocol?.steps ?? []).filter((step) => step.onlyWhenFamilyAffected).map((step) => ({ protocolId: protocol!.id, stepId: step.id }));
}

/** The case list's summaries, newest first, page by page (cursor paging), until `stop` finds one or the pages run out. */
async function findSummary(context: RunContext, stop: (summary: Schema<'CaseSummary'>) => boolean): Promise<Schema<'CaseSummary'> | undefined> {
  let cursor: string | undefined;
  for (let page = 0; page < OVERDUE_PAGES; page++) {
    const query: Record<string, string> = { sort: '-receivedAt', pageSize: '100', paging: 'cursor', ...(cursor ? { cursor } : {}) };
    const listed = (await context.client.send({ operationId: 'listCases', headers: context.handlerHeaders, query })).json as Schema<'CaseCursorPage'> | undefined;
    const found = listed?.items.find(stop);
    if (found || !listed?.nextCursor) return found;
    cursor = listed.nextCursor;
  }
  return undefined;
}

/**
 * The list says which case has an overdue task: the kit's fresh case (no task due yet) says none,
 * and where the backend counts overdue tasks (`CaseCounts.overdueTasks`) a case in the list says it
 * has them, as many as its task list shows open and past due. The kit cannot make a task overdue
 * itself; without one on the backend only the first half is checked (the check is skipped).
 */
async function checkOverdueListed(context: RunContext, caseId: string): Promise<void> {
  const { record } = context;
  const own = await findSummary(context, (summary) => summary.caseId === caseId);
  if (!own) return record.skip(OVERDUE_LISTED, 'the fresh case was not found in the case list');
  if ((own.overdueTasks ?? 0) !== 0) return void record.expect(OVERDUE_LISTED, false, `a case with no task due yet says it has ${own.overdueTasks} overdue tasks`);
  const counts = (await context.client.send({ operationId: 'countCases', headers: context.handlerHeaders })).json as Schema<'CaseCounts'> | undefined;
  if (!counts?.overdueTasks) return record.skip(OVERDUE_LISTED, 'no task on the backend is past due: only a case without one could be checked (it says none)');
  const late = await findSummary(context, (summary) => (summary.overdueTasks ?? 0) > 0);
  if (!late) return void record.expect(OVERDUE_LISTED, false, `the backend counts ${counts.overdueTasks} overdue tasks, but no case in the list says it has one`);
  const tasks = await context.client.send({ operationId: 'listCaseTasks', headers: context.handlerHeaders, pathParams: { caseId: late.caseId } });
  const open = ((tasks.json as Schema<'TaskList'> | undefined)?.items ?? []).filter((task) => task.status === 'open');
  const pastDue = (margin: number) => open.filter((task) => Date.parse(task.dueAt) <= Date.now() + margin).length;
  record.expect(
    OVERDUE_LISTED,
    tasks.status === 200 && late.overdueTasks! >= pastDue(-CLOCK_MARGIN_MS) && late.overdueTasks! <= pastDue(CLOCK_MARGIN_MS),
    tasks.status !== 200 ? `GET …/tasks answered ${tasks.status}` : `case ${late.reference} says ${late.overdueTasks} overdue tasks, its task list has ${pastDue(0)} open and past due`,
    context.evidence(tasks),
    'a case with a task past due says so in the list (as many as its task list has), a fresh case says none',
  );
}

async function run(context: RunContext): Promise<void> {
  const { record } = context;
  const { body, marker } = await context.reportBody();
  const exchange = await context.submit({ ...body, role: 'council-member', category: 'threat-intimidation' }, context.newIdempotencyKey(), marker);
  const report = context.reports.find((candidate) => candidate.receipt.receipt === (exchange.json as { receipt?: string } | undefined)?.receipt);
  const found = report ? await context.findCase(report) : undefined;
  if (!report || !found) {
    for (const id of [RELATIVES_REACH_REPORTER, NO_ACTION_CLOSES, OVERDUE_LISTED, FOLLOW_UP_CHECK_IN_DAYS]) record.skip(id, `no submitted report could be found through case management (POST /reports answered ${exchange.status})`);
    return;
  }
  const pathParams = { caseId: found.caseId };

  // Relatives recorded by the handler: the reporter's follow-up says so, and the family steps became tasks.
  const recorded = await context.client.send({ operationId: 'setAffectedPeople', headers: context.handlerHeaders, pathParams, json: { affectedPeople: SELF_AND_PARTNER } });
  const steps = await familySteps(context);
  const tasks = ((await context.client.send({ operationId: 'listCaseTasks', headers: context.handlerHeaders, pathParams })).json as Schema<'TaskList'> | undefined)?.items ?? [];
  const missingStep = steps.find((step) => !tasks.some((task) => task.protocolId === step.protocolId && task.stepId === step.stepId));
  const { token } = await context.openSession(report.receipt.receipt);
  const view = token ? await context.client.send({ operationId: 'getFollowUpCase', headers: { Authorization: `Bearer ${token}` } }) : undefined;
  if (token) await context.client.send({ operationId: 'closeFollowUpSession', headers: { Authorization: `Bearer ${token}` } });
  const followed = view?.json as Schema<'FollowUpCase'> | undefined;

  // The follow-up's check-in days: a fresh case's check-ins are all still to come, so the receipt's days, every one.
  const announced = (exchange.json as Schema<'ReportReceipt'> | undefined)?.checkInDays ?? [];
  if (!view) record.skip(FOLLOW_UP_CHECK_IN_DAYS, "the reporter's receipt did not open a follow-up session");
  else if (!announced.length) record.skip(FOLLOW_UP_CHECK_IN_DAYS, 'the receipt announced no check-in days');
  else
    record.expect(
      FOLLOW_UP_CHECK_IN_DAYS,
      view.status === 200 && JSON.stringify(followed?.checkInDays ?? []) === JSON.stringify(announced),
      view.status !== 200 ? `GET /follow-up/case answered ${view.status}` : `the follow-up gives check-in days ${JSON.stringify(followed?.checkInDays ?? [])}, the receipt announced ${JSON.stringify(announced)}`,
      context.evidence(view),
      "a fresh case's follow-up gives the check-in days its receipt announced",
    );

  if (recorded.status !== 200 || !view) {
    record.skip(RELATIVES_REACH_REPORTER, recorded.status !== 200 ? `PUT …/affected-people answered ${recorded.status}` : "the reporter's receipt did not open a follow-up session");
  } else {
    const relatives = followed?.relativesAffected;
    record.expect(
      RELATIVES_REACH_REPORTER,
      view.status === 200 && relatives === true && missingStep === undefined,
      view.status !== 200 ? `GET /follow-up/case answered ${view.status}` : relatives !== true ? `the reporter's follow-up says relativesAffected ${JSON.stringify(relatives)} after the handler recorded a partner` : `the family step "${missingStep?.stepId}" did not become a task`,
      context.evidence(view),
      "relatives the handler records as affected reach the reporter's follow-up (relativesAffected) and add the family-support tasks",
    );
  }

  await checkOverdueListed(context, found.caseId);

  // A no-action hand-over: the case is closed as no-action-needed by the hand-over alone.
  const made = await context.client.send({ operationId: 'createHandOver', headers: context.handlerHeaders, pathParams, json: { exit: 'no-action', summary: 'Synthetische weging zonder vervolg (conformancetest).' } });
  const after = await context.client.send({ operationId: 'getCase', headers: context.handlerHeaders, pathParams });
  const closed = after.json as { status?: string; outcome?: string } | undefined;
  record.expect(
    NO_ACTION_CLOSES,
    made.status === 201 && after.status === 200 && closed?.status === 'closed' && closed.outcome === 'no-action-needed',
    made.status !== 201 ? `a no-action hand-over answered ${made.status}` : `after a no-action hand-over the case is ${closed?.status ?? `unreadable (${after.status})`} with outcome ${closed?.outcome ?? 'none'}`,
    context.evidence(after),
    'a no-action hand-over closes the case itself with outcome no-action-needed',
  );
}

export const safetyNetModule: ConformanceModule = {
  id: 'safety-net',
  profile: 'protocols',
  title: 'The safety net: relatives reach the reporter and the family tasks, check-in days in follow-up, overdue tasks per case, a no-action hand-over closes the case (1.2)',
  checks: [
    { id: NO_ACTION_CLOSES, title: 'A no-action hand-over closes the case with outcome no-action-needed.', requirement: 'paths./cases/{caseId}/hand-overs.post.description; components.schemas.HandOverExit', severity: 'MUST' },
    {
      id: RELATIVES_REACH_REPORTER,
      title: "Relatives a handler records as affected reach the reporter's follow-up (relativesAffected) and add the family-support tasks.",
      requirement: 'paths./cases/{caseId}/affected-people.put.description; components.schemas.FollowUpCase.relativesAffected',
      severity: 'MUST',
    },
    {
      id: OVERDUE_LISTED,
      title: 'A case with an open task past due says so in the case list (overdueTasks), and a case without one does not.',
      requirement: 'components.schemas.CaseSummary.overdueTasks; components.schemas.CaseCounts.overdueTasks',
      severity: 'MUST',
    },
    {
      id: FOLLOW_UP_CHECK_IN_DAYS,
      title: "The reporter's follow-up gives the check-in days still to come, as the receipt announced them.",
      requirement: 'components.schemas.FollowUpCase.checkInDays; components.schemas.ReportReceipt.checkInDays',
      severity: 'MUST',
    },
  ],
  run,
};
