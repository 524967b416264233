// The SDK's submitReport keeps retrying while the server is killed (SIGKILL) and restarted, and the
// result is exactly one case, whose receipt is the one the SDK returned. A TCP proxy with a stable
// port stands in front of the server (a restart may change the server's port): the test kills the
// server at the moment the request reaches it, or at the moment its answer comes back after the
// report was committed (that answer is then lost).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startReferenceServer, type ReferenceServer } from '../../../test-support/reference-server.mjs';
import { createHandlerClient } from '../src/handler.js';
import { createClient, type PlainReportSubmission, type ReportReceipt } from '../src/index.js';
import { startTcpProxy, type ProxiedConnection, type TcpProxy } from './support/tcp-proxy.js';

const SUBMISSION = 'POST /v1/reports ';
/** ky backs off 0.3, 0.6, 1.2, 2.4, 4.8, 9.6 s: far longer in all than a restart takes. */
const RETRIES = 6;

type KillMoment = 'request-reaches-server' | 'answer-after-commit';

const report = (description: string): PlainReportSubmission => ({ role: 'administrator', category: 'bribery', content: { description } });

function occurrences(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((match) => match[1] ?? match[0]);
}

describe('submitReport across a server crash and restart', () => {
  let server: ReferenceServer;
  let proxy: TcpProxy;
  /** When the proxy kills the server next (once). */
  let killAt: KillMoment | undefined;
  /** The kill, restart and retarget, once started. */
  let recovery: Promise<void> | undefined;
  /** The connection whose answer is being held back. */
  let silenced: ProxiedConnection | undefined;

  function killAndRestart(connection: ProxiedConnection): void {
    killAt = undefined;
    recovery = (async () => {
      await server.kill('SIGKILL');
      connection.cut();
      await server.restart();
      proxy.retarget(Number(new URL(server.origin).port));
    })();
  }

  beforeEach(async () => {
    killAt = undefined;
    recovery = undefined;
    silenced = undefined;
    server = await startReferenceServer();
    proxy = await startTcpProxy(Number(new URL(server.origin).port), {
      afterRequestBytes(connection) {
        if (killAt === 'request-reaches-server' && connection.requestText.includes(SUBMISSION)) killAndRestart(connection);
      },
      beforeAnswerBytes(connection) {
        // The server answers a submission only after the report is durably committed: hold that answer back.
        if (killAt === 'answer-after-commit' && connection.requestText.includes(SUBMISSION)) silenced = connection;
        if (connection !== silenced) return true;
        if (killAt === 'answer-after-commit' && /"receipt":"[^"]+"[\s\S]*}$/.test(connection.answerText)) killAndRestart(connection);
        return false;
      },
    });
  });

  afterEach(async () => {
    await recovery;
    await proxy.close();
    await server.stop();
  });

  /** Submits through the proxy with the server killed at `moment`; checks the retries and the one case. */
  async function submitThroughCrash(moment: KillMoment, description: string): Promise<ReportReceipt> {
    const apiUrl = `${proxy.origin}/v1`;
    const client = createClient({ baseUrl: apiUrl, retry: RETRIES });
    await client.discover(); // before arming: only the submission should meet the kill
    killAt = moment;
    const receipt = await client.submitReport(report(description));
    assert.ok(recovery, 'the server was killed');
    await recovery;

    const sent = proxy.connections.map((connection) => connection.requestText).join('');
    assert.ok(occurrences(sent, new RegExp(SUBMISSION, 'g')).length >= 2, 'the SDK retried the submission');
    assert.equal(new Set(occurrences(sent, /^idempotency-key: *(\S+)\r$/gim)).size, 1, 'every attempt carried the same Idempotency-Key');

    const handler = createHandlerClient({ baseUrl: apiUrl, token: server.handlerToken! });
    const cases = await handler.listCases({ pageSize: 100 });
    assert.equal(cases.totalItems, 1, 'exactly one case exists');
    const stored = await handler.getCase(cases.items[0]!.caseId);
    assert.equal(stored.content?.description, description);
    assert.equal(stored.receivedAt, receipt.receivedAt);

    // The receipt the SDK returned is the one that opens this case.
    const session = await client.openFollowUp(receipt.receipt);
    assert.equal((await session.getCase()).receivedAt, stored.receivedAt);
    await session.close();
    return receipt;
  }

  it('stores the report once when the server dies as the request reaches it, and returns its receipt', async () => {
    await submitThroughCrash('request-reaches-server', 'Een projectontwikkelaar bood geld; de server viel weg toen de melding aankwam.');
  });

  it('returns the receipt of the stored report when the server dies after committing it and its answer is lost', async () => {
    const receipt = await submitThroughCrash('answer-after-commit', 'Een projectontwikkelaar bood geld; het antwoord ging verloren met de server.');
    // The connection may have carried discovery's answer before (kept alive): the lost answer is its last.
    const lostAnswer = silenced!.answerText.slice(silenced!.answerText.lastIndexOf('HTTP/1.1 '));
    assert.match(lostAnswer, /^HTTP\/1\.1 201 /, 'the lost answer was the 201 of the stored report');
    assert.ok(lostAnswer.includes(`"receipt":"${receipt.receipt}"`), 'the SDK returned the receipt of the answer that was lost');
    const replays = proxy.connections.filter((connection) => /^idempotent-replayed: *true\r$/im.test(connection.answerText));
    assert.equal(replays.length, 1, 'the retry after the restart was answered as a replay');
  });
});
