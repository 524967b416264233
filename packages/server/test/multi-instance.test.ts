// Three stateless server processes on one PostgreSQL database must behave as one server: whatever
// a client did on one instance holds on the others (a load balancer may send each request anywhere).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { testDatabase } from '../../../test-support/reference-server.mjs';
import { idempotencyKey, MINIMAL_REPORT, type ContractResponse } from './helpers/contract-client.js';
import { newestCaseId, openSession, startTestServer, submitReport, type TestServer } from './helpers/server.js';
import { startSmtpInbox, subjectOf, type SmtpInbox } from './helpers/smtp-inbox.js';
import pg from 'pg';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const run = promisify(execFile);

const skip = testDatabase !== 'postgres' && 'needs PostgreSQL: runs in the "server on PostgreSQL" suite of npm test (WEERBAAR_TEST_POSTGRES_URL)';

describe('three instances on one PostgreSQL database', { skip }, () => {
  let instances: TestServer[];
  let handlerToken: string;

  before(async () => {
    // Behind a load balancer: X-Forwarded-For tells clients apart, which lets one test be "another client".
    const first = await startTestServer({ env: { WEERBAAR_TRUST_PROXY: 'true', WEERBAAR_FOLLOW_UP_MAX_FAILURES_PER_CLIENT: '3' } });
    const others = await Promise.all([1, 2].map(() => startTestServer({ shareWith: first.server, env: first.server.env })));
    instances = [first, ...others];
    handlerToken = first.server.handlerToken!;
  });
  after(async () => {
    // The first instance owns the database: stop it last.
    await Promise.all(instances.slice(1).map((instance) => instance.server.stop()));
    await instances[0]!.server.stop();
  });

  it('runs three processes on three ports', () => {
    assert.equal(new Set(instances.map((instance) => instance.server.origin)).size, 3);
  });

  it('stores one case, with one receipt, for one Idempotency-Key sent to all three at once', async () => {
    const before = (await instances[0]!.api.call('listCases', { token: handlerToken })).body.totalItems as number;
    const key = idempotencyKey();
    const send = (instance: TestServer) => instance.api.call('submitReport', { json: MINIMAL_REPORT, headers: { 'Idempotency-Key': key } });
    const first = await Promise.all([...instances, ...instances].map(send));
    // A request that met the key in flight (409) retries, as a client would, until it gets the stored answer.
    const answers: ContractResponse[] = [];
    for (const [index, response] of first.entries()) {
      let answer = response;
      for (let attempt = 0; answer.status === 409 && attempt < 50; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        answer = await send(instances[index % instances.length]!);
      }
      answers.push(answer);
    }
    assert.deepEqual(answers.map((answer) => answer.status), answers.map(() => 201));
    assert.equal(new Set(answers.map((answer) => answer.body.receipt)).size, 1, 'every answer carries the same receipt');
    assert.equal(answers.filter((answer) => answer.headers.get('idempotent-replayed') !== 'true').length, 1, 'exactly one request created the case');
    const afterwards = (await instances[1]!.api.call('listCases', { token: handlerToken })).body.totalItems as number;
    assert.equal(afterwards, before + 1);
  });

  it('continues a follow-up session opened on one instance on the others, and ends it everywhere', async () => {
    const [a, b, c] = instances as [TestServer, TestServer, TestServer];
    const receipt = await submitReport(a.api);
    const token = await openSession(a.api, receipt);
    assert.equal((await b.api.call('getFollowUpCase', { token })).status, 200);
    const sent = await c.api.call('sendFollowUpMessage', { token, json: { body: 'Aanvulling via een ander instance' } });
    assert.equal(sent.status, 201);
    const seen = await a.api.call('getFollowUpCase', { token });
    assert.ok(seen.body.messages.some((message: { id: string }) => message.id === sent.body.id));
    assert.equal((await b.api.call('closeFollowUpSession', { token })).status, 204);
    assert.equal((await a.api.call('getFollowUpCase', { token })).status, 401);
    assert.equal((await c.api.call('getFollowUpCase', { token })).status, 401);
  });

  it('serves an attachment uploaded through one instance from the others, byte for byte', async () => {
    const [a, b, c] = instances as [TestServer, TestServer, TestServer];
    const token = await openSession(a.api, await submitReport(a.api));
    // Larger than one stored chunk, so the bytes stream in and out in several parts.
    const text = Buffer.from('Regel van het verslag met een teken dat telt: é.\n'.repeat(14_000), 'utf8');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(text)], { type: 'text/plain' }), 'verslag.txt');
    const stored = await a.api.call('addFollowUpAttachment', { token, body: form });
    assert.equal(stored.status, 201);
    assert.equal(stored.body.sizeBytes, text.length);
    const caseId = await newestCaseId(b.api, handlerToken);
    for (const instance of [b, c]) {
      const download = await instance.api.call('getCaseAttachment', { token: handlerToken, path: { caseId, attachmentId: stored.body.id } });
      assert.equal(download.status, 200);
      assert.ok(download.bytes.equals(text), `the download from ${instance.server.origin} is the upload`);
    }
  });

  it('accepts a handler token created once on every instance, and refuses it on every instance once revoked', async () => {
    const env = instances[0]!.server.env;
    const created = await run(process.execPath, [cli, 'token', 'create', '--name', 'gedeelde behandelaar'], { env });
    const token = /wbh_[A-Za-z0-9_-]+/.exec(created.stdout)![0];
    for (const instance of instances) assert.equal((await instance.api.call('listCases', { token })).status, 200);
    const id = /^(h_\S+)\tgedeelde behandelaar/m.exec((await run(process.execPath, [cli, 'token', 'list'], { env })).stdout)![1]!;
    await run(process.execPath, [cli, 'token', 'revoke', id], { env });
    for (const instance of instances) assert.equal((await instance.api.call('listCases', { token })).status, 401);
    for (const instance of instances) assert.equal((await instance.api.call('listCases', { token: handlerToken })).status, 200);
  });

  it('counts one client’s wrong receipts on all instances together against its limit', async () => {
    const client = { 'X-Forwarded-For': '203.0.113.7' };
    const wrong = { receipt: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ' };
    for (const instance of instances) {
      assert.equal((await instance.api.call('openFollowUpSession', { json: wrong, headers: client })).status, 401);
    }
    // Three failures, one on each instance: the limit (3) is reached everywhere, also for a right receipt.
    const receipt = await submitReport(instances[0]!.api);
    for (const instance of instances) {
      const refused = await instance.api.call('openFollowUpSession', { json: { receipt }, headers: client });
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    }
    // Another client is not affected.
    const other = await instances[2]!.api.call('openFollowUpSession', { json: { receipt }, headers: { 'X-Forwarded-For': '198.51.100.23' } });
    assert.equal(other.status, 201);
  });
});

describe('scheduled work on three instances on one PostgreSQL database', { skip }, () => {
  const LEASE_SECONDS = 4;
  let inbox: SmtpInbox;
  let instances: TestServer[];
  /** Each instance greets the mail server with its own name, so a held mail tells which one sent it. */
  const names = ['instance-a', 'instance-b', 'instance-c'];

  before(async () => {
    inbox = await startSmtpInbox();
    const env = (name: string) => ({
      WEERBAAR_SMTP_URL: `${inbox.url}/?name=${name}`,
      WEERBAAR_NOTIFY_RECIPIENTS: 'integriteit@voorbeeldstad.example',
      WEERBAAR_JOBS_POLL_MILLISECONDS: '100',
      WEERBAAR_JOBS_LEASE_SECONDS: String(LEASE_SECONDS),
    });
    const first = await startTestServer({ env: env(names[0]!) });
    const others = await Promise.all(names.slice(1).map((name) => startTestServer({ shareWith: first.server, env: { ...first.server.env, ...env(name) } })));
    instances = [first, ...others];
  });
  after(async () => {
    await Promise.all(instances.slice(1).map((instance) => instance.server.stop()));
    await instances[0]!.server.stop();
    await inbox.stop();
  });

  /** Submits a report through `instance`; answers its case id and reference (handlers see both). */
  async function newCase(instance: TestServer): Promise<{ caseId: string; reference: string }> {
    const response = await instance.api.call('submitReport', { json: MINIMAL_REPORT, headers: { 'Idempotency-Key': idempotencyKey() } });
    assert.equal(response.status, 201);
    const caseId = await newestCaseId(instance.api, instance.server.handlerToken!);
    const reference = (await instance.api.call('getCase', { token: instance.server.handlerToken!, path: { caseId } })).body.reference as string;
    return { caseId, reference };
  }

  it('mails the notice of a new report exactly once, though all three instances look for due jobs ten times a second', async () => {
    const { reference } = await newCase(instances[1]!);
    const about = (mail: { raw: string }) => subjectOf(mail as never).includes(reference);
    await inbox.waitFor(about);
    // Thirty more polls of each instance: a second mail would have come by now.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const mails = inbox.mails.filter(about);
    assert.equal(mails.length, 1, mails.map((mail) => `${mail.client}: ${subjectOf(mail)}`).join('\n'));
    assert.match(subjectOf(mails[0]!), /^\[Weerbaar\] Nieuwe melding WB-\d{4}-\d+ \/ New report$/);
  });

  it('has another instance deliver the mail of an instance that was killed while sending it, once its lease ran out', async () => {
    inbox.holdNext();
    const db = new pg.Client({ connectionString: instances[0]!.server.databaseUrl });
    await db.connect();
    try {
      // Watch for the held mail while the report is submitted, and kill its sender at once: the lease
      // runs from the claim, and under a full run's load the calls after a submission can outlast it.
      const submitted = instances[0]!.api.call('submitReport', { json: MINIMAL_REPORT, headers: { 'Idempotency-Key': idempotencyKey() } });
      const holder = await new Promise<string>((resolve, reject) => {
        const started = Date.now();
        const look = setInterval(() => {
          if (inbox.held.length) resolve((clearInterval(look), inbox.held[0]!));
          else if (Date.now() - started > 30_000) reject((clearInterval(look), new Error('no mail was held')));
        }, 20);
      });
      const claimed = await db.query<{ job_key: string; lease_expires_at: string }>(
        "SELECT job_key, lease_expires_at FROM jobs WHERE job_key LIKE 'mail:received:%' AND state = 'claimed'",
      );
      assert.equal(claimed.rows.length, 1, 'the held mail is the one claimed job');
      const { job_key: jobKey, lease_expires_at: leaseExpiresAt } = claimed.rows[0]!;
      await instances[names.indexOf(holder)]!.server.kill('SIGKILL');

      assert.equal((await submitted).status, 201);
      const caseId = jobKey.slice('mail:received:'.length);
      const survivor = instances.find((_, index) => names[index] !== holder)!;
      const reference = (await survivor.api.call('getCase', { token: survivor.server.handlerToken!, path: { caseId } })).body.reference as string;
      const about = (mail: { raw: string }) => subjectOf(mail as never).includes(reference);
      const [mail] = await inbox.waitFor(about);
      assert.notEqual(mail!.client, holder, 'another instance sent it');
      assert.ok(Date.now() >= Date.parse(leaseExpiresAt), 'not before the lease of the killed instance ran out');
      await new Promise((resolve) => setTimeout(resolve, 2000));
      assert.equal(inbox.mails.filter(about).length, 1, 'delivered once');

      const { rows } = await db.query<{ state: string; attempts: number }>('SELECT state, attempts FROM jobs WHERE job_key = $1', [jobKey]);
      assert.deepEqual(rows, [{ state: 'done', attempts: 2 }], 'claimed twice: by the killed instance and by the one that sent it');
    } finally {
      await db.end();
    }
  });
});
