import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InstallationSecret } from '../src/security/installation-secret.js';
import { generateReceipt, hashReceipt, normaliseReceipt, sameHash } from '../src/security/receipts.js';
import { openReplay, sealReplay } from '../src/security/replay-seal.js';
import { RateLimiter } from '../src/security/rate-limiter.js';
import { PostgresStore } from '../src/storage/postgres-store.js';
import { SqliteStore } from '../src/storage/sqlite-store.js';
import type { Store } from '../src/storage/store.js';
import { createTestDatabase, testDatabase } from '../../../test-support/reference-server.mjs';

describe('receipts', () => {
  it('have 20 Crockford base32 characters (100 bits) in five groups of four', () => {
    const receipts = Array.from({ length: 200 }, generateReceipt);
    for (const receipt of receipts) assert.match(receipt, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    assert.equal(new Set(receipts).size, receipts.length);
    const used = new Set(receipts.join('').replace(/-/g, ''));
    assert.equal(used.size, 32, 'every symbol of the alphabet occurs');
  });

  it('are normalised as people type them: case, spaces, dashes, O for 0 and I or L for 1', () => {
    assert.equal(normaliseReceipt('7kq4 m2xp 9rtw 3hvd c8na'), '7KQ4M2XP9RTW3HVDC8NA');
    assert.equal(normaliseReceipt('abcd-efgh-jkmn-pqrs-tvwx'), 'ABCDEFGHJKMNPQRSTVWX');
    assert.equal(normaliseReceipt(' oOiI lL01 abcd efgh jkmn '), '00111101ABCDEFGHJKMN');
    assert.equal(normaliseReceipt('ABCD-EFGH-JKMN-PQRS'), undefined, 'too short');
    assert.equal(normaliseReceipt('ABCD-EFGH-JKMN-PQRS-TVWU'), undefined, 'U is not in the alphabet');
  });

  describe('hashes', () => {
    let dirs: string[] = [];
    before(async () => {
      dirs = [await mkdtemp(join(tmpdir(), 'weerbaar-a-')), await mkdtemp(join(tmpdir(), 'weerbaar-b-'))];
    });
    after(async () => {
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    });

    it('are stable per installation and differ between installations', async () => {
      const [a, b] = dirs.map((dir) => InstallationSecret.load(dir));
      const receipt = normaliseReceipt(generateReceipt())!;
      const first = await hashReceipt(a!, receipt);
      assert.ok(sameHash(first, await hashReceipt(InstallationSecret.load(dirs[0]!), receipt)));
      assert.ok(!sameHash(first, await hashReceipt(b!, receipt)));
      assert.ok(!sameHash(first, first.subarray(0, 16)));
    });

    it('seal a replayable answer that only the same Idempotency-Key opens', () => {
      const secret = InstallationSecret.load(dirs[0]!);
      const sealed = sealReplay(secret, 'key-one-1234567890', '{"receipt":"X"}');
      assert.ok(!sealed.includes(Buffer.from('receipt')));
      assert.equal(openReplay(secret, 'key-one-1234567890', sealed), '{"receipt":"X"}');
      assert.throws(() => openReplay(secret, 'key-two-1234567890', sealed));
    });
  });
});

/** A fresh store on the engine under test (PostgreSQL in the "server on PostgreSQL" suite). */
async function openTestStore(): Promise<{ store: Store; dispose(): Promise<void> }> {
  if (testDatabase === 'postgres') {
    const database = await createTestDatabase();
    const store = await PostgresStore.open(database.url);
    return { store, dispose: async () => (await store.close(), await database.drop()) };
  }
  const dir = await mkdtemp(join(tmpdir(), 'weerbaar-limits-'));
  const store = await SqliteStore.open(dir);
  return { store, dispose: async () => (await store.close(), await rm(dir, { recursive: true, force: true })) };
}

describe(`the rate limiter (${testDatabase})`, () => {
  let opened: Awaited<ReturnType<typeof openTestStore>>;
  let store: Store;
  before(async () => {
    opened = await openTestStore();
    store = opened.store;
  });
  after(() => opened.dispose());

  it('refuses after the limit until the window ends, then lets the same key in again', async () => {
    let now = 0;
    const limiter = new RateLimiter(store, 'test', 2, 10_000, () => now);
    assert.equal((await limiter.take('a')).taken, true);
    assert.equal(await limiter.retryAfter('a'), undefined);
    assert.equal((await limiter.take('a')).taken, true);
    assert.equal(await limiter.retryAfter('a'), 10);
    assert.deepEqual(await limiter.take('a'), { taken: false, retryAfterSeconds: 10 });
    assert.equal(await limiter.retryAfter('b'), undefined, 'other keys are not affected');
    now = 9_500;
    assert.deepEqual(await limiter.take('a'), { taken: false, retryAfterSeconds: 1 }, 'a refused take does not extend the window');
    now = 10_000;
    assert.equal(await limiter.retryAfter('a'), undefined);
    assert.equal((await limiter.take('a')).taken, true);
    assert.equal(await limiter.retryAfter('a'), undefined, 'a new window counts from zero');
  });

  it('keeps the counts of different limits apart', async () => {
    const now = () => 0;
    const strict = new RateLimiter(store, 'strict', 1, 10_000, now);
    const lenient = new RateLimiter(store, 'lenient', 5, 10_000, now);
    await strict.take('same-key');
    assert.equal(await strict.retryAfter('same-key'), 10);
    assert.equal(await lenient.retryAfter('same-key'), undefined);
  });

  it('lets exactly the limit through when 60 takes arrive at once: the check and the count are one step', async () => {
    const limiter = new RateLimiter(store, 'burst', 5, 60_000);
    const results = await Promise.all(Array.from({ length: 60 }, () => limiter.take('one-client')));
    assert.equal(results.filter((result) => result.taken).length, 5);
    assert.ok(results.every((result) => result.taken || result.retryAfterSeconds >= 1));
  });

  it('takes a hit back once when the work did not count, and never from a later window', async () => {
    let now = 0;
    const limiter = new RateLimiter(store, 'give-back', 1, 10_000, () => now);
    const first = await limiter.take('a');
    assert.ok(first.taken);
    await first.hit.giveBack();
    await first.hit.giveBack();
    const second = await limiter.take('a');
    assert.ok(second.taken, 'the hit given back is free again');
    assert.equal((await limiter.take('a')).taken, false, 'giving back twice freed one hit, not two');
    now = 10_000;
    const third = await limiter.take('a');
    assert.ok(third.taken);
    await second.hit.giveBack();
    assert.equal((await limiter.take('a')).taken, false, 'a hit of an ended window is not given back to the new one');
  });
});
