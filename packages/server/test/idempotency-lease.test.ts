// A request that dies holding an Idempotency-Key (its instance was killed) must not block the retry for the
// key's whole lifetime, and a late original must not store a second case once the retry took the key over.
// Engine-level: these rules live in the store, so each store implementation is held to them here.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, testDatabase } from '../../../test-support/reference-server.mjs';
import { PostgresStore } from '../src/storage/postgres-store.js';
import { SqliteStore } from '../src/storage/sqlite-store.js';
import { IdempotencyClaimLostError, type NewReport, type Store } from '../src/storage/store.js';

const T0 = '2026-11-28T10:00:00.000Z';
const secondsAfterT0 = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const keyHash = Buffer.alloc(32, 7);

function claim(claimId: string, nowSeconds: number) {
  return {
    keyHash,
    requestHash: 'digest-of-the-body',
    claimId,
    now: secondsAfterT0(nowSeconds),
    expiresAt: secondsAfterT0(nowSeconds + 86_400),
    leaseExpiresAt: secondsAfterT0(nowSeconds + 30),
  };
}

function report(id: string, claimId: string): NewReport {
  return {
    case: {
      id,
      role: 'civil-servant',
      category: 'threat-intimidation',
      status: 'received',
      receivedAt: T0,
      acknowledgeDueAt: secondsAfterT0(7 * 86_400),
      feedbackDueAt: secondsAfterT0(90 * 86_400),
      consents: [],
      content: { description: `report ${id}` },
    },
    receiptHash: Buffer.from(id.padEnd(32, '.')),
    idempotency: { keyHash, claimId, sealedResponse: Buffer.from(`answer for ${id}`) },
  };
}

/** The lease rules every store must keep; `open` gives a fresh, empty store. */
function leaseRules(engine: string, open: () => Promise<{ store: Store; dispose(): Promise<void> }>) {
  describe(`idempotency claims (${engine} store)`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    before(async () => {
      ({ store, dispose } = await open());
    });
    after(() => dispose());

    it('keeps a second request out while the first one holds a live lease', async () => {
      assert.equal(await store.claimIdempotencyKey(claim('claim_first', 0)), undefined);
      assert.deepEqual(await store.claimIdempotencyKey(claim('claim_second', 29)), { state: 'pending', requestHash: 'digest-of-the-body' });
    });

    it('lets a retry take the key over once the lease ran out, and refuses the late original', async () => {
      assert.equal(await store.claimIdempotencyKey(claim('claim_retry', 31)), undefined, 'the retry claims the key');
      await assert.rejects(store.createReport(report('c_lateOriginal', 'claim_first')), IdempotencyClaimLostError);
      assert.equal(await store.getCase('c_lateOriginal'), undefined, 'the late original stored nothing');

      await store.createReport(report('c_retry', 'claim_retry'));
      const done = await store.claimIdempotencyKey(claim('claim_later', 60));
      assert.equal(done?.state, 'done');
      assert.equal(done?.state === 'done' && done.sealedResponse.toString(), 'answer for c_retry');
    });

    it("releases only the caller's own claim", async () => {
      const otherKey = { ...claim('claim_a', 0), keyHash: Buffer.alloc(32, 9) };
      assert.equal(await store.claimIdempotencyKey(otherKey), undefined);
      await store.releaseIdempotencyKey(otherKey.keyHash, 'claim_someone_else');
      assert.equal((await store.claimIdempotencyKey({ ...otherKey, claimId: 'claim_b', now: secondsAfterT0(1) }))?.state, 'pending');
      await store.releaseIdempotencyKey(otherKey.keyHash, 'claim_a');
      assert.equal(await store.claimIdempotencyKey({ ...otherKey, claimId: 'claim_b', now: secondsAfterT0(2) }), undefined);
    });
  });
}

// Each run of the suite holds the engine it runs on (npm test runs it on SQLite, then on PostgreSQL).
if (testDatabase === 'sqlite') leaseRules('SQLite', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'weerbaar-lease-'));
  const store = await SqliteStore.open(dataDir);
  return { store, dispose: async () => (await store.close(), await rm(dataDir, { recursive: true, force: true })) };
});

if (testDatabase === 'postgres') {
  leaseRules('PostgreSQL', async () => {
    const database = await createTestDatabase();
    const store = await PostgresStore.open(database.url);
    return { store, dispose: async () => (await store.close(), await database.drop()) };
  });
}

describe('idempotency claims of SQLite across processes', { skip: testDatabase !== 'sqlite' && 'SQLite only: one process serves a SQLite file' }, () => {
  let dataDir: string;
  let store: Store;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'weerbaar-lease-'));
    store = await SqliteStore.open(dataDir);
  });
  after(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('leaves the claim of a request in flight alone when a CLI command opens the same database', async () => {
    const inFlight = { ...claim('claim_in_flight', 0), keyHash: Buffer.alloc(32, 11) };
    assert.equal(await store.claimIdempotencyKey(inFlight), undefined);
    // What `weerbaar-server token create` (or revoke, migrate) does beside the running server.
    await (await SqliteStore.open(dataDir)).close();
    const finished = { ...report('c_inFlight', inFlight.claimId), idempotency: { keyHash: inFlight.keyHash, claimId: inFlight.claimId, sealedResponse: Buffer.from('answer') } };
    await store.createReport(finished);
    assert.equal((await store.getCase('c_inFlight'))?.id, 'c_inFlight');
  });

  it('forgets the claims of the previous server process when a server starts on the database', async () => {
    const orphaned = { ...claim('claim_of_a_killed_server', 0), keyHash: Buffer.alloc(32, 12) };
    assert.equal(await store.claimIdempotencyKey(orphaned), undefined);
    const restarted = await SqliteStore.open(dataDir, { releaseEarlierClaims: true });
    try {
      const retry = { ...orphaned, claimId: 'claim_retry_after_restart', now: secondsAfterT0(1) };
      assert.equal(await restarted.claimIdempotencyKey(retry), undefined, 'the retry takes the key at once, not after the lease');
    } finally {
      await restarted.close();
    }
  });
});
