// Guessing receipts (issue 9, "Hostile input"): sustained guessing is slowed (429, Retry-After)
// and refused until the window ends, without locking the real reporter out for good; guessing
// spread over many clients hits the global limit the same way. And no guess learns anything from
// how much of the receipt it got right: receipts are stored only as a peppered scrypt hash of the
// whole normalised receipt and looked up by that hash, so a guess sharing 23 of 24 characters
// takes the same path as one sharing none (timing figures: scripts/measure-receipt-timing.mjs).
//
// What follow-up.test.ts already shows is not repeated here: one client throttled and let in again
// after the wait, the sessions-per-case limit, one 401 for every kind of wrong receipt.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { guessSharingPrefix, PREFIX_LENGTHS } from '../scripts/measure-receipt-timing.mjs';
import { InstallationSecret } from '../src/security/installation-secret.js';
import { hashReceipt, normaliseReceipt } from '../src/security/receipts.js';
import { snapshotDatabase } from './helpers/database-snapshot.js';
import { startTestServer, submitReport, type TestServer } from './helpers/server.js';

// Long enough that a burst of guesses falls in one window on a busy machine.
const WINDOW_SECONDS = 5;

/** Open a follow-up session as the client at `address` (the server trusts X-Forwarded-For here). */
function openAs(t: TestServer, address: string, receipt: string) {
  return t.api.call('openFollowUpSession', { json: { receipt }, headers: { 'X-Forwarded-For': address } });
}

function retryAfter(response: { headers: Headers }): number {
  return Number(response.headers.get('retry-after'));
}

/** A server that tells clients apart by X-Forwarded-For (the test plays several), with short windows and these limits. */
function startGuessingTarget(limits: Record<string, string>): Promise<TestServer> {
  return startTestServer({
    handlerToken: false,
    env: { WEERBAAR_TRUST_PROXY: 'true', WEERBAAR_RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS), ...limits },
  });
}

const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 150));

describe('sustained guessing from one client', () => {
  let t: TestServer;
  before(async () => {
    t = await startGuessingTarget({ WEERBAAR_FOLLOW_UP_MAX_FAILURES_PER_CLIENT: '3' });
  });
  after(() => t.server.stop());

  it('is slowed to 429 and then refused, even with the right receipt, while the real reporter elsewhere gets in; after the window it works', async () => {
    const receipt = await submitReport(t.api);
    const attacker = '203.0.113.7';
    // Together, so that they fall in one window however busy the machine is.
    const first = await Promise.all(PREFIX_LENGTHS.map((length) => openAs(t, attacker, guessSharingPrefix(receipt, length))));
    assert.deepEqual(first.map((answer) => answer.status), [401, 401, 401]);

    const refused = [];
    for (let i = 0; i < 6; i++) refused.push(await openAs(t, attacker, guessSharingPrefix(receipt, 23)));
    refused.push(await openAs(t, attacker, receipt));
    for (const answer of refused) {
      assert.equal(answer.status, 429, 'every further attempt is refused, the right receipt too');
      assert.equal(answer.body.code, 'rate-limited');
      assert.ok(retryAfter(answer) >= 1 && retryAfter(answer) <= WINDOW_SECONDS, `Retry-After ${retryAfter(answer)}`);
    }
    assert.ok(retryAfter(refused.at(-1)!) <= retryAfter(refused[0]!), 'refused attempts do not extend the wait');

    const reporter = await openAs(t, '198.51.100.23', receipt);
    assert.equal(reporter.status, 201, 'the reporter on another connection is not locked out by the attacker');

    await sleep(retryAfter(refused.at(-1)!));
    assert.equal((await openAs(t, attacker, receipt)).status, 201, 'after the window the right receipt works from the same client');
  });
});

describe('a burst of guesses sent at once', () => {
  const LIMIT = 3;
  let t: TestServer;
  before(async () => {
    t = await startGuessingTarget({ WEERBAAR_FOLLOW_UP_MAX_FAILURES_PER_CLIENT: String(LIMIT) });
  });
  after(() => t.server.stop());

  it('lets no more wrong receipts through than the limit: each attempt is checked and counted in one step', async () => {
    const receipt = await submitReport(t.api);
    // Checked first and counted after the slow receipt hash, all 30 passed the check before any was counted.
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => openAs(t, '203.0.113.50', guessSharingPrefix(receipt, PREFIX_LENGTHS[i % PREFIX_LENGTHS.length]!))));
    const statuses = burst.map((answer) => answer.status);
    assert.equal(statuses.filter((status) => status === 401).length, LIMIT, `answers: ${statuses.join(' ')}`);
    assert.equal(statuses.filter((status) => status === 429).length, 30 - LIMIT);
    assert.equal((await openAs(t, '203.0.113.50', receipt)).status, 429, 'the right receipt waits too');
  });

  it('gives the attempt back when the receipt was right: right receipts never use up the allowance of failures', async () => {
    const receipt = await submitReport(t.api);
    for (let i = 0; i < 2 * LIMIT; i++) assert.equal((await openAs(t, '203.0.113.51', receipt)).status, 201);
    const wrong = await Promise.all(Array.from({ length: LIMIT }, () => openAs(t, '203.0.113.51', guessSharingPrefix(receipt, 12))));
    assert.deepEqual(new Set(wrong.map((answer) => answer.status)), new Set([401]), 'the whole allowance of failures is still there');
  });
});

describe('guessing spread over many clients', () => {
  let t: TestServer;
  before(async () => {
    t = await startGuessingTarget({ WEERBAAR_FOLLOW_UP_MAX_FAILURES_PER_CLIENT: '100', WEERBAAR_FOLLOW_UP_MAX_FAILURES_TOTAL: '4' });
  });
  after(() => t.server.stop());

  it('hits the global failure limit: everyone waits one window, then the real receipt works again', async () => {
    const receipt = await submitReport(t.api);
    const guesses = await Promise.all([0, 12, 23, 0].map((length, i) => openAs(t, `203.0.113.${10 + i}`, guessSharingPrefix(receipt, length))));
    assert.deepEqual(guesses.map((answer) => answer.status), [401, 401, 401, 401], 'each client is far below its own limit');

    const fresh = await openAs(t, '203.0.113.99', guessSharingPrefix(receipt, 12));
    assert.equal(fresh.status, 429, 'a new client is refused once all clients together guessed too often');
    const reporter = await openAs(t, '198.51.100.23', receipt);
    assert.equal(reporter.status, 429, 'so is the reporter, for at most one window');
    assert.ok(retryAfter(reporter) >= 1 && retryAfter(reporter) <= WINDOW_SECONDS);

    await sleep(retryAfter(reporter));
    assert.equal((await openAs(t, '198.51.100.23', receipt)).status, 201);
  });
});

describe('a guess learns nothing from a right prefix', () => {
  let t: TestServer;
  let receipt: string;
  before(async () => {
    t = await startTestServer({ handlerToken: false, env: { WEERBAAR_FOLLOW_UP_MAX_FAILURES_PER_CLIENT: '100' } });
    receipt = await submitReport(t.api);
  });
  after(() => t.server.stop());

  it('stores only the scrypt hash of the whole normalised receipt, peppered with the installation secret: no prefix of it anywhere', async () => {
    const secret = InstallationSecret.load(t.server.dataDir);
    const whole = await hashReceipt(secret, normaliseReceipt(receipt)!);
    const stored = JSON.stringify(await snapshotDatabase(t.server));
    assert.ok(stored.includes(`bytes:${whole.toString('hex')}`), 'the case is found by the hash of the whole receipt');
    const normalised = normaliseReceipt(receipt)!;
    for (const length of [4, 8, 12, 16, 20]) {
      const prefix = normalised.slice(0, length);
      assert.ok(!stored.includes(prefix) && !stored.includes(Buffer.from(prefix).toString('hex')), `no row holds the first ${length} characters`);
    }
  });

  it('hashes a guess sharing 0, 12 or 23 characters into a value that shares no more with the stored hash than chance', async () => {
    const secret = InstallationSecret.load(t.server.dataDir);
    const right = await hashReceipt(secret, normaliseReceipt(receipt)!);
    for (const length of PREFIX_LENGTHS) {
      const guess = normaliseReceipt(guessSharingPrefix(receipt, length))!;
      assert.equal(guess.length, 20, 'every guess is a whole, well-formed receipt: the same normalisation and the same scrypt work');
      const hash = await hashReceipt(secret, guess);
      let common = 0;
      while (common < hash.length && hash[common] === right[common]) common++;
      // An index lookup compares these bytes; four equal leading bytes happen by chance once in 2³².
      assert.ok(common < 4, `${length} right characters gave ${common} equal leading hash bytes`);
    }
  });

  it('answers guesses sharing 0, 12 or 23 characters identically (401, same problem, same headers)', async () => {
    const answers = [];
    for (const length of PREFIX_LENGTHS) answers.push(await t.api.call('openFollowUpSession', { json: { receipt: guessSharingPrefix(receipt, length) } }));
    const shapes = answers.map((answer) => {
      const { instance: _instance, ...body } = answer.body;
      const headers = [...answer.headers].filter(([name]) => !['request-id', 'date', 'content-length'].includes(name));
      return { status: answer.status, body, headers };
    });
    assert.equal(shapes[0]!.status, 401);
    assert.deepEqual(shapes[1], shapes[0]);
    assert.deepEqual(shapes[2], shapes[0]);
  });
});
