// Security and privacy headers on every answer, CORS as documented, no internals in errors,
// and the receipt never anywhere it could be logged.
import type { ConformanceModule, RunContext } from '../context.js';
import { documentedResponse } from '../documented.js';
import type { Exchange } from '../http.js';

const NO_COOKIES = 'WRA-SEC-01';
const NOSNIFF = 'WRA-SEC-02';
const FRAME_ANCESTORS = 'WRA-SEC-03';
const NO_STORE = 'WRA-SEC-04';
const REFERRER_POLICY = 'WRA-SEC-05';
const CORS = 'WRA-SEC-06';
const NO_INTERNALS = 'WRA-SEC-07';
const RECEIPT_NOT_EXPOSED = 'WRA-SEC-08';

/** Signs that an error answer discloses the backend's internals. */
const INTERNALS: [RegExp, string][] = [
  [/\n\s*at [^\n]*:\d+:\d+/, 'a stack trace'],
  [/\bat (?:[\w$.<>]+ )?\(?(?:file:\/\/)?\/[^\s)]+:\d+:\d+\)?/, 'a stack frame'],
  [/"stack"\s*:/, 'a "stack" field'],
  [/node_modules/, 'a node_modules path'],
  [/(?:^|[\s"'(])\/(?:home|srv|usr|var|opt|app|root|tmp)\/[\w./-]+\.(?:js|mjs|cjs|ts|py|rb|php|java|go)\b/, 'a source file path'],
  [/\b(?:TypeError|ReferenceError|RangeError|SqliteError|SQLITE_[A-Z]+|QueryFailedError|NullPointerException)\b/, 'an internal error name'],
  [/Traceback \(most recent call last\)/, 'a Python traceback'],
  [/\b(?:SELECT|INSERT INTO|UPDATE|DELETE FROM)\b[^"]*\b(?:FROM|VALUES|SET|WHERE)\b/, 'an SQL statement'],
];

function isAttachmentDownload(exchange: Exchange): boolean {
  return exchange.operationId === 'getCaseAttachment' && exchange.status === 200;
}

function observe(context: RunContext, exchange: Exchange): void {
  const { record } = context;
  const evidence = () => context.evidence(exchange);
  const where = `${exchange.method} ${exchange.target} → ${exchange.status}`;

  const cookies = exchange.headers.getSetCookie();
  record.expect(NO_COOKIES, cookies.length === 0, `${where} sets a cookie`, evidence());

  const nosniff = exchange.headers.get('x-content-type-options');
  record.expect(NOSNIFF, nosniff?.trim().toLowerCase() === 'nosniff', `${where} has X-Content-Type-Options ${nosniff ?? '(absent)'}`, evidence());

  const referrer = exchange.headers.get('referrer-policy');
  record.expect(REFERRER_POLICY, referrer?.trim().toLowerCase() === 'no-referrer', `${where} has Referrer-Policy ${referrer ?? '(absent)'}`, evidence());

  const csp = exchange.headers.get('content-security-policy') ?? '';
  if (isAttachmentDownload(exchange)) {
    record.expect(FRAME_ANCESTORS, /(^|;)\s*sandbox\b/.test(csp), `${where} (an attachment) has no Content-Security-Policy: sandbox`, evidence());
  } else if (exchange.operationId) {
    record.expect(
      FRAME_ANCESTORS,
      /(^|;)\s*frame-ancestors\s+'none'/.test(csp),
      `${where} has Content-Security-Policy "${csp || '(absent)'}" without frame-ancestors 'none'`,
      evidence(),
    );
  }

  if (exchange.operationId) {
    const documented = documentedResponse(context.validator, exchange.operationId, exchange.status);
    if (documented?.headers['cache-control']?.schema.const === 'no-store') {
      const cacheControl = exchange.headers.get('cache-control') ?? '';
      record.expect(
        NO_STORE,
        cacheControl.split(',').some((directive) => directive.trim().toLowerCase() === 'no-store'),
        `${where} is personal data but has Cache-Control "${cacheControl || '(absent)'}"`,
        evidence(),
      );
    }
  }

  if (exchange.status >= 400) {
    const found = INTERNALS.find(([pattern]) => pattern.test(exchange.text));
    record.expect(NO_INTERNALS, found === undefined, `${where} discloses ${found?.[1]}`, evidence());
  }
}

/** The receipt must not be in any URL, redirect or response header (they end up in logs and histories). */
function finish(context: RunContext): void {
  if (context.secrets.receipts.length === 0) {
    context.record.skip(RECEIPT_NOT_EXPOSED, 'no report was accepted, so there was no receipt to look for');
    return;
  }
  for (const exchange of context.client.exchanges) {
    const where = `${exchange.method} ${exchange.target} → ${exchange.status}`;
    const inUrl = context.secrets.receiptIn(exchange.url);
    const header = [...exchange.headers.entries()].find(([, value]) => context.secrets.receiptIn(value));
    if (inUrl) context.record.fail(RECEIPT_NOT_EXPOSED, `a receipt appears in the URL of ${where}`, context.evidence(exchange));
    else if (header) context.record.fail(RECEIPT_NOT_EXPOSED, `a receipt appears in the ${header[0]} header of ${where}`, context.evidence(exchange));
  }
  context.record.pass(RECEIPT_NOT_EXPOSED, `no receipt in the URLs or headers of ${context.client.exchanges.length} answers`);
}

async function run(context: RunContext): Promise<void> {
  const origin = context.settings.foreignOrigin;
  const simple = await context.client.send({ operationId: 'getDiscovery', headers: { Origin: origin } });
  const allowed = simple.headers.get('access-control-allow-origin');
  context.record.expect(
    CORS,
    allowed === null,
    `GET /discovery from the unconfigured origin ${origin} answers Access-Control-Allow-Origin: ${allowed}`,
    context.evidence(simple),
  );
  const credentials = simple.headers.get('access-control-allow-credentials');
  context.record.expect(CORS, credentials === null, `GET /discovery answers Access-Control-Allow-Credentials: ${credentials}`, context.evidence(simple));

  const preflight = await context.client.sendRaw('OPTIONS', '/reports', {
    Origin: origin,
    'Access-Control-Request-Method': 'POST',
    'Access-Control-Request-Headers': 'content-type, idempotency-key',
  });
  const preflightAllowed = preflight.headers.get('access-control-allow-origin');
  context.record.expect(
    CORS,
    preflightAllowed === null,
    `the preflight of POST /reports from ${origin} answers Access-Control-Allow-Origin: ${preflightAllowed}`,
    context.evidence(preflight),
    'operations other than the OpenAPI document do not answer an unconfigured origin (simple request and preflight)',
  );
}

export const securityModule: ConformanceModule = {
  id: 'security',
  profile: 'core',
  title: 'Security and privacy of every answer',
  checks: [
    { id: NO_COOKIES, title: 'No answer ever sets a cookie.', requirement: 'info.description "Security headers"', severity: 'MUST' },
    {
      id: NOSNIFF,
      title: 'Every answer carries X-Content-Type-Options: nosniff.',
      requirement: 'info.description "Security headers"',
      severity: 'MUST',
    },
    {
      id: FRAME_ANCESTORS,
      title: "API answers carry a Content-Security-Policy with frame-ancestors 'none' (attachments: sandbox).",
      requirement: 'info.description "Security headers"; getCaseAttachment',
      severity: 'MUST',
    },
    {
      id: NO_STORE,
      title: 'Anything about a report or a case carries Cache-Control: no-store.',
      requirement: 'components.headers.CacheControlNoStore; info.description "Security headers"',
      severity: 'MUST',
    },
    {
      id: REFERRER_POLICY,
      title: 'Every answer carries Referrer-Policy: no-referrer.',
      requirement: 'info.description "Security headers"',
      severity: 'MUST',
    },
    {
      id: CORS,
      title: 'Operations other than the OpenAPI document do not answer an unconfigured origin, and never allow credentials.',
      requirement: 'info.description "CORS"',
      severity: 'MUST',
    },
    {
      id: NO_INTERNALS,
      title: 'Error answers disclose no stack traces, file paths, SQL or other internals.',
      requirement: 'components.responses.InternalServerError; components.schemas.Problem.detail',
      severity: 'MUST',
    },
    {
      id: RECEIPT_NOT_EXPOSED,
      title: 'A receipt never appears in a URL, a redirect or any response header.',
      requirement: 'info.description "Receipts"',
      severity: 'MUST',
    },
  ],
  run,
  observe,
  finish,
};
