// Discovery and the published contract: what the kit reads first.
import type { ConformanceModule, Discovery, RunContext } from '../context.js';

const DISCOVERY = 'WRA-DISC-01';
const OPENAPI_JSON = 'WRA-META-01';
const OPENAPI_ANY_ORIGIN = 'WRA-META-02';
const OPENAPI_YAML = 'WRA-META-03';

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
        : `GET /discovery answered ${exchange.status}`,
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
