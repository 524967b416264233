// Handlers manage cases: list, read, acknowledge, change status, message the reporter.
// Deadlines must stay consistent through every transition.
import type { Schema } from '@weerbaar/spec';
import type { CaseView, ConformanceModule, RunContext, SubmittedReport } from '../context.js';
import { addMonths, deadlineProblem } from '../deadlines.js';
import type { Exchange } from '../http.js';
import { deadlinePolicy } from './deadlines.js';
import { rejectInvalidFixtures } from './errors.js';
import { readFollowUpCase } from './follow-up.js';

const TOKEN_REQUIRED = 'WRA-CM-01';
const LIST = 'WRA-CM-02';
const READ = 'WRA-CM-03';
const ACKNOWLEDGE = 'WRA-CM-04';
const TRANSITIONS = 'WRA-CM-05';
const MESSAGES = 'WRA-CM-06';
const CLOSED = 'WRA-CM-07';
const FEEDBACK_RECOMPUTED = 'WRA-DL-03';
const DEADLINES_KEPT = 'WRA-DL-04';
const VIEWS_AGREE = 'WRA-DL-05';

const UNKNOWN_CASE_ID = 'c_conformanceUnknown0';

type CaseList = Schema<'CaseList'>;

function caseOf(exchange: Exchange): CaseView | undefined {
  return exchange.status === 200 ? (exchange.json as CaseView) : undefined;
}

async function tokenRequired(context: RunContext): Promise<void> {
  const wrong = { Authorization: 'Bearer wbh_conformance-made-up-token-0000000000' };
  const attempts: [string, Exchange][] = [
    ['GET /cases without a token', await context.client.send({ operationId: 'listCases' })],
    ['GET /cases with a made-up token', await context.client.send({ operationId: 'listCases', headers: wrong })],
    ['GET /cases/{id} with a made-up token', await context.client.send({ operationId: 'getCase', headers: wrong, pathParams: { caseId: UNKNOWN_CASE_ID } })],
    ['PUT …/acknowledgement without a token', await context.client.send({ operationId: 'acknowledgeCase', pathParams: { caseId: UNKNOWN_CASE_ID }, json: {} })],
    ['PUT …/status with a made-up token', await context.client.send({ operationId: 'setCaseStatus', headers: wrong, pathParams: { caseId: UNKNOWN_CASE_ID }, json: { status: 'investigating' } })],
    ['POST …/messages without a token', await context.client.send({ operationId: 'sendCaseMessage', pathParams: { caseId: UNKNOWN_CASE_ID }, json: { body: 'x' } })],
  ];
  for (const [what, exchange] of attempts) {
    context.record.expect(TOKEN_REQUIRED, exchange.status === 401, `${what} answered ${exchange.status}, not 401`, context.evidence(exchange), 'every case-management operation refuses a missing or wrong token with 401');
  }
}

async function list(context: RunContext, known: CaseView): Promise<void> {
  const { record } = context;
  const send = (query: Record<string, string>) => context.client.send({ operationId: 'listCases', headers: context.handlerHeaders, query });
  const items = (exchange: Exchange) => (exchange.json as CaseList | undefined)?.items ?? [];

  const all = await send({ pageSize: '100' });
  record.expect(LIST, all.status === 200 && items(all).some((item) => item.caseId === known.caseId), `GET /cases answered ${all.status} without the case just submitted`, context.evidence(all));

  const byStatus = await send({ status: known.status, pageSize: '100' });
  record.expect(LIST, byStatus.status === 200 && items(byStatus).every((item) => item.status === known.status), `GET /cases?status=${known.status} answered a case with another status`, context.evidence(byStatus));
  const byCategory = await send({ category: known.category, pageSize: '100' });
  record.expect(LIST, byCategory.status === 200 && items(byCategory).every((item) => item.category === known.category), `GET /cases?category=${known.category} answered a case of another category`, context.evidence(byCategory));

  const first = await send({ pageSize: '1', page: '1', sort: 'receivedAt' });
  const second = await send({ pageSize: '1', page: '2', sort: 'receivedAt' });
  const total = (first.json as CaseList | undefined)?.totalItems ?? 0;
  const pagesConsistent = (first.json as CaseList | undefined)?.totalPages === total && items(first).length === Math.min(1, total);
  const distinctPages = total < 2 || (items(second).length === 1 && items(second)[0]!.caseId !== items(first)[0]!.caseId);
  const ordered = total < 2 || items(first)[0]!.receivedAt <= items(second)[0]!.receivedAt;
  record.expect(LIST, first.status === 200 && pagesConsistent && distinctPages && ordered, 'pageSize=1 pages are not consistent (totalPages, distinct items, ascending receivedAt)', context.evidence(second));

  const invalidQueries: Record<string, string>[] = [{ pageSize: '0' }, { pageSize: '101' }, { page: '0' }, { sort: 'secret' }, { status: 'deleted' }];
  for (const query of invalidQueries) {
    const exchange = await send(query);
    record.expect(LIST, exchange.status === 400, `GET ${exchange.target} answered ${exchange.status}, not 400`, context.evidence(exchange), 'GET /cases lists, filters (status, category), sorts and paginates consistently, and rejects invalid parameters with 400');
  }
}

async function read(context: RunContext, report: SubmittedReport): Promise<CaseView | undefined> {
  const found = await context.findCase(report);
  if (!context.record.expect(READ, found !== undefined, 'the case of a submitted report was not found through GET /cases and GET /cases/{caseId}')) return undefined;
  context.record.expect(
    READ,
    found!.role === report.body.role && found!.category === report.body.category && found!.deadlines.acknowledgeDueAt === report.receipt.acknowledgeDueAt,
    "the case's role, category or acknowledgeDueAt differ from the submitted report and its receipt",
  );
  const unknown = await context.client.send({ operationId: 'getCase', headers: context.handlerHeaders, pathParams: { caseId: UNKNOWN_CASE_ID } });
  context.record.expect(READ, unknown.status === 404, `GET /cases/${UNKNOWN_CASE_ID} answered ${unknown.status}, not 404`, context.evidence(unknown), 'GET /cases/{caseId} answers the submitted case with its content, and 404 for an unknown id');
  return found;
}

function setStatus(context: RunContext, caseId: string, body: Record<string, unknown>): Promise<Exchange> {
  return context.client.send({ operationId: 'setCaseStatus', headers: context.handlerHeaders, pathParams: { caseId }, json: body });
}

function getCase(context: RunContext, caseId: string): Promise<Exchange> {
  return context.client.send({ operationId: 'getCase', headers: context.handlerHeaders, pathParams: { caseId } });
}

/** Deadlines that were set must not move when the status changes. */
function keepsDeadlines(context: RunContext, before: CaseView, after: CaseView | undefined, step: string): void {
  const moved = !after
    ? 'the case could not be read'
    : after.deadlines.acknowledgeDueAt !== before.deadlines.acknowledgeDueAt
      ? 'acknowledgeDueAt moved'
      : before.deadlines.acknowledgedAt && after.deadlines.acknowledgedAt !== before.deadlines.acknowledgedAt
        ? 'acknowledgedAt moved'
        : before.deadlines.acknowledgedAt && after.deadlines.feedbackDueAt !== before.deadlines.feedbackDueAt
          ? 'feedbackDueAt moved'
          : undefined;
  context.record.expect(DEADLINES_KEPT, moved === undefined, `${step}: ${moved}`, undefined, 'status transitions keep the deadlines consistent (nothing set moves; closing records the acknowledgement)');
}

async function acknowledge(context: RunContext, found: CaseView): Promise<CaseView | undefined> {
  const { record } = context;
  const message = 'Synthetische ontvangstbevestiging van de conformancetest.';
  const acknowledged = await context.client.send({ operationId: 'acknowledgeCase', headers: context.handlerHeaders, pathParams: { caseId: found.caseId }, json: { message } });
  const view = caseOf(acknowledged);
  if (!record.expect(ACKNOWLEDGE, view?.status === 'acknowledged' && view.deadlines.acknowledgedAt !== undefined, `PUT …/acknowledgement answered ${acknowledged.status} without an acknowledged case`, context.evidence(acknowledged))) return undefined;
  const { months } = deadlinePolicy(context);
  const problem = deadlineProblem(view!.deadlines.feedbackDueAt, addMonths(new Date(view!.deadlines.acknowledgedAt!), months), context.settings.deadlineToleranceSeconds, true);
  record.expect(FEEDBACK_RECOMPUTED, problem === undefined, `after acknowledgement feedbackDueAt ${problem} (acknowledgedAt + ${months} months)`, context.evidence(acknowledged), `acknowledging sets feedbackDueAt to acknowledgedAt + ${months} months`);
  keepsDeadlines(context, found, view, 'acknowledging');

  const again = await context.client.send({ operationId: 'acknowledgeCase', headers: context.handlerHeaders, pathParams: { caseId: found.caseId }, json: {} });
  const repeated = caseOf(again);
  record.expect(
    ACKNOWLEDGE,
    repeated?.status === 'acknowledged' && repeated.deadlines.acknowledgedAt === view!.deadlines.acknowledgedAt && repeated.deadlines.feedbackDueAt === view!.deadlines.feedbackDueAt,
    `acknowledging again answered ${again.status} and changed the case`,
    context.evidence(again),
    'PUT …/acknowledgement acknowledges a received case, and is idempotent',
  );
  return view;
}

async function transitions(context: RunContext, acknowledged: CaseView, fresh: CaseView | undefined): Promise<CaseView | undefined> {
  const { record } = context;
  const invalid = async (current: CaseView, body: Record<string, unknown>, from: string) => {
    const exchange = await setStatus(context, current.caseId, body);
    const after = caseOf(await getCase(context, current.caseId));
    record.expect(TRANSITIONS, exchange.status === 409 && after?.status === current.status, `${from} → ${String(body.status)} answered ${exchange.status} (must be 409 and change nothing)`, context.evidence(exchange));
  };
  const valid = async (current: CaseView, body: Record<string, unknown>, from: string): Promise<CaseView | undefined> => {
    const exchange = await setStatus(context, current.caseId, body);
    const after = caseOf(exchange);
    record.expect(TRANSITIONS, after?.status === body.status, `${from} → ${String(body.status)} answered ${exchange.status}, not 200 with the new status`, context.evidence(exchange));
    keepsDeadlines(context, current, after, `${from} → ${String(body.status)}`);
    return after;
  };

  const investigating = await valid(acknowledged, { status: 'investigating' }, 'acknowledged');
  if (investigating) await invalid(investigating, { status: 'acknowledged' }, 'investigating');
  const closed = investigating && (await valid(investigating, { status: 'closed', outcome: 'no-action-needed', note: 'Synthetische afsluiting.' }, 'investigating'));
  if (closed) record.expect(TRANSITIONS, closed.outcome === 'no-action-needed', 'a closed case does not show its outcome');
  if (closed) await valid(closed, { status: 'investigating' }, 'closed (reopen)');

  if (fresh) {
    await invalid(fresh, { status: 'investigating' }, 'received');
    const closedFresh = await valid(fresh, { status: 'closed', outcome: 'insufficient-information' }, 'received');
    record.expect(DEADLINES_KEPT, closedFresh?.deadlines.acknowledgedAt !== undefined, 'closing a never-acknowledged case did not record the acknowledgement');
    if (closedFresh) record.pass(TRANSITIONS, 'the allowed transitions succeed and keep deadlines; invalid ones answer 409 and change nothing');
    return closedFresh;
  }
  return undefined;
}

async function messages(context: RunContext, report: SubmittedReport, caseId: string): Promise<void> {
  const { record } = context;
  const body = 'Synthetische vraag van de conformancetest: kunt u dit bevestigen?';
  const sent = await context.client.send({ operationId: 'sendCaseMessage', headers: context.handlerHeaders, pathParams: { caseId }, json: { body, kind: 'question' } });
  const message = sent.status === 201 ? (sent.json as Schema<'CaseMessage'>) : undefined;
  if (!record.expect(MESSAGES, message?.from === 'handler' && message.kind === 'question', `POST …/messages answered ${sent.status}, not 201 with a handler question`, context.evidence(sent))) return;
  if (!context.discovery?.capabilities.followUp) {
    record.pass(MESSAGES, 'handler messages are stored (follow-up is not offered, so the reporter view was not checked)');
    return;
  }
  const { token } = await context.openSession(report.receipt.receipt);
  if (!token) {
    record.fail(MESSAGES, "the reporter's receipt no longer opens a session, so the message could not be seen");
    return;
  }
  const { view, exchange } = await readFollowUpCase(context, token);
  const handlerView = caseOf(await getCase(context, caseId));
  record.expect(
    MESSAGES,
    view?.messages.some((candidate) => candidate.id === message!.id && candidate.body === body) === true && view.messages.some((candidate) => candidate.kind === 'acknowledgement'),
    "the handler's question or the acknowledgement message is not in the reporter's view",
    context.evidence(exchange),
    "handler messages and the acknowledgement message are shown in the reporter's follow-up view",
  );
  record.expect(
    VIEWS_AGREE,
    view !== undefined && handlerView !== undefined && view.status === handlerView.status && JSON.stringify(view.deadlines) === JSON.stringify(handlerView.deadlines),
    "the reporter's view and the handler's view of the case disagree on status or deadlines",
    context.evidence(exchange),
    "the reporter's view shows the same status and deadlines as the handler's",
  );
  await replyToQuestion(context, token, caseId);
  await context.client.send({ operationId: 'closeFollowUpSession', headers: { Authorization: `Bearer ${token}` } });
}

/** The end of the stateful flow: the reporter answers the handler's question and the handler reads it. */
async function replyToQuestion(context: RunContext, token: string, caseId: string): Promise<void> {
  const encryption = context.discovery?.capabilities.encryption;
  if (encryption?.required) return;
  const body = 'Synthetisch antwoord van de melder op de vraag van de conformancetest.';
  const sent = await context.client.send({ operationId: 'sendFollowUpMessage', headers: { Authorization: `Bearer ${token}` }, json: { body } });
  const message = sent.status === 201 ? (sent.json as Schema<'CaseMessage'>) : undefined;
  const handlerView = caseOf(await getCase(context, caseId));
  context.record.expect(
    MESSAGES,
    message !== undefined && handlerView?.messages.some((candidate) => candidate.id === message.id && candidate.from === 'reporter' && candidate.body === body) === true,
    sent.status === 201 ? "the reporter's answer is not in the handler's view of the case" : `the reporter's answer to the question answered ${sent.status}, not 201`,
    context.evidence(sent),
  );
}

async function closedCase(context: RunContext, report: SubmittedReport, caseId: string): Promise<void> {
  const { record } = context;
  const toHandler = await context.client.send({ operationId: 'sendCaseMessage', headers: context.handlerHeaders, pathParams: { caseId }, json: { body: 'Nog een synthetische vraag.' } });
  record.expect(CLOSED, toHandler.status === 409, `a handler message to a closed case answered ${toHandler.status}, not 409`, context.evidence(toHandler));
  if (!context.discovery?.capabilities.followUp) return;
  const { token } = await context.openSession(report.receipt.receipt);
  if (!token) return;
  const { view } = await readFollowUpCase(context, token);
  const reply = await context.client.send({ operationId: 'sendFollowUpMessage', headers: { Authorization: `Bearer ${token}` }, json: { body: 'Synthetisch antwoord op een gesloten zaak.' } });
  record.expect(
    CLOSED,
    reply.status === 409 && view?.canReply === false,
    `a reporter reply to a closed case answered ${reply.status} (canReply ${String(view?.canReply)}); must be 409 with canReply false`,
    context.evidence(reply),
    'messages to a closed case answer 409, and the reporter view says canReply: false',
  );
  await context.client.send({ operationId: 'closeFollowUpSession', headers: { Authorization: `Bearer ${token}` } });
}

async function run(context: RunContext): Promise<void> {
  await tokenRequired(context);
  const report = await context.newReport();
  const freshReport = await context.newReport();
  if (!report) {
    for (const id of [LIST, READ, ACKNOWLEDGE, TRANSITIONS, MESSAGES, CLOSED, FEEDBACK_RECOMPUTED, DEADLINES_KEPT, VIEWS_AGREE]) context.record.skip(id, 'no report was accepted to manage');
    return;
  }
  const found = await read(context, report);
  if (!found) return;
  await list(context, found);
  await rejectInvalidFixtures(context, 'setCaseStatus', () => ({ headers: context.handlerHeaders, pathParams: { caseId: found.caseId } }));
  await rejectInvalidFixtures(context, 'sendCaseMessage', () => ({ headers: context.handlerHeaders, pathParams: { caseId: found.caseId } }));
  const acknowledged = await acknowledge(context, found);
  if (!acknowledged) return;
  await messages(context, report, found.caseId);
  const fresh = freshReport ? await context.findCase(freshReport) : undefined;
  const closedFresh = await transitions(context, acknowledged, fresh);
  if (closedFresh && freshReport) await closedCase(context, freshReport, closedFresh.caseId);
}

export const caseManagementModule: ConformanceModule = {
  id: 'case-management',
  profile: 'case-management',
  title: 'Case management and the deadlines through it',
  checks: [
    { id: TOKEN_REQUIRED, title: 'Every case-management operation refuses a missing or wrong handler token with 401.', requirement: 'components.securitySchemes.handlerToken', severity: 'MUST' },
    { id: LIST, title: 'GET /cases lists, filters, sorts and paginates consistently, and rejects invalid parameters with 400.', requirement: 'paths./cases', adr: ['/core/error-handling/invalid-input'], severity: 'MUST' },
    { id: READ, title: 'GET /cases/{caseId} answers the submitted case, and 404 for an unknown one.', requirement: 'paths./cases/{caseId}', severity: 'MUST' },
    { id: ACKNOWLEDGE, title: 'Acknowledging moves a received case to acknowledged, and is idempotent.', requirement: 'paths./cases/{caseId}/acknowledgement', severity: 'MUST' },
    { id: TRANSITIONS, title: 'Allowed status transitions succeed; any other answers 409 and changes nothing.', requirement: 'paths./cases/{caseId}/status', severity: 'MUST' },
    { id: MESSAGES, title: "Handler messages (and the acknowledgement message) appear in the reporter's follow-up view, and the reporter's answer in the handler's.", requirement: 'paths./cases/{caseId}/messages; paths./cases/{caseId}/acknowledgement', severity: 'MUST' },
    { id: CLOSED, title: 'Messages to a closed case answer 409, and the reporter is told they cannot reply.', requirement: 'components.responses.CaseClosed; components.schemas.FollowUpCase.canReply', severity: 'MUST' },
    { id: FEEDBACK_RECOMPUTED, title: 'Acknowledging recomputes feedbackDueAt as 3 months after the acknowledgement.', requirement: 'info.description "Deadlines"; paths./cases/{caseId}/acknowledgement', severity: 'MUST' },
    { id: DEADLINES_KEPT, title: 'Status transitions keep the deadlines consistent; closing an unacknowledged case records the acknowledgement.', requirement: 'paths./cases/{caseId}/status.put.description', severity: 'MUST' },
    { id: VIEWS_AGREE, title: "The reporter's view shows the same status and deadlines as the handler's.", requirement: 'components.schemas.FollowUpCase; components.schemas.Case', severity: 'MUST' },
  ],
  run,
};
