// Invalid and hostile input is rejected with a problem, lists every error, and changes nothing.
import { fixtures, type Fixture, type OperationId } from '@weerbaar/spec';
import type { ConformanceModule, RunContext } from '../context.js';
import type { Exchange, RequestSpec } from '../http.js';

const REJECTED = 'WRA-ERR-02';
const ALL_ERRORS = 'WRA-ERR-03';
const HOSTILE = 'WRA-ERR-04';
const MALFORMED_JSON = 'WRA-ERR-05';
const MEDIA_TYPE = 'WRA-ERR-06';
const TOO_LARGE = 'WRA-ERR-07';
const IDEMPOTENCY_KEY_REQUIRED = 'WRA-ERR-08';
const CHANGES_NOTHING = 'WRA-ERR-09';

interface FieldError {
  pointer?: unknown;
}

/** Whether the problem's `errors` name `pointer` (or something inside it). */
function listsPointer(exchange: Exchange, pointer: string): boolean {
  const errors = (exchange.json as { errors?: FieldError[] } | undefined)?.errors ?? [];
  return errors.some((error) => typeof error.pointer === 'string' && (error.pointer === pointer || error.pointer.startsWith(`${pointer}/`)));
}

/** 400, or 413 for a body over the advertised request limit (it may be refused for its size before it is validated). */
function rejectedAsInvalid(context: RunContext, body: unknown, status: number): boolean {
  const maxRequestBytes = context.discovery?.limits.maxRequestBytes ?? Number.POSITIVE_INFINITY;
  return status === 400 || (status === 413 && Buffer.byteLength(JSON.stringify(body) ?? '') > maxRequestBytes);
}

/**
 * Sends each golden invalid request fixture of an operation and expects 400 with every
 * `invalidAt` pointer listed. Shared by the profiles whose operations have invalid fixtures.
 */
export async function rejectInvalidFixtures(
  context: RunContext,
  operationId: OperationId,
  request: (fixture: Fixture) => Omit<RequestSpec, 'operationId' | 'json'>,
): Promise<void> {
  const invalid = fixtures.filter((fixture) => fixture.operationId === operationId && fixture.validity === 'invalid' && fixture.kind === 'request');
  for (const fixture of invalid) {
    const exchange = await context.client.send({ operationId, json: fixture.body, ...request(fixture) });
    const accepted = context.record.expect(
      REJECTED,
      rejectedAsInvalid(context, fixture.body, exchange.status),
      `${fixture.name} ("${fixture.description}") answered ${exchange.status}, not 400`,
      context.evidence(exchange),
      'every golden invalid request is rejected with 400',
    );
    if (!accepted || exchange.status !== 400) continue;
    const missing = (fixture.invalidAt ?? []).filter((pointer) => !listsPointer(exchange, pointer));
    context.record.expect(
      ALL_ERRORS,
      missing.length === 0,
      `${fixture.name}: the problem's errors do not name ${missing.map((pointer) => pointer || '(the body)').join(', ')}`,
      context.evidence(exchange),
      'a rejected request lists every invalid field in errors, at once',
    );
  }
}

type Body = Record<string, unknown>;

/** `ReportContent.description.maxLength` in the contract. */
const DESCRIPTION_MAX_LENGTH = 20000;

/** Generated invalid reports, each a mutation of a valid one. */
function hostileReports(valid: Body, maxTextLength: number): [string, unknown][] {
  const content = valid.content as Body;
  // Over both the schema's bound and the advertised limit, whichever is lower.
  const overlong = 'x'.repeat(Math.min(maxTextLength, DESCRIPTION_MAX_LENGTH) + 1);
  return [
    ['a number where a string belongs', { ...valid, role: 42 }],
    ['null where an object belongs', { ...valid, content: null }],
    ['a string where an object belongs', { ...valid, content: 'tekst' }],
    ['an array where a string belongs', { ...valid, content: { ...content, description: ['a', 'b'] } }],
    ['a missing required field', { role: valid.role, category: valid.category }],
    ['an unknown top-level field', { ...valid, isAdmin: true }],
    ['an unknown nested field', { ...valid, content: { ...content, html: '<script>alert(1)</script>' } }],
    ['an overlong description', { ...valid, content: { ...content, description: overlong } }],
    ['an invalid date', { ...valid, content: { ...content, occurredOn: '2026-13-45' } }],
    ['an array as the body', [valid]],
    ['a string as the body', 'report'],
  ];
}

async function run(context: RunContext): Promise<void> {
  const { record } = context;
  const before = await context.caseCount();
  const limits = context.discovery?.limits;

  await rejectInvalidFixtures(context, 'submitReport', (fixture) => ({ headers: { ...fixture.headers, 'Idempotency-Key': context.newIdempotencyKey() } }));

  const { body: valid } = await context.reportBody();
  const maxRequestBytes = limits?.maxRequestBytes ?? 262144;
  for (const [what, body] of hostileReports(valid, limits?.maxTextLength ?? DESCRIPTION_MAX_LENGTH)) {
    const exchange = await context.submit(body);
    record.expect(HOSTILE, rejectedAsInvalid(context, body, exchange.status), `a report with ${what} answered ${exchange.status}, not 400`, context.evidence(exchange), 'generated invalid reports (wrong types, missing and unknown fields, overlong text) are rejected with 400');
  }
  const badLanguage = await context.client.send({ operationId: 'getNorms', query: { lang: '<script>' } });
  record.expect(HOSTILE, badLanguage.status === 400, `GET /norms?lang=<script> answered ${badLanguage.status}, not 400`, context.evidence(badLanguage));

  const malformed = ['{"role": "civil-servant", "category": ', '{"role": "civil-servant",}', "{'role': 'civil-servant'}", ''];
  for (const text of malformed) {
    const exchange = await context.client.send({
      operationId: 'submitReport',
      headers: { 'Idempotency-Key': context.newIdempotencyKey(), 'Content-Type': 'application/json' },
      body: text,
    });
    record.expect(MALFORMED_JSON, exchange.status === 400, `malformed JSON ${JSON.stringify(text)} answered ${exchange.status}, not 400`, context.evidence(exchange), 'malformed JSON is rejected with 400');
  }

  for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
    const exchange = await context.client.send({
      operationId: 'submitReport',
      headers: { 'Idempotency-Key': context.newIdempotencyKey(), 'Content-Type': contentType },
      body: JSON.stringify(valid),
    });
    record.expect(MEDIA_TYPE, exchange.status === 415, `a report sent as ${contentType} answered ${exchange.status}, not 415`, context.evidence(exchange), 'a body in another content type is rejected with 415');
  }

  const huge = { ...valid, content: { ...(valid.content as Body), description: 'x'.repeat(maxRequestBytes + 1024) } };
  try {
    const exchange = await context.submit(huge);
    record.expect(TOO_LARGE, exchange.status === 413, `a body of ${maxRequestBytes + 1024} bytes (limit ${maxRequestBytes}) answered ${exchange.status}, not 413`, context.evidence(exchange), `a body over limits.maxRequestBytes (${maxRequestBytes}) is rejected with 413`);
  } catch (error) {
    record.fail(TOO_LARGE, `a body over the advertised limit broke the connection instead of answering 413 (${(error as Error).message})`);
  }

  const withoutKey = await context.client.send({ operationId: 'submitReport', json: valid });
  context.learnReceipt(withoutKey, valid, '');
  record.expect(IDEMPOTENCY_KEY_REQUIRED, withoutKey.status === 400, `a report without Idempotency-Key answered ${withoutKey.status}, not 400`, context.evidence(withoutKey));
  const badKey = await context.submit(valid, 'short');
  record.expect(IDEMPOTENCY_KEY_REQUIRED, badKey.status === 400, `a report with the malformed Idempotency-Key "short" answered ${badKey.status}, not 400`, context.evidence(badKey), 'a missing or malformed Idempotency-Key is rejected with 400');

  const after = await context.caseCount();
  if (before === undefined || after === undefined) {
    record.skip(CHANGES_NOTHING, 'limited: reading back needs case management and --handler-token; only the answers were checked');
  } else {
    record.expect(
      CHANGES_NOTHING,
      after === before,
      `the backend held ${before} cases before the rejected requests and ${after} after`,
      undefined,
      `read back with the handler token: still ${before} cases after every rejected request`,
    );
  }
}

export const errorsModule: ConformanceModule = {
  id: 'errors',
  profile: 'core',
  title: 'Invalid and hostile input',
  checks: [
    {
      id: REJECTED,
      title: 'Every golden invalid request is rejected with 400.',
      requirement: 'components.responses.BadRequest; fixtures */invalid',
      adr: ['/core/error-handling/invalid-input'],
      severity: 'MUST',
    },
    {
      id: ALL_ERRORS,
      title: 'A validation problem lists every invalid field in errors, at once, by JSON Pointer.',
      requirement: 'components.schemas.Problem.errors; info.description "Conventions"',
      adr: ['/core/error-handling/invalid-input'],
      severity: 'MUST',
    },
    {
      id: HOSTILE,
      title: 'Generated invalid input (wrong types, missing or unknown fields, overlong text, bad parameters) is rejected with 400.',
      requirement: 'info.description "Conventions" (unknown fields are an error)',
      adr: ['/core/error-handling/invalid-input'],
      severity: 'MUST',
    },
    { id: MALFORMED_JSON, title: 'Malformed JSON is rejected with 400.', requirement: 'components.responses.BadRequest', severity: 'MUST' },
    {
      id: MEDIA_TYPE,
      title: 'A body in a content type the operation does not accept is rejected with 415.',
      requirement: 'components.responses.UnsupportedMediaType',
      severity: 'MUST',
    },
    {
      id: TOO_LARGE,
      title: 'A body over the advertised limits.maxRequestBytes is rejected with 413.',
      requirement: 'components.responses.ContentTooLarge; components.schemas.Limits',
      severity: 'MUST',
    },
    {
      id: IDEMPOTENCY_KEY_REQUIRED,
      title: 'A report without a valid Idempotency-Key is rejected with 400.',
      requirement: 'components.parameters.IdempotencyKey',
      severity: 'MUST',
    },
    {
      id: CHANGES_NOTHING,
      title: 'A rejected request changes nothing (read back through case management).',
      requirement: 'info.description "Conventions" (a rejected request changes nothing)',
      severity: 'MUST',
    },
  ],
  run,
};
