// Every answer the kit receives, whatever it asked, is held against what the contract
// documents for that operation and status.
import type { ConformanceModule, RunContext } from '../context.js';
import { documentedResponse, headerProblem } from '../documented.js';
import { mediaTypeOf, type Exchange } from '../http.js';

const STATUS = 'WRA-RESP-01';
const MEDIA_TYPE = 'WRA-RESP-02';
const API_VERSION = 'WRA-RESP-03';
const BODY = 'WRA-RESP-04';
const HEADERS = 'WRA-RESP-05';
const PROBLEM = 'WRA-ERR-01';

/** Headers with a check of their own (API-Version here, Cache-Control: no-store in security). */
const OWN_CHECK_HEADERS = new Set(['api-version']);

function observe(context: RunContext, exchange: Exchange): void {
  const { record } = context;
  const { operationId, status } = exchange;
  if (!operationId) return;
  const evidence = () => context.evidence(exchange);
  const where = `${exchange.method} ${exchange.target} → ${status}`;

  const apiVersion = exchange.headers.get('api-version');
  record.expect(
    API_VERSION,
    apiVersion !== null && /^1\.\d+\.\d+$/.test(apiVersion),
    apiVersion === null ? `${where} has no API-Version header` : `${where} has API-Version "${apiVersion}", not a 1.x.y version`,
    evidence(),
  );

  if (status >= 400) {
    const problem = exchange.json as Record<string, unknown> | undefined;
    const mediaType = mediaTypeOf(exchange.headers);
    const missing = ['status', 'title', 'detail'].filter((field) => problem?.[field] === undefined);
    if (mediaType !== 'application/problem+json') record.fail(PROBLEM, `${where} is ${mediaType || 'without a content type'}, not application/problem+json`, evidence());
    else if (!problem || typeof problem !== 'object') record.fail(PROBLEM, `${where} has a body that is not a JSON object`, evidence());
    else if (missing.length > 0) record.fail(PROBLEM, `${where} is a problem without ${missing.join(', ')}`, evidence());
    else if (problem.status !== status) record.fail(PROBLEM, `${where} is a problem whose status says ${String(problem.status)}`, evidence());
    else record.pass(PROBLEM);
  }

  const documented = documentedResponse(context.validator, operationId, status);
  if (!documented) {
    record.fail(STATUS, `${where}: ${status} is not a documented answer of ${operationId}`, evidence());
    return;
  }
  record.pass(STATUS);

  const mediaType = mediaTypeOf(exchange.headers);
  if (documented.mediaTypes.length === 0) {
    record.expect(MEDIA_TYPE, exchange.text.length === 0, `${where} must have no body but has ${exchange.text.length} characters`, evidence());
  } else if (!documented.mediaTypes.includes(mediaType)) {
    record.fail(MEDIA_TYPE, `${where} is ${mediaType || 'without a content type'}; documented: ${documented.mediaTypes.join(', ')}`, evidence());
  } else {
    record.pass(MEDIA_TYPE);
    if (/json$/.test(mediaType)) {
      if (exchange.json === undefined) {
        record.fail(BODY, `${where} claims ${mediaType} but its body is not JSON`, evidence());
      } else {
        const issues = context.validator.response(operationId, status, mediaType)(exchange.json);
        record.expect(
          BODY,
          issues.length === 0,
          `${where} does not match the schema: ${issues
            .slice(0, 5)
            .map((issue) => `${issue.pointer || '(body)'} ${issue.message}`)
            .join('; ')}`,
          evidence(),
        );
      }
    }
  }

  for (const [name, header] of Object.entries(documented.headers)) {
    if (OWN_CHECK_HEADERS.has(name)) continue;
    if (name === 'cache-control' && header.schema.const === 'no-store') continue;
    // CORS headers answer an Origin; a request without one (not from a browser) needs none.
    if (name.startsWith('access-control-') && !Object.keys(exchange.requestHeaders).some((key) => key.toLowerCase() === 'origin')) continue;
    const value = exchange.headers.get(name);
    if (value === null) {
      if (header.required) record.fail(HEADERS, `${where} lacks the documented header ${name}`, evidence());
      continue;
    }
    const problem = headerProblem(value, header.schema);
    record.expect(HEADERS, problem === undefined, `${where}: header ${name} ${problem}`, evidence());
  }
}

export const responsesModule: ConformanceModule = {
  id: 'responses',
  profile: 'core',
  title: 'Every answer is one the contract documents',
  checks: [
    {
      id: STATUS,
      title: 'Every answer has a status code that the contract documents for the operation.',
      requirement: 'openapi.yaml paths.*.responses',
      severity: 'MUST',
    },
    {
      id: MEDIA_TYPE,
      title: 'Every answer has a documented content type (and no body where none is documented).',
      requirement: 'openapi.yaml paths.*.responses.*.content; info.description "Conventions"',
      severity: 'MUST',
    },
    {
      id: API_VERSION,
      title: 'Every answer carries the API-Version header with the full 1.x.y version.',
      requirement: 'components.headers.ApiVersion; info.description "Conventions"',
      adr: ['/core/version-header'],
      severity: 'MUST',
    },
    {
      id: BODY,
      title: 'Every JSON body matches the documented schema for the operation and status.',
      requirement: 'openapi.yaml paths.*.responses.*.content.*.schema',
      severity: 'MUST',
    },
    {
      id: HEADERS,
      title: 'Documented response headers (Request-Id, ETag, Content-Language, Vary, Retry-After, …) are present and valid.',
      requirement: 'components.headers; info.description "Security headers"',
      severity: 'MUST',
    },
    {
      id: PROBLEM,
      title: 'Every 4xx and 5xx answer is application/problem+json with status, title and detail.',
      requirement: 'components.schemas.Problem; info.description "Conventions"',
      adr: ['/core/error-handling/problem-details'],
      severity: 'MUST',
    },
  ],
  observe,
};
