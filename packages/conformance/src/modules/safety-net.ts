// The safety net's loose ends (contract 1.2, `caseManagement.protocols`): relatives a handler
// records as affected reach the reporter's follow-up (`relativesAffected`, so a client shows support
// for them) and add the protocol's family-support tasks; a `no-action` hand-over closes the case
// itself as `no-action-needed`, so retention's year starts at the weighing. One synthetic threat
// report against a council member serves both, in that order: the hand-over closes it last.
import type { Schema } from '@weerbaar/spec';
import type { ConformanceModule, RunContext } from '../context.js';

const NO_ACTION_CLOSES = 'WRA-PRO-08';
const RELATIVES_REACH_REPORTER = 'WRA-PRO-09';

/** The reporter and a relative (`partner` is one of the contract's relatives). */
const SELF_AND_PARTNER: Schema<'AffectedRole'>[] = ['self', 'partner'];

/** The family-support steps of the protocol for a threat against a council member (none when it has none). */
async function familySteps(context: RunContext): Promise<{ protocolId: string; stepId: string }[]> {
  const protocols = (await context.client.send({ operationId: 'getProtocols', headers: context.handlerHeaders })).json as Schema<'ProtocolCollection'> | undefined;
  const protocol = protocols?.items.find((candidate) => candidate.categories.includes('threat-intimidation') && candidate.roles.includes('council-member'));
  return (protocol?.steps ?? []).filter((step) => step.onlyWhenFamilyAffected).map((step) => ({ protocolId: protocol!.id, stepId: step.id }));
}

async function run(context: RunContext): Promise<void> {
  const { record } = context;
  const { body, marker } = await context.reportBody();
  const exchange = await context.submit({ ...body, role: 'council-member', category: 'threat-intimidation' }, context.newIdempotencyKey(), marker);
  const report = context.reports.find((candidate) => candidate.receipt.receipt === (exchange.json as { receipt?: string } | undefined)?.receipt);
  const found = report ? await context.findCase(report) : undefined;
  if (!report || !found) {
    for (const id of [RELATIVES_REACH_REPORTER, NO_ACTION_CLOSES]) record.skip(id, `no submitted report could be found through case management (POST /reports answered ${exchange.status})`);
    return;
  }
  const pathParams = { caseId: found.caseId };

  // Relatives recorded by the handler: the reporter's follow-up says so, and the family steps became tasks.
  const recorded = await context.client.send({ operationId: 'setAffectedPeople', headers: context.handlerHeaders, pathParams, json: { affectedPeople: SELF_AND_PARTNER } });
  const steps = await familySteps(context);
  const tasks = ((await context.client.send({ operationId: 'listCaseTasks', headers: context.handlerHeaders, pathParams })).json as Schema<'TaskList'> | undefined)?.items ?? [];
  const missingStep = steps.find((step) => !tasks.some((task) => task.protocolId === step.protocolId && task.stepId === step.stepId));
  const { token } = await context.openSession(report.receipt.receipt);
  if (recorded.status !== 200 || !token) {
    record.skip(RELATIVES_REACH_REPORTER, recorded.status !== 200 ? `PUT …/affected-people answered ${recorded.status}` : "the reporter's receipt did not open a follow-up session");
  } else {
    const headers = { Authorization: `Bearer ${token}` };
    const view = await context.client.send({ operationId: 'getFollowUpCase', headers });
    await context.client.send({ operationId: 'closeFollowUpSession', headers });
    const relatives = (view.json as Schema<'FollowUpCase'> | undefined)?.relativesAffected;
    record.expect(
      RELATIVES_REACH_REPORTER,
      view.status === 200 && relatives === true && missingStep === undefined,
      view.status !== 200 ? `GET /follow-up/case answered ${view.status}` : relatives !== true ? `the reporter's follow-up says relativesAffected ${JSON.stringify(relatives)} after the handler recorded a partner` : `the family step "${missingStep?.stepId}" did not become a task`,
      context.evidence(view),
      "relatives the handler records as affected reach the reporter's follow-up (relativesAffected) and add the family-support tasks",
    );
  }

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
  title: 'The safety net: relatives reach the reporter and the family tasks, a no-action hand-over closes the case (1.2)',
  checks: [
    { id: NO_ACTION_CLOSES, title: 'A no-action hand-over closes the case with outcome no-action-needed.', requirement: 'paths./cases/{caseId}/hand-overs.post.description; components.schemas.HandOverExit', severity: 'MUST' },
    {
      id: RELATIVES_REACH_REPORTER,
      title: "Relatives a handler records as affected reach the reporter's follow-up (relativesAffected) and add the family-support tasks.",
      requirement: 'paths./cases/{caseId}/affected-people.put.description; components.schemas.FollowUpCase.relativesAffected',
      severity: 'MUST',
    },
  ],
  run,
};
