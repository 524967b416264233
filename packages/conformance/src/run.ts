// runConformance: reads discovery, decides which profiles to test, runs their modules against
// the backend and turns the observations into a report.
import { createHash } from 'node:crypto';
import { API_VERSION, openapiDocument } from '@weerbaar/spec';
import { SpecValidator } from '@weerbaar/spec/validation';
import { RunContext, type ConformanceModule, type Discovery } from './context.js';
import { HttpClient, TransportError } from './http.js';
import { kitVersion } from './kit-version.js';
import { MODULES, PROFILES } from './profiles.js';
import { Recorder } from './recorder.js';
import { SecretRegistry } from './secrets.js';
import {
  PROFILE_IDS,
  type CheckResult,
  type ConformanceOptions,
  type ConformanceReport,
  type ExpectedFailure,
  type ProfileId,
  type ProfileResult,
  type ReportSummary,
} from './types.js';

/** The backend did not answer at all: there is nothing to certify. */
export class BackendUnreachableError extends Error {
  constructor(baseUrl: string, cause: string) {
    super(`The backend at ${baseUrl} could not be reached: ${cause}`);
    this.name = 'BackendUnreachableError';
  }
}

function specHash(): string {
  return createHash('sha256').update(JSON.stringify(openapiDocument)).digest('hex');
}

function decideProfiles(requested: ProfileId[], discovery: Discovery | undefined, handlerToken: string | undefined, auditorToken: string | undefined): ProfileResult[] {
  return PROFILES.map((profile): ProfileResult => {
    if (profile.id !== 'core' && !requested.includes(profile.id)) return { id: profile.id, tested: false, reason: 'not requested' };
    if (profile.id !== 'core' && !discovery) return { id: profile.id, tested: false, reason: 'discovery could not be read, so optional capabilities are unknown' };
    const missing = [
      ...profile.capabilities.filter((capability) => discovery?.capabilities[capability] === undefined),
      ...(profile.caseManagement ?? []).filter((sub) => discovery?.capabilities.caseManagement?.[sub] === undefined).map((sub) => `caseManagement.${sub}`),
    ];
    if (missing.length > 0) return { id: profile.id, tested: false, reason: `the backend does not advertise capabilities.${missing.join(', capabilities.')}` };
    if (profile.needsHandlerToken && !handlerToken) return { id: profile.id, tested: false, reason: 'needs --handler-token' };
    if (profile.needsAuditorToken && !auditorToken) return { id: profile.id, tested: false, reason: 'needs --auditor-token' };
    return { id: profile.id, tested: true };
  });
}

function usableDiscovery(value: unknown): Discovery | undefined {
  const candidate = value as Partial<Discovery> | undefined;
  return candidate && typeof candidate === 'object' && typeof candidate.capabilities === 'object' && candidate.capabilities !== null ? (candidate as Discovery) : undefined;
}

async function runModule(module: ConformanceModule, context: RunContext): Promise<void> {
  try {
    await module.run?.(context);
  } catch (error) {
    // A module that stops half-way fails the checks it had not yet decided.
    const reason = error instanceof TransportError ? `the backend stopped answering: ${error.message}` : `the module stopped: ${(error as Error).message}`;
    for (const check of module.checks) {
      if (context.record.verdict(check.id).state === 'skipped') context.record.fail(check.id, reason);
    }
  }
}

function applyExpectedFailures(results: CheckResult[], expected: ExpectedFailure[]): void {
  for (const result of results) {
    const listed = expected.find((entry) => entry.id === result.id);
    if (!listed) continue;
    if (result.outcome === 'failed' || result.outcome === 'warning') {
      result.expectedFailure = { reason: listed.reason, nowPasses: false };
      result.outcome = 'expected-failure';
    } else if (result.outcome === 'passed') {
      result.expectedFailure = { reason: listed.reason, nowPasses: true };
    }
  }
}

function summarise(results: CheckResult[]): ReportSummary {
  const count = (outcome: CheckResult['outcome']) => results.filter((result) => result.outcome === outcome).length;
  return {
    passed: count('passed'),
    failed: count('failed'),
    warning: count('warning'),
    skipped: count('skipped'),
    expectedFailure: count('expected-failure'),
    unexpectedPass: results.filter((result) => result.expectedFailure?.nowPasses).length,
  };
}

/** Runs the conformance kit against a backend and answers the report. Throws BackendUnreachableError when nothing answers. */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const startedAt = new Date().toISOString();
  const validator = new SpecValidator();
  const secrets = new SecretRegistry();
  if (options.handlerToken) secrets.addToken(options.handlerToken);
  for (const token of [options.personToken, options.auditorToken]) if (token) secrets.addToken(token);
  const record = new Recorder();
  const client = new HttpClient(options.baseUrl, validator, secrets, options.requestTimeoutMs ?? 15_000);
  const context = new RunContext(client, validator, secrets, record, RunContext.settingsFrom(options), options.handlerToken);
  context.people = { ...(options.personToken ? { personToken: options.personToken } : {}), ...(options.auditorToken ? { auditorToken: options.auditorToken } : {}) };

  let profiles: ProfileResult[] = [];
  const active = () => MODULES.filter((module) => profiles.find((profile) => profile.id === module.profile)?.tested);
  client.onExchange((exchange) => {
    for (const module of active()) module.observe?.(context, exchange);
  });

  // Core observers must see the discovery answer too, so the core profile is active from the start.
  profiles = [{ id: 'core', tested: true }];
  try {
    const discovery = await client.send({ operationId: 'getDiscovery' });
    if (discovery.status === 200) context.discovery = usableDiscovery(discovery.json);
  } catch (error) {
    throw new BackendUnreachableError(options.baseUrl, (error as Error).message);
  }
  const requested = options.profiles ?? [...PROFILE_IDS];
  profiles = decideProfiles(requested, context.discovery, options.handlerToken, options.auditorToken);

  const modules = active();
  for (const module of [...modules.filter((candidate) => candidate.phase !== 'late'), ...modules.filter((candidate) => candidate.phase === 'late')]) {
    await runModule(module, context);
  }
  for (const module of modules) module.finish?.(context);

  const results: CheckResult[] = MODULES.flatMap((module) => {
    const profile = profiles.find((candidate) => candidate.id === module.profile)!;
    return module.checks.map((check): CheckResult => {
      if (!profile.tested) return { ...check, profile: module.profile, module: module.id, outcome: 'skipped', reason: `profile ${profile.id} not tested: ${profile.reason}`, evidence: [] };
      const verdict = record.verdict(check.id);
      const outcome = verdict.state === 'failed' && check.severity === 'SHOULD' ? 'warning' : verdict.state;
      return { ...check, profile: module.profile, module: module.id, outcome, reason: verdict.reason, evidence: verdict.evidence };
    });
  });
  applyExpectedFailures(results, options.expectedFailures ?? []);
  const summary = summarise(results);

  return {
    kit: kitVersion(),
    spec: { apiVersion: API_VERSION, sha256: specHash() },
    target: { baseUrl: options.baseUrl, apiVersion: context.discovery?.apiVersion, organisation: context.discovery?.organisation?.name },
    startedAt,
    finishedAt: new Date().toISOString(),
    requests: client.exchanges.length,
    profiles,
    results,
    summary,
    conforms: summary.failed === 0,
  };
}
