// Discovery and the published contract: what the kit reads first.
import type { ConformanceModule, Discovery, RunContext } from '../context.js';
import type { Exchange } from '../http.js';

const DISCOVERY = 'WRA-DISC-01';
const OPENAPI_JSON = 'WRA-META-01';
const OPENAPI_ANY_ORIGIN = 'WRA-META-02';
const OPENAPI_YAML = 'WRA-META-03';
const ABSENT_CAPABILITY = 'WRA-DISC-02';

/** One operation per optional capability, called as an unauthorised client would. */
const CAPABILITY_PROBES: [keyof Discovery['capabilities'], string, (context: RunContext) => Promise<Exchange>][] = [
  ['followUp', 'POST /follow-up/sessions', (context) => context.client.send({ operationId: 'openFollowUpSession', json: { receipt: '0000-0000-0000-0000-0000' } })],
  ['caseManagement', 'GET /cases', (context) => context.client.send({ operationId: 'listCases', headers: context.handlerToken ? context.handlerHeaders : {} })],
];

async function absentCapabilities(context: RunContext): Promise<void> {
  const capabilities = context.discovery?.capabilities;
  if (!capabilities) {
    context.record.skip(ABSENT_CAPABILITY, 'discovery could not be read');
    return;
  }
  for (const [capability, what, probe] of CAPABILITY_PROBES) {
    if (capabilities[capability] !== undefined) continue;
    const exchange = await probe(context);
    context.record.expect(
      ABSENT_CAPABILITY,
      exchange.status === 404,
      `${what} answered ${exchange.status}, but capabilities.${capability} is not advertised (must be 404)`,
      context.evidence(exchange),
      'operations of capabilities that are not advertised answer 404',
    );
  }
  context.record.skip(ABSENT_CAPABILITY, 'the backend advertises follow-up and case management, so there is no absent capability to probe');
}

async function run(context: RunContext): Promise<void> {
  const { record } = context;
  // The discovery request itself is made by the runner (it decides what to test); judge it here.
  const exchange = context.client.exchanges.find((candidate) => candidate.operationId === 'getDiscovery');
  if (exchange) {
    const issues = exchange.status === 200 ? context.validator.response('getDiscovery', 200)(exchange.json) : [];
    record.expect(
      DISCOVERY,
      exchange.status === 200 && issues.length === 0,
      exchange.status === 200
        ? `the discovery document does not match the Discovery schema: ${issues.map((issue) => `${issue.pointer} ${issue.message}`).join('; ')}`
        : `GET /discovery answered ${exchange.status} (is --base-url the API base, ending in /v1?)`,
      context.evidence(exchange),
      'GET /discovery answers a valid Discovery document',
    );
  }

  const origin = context.settings.foreignOrigin;
  const json = await context.client.send({ operationId: 'getOpenApiJson', headers: { Origin: origin } });
  const document = json.json as { openapi?: unknown; info?: { version?: unknown } } | undefined;
  record.expect(
    OPENAPI_JSON,
    json.status === 200 && typeof document?.openapi === 'string' && /^3\.1\./.test(document.openapi),
    `GET /openapi.json answered ${json.status} without an OpenAPI 3.1 document`,
    context.evidence(json),
    'GET /openapi.json serves an OpenAPI 3.1 document',
  );
  const discovery: Discovery | undefined = context.discovery;
  if (json.status === 200 && discovery && document?.info?.version !== discovery.apiVersion) {
    record.fail(OPENAPI_JSON, `the served document's info.version (${String(document?.info?.version)}) differs from discovery's apiVersion (${discovery.apiVersion})`, context.evidence(json));
  }
  const allowed = json.headers.get('access-control-allow-origin');
  record.expect(
    OPENAPI_ANY_ORIGIN,
    allowed === '*',
    `GET /openapi.json from ${origin} answers Access-Control-Allow-Origin: ${allowed ?? '(absent)'}`,
    context.evidence(json),
    'GET /openapi.json answers any origin with Access-Control-Allow-Origin: *',
  );

  const yaml = await context.client.send({ operationId: 'getOpenApiYaml', headers: { Accept: 'application/yaml', Origin: origin } });
  record.expect(
    OPENAPI_YAML,
    yaml.status === 200 && /^openapi:\s*["']?3\.1\./m.test(yaml.text) && yaml.headers.get('access-control-allow-origin') === '*',
    `GET /openapi.yaml from ${origin} answered ${yaml.status} (Access-Control-Allow-Origin ${yaml.headers.get('access-control-allow-origin') ?? 'absent'}), not an OpenAPI 3.1 YAML document for any origin`,
    context.evidence(yaml),
    'GET /openapi.yaml serves the OpenAPI document as YAML to any origin',
  );

  await absentCapabilities(context);
}

export const discoveryModule: ConformanceModule = {
  id: 'discovery',
  profile: 'core',
  title: 'Discovery and the published contract',
  checks: [
    {
      id: DISCOVERY,
      title: 'GET /discovery answers a valid capability document (deadlines within the law, no private key).',
      requirement: 'paths./discovery; components.schemas.Discovery',
      severity: 'MUST',
    },
    {
      id: ABSENT_CAPABILITY,
      title: 'An operation of a capability that discovery does not advertise answers 404.',
      requirement: 'info.description "Discovery first"; components.responses.NotFound',
      severity: 'MUST',
    },
    {
      id: OPENAPI_JSON,
      title: 'GET /openapi.json serves the OpenAPI 3.1 contract the backend implements.',
      requirement: 'paths./openapi.json',
      adr: ['/core/publish-openapi', '/core/doc-openapi'],
      severity: 'MUST',
    },
    {
      id: OPENAPI_ANY_ORIGIN,
      title: 'GET /openapi.json answers any origin with Access-Control-Allow-Origin: *.',
      requirement: 'info.description "CORS"; components.headers.AllowAnyOrigin',
      adr: ['/core/publish-openapi'],
      severity: 'MUST',
    },
    {
      id: OPENAPI_YAML,
      title: 'GET /openapi.yaml serves the same contract as YAML, to any origin.',
      requirement: 'paths./openapi.yaml',
      severity: 'MUST',
    },
  ],
  run,
};
