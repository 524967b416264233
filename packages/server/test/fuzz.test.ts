// Property-based fuzzing of every operation of the contract (issue 9, "Hostile input"): random and
// adversarial bodies, headers, encodings, sizes, path and query parameters, Unicode edge cases and
// prototype-pollution keys. Every request is wrong on purpose; each must get a 4xx problem that
// holds to the contract, never a 5xx, never a hang, and the database must not change.
//
// The OpenID sign-in operations are fuzzed once more with a real OpenID provider configured
// (elsewhere they are only ever "not offered").
//
// Bounded by default (a fixed seed and number of runs per operation); for a long local campaign:
//   WEERBAAR_FUZZ_RUNS=2000 WEERBAAR_FUZZ_SEED=$RANDOM node --import tsx --test packages/server/test/fuzz.test.ts
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { OperationInfo } from '@weerbaar/spec/validation';
import fc from 'fast-check';
import { assertCommonHeaders, assertContractAnswer, MINIMAL_REPORT, spec, type ContractResponse } from './helpers/contract-client.js';
import { assertSameDatabase, COUNTERS_AND_AUDIT_TABLES, snapshotDatabase, type DatabaseSnapshot } from './helpers/database-snapshot.js';
import { hostileRequests, multipartBody, PNG, BOUNDARY, type FuzzCase, type FuzzTargets } from './helpers/fuzz-arbitraries.js';
import { closeHostileConnections, sendHostile, sendRawBytes, type HostileAnswer } from './helpers/hostile-http.js';
import { startOpenIdProvider, type TestOpenIdProvider } from './helpers/openid-provider.js';
import { newestCaseId, openSession, startTestServer, submitReport, type TestServer } from './helpers/server.js';

const RUNS = Number(process.env.WEERBAAR_FUZZ_RUNS ?? 70);
const SEED = Number(process.env.WEERBAAR_FUZZ_SEED ?? 20261128);
/** The run at the default rate limits is a smaller sample of the same requests. */
const RUNS_AT_DEFAULT_LIMITS = Math.max(5, Math.round(RUNS / 4));
const ATTACHMENT_MAX_BYTES = 64 * 1024;

/**
 * Answers that come before any operation is chosen, for any operation: the request line or
 * headers cannot be parsed or are too large (400, 431), the path is not one of the contract's
 * (404), the body is over the limit (413).
 */
const TRANSPORT_STATUSES = new Set([400, 404, 413, 431]);

/** Limits so high that fuzzing tests validation, not the rate limiter. */
const RAISED_LIMITS = {
  WEERBAAR_REPORTS_PER_CLIENT: '100000000',
  WEERBAAR_FOLLOW_UP_MAX_FAILURES_PER_CLIENT: '1000000',
  WEERBAAR_FOLLOW_UP_MAX_FAILURES_TOTAL: '100000000',
  WEERBAAR_FOLLOW_UP_MAX_SESSIONS_PER_CASE: '1000000',
};

export function assertProblem(answer: HostileAnswer, label: string): void {
  assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/, `${label}: a problem+json`);
  assert.deepEqual(spec.schema('Problem')(answer.body), [], `${label}: the problem holds to the contract: ${answer.bytes.toString('utf8').slice(0, 300)}`);
  assert.equal(answer.body.status, answer.status, `${label}: the problem's status is the answer's`);
  assertCommonHeaders(answer as ContractResponse, label);
}

function judge(operation: OperationInfo, fuzz: FuzzCase, answer: HostileAnswer): void {
  const label = `${operation.operationId} [${fuzz.defects.join(' | ')}] + [${fuzz.noise.join(' | ')}] → ${answer.status}`;
  assert.ok(answer.status < 500, `${label}: ${answer.bytes.toString('utf8').slice(0, 300)}`);
  if (fuzz.defects.length) assert.ok(answer.status >= 400, `${label}: a wrong request was accepted`);
  if (operation.statuses.includes(String(answer.status))) {
    assertContractAnswer(operation.operationId, answer as ContractResponse);
  } else {
    assert.ok(TRANSPORT_STATUSES.has(answer.status), `${label}: status not documented for the operation`);
    assertProblem(answer, label);
  }
}

/** What fast-check prints for a failing case: the defects and the request line, not a 300 kB body. */
function describeCase(fuzz: FuzzCase): FuzzCase {
  return Object.assign(fuzz, {
    [fc.toStringMethod]: () =>
      `${fuzz.request.method} ${fuzz.request.path.slice(0, 200)} defects=${JSON.stringify(fuzz.defects)} noise=${JSON.stringify(fuzz.noise)} ` +
      `headers=${JSON.stringify(fuzz.request.headers.map(([name, value]) => `${name}: ${value.slice(0, 80)}`))} body=${JSON.stringify(fuzz.request.body?.subarray(0, 200).toString('latin1'))}`,
  });
}

interface Campaign {
  t: TestServer;
  /** Tables a request that is right may change besides the counters and the audit trail (a started OpenID sign-in keeps its state). */
  changing: RegExp;
  targets: FuzzTargets;
  database: DatabaseSnapshot;
  attachmentFiles: string[];
  discovery: string;
  requests: Map<string, number>;
}

/** The attachment files on disk (none when the storage keeps them in the database). */
async function attachmentFiles(t: TestServer): Promise<string[]> {
  const dir = join(t.server.dataDir, 'attachments');
  return existsSync(dir) ? (await readdir(dir)).sort() : [];
}

/** A server with one case, a follow-up session and an attachment, so every id in a path is real. */
async function prepare(env: Record<string, string>, changing = COUNTERS_AND_AUDIT_TABLES): Promise<Campaign> {
  const t = await startTestServer({ env: { WEERBAAR_LOG_LEVEL: 'warn', WEERBAAR_ATTACHMENT_MAX_BYTES: String(ATTACHMENT_MAX_BYTES), ...env } });
  const receipt = await submitReport(t.api, MINIMAL_REPORT);
  const followUpToken = await openSession(t.api, receipt);
  const caseId = await newestCaseId(t.api, t.server.handlerToken!);
  const uploaded = await sendHostile(t.server.origin, {
    method: 'POST',
    path: '/v1/follow-up/attachments',
    headers: [
      ['Authorization', `Bearer ${followUpToken}`],
      ['Content-Type', `multipart/form-data; boundary=${BOUNDARY}`],
    ],
    body: multipartBody([{ name: 'file', filename: 'foto.png', type: 'image/png', data: PNG }]),
  });
  assert.equal(uploaded.status, 201);
  const targets: FuzzTargets = {
    caseId,
    attachmentId: uploaded.body.id,
    followUpToken,
    handlerToken: t.server.handlerToken!,
    attachmentMaxBytes: ATTACHMENT_MAX_BYTES,
    maxRequestBytes: 262144,
  };
  return {
    t,
    changing,
    targets,
    database: await snapshotDatabase(t.server, changing),
    attachmentFiles: await attachmentFiles(t),
    discovery: JSON.stringify((await t.api.call('getDiscovery')).body),
    requests: new Map(),
  };
}

/** One property per operation of the contract (or of `only`), enumerated from the document itself. */
function fuzzEveryOperation(campaign: () => Campaign, runs: number, only?: string[]): void {
  const operations = spec.operations().filter((operation) => !only || only.includes(operation.operationId));
  for (const operation of operations) {
    it(`${operation.operationId}: hostile requests get a 4xx problem (reads with noise alone a contract answer), never a 5xx or a hang`, async () => {
      const { t, targets, requests } = campaign();
      await fc.assert(
        fc.asyncProperty(hostileRequests(operation, targets).map(describeCase), async (fuzz) => {
          const answer = await sendHostile(t.server.origin, fuzz.request);
          requests.set(operation.operationId, (requests.get(operation.operationId) ?? 0) + 1);
          judge(operation, fuzz, answer);
        }),
        { numRuns: runs, seed: SEED, includeErrorInReport: true },
      );
    });
  }

  it(only ? `fuzzed ${only.join(', ')}` : 'fuzzed every operation of the contract', (context) => {
    const { t, requests } = campaign();
    const missed = operations.map((operation) => operation.operationId).filter((id) => !requests.get(id));
    assert.deepEqual(missed, []);
    const total = [...requests.values()].reduce((sum, count) => sum + count, 0);
    context.diagnostic(`requests fuzzed on ${t.server.databaseUrl ? 'PostgreSQL' : 'SQLite'}: ${total} (${[...requests].map(([id, count]) => `${id} ${count}`).join(', ')})`);
  });

  it('changed nothing: every table and the attachment files are as before', async () => {
    const { t, database, attachmentFiles: files, changing } = campaign();
    assertSameDatabase(await snapshotDatabase(t.server, changing), database, 'after fuzzing');
    assert.deepEqual(await attachmentFiles(t), files, 'no file was kept, no upload was left behind');
  });

  it('left Object.prototype clean: defaults read from plain objects are still the defaults', async () => {
    const { t, targets, discovery } = campaign();
    // The pollution payloads set `pageSize`, `page` and `sort`; listCases falls back to its
    // defaults through plain objects, so a polluted prototype would show here.
    const list = await t.api.call('listCases', { token: targets.handlerToken });
    assert.equal(list.status, 200);
    assert.equal(list.body.pageSize, 20);
    assert.equal(list.body.page, 1);
    assert.equal(JSON.stringify((await t.api.call('getDiscovery')).body), discovery);
    const view = await t.api.call('getFollowUpCase', { token: targets.followUpToken });
    assert.equal(view.status, 200, 'the follow-up session still works');
  });
}

describe('fuzzing every operation, rate limits raised', () => {
  let campaign: Campaign;
  before(async () => {
    campaign = await prepare(RAISED_LIMITS);
  });
  after(async () => {
    closeHostileConnections();
    await campaign.t.server.stop();
  });

  fuzzEveryOperation(() => campaign, RUNS);

  it('answers requests the HTTP parser refuses with a 4xx problem and keeps serving', async (context) => {
    const { t, targets } = campaign;
    const host = `Host: ${new URL(t.server.origin).host}\r\n`;
    const raw: [string, string][] = [
      ['NUL in the path', `GET /v1/cases/c_AAAA\u0000AAAA HTTP/1.1\r\n${host}\r\n`],
      ['space in the path', `GET /v1/disc overy HTTP/1.1\r\n${host}\r\n`],
      ['control character in the path', `GET /v1/discovery\u0001 HTTP/1.1\r\n${host}\r\n`],
      ['unknown HTTP version', `GET /v1/discovery HTTP/9.9\r\n${host}\r\n`],
      ['no Host header', 'GET /v1/discovery HTTP/1.1\r\n\r\n'],
      ['header without a colon', `GET /v1/discovery HTTP/1.1\r\n${host}Authorization Bearer x\r\n\r\n`],
      ['space in a header name', `GET /v1/discovery HTTP/1.1\r\n${host}Accept Language: nl\r\n\r\n`],
      ['NUL in a header value', `GET /v1/cases HTTP/1.1\r\n${host}Authorization: Bearer ${targets.handlerToken}\u0000\r\n\r\n`],
      ['folded header line', `GET /v1/discovery HTTP/1.1\r\n${host}Accept-Language: nl\r\n  en\r\n\r\n`],
      ['Content-Length and Transfer-Encoding together', `POST /v1/reports HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
      ['two different Content-Lengths', `POST /v1/reports HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`],
      ['negative Content-Length', `POST /v1/reports HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: -1\r\n\r\n`],
      ['chunk size that is not hexadecimal', `POST /v1/reports HTTP/1.1\r\n${host}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`],
      ['Transfer-Encoding that does not end in chunked', `POST /v1/reports HTTP/1.1\r\n${host}Content-Type: application/json\r\nTransfer-Encoding: chunked, gzip\r\n\r\n2\r\n{}\r\n0\r\n\r\n`],
    ];
    for (const [label, text] of raw) {
      const answer = await sendRawBytes(t.server.origin, Buffer.from(text, 'latin1'));
      assert.ok(answer.status >= 400 && answer.status < 500, `${label}: ${answer.status}`);
      assertProblem(answer, label);
    }
    assert.equal((await t.api.call('getDiscovery')).status, 200, 'still serving');
    context.diagnostic(`requests the HTTP parser refuses: ${raw.length}`);
  });
});

describe('fuzzing every operation at the default rate limits', () => {
  let campaign: Campaign;
  before(async () => {
    campaign = await prepare({});
  });
  after(async () => {
    closeHostileConnections();
    await campaign.t.server.stop();
  });

  fuzzEveryOperation(() => campaign, RUNS_AT_DEFAULT_LIMITS);
});

describe('fuzzing the OpenID sign-in operations, with a real OpenID provider configured', () => {
  let provider: TestOpenIdProvider;
  let campaign: Campaign;
  before(async () => {
    provider = await startOpenIdProvider();
    // A start without defects keeps its state (sign_in_ceremonies): the one change a right request makes.
    campaign = await prepare({ ...RAISED_LIMITS, ...provider.serverEnv() }, new RegExp(`${COUNTERS_AND_AUDIT_TABLES.source}|sign_in_ceremonies`, 'i'));
  });
  after(async () => {
    closeHostileConnections();
    await campaign?.t.server.stop();
    await provider?.stop();
  });

  it('offers OpenID sign-in (else this campaign would only see 404s)', async () => {
    assert.ok((await campaign.t.api.call('getDiscovery')).body.capabilities.caseManagement.signIn.oidc);
  });

  fuzzEveryOperation(() => campaign, RUNS, ['startOidcSignIn', 'finishOidcSignIn']);
});
