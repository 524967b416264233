// One running reference server per test file, with a contract-checking client for it.
import { startReferenceServer, type ReferenceServer, type ReferenceServerOptions } from '../../../../test-support/reference-server.mjs';
import { after, before } from 'node:test';
import { ContractClient, idempotencyKey, MINIMAL_REPORT } from './contract-client.js';

export interface TestServer {
  server: ReferenceServer;
  api: ContractClient;
}

export async function startTestServer(options: ReferenceServerOptions = {}): Promise<TestServer> {
  const server = await startReferenceServer(options);
  return { server, api: new ContractClient(() => server.apiUrl) };
}

/** Submits a report and returns its receipt. */
export async function submitReport(api: ContractClient, report: unknown = MINIMAL_REPORT): Promise<string> {
  const response = await api.call('submitReport', { json: report, headers: { 'Idempotency-Key': idempotencyKey() } });
  if (response.status !== 201) throw new Error(`submitReport answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.receipt as string;
}

/** Opens a follow-up session and returns its token. */
export async function openSession(api: ContractClient, receipt: string): Promise<string> {
  const response = await api.call('openFollowUpSession', { json: { receipt } });
  if (response.status !== 201) throw new Error(`openFollowUpSession answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.token as string;
}

/** The case id of the newest case (handlers find cases by listing them). */
export async function newestCaseId(api: ContractClient, handlerToken: string): Promise<string> {
  const response = await api.call('listCases', { token: handlerToken, query: { pageSize: '1' } });
  return response.body.items[0].caseId as string;
}

/** Submits a report and finds its case as a handler would: the case id, and the reporter's receipt. */
export async function newCase(api: ContractClient, handlerToken: string, report: unknown = MINIMAL_REPORT): Promise<{ caseId: string; receipt: string }> {
  const receipt = await submitReport(api, report);
  return { caseId: await newestCaseId(api, handlerToken), receipt };
}

export interface SuiteServer {
  /** The server, once the suite's `before` ran. */
  readonly t: TestServer;
  /** Its handler token. */
  readonly token: string;
  /** A new case as a handler finds it. */
  newCase(report?: unknown): Promise<{ caseId: string; receipt: string }>;
}

/** One server for the `describe` block this is called in: started before its tests, stopped after. */
export function serverForSuite(options: ReferenceServerOptions = {}): SuiteServer {
  let started: TestServer | undefined;
  before(async () => {
    started = await startTestServer(options);
  });
  after(() => started?.server.stop());
  const suite: SuiteServer = {
    get t() {
      if (!started) throw new Error('the suite server is not started yet');
      return started;
    },
    get token() {
      return suite.t.server.handlerToken!;
    },
    newCase: (report) => newCase(suite.t.api, suite.token, report),
  };
  return suite;
}
