// Notifications, where the kit can observe them: the signed webhooks of `caseManagement.webhooks`
// (contract 1.1, `webhooks.caseEvent`). The kit listens where the backend is configured to send
// its events (`--webhook-port`, with the shared `--webhook-secret`), submits a report with a
// category, a role and a marked text, and checks the `received` event that arrives: signed as
// Standard Webhooks define, a CloudEvent that fits the contract — and without anything of the
// report in it. Then, for each change event the backend advertises (acknowledged, feedback given,
// closed), it makes that change with the handler token and checks that its event arrives, signed,
// about that case and without content. E-mail notices cannot be observed from outside; the contract
// holds them to the same rule.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { Schema } from '@weerbaar/spec';
import type { ConformanceModule, RunContext, SubmittedReport } from '../context.js';

const SIGNED_EVENT = 'WRA-NOTE-01';
const NO_CONTENT = 'WRA-NOTE-02';
const CHANGE_EVENTS = 'WRA-NOTE-03';

/** The changes the kit can make and observe at once, in the order it makes them (a deletion waits for the retention period). */
const OBSERVABLE_CHANGES = [
  { type: 'nl.weerbaar.case.acknowledged', operationId: 'acknowledgeCase', json: {} },
  { type: 'nl.weerbaar.case.feedback-given', operationId: 'giveFeedback', json: { message: 'Wij hebben uw melding onderzocht.' } },
  { type: 'nl.weerbaar.case.closed', operationId: 'setCaseStatus', json: { status: 'closed', outcome: 'no-action-needed' } },
] as const;

type CaseEvent = Schema<'CaseEvent'>;

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
}

/** How far a `webhook-timestamp` may be from the kit's clock (contract: 5 minutes). */
const TIMESTAMP_TOLERANCE_SECONDS = 300;

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** Whether one of the `v1,` signatures is the HMAC of `id.timestamp.body` under the secret. */
export function signatureValid(secret: string, delivery: Delivery): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${one(delivery.headers['webhook-id'])}.${one(delivery.headers['webhook-timestamp'])}.${delivery.body}`).digest();
  return one(delivery.headers['webhook-signature'])
    .split(' ')
    .map((candidate) => Buffer.from(candidate.replace(/^v1,/, ''), 'base64'))
    .some((signature) => signature.length === expected.length && timingSafeEqual(signature, expected));
}

/** Listens on the configured port until `stop`, keeping every delivery. */
async function listen(port: number, host: string): Promise<{ deliveries: Delivery[]; stop(): Promise<void> }> {
  const deliveries: Delivery[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      deliveries.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    deliveries,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The strings of the report that must never be in an event about it. */
function contentOf(report: SubmittedReport): string[] {
  const body = report.body as { role?: string; category?: string };
  return [body.category, body.role, report.marker, report.receipt.receipt, report.receipt.receipt.replace(/-/g, '')].filter((value): value is string => Boolean(value));
}

function parse(delivery: Delivery): CaseEvent | undefined {
  try {
    return JSON.parse(delivery.body) as CaseEvent;
  } catch {
    return undefined;
  }
}

/** Makes each advertised change to the case and checks that its event arrives: signed, about the case, fitting the contract, without content. */
async function checkChangeEvents(
  context: RunContext,
  advertised: readonly string[],
  caseId: string,
  report: SubmittedReport,
  deliveries: Delivery[],
  receiver: { secret: string; waitSeconds: number },
): Promise<void> {
  const { record } = context;
  const changes = OBSERVABLE_CHANGES.filter((change) => advertised.includes(change.type));
  if (changes.length === 0) return record.skip(CHANGE_EVENTS, 'the backend advertises no acknowledged, feedback-given or closed events');
  if (!context.handlerToken) return record.skip(CHANGE_EVENTS, 'needs a handler token to change the case');
  const problems: string[] = [];
  for (const change of changes) {
    const made = await context.client.send({ operationId: change.operationId, headers: context.handlerHeaders, pathParams: { caseId }, json: change.json });
    if (made.status !== 200) problems.push(`${change.operationId} answered ${made.status}`);
  }
  const about = (type: string) => deliveries.find((delivery) => parse(delivery)?.type === type && parse(delivery)?.subject === caseId);
  const deadline = Date.now() + receiver.waitSeconds * 1000;
  while (changes.some((change) => !about(change.type)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  for (const { type } of changes) {
    const delivery = about(type);
    if (!delivery) {
      problems.push(`no ${type} event about the case arrived within ${receiver.waitSeconds} s`);
      continue;
    }
    const event = parse(delivery)!;
    if (!signatureValid(receiver.secret, delivery)) problems.push(`the ${type} event's signature does not verify`);
    if (event.data?.caseId !== caseId) problems.push(`the ${type} event's data names another case`);
    problems.push(...context.validator.schema('CaseEvent')(event).map((error) => `the ${type} event does not fit CaseEvent at ${error.pointer || '(root)'}: ${error.code}`));
    const leaked = contentOf(report).filter((value) => delivery.body.toLowerCase().includes(value.toLowerCase()));
    if (leaked.length) problems.push(`the ${type} event holds content of the report`);
  }
  record.expect(CHANGE_EVENTS, problems.length === 0, problems.join('; '), undefined, `each advertised change event arrives when the change is made (${changes.map((change) => change.type).join(', ')})`);
}

async function run(context: RunContext): Promise<void> {
  const { record } = context;
  const receiver = context.settings.webhookReceiver;
  const advertised = context.discovery?.capabilities.caseManagement?.webhooks;
  const skip = (reason: string) => [SIGNED_EVENT, NO_CONTENT, CHANGE_EVENTS].forEach((id) => record.skip(id, reason));
  if (!advertised) return skip('caseManagement.webhooks is not advertised');
  if (!advertised.eventTypes.includes('nl.weerbaar.case.received')) return skip('the backend does not send nl.weerbaar.case.received events');
  if (!receiver) return skip('needs --webhook-port and --webhook-secret (configure the backend to send its webhooks there)');

  const listener = await listen(receiver.port, receiver.host ?? '127.0.0.1');
  try {
    const report = await context.newReport();
    if (!report) return skip('no report was accepted to be notified about');
    // The event of this report: the one whose open acknowledgement deadline is the receipt's.
    const ours = (delivery: Delivery) => {
      const event = parse(delivery);
      return event?.type === 'nl.weerbaar.case.received' && event.data?.acknowledgeDueAt !== undefined && Date.parse(event.data.acknowledgeDueAt) === Date.parse(report.receipt.acknowledgeDueAt);
    };
    const deadline = Date.now() + receiver.waitSeconds * 1000;
    while (!listener.deliveries.some(ours) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const delivery = listener.deliveries.find(ours);
    if (!delivery) {
      const seen = listener.deliveries.length ? ` (${listener.deliveries.length} other deliveries arrived)` : '';
      [SIGNED_EVENT, NO_CONTENT].forEach((id) => record.fail(id, `no nl.weerbaar.case.received event about the report arrived within ${receiver.waitSeconds} s${seen}`));
      return record.skip(CHANGE_EVENTS, 'the case of the report is not known without its received event');
    }
    const event = parse(delivery)!;
    const timestamp = Number(one(delivery.headers['webhook-timestamp']));
    const schemaErrors = context.validator.schema('CaseEvent')(event);
    const problems = [
      ...(signatureValid(receiver.secret, delivery) ? [] : ['no webhook-signature verifies with the shared secret']),
      ...(one(delivery.headers['webhook-id']) === event.id ? [] : ['webhook-id is not the event id']),
      ...(Math.abs(Date.now() / 1000 - timestamp) <= TIMESTAMP_TOLERANCE_SECONDS ? [] : [`webhook-timestamp ${timestamp || '(absent)'} is not now`]),
      ...(/^application\/cloudevents\+json/.test(one(delivery.headers['content-type'])) ? [] : [`Content-Type is ${one(delivery.headers['content-type']) || '(absent)'}`]),
      ...schemaErrors.map((error) => `the event does not fit CaseEvent at ${error.pointer || '(root)'}: ${error.code}`),
    ];
    record.expect(SIGNED_EVENT, problems.length === 0, problems.join('; '), undefined, 'a new report sends a signed nl.weerbaar.case.received CloudEvent that fits the contract');
    const everything = `${JSON.stringify(delivery.headers)}\n${delivery.body}`.toLowerCase();
    const leaked = contentOf(report).filter((value) => everything.includes(value.toLowerCase()));
    record.expect(
      NO_CONTENT,
      leaked.length === 0,
      `the event about the report holds its ${leaked.map((value) => (value === report.receipt.receipt || value === report.receipt.receipt.replace(/-/g, '') ? 'receipt' : value === report.marker ? 'text' : `category or role "${value}"`)).join(', ')}`,
      undefined,
      'the event names the case without its category, role, text or receipt',
    );
    await checkChangeEvents(context, advertised.eventTypes, event.subject, report, listener.deliveries, receiver);
  } finally {
    await listener.stop();
  }
}

export const notificationsModule: ConformanceModule = {
  id: 'notifications',
  profile: 'case-management',
  title: 'Notifications: signed webhooks without content',
  checks: [
    {
      id: SIGNED_EVENT,
      title: 'A new report sends a signed CloudEvent (Standard Webhooks signature, webhook-id = event id) that fits the contract.',
      requirement: 'webhooks.caseEvent; components.schemas.CaseEvent',
      severity: 'MUST',
    },
    {
      id: NO_CONTENT,
      title: 'A notification holds nothing of the report: no category, role, text or receipt.',
      requirement: 'info.description "Notifications and webhooks"; components.schemas.CaseEventData',
      severity: 'MUST',
    },
    {
      id: CHANGE_EVENTS,
      title: 'Each change event the backend advertises (acknowledged, feedback-given, closed) arrives when the kit makes that change, signed and without content (deleted waits for the retention period: not observed).',
      requirement: 'discovery caseManagement.webhooks.eventTypes; components.schemas.CaseEventType',
      severity: 'MUST',
    },
  ],
  run,
};
