// Working a case (contract 1.1, `caseManagement.workflow` and `notes`): internal notes stay internal
// — no answer the reporter receives may contain one —, feedback stamps the 3-month clock and reaches
// the reporter, case answers carry labels, and substatuses come from the organisation's list and
// stay hidden from the reporter.
import { randomUUID } from 'node:crypto';
import type { Schema } from '@weerbaar/spec';
import type { CaseView, ConformanceModule, RunContext, SubmittedReport } from '../context.js';
import { seal, HPKE_SUITE } from '../hpke.js';
import type { Exchange } from '../http.js';

const NOTES_HIDDEN = 'WRA-CW-01';
const NOTES_KEPT = 'WRA-CW-02';
const FEEDBACK = 'WRA-CW-03';
const LABELS = 'WRA-CW-04';
const SUBSTATUS = 'WRA-CW-05';

const NOTE_INFO = 'weerbaar/v1 note';

/** A note with a marker no other text contains, sealed when the backend requires sealed notes. */
async function noteBody(context: RunContext, marker: string): Promise<Schema<'NoteRequest'>> {
  const text = `Synthetische interne notitie van de conformancetest ${marker}: niet voor de melder.`;
  const encryption = context.discovery?.capabilities.encryption;
  if (!context.discovery?.capabilities.caseManagement?.notes?.encryptionRequired || !encryption) return { body: text };
  const { enc, ciphertext } = await seal(encryption.publicKey, NOTE_INFO, text);
  return { encryptedBody: { keyId: encryption.keyId, suite: HPKE_SUITE, enc, ciphertext } };
}

/** Whatever the reporter could receive about their case, with the token of a fresh session. */
async function reporterAnswers(context: RunContext, report: SubmittedReport): Promise<Exchange[]> {
  const { token } = await context.openSession(report.receipt.receipt);
  if (!token) return [];
  const headers = { Authorization: `Bearer ${token}` };
  const answers = [await context.client.send({ operationId: 'getFollowUpCase', headers })];
  if (context.discovery?.capabilities.caseManagement?.intake) answers.push(await context.client.send({ operationId: 'getFollowUpMinutes', headers }));
  if (!context.discovery?.capabilities.encryption?.required) {
    answers.push(await context.client.send({ operationId: 'sendFollowUpMessage', headers, json: { body: 'Synthetisch bericht van de melder.' } }));
  }
  answers.push(await context.client.send({ operationId: 'getFollowUpCase', headers }));
  await context.client.send({ operationId: 'closeFollowUpSession', headers });
  return answers;
}

async function notes(context: RunContext, report: SubmittedReport, found: CaseView): Promise<void> {
  const { record } = context;
  const marker = `CW-${randomUUID().slice(0, 8)}`;
  const body = await noteBody(context, marker);
  const added = await context.client.send({ operationId: 'addCaseNote', headers: context.handlerHeaders, pathParams: { caseId: found.caseId }, json: body });
  const note = added.status === 201 ? (added.json as Schema<'CaseNote'>) : undefined;
  if (!record.expect(NOTES_KEPT, note !== undefined, `POST …/notes answered ${added.status}, not 201`, context.evidence(added))) {
    record.skip(NOTES_HIDDEN, 'no note could be added');
    return;
  }
  const listed = await context.client.send({ operationId: 'listCaseNotes', headers: context.handlerHeaders, pathParams: { caseId: found.caseId } });
  const items = (listed.json as Schema<'NoteList'> | undefined)?.items ?? [];
  record.expect(
    NOTES_KEPT,
    listed.status === 200 && items.at(-1)?.noteId === note!.noteId && items.at(-1)?.author?.kind !== undefined,
    `GET …/notes answered ${listed.status} without the note just added (last, with its author)`,
    context.evidence(listed),
    'a note is kept with its author and listed, oldest first',
  );

  // The marker is in a plain note's text; a sealed note is recognised by its id and ciphertext.
  const traces = [marker, note!.noteId, ...(body.encryptedBody ? [body.encryptedBody.ciphertext] : [])];
  const answers = await reporterAnswers(context, report);
  if (!answers.length) {
    record.skip(NOTES_HIDDEN, "the reporter's receipt did not open a follow-up session");
    return;
  }
  const leaked = answers.find((answer) => traces.some((trace) => answer.text.includes(trace)));
  record.expect(
    NOTES_HIDDEN,
    leaked === undefined,
    `an answer to the reporter contains the internal note (${leaked?.target ?? ''})`,
    leaked ? context.evidence(leaked) : undefined,
    'no answer the reporter receives (follow-up case, minutes, replies) contains an internal note',
  );
}

async function feedback(context: RunContext, report: SubmittedReport, found: CaseView): Promise<void> {
  const message = `Synthetische terugkoppeling van de conformancetest ${randomUUID().slice(0, 8)}.`;
  const given = await context.client.send({ operationId: 'giveFeedback', headers: context.handlerHeaders, pathParams: { caseId: found.caseId }, json: { message } });
  const view = given.status === 200 ? (given.json as CaseView) : undefined;
  const stamped = view?.deadlines.feedbackGivenAt;
  if (!context.record.expect(FEEDBACK, stamped !== undefined, `POST …/feedback answered ${given.status} without deadlines.feedbackGivenAt`, context.evidence(given))) return;
  const { token } = await context.openSession(report.receipt.receipt);
  if (!token) return;
  const headers = { Authorization: `Bearer ${token}` };
  const reporter = await context.client.send({ operationId: 'getFollowUpCase', headers });
  const seen = reporter.json as Schema<'FollowUpCase'> | undefined;
  context.record.expect(
    FEEDBACK,
    seen?.messages.some((candidate) => candidate.kind === 'feedback' && candidate.body === message) === true && seen.deadlines.feedbackGivenAt === stamped,
    "the feedback or its stamp is not in the reporter's view",
    context.evidence(reporter),
    "feedback stamps deadlines.feedbackGivenAt and reaches the reporter's view as a feedback message",
  );
  await context.client.send({ operationId: 'closeFollowUpSession', headers });
}

function labels(context: RunContext, found: CaseView, exchange: Exchange | undefined): void {
  const labelled = found.labels;
  context.record.expect(
    LABELS,
    labelled !== undefined && [labelled.role, labelled.category, labelled.status].every((label) => typeof label === 'string' && label.length > 0) && labelled.role !== found.role,
    labelled ? 'the labels repeat the codes instead of saying them in words' : 'a case answer carries no labels although workflow is advertised',
    exchange ? context.evidence(exchange) : undefined,
    "case answers label role, category and status in words, in the case's language",
  );
}

async function substatus(context: RunContext, report: SubmittedReport, found: CaseView): Promise<void> {
  const { record } = context;
  const set = (value: string | null) => context.client.send({ operationId: 'setCaseSubstatus', headers: context.handlerHeaders, pathParams: { caseId: found.caseId }, json: { substatus: value } });
  const unknown = await set('conformance-unknown-substatus');
  const codes = ((unknown.json as Schema<'Problem'> | undefined)?.errors ?? []).map((error) => `${error.pointer} ${error.code ?? ''}`);
  record.expect(SUBSTATUS, unknown.status === 400 && codes.includes('/substatus unknown-substatus'), `an unknown substatus answered ${unknown.status} (${codes.join(', ')}), not 400 unknown-substatus at /substatus`, context.evidence(unknown));

  const options = await context.client.send({ operationId: 'getCaseOptions', headers: context.handlerHeaders });
  const current = (await context.client.send({ operationId: 'getCase', headers: context.handlerHeaders, pathParams: { caseId: found.caseId } })).json as CaseView | undefined;
  const allowed = (options.json as Schema<'CaseOptions'> | undefined)?.statuses.find((status) => status.id === current?.status)?.substatuses[0];
  if (!allowed) {
    record.pass(SUBSTATUS, `an unknown substatus is refused (the organisation lists none for ${current?.status ?? 'this status'})`);
    return;
  }
  const changed = await set(allowed.id);
  record.expect(SUBSTATUS, (changed.json as CaseView | undefined)?.substatus === allowed.id, `setting substatus ${allowed.id} answered ${changed.status} without it`, context.evidence(changed));
  const answers = await reporterAnswers(context, report);
  const shown = answers.find((answer) => answer.text.includes(allowed.id));
  record.expect(SUBSTATUS, shown === undefined, 'the reporter sees the substatus', shown ? context.evidence(shown) : undefined, 'a substatus from the organisation list is set, an unknown one refused (400), and the reporter never sees it');
}

async function run(context: RunContext): Promise<void> {
  const report = await context.newReport();
  const found = report ? await context.findCase(report) : undefined;
  if (!report || !found) {
    for (const id of [NOTES_HIDDEN, NOTES_KEPT, FEEDBACK, LABELS, SUBSTATUS]) context.record.skip(id, 'no submitted report could be found through case management');
    return;
  }
  labels(context, found, undefined);
  await notes(context, report, found);
  await substatus(context, report, found);
  await feedback(context, report, found);
}

export const caseWorkflowModule: ConformanceModule = {
  id: 'case-workflow',
  profile: 'case-workflow',
  title: 'Working a case: internal notes, feedback, labels, substatus (1.1)',
  checks: [
    { id: NOTES_HIDDEN, title: 'No answer the reporter receives contains an internal note.', requirement: 'paths./cases/{caseId}/notes; components.schemas.CaseNote', severity: 'MUST' },
    { id: NOTES_KEPT, title: 'An internal note is kept with its author and listed, oldest first.', requirement: 'paths./cases/{caseId}/notes', severity: 'MUST' },
    { id: FEEDBACK, title: "Feedback stamps deadlines.feedbackGivenAt and reaches the reporter's view.", requirement: 'paths./cases/{caseId}/feedback', severity: 'MUST' },
    { id: LABELS, title: "Case answers label role, category and status in words, in the case's language.", requirement: 'components.schemas.CaseLabels; components.schemas.CaseManagementCapability.workflow', severity: 'MUST' },
    { id: SUBSTATUS, title: 'A substatus comes from the organisation list (400 otherwise) and is never shown to the reporter.', requirement: 'paths./cases/{caseId}/substatus', severity: 'MUST' },
  ],
  run,
};
