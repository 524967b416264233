// The audit trail of a case (contract 1.1, `caseManagement.audit`): a hash chain that records every
// read and change, holds no content, and only grows — a later export still contains every head
// seen before. The kit recomputes every hash itself (audit-chain.ts).
import type { Schema } from '@weerbaar/spec';
import { chainProblems } from '../audit-chain.js';
import type { ConformanceModule, RunContext } from '../context.js';
import type { Exchange } from '../http.js';

const EXPORT = 'WRA-AUD-01';
const CHAIN = 'WRA-AUD-02';
const RECORDED = 'WRA-AUD-03';
const APPEND_ONLY = 'WRA-AUD-04';
const NO_CONTENT = 'WRA-AUD-05';
const ACCESS = 'WRA-AUD-06';

type AuditExport = Schema<'AuditExport'>;

const UNKNOWN_CASE_ID = 'c_conformanceUnknown0';

async function exportTrail(context: RunContext, caseId: string): Promise<{ exchange: Exchange; trail?: AuditExport }> {
  const exchange = await context.client.send({ operationId: 'getCaseAudit', headers: context.handlerHeaders, pathParams: { caseId } });
  const trail = exchange.status === 200 ? (exchange.json as AuditExport) : undefined;
  return { exchange, ...(trail && Array.isArray(trail.entries) ? { trail } : {}) };
}

/** Checks one export: answered, shaped as the contract says, ends with itself, and the chain holds. */
function checkExport(context: RunContext, caseId: string, exchange: Exchange, trail: AuditExport | undefined): trail is AuditExport {
  const { record } = context;
  const shapeIssues = trail ? context.validator.schema('AuditExport')(trail) : [];
  const answered = record.expect(
    EXPORT,
    trail !== undefined && shapeIssues.length === 0 && trail.caseId === caseId && trail.entries[0]?.action === 'received' && trail.entries.at(-1)?.action === 'audit-exported',
    trail
      ? `the export ${shapeIssues.length ? `does not match AuditExport (${shapeIssues[0]!.pointer} ${shapeIssues[0]!.code})` : 'does not start with `received` and end with its own `audit-exported` entry'}`
      : `GET /cases/{caseId}/audit answered ${exchange.status}, not 200`,
    context.evidence(exchange),
    'the export answers the whole trail, from `received` to its own `audit-exported` entry',
  );
  if (!answered) return false;
  const problems = chainProblems(trail!.entries, trail!);
  record.expect(CHAIN, problems.length === 0, `the chain does not verify: ${problems.slice(0, 3).join('; ')}`, context.evidence(exchange), 'seq, links, every hash (JCS, SHA-256), entryCount and headHash verify');
  return problems.length === 0;
}

async function run(context: RunContext): Promise<void> {
  const { record } = context;
  const denied = await context.client.send({ operationId: 'getCaseAudit', pathParams: { caseId: UNKNOWN_CASE_ID } });
  const unknown = await context.client.send({ operationId: 'getCaseAudit', headers: context.handlerHeaders, pathParams: { caseId: UNKNOWN_CASE_ID } });
  record.expect(ACCESS, denied.status === 401, `an export without a token answered ${denied.status}, not 401`, context.evidence(denied));
  record.expect(ACCESS, unknown.status === 404, `the export of an unknown case answered ${unknown.status}, not 404`, context.evidence(unknown), 'no token is 401, an unknown case 404');

  const report = await context.newReport();
  const found = report ? await context.findCase(report) : undefined;
  if (!report || !found) {
    for (const id of [EXPORT, CHAIN, RECORDED, APPEND_ONLY, NO_CONTENT]) record.skip(id, 'no submitted report could be found through case management');
    return;
  }
  const caseId = found.caseId;
  const first = await exportTrail(context, caseId);
  if (!checkExport(context, caseId, first.exchange, first.trail)) return;

  // A read and two changes, each of which the contract says is recorded.
  await context.client.send({ operationId: 'getCase', headers: context.handlerHeaders, pathParams: { caseId } });
  await context.client.send({ operationId: 'acknowledgeCase', headers: context.handlerHeaders, pathParams: { caseId }, json: {} });
  await context.client.send({ operationId: 'setCaseStatus', headers: context.handlerHeaders, pathParams: { caseId }, json: { status: 'investigating' } });
  const second = await exportTrail(context, caseId);
  if (!checkExport(context, caseId, second.exchange, second.trail)) return;
  const earlier = first.trail!;
  const later = second.trail!;

  const added = later.entries.slice(earlier.entryCount).map((entry) => entry.action);
  const missing = ['read', 'acknowledged', 'status-changed'].filter((action) => !added.includes(action));
  record.expect(RECORDED, missing.length === 0, `after a read, an acknowledgement and a status change the trail has no ${missing.join(', ')} entry`, context.evidence(second.exchange), 'a read, the acknowledgement and a status change each added their entry');

  const keptHead = later.entries[earlier.entryCount - 1];
  record.expect(
    APPEND_ONLY,
    later.entryCount > earlier.entryCount && keptHead?.hash === earlier.headHash,
    later.entryCount <= earlier.entryCount
      ? `the later export has ${later.entryCount} entries, the earlier one ${earlier.entryCount}: the tail was cut`
      : `the later export's entry ${earlier.entryCount} is not the earlier head: history was rewritten`,
    context.evidence(second.exchange),
    'a later export still holds the head of the earlier one',
  );

  const text = JSON.stringify(later);
  // Codes are looked for as JSON strings: `"civil-servant"`, not any word that contains it.
  const content = [report.marker, report.receipt.receipt, JSON.stringify(report.body.category), JSON.stringify(report.body.role)].filter((value) => value && text.includes(value));
  record.expect(NO_CONTENT, content.length === 0, `the trail holds content of the report (${content.length} of: marker, category, role, receipt)`, context.evidence(second.exchange), 'no text, category, role or receipt in the trail');
}

export const auditModule: ConformanceModule = {
  id: 'audit',
  profile: 'audit',
  title: "A case's audit trail: a hash chain of every read and change, without content",
  checks: [
    { id: EXPORT, title: "GET /cases/{caseId}/audit answers the case's whole trail, from `received` to its own `audit-exported` entry.", requirement: 'paths./cases/{caseId}/audit', severity: 'MUST' },
    { id: CHAIN, title: 'The trail is a hash chain that verifies: seq from 1 without gaps, every previousHash, every hash (JCS, SHA-256), entryCount and headHash.', requirement: 'info.description "Audit trail", "Verifying an export" (1)–(4)', severity: 'MUST' },
    { id: RECORDED, title: 'A read of the case, its acknowledgement and a status change each add an entry.', requirement: 'info.description "Audit trail"', severity: 'MUST' },
    { id: APPEND_ONLY, title: 'The trail only grows: a later export still holds the head of an earlier one at the same seq.', requirement: 'info.description "Verifying an export" (5)', severity: 'MUST' },
    { id: NO_CONTENT, title: "The trail holds no content: not the report's text, category or role, nor the receipt.", requirement: 'components.schemas.AuditDetails', severity: 'MUST' },
    { id: ACCESS, title: 'The export needs a token (401) and answers 404 for an unknown case.', requirement: 'paths./cases/{caseId}/audit', severity: 'MUST' },
  ],
  run,
};
