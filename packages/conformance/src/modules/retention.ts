// Retention (contract 1.1, `caseManagement.retention`): a legal hold is set and lifted as asked and
// recorded in the case's trail, and a closed case is deleted on the day its advertised retention
// period says. The deletion itself happens on that day, which a run of the kit cannot wait for;
// what it can see is the promised date.
import type { Schema } from '@weerbaar/spec';
import type { ConformanceModule, RunContext } from '../context.js';
import type { Exchange } from '../http.js';
import { rejectInvalidFixtures } from './errors.js';

const HOLD = 'WRA-RET-01';
const DELETE_DATE = 'WRA-RET-02';
const HOLD_RECORDED = 'WRA-RET-03';
const ACCESS = 'WRA-RET-04';

const DAY_MS = 86_400_000;
const UNKNOWN_CASE_ID = 'c_conformanceUnknown0';
/** The outcome the kit closes its case with. */
const OUTCOME = 'withdrawn';

type CaseRetention = Schema<'CaseRetention'>;

function retentionOf(exchange: Exchange): CaseRetention | undefined {
  return exchange.status === 200 ? (exchange.json as CaseRetention) : undefined;
}

async function setHold(context: RunContext, caseId: string, legalHold: boolean): Promise<Exchange> {
  return context.client.send({ operationId: 'setLegalHold', headers: context.handlerHeaders, pathParams: { caseId }, json: { legalHold } });
}

async function run(context: RunContext): Promise<void> {
  const { record } = context;
  const denied = await context.client.send({ operationId: 'setLegalHold', pathParams: { caseId: UNKNOWN_CASE_ID }, json: { legalHold: true } });
  const unknown = await setHold(context, UNKNOWN_CASE_ID, true);
  record.expect(ACCESS, denied.status === 401, `a legal hold without a token answered ${denied.status}, not 401`, context.evidence(denied));
  record.expect(ACCESS, unknown.status === 404, `a legal hold on an unknown case answered ${unknown.status}, not 404`, context.evidence(unknown), 'no token is 401, an unknown case 404');

  const report = await context.newReport();
  const found = report ? await context.findCase(report) : undefined;
  if (!found) {
    for (const id of [HOLD, DELETE_DATE, HOLD_RECORDED]) record.skip(id, 'no submitted report could be found through case management');
    return;
  }
  const caseId = found.caseId;
  await rejectInvalidFixtures(context, 'setLegalHold', () => ({ headers: context.handlerHeaders, pathParams: { caseId } }));

  const held = await setHold(context, caseId, true);
  const lifted = await setHold(context, caseId, false);
  record.expect(HOLD, retentionOf(held)?.legalHold === true, `setting a legal hold answered ${held.status} ${JSON.stringify(retentionOf(held))}, not legalHold: true`, context.evidence(held));
  record.expect(HOLD, retentionOf(lifted)?.legalHold === false, `lifting the hold answered ${lifted.status} ${JSON.stringify(retentionOf(lifted))}, not legalHold: false`, context.evidence(lifted), 'a hold is set and lifted as asked');

  if (context.discovery?.capabilities.caseManagement?.audit) {
    const trail = await context.client.send({ operationId: 'getCaseAudit', headers: context.handlerHeaders, pathParams: { caseId } });
    const actions = ((trail.json as Schema<'AuditExport'> | undefined)?.entries ?? []).map((entry) => entry.action);
    record.expect(
      HOLD_RECORDED,
      actions.includes('legal-hold-set') && actions.includes('legal-hold-lifted'),
      "setting and lifting the hold are not both in the case's audit trail (legal-hold-set, legal-hold-lifted)",
      context.evidence(trail),
      'the hold and its lifting are in the audit trail',
    );
  } else {
    record.skip(HOLD_RECORDED, 'the backend does not advertise caseManagement.audit');
  }

  const period = context.discovery?.capabilities.caseManagement?.retention?.periods.find((candidate) => candidate.outcome === OUTCOME);
  const closed = await context.client.send({ operationId: 'setCaseStatus', headers: context.handlerHeaders, pathParams: { caseId }, json: { status: 'closed', outcome: OUTCOME } });
  const closedDay = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const state = retentionOf(await setHold(context, caseId, false));
  if (!period || closed.status !== 200 || !state) {
    record.skip(DELETE_DATE, period ? 'the case could not be closed, or its retention state not read' : `discovery advertises no retention period for ${OUTCOME}`);
    return;
  }
  const expected = closedDay + period.days * DAY_MS;
  // A day either way: the backend counts days in its own time zone.
  const off = state.deleteOn ? Math.abs(Date.parse(`${state.deleteOn}T00:00:00Z`) - expected) / DAY_MS : Number.POSITIVE_INFINITY;
  record.expect(
    DELETE_DATE,
    off <= 1,
    state.deleteOn ? `a case closed (${OUTCOME}) today is deleted on ${state.deleteOn}, not ${period.days} days after closing as advertised` : 'a closed case has no deleteOn',
    undefined,
    'a closed case is deleted the advertised number of days after closing',
  );
}

export const retentionModule: ConformanceModule = {
  id: 'retention',
  profile: 'retention',
  title: 'Legal hold and the date a closed case is deleted',
  checks: [
    { id: HOLD, title: 'PUT /cases/{caseId}/legal-hold sets and lifts the hold and answers the retention state.', requirement: 'paths./cases/{caseId}/legal-hold', severity: 'MUST' },
    { id: DELETE_DATE, title: "A closed case's deleteOn is its closing day plus the retention period discovery advertises for its outcome.", requirement: 'info.description "Retention and deletion"; components.schemas.CaseManagementCapability.retention', severity: 'MUST' },
    { id: HOLD_RECORDED, title: "Setting and lifting a legal hold are recorded in the case's audit trail.", requirement: 'paths./cases/{caseId}/legal-hold.put.description', severity: 'MUST' },
    { id: ACCESS, title: 'A legal hold needs a token (401) and answers 404 for an unknown case.', requirement: 'paths./cases/{caseId}/legal-hold', severity: 'MUST' },
  ],
  run,
};
