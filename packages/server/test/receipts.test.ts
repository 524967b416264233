import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InstallationSecret } from '../src/security/installation-secret.js';
import { generateReceipt, hashReceipt, normaliseReceipt, sameHash } from '../src/security/receipts.js';
import { openReplay, sealReplay } from '../src/security/replay-seal.js';
import { RateLimiter } from '../src/security/rate-limiter.js';
import { SqliteStore } from '../src/storage/sqlite-store.js';

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

describe('the rate limiter', () => {
  let dir: string;
  let store: SqliteStore;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'weerbaar-limits-'));
    store = await SqliteStore.open(dir);
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses after the limit until the window ends, then lets the same key in again', async () => {
    let now = 0;
    const limiter = new RateLimiter(store, 'test', 2, 10_000, () => now);
    await limiter.hit('a');
    assert.equal(await limiter.retryAfter('a'), undefined);
    await limiter.hit('a');
    assert.equal(await limiter.retryAfter('a'), 10);
    assert.equal(await limiter.retryAfter('b'), undefined, 'other keys are not affected');
    now = 9_500;
    assert.equal(await limiter.retryAfter('a'), 1);
    now = 10_000;
    assert.equal(await limiter.retryAfter('a'), undefined);
    await limiter.hit('a');
    assert.equal(await limiter.retryAfter('a'), undefined, 'a new window counts from zero');
  });

  it('keeps the counts of different limits apart', async () => {
    const now = () => 0;
    const strict = new RateLimiter(store, 'strict', 1, 10_000, now);
    const lenient = new RateLimiter(store, 'lenient', 5, 10_000, now);
    await strict.hit('same-key');
    assert.equal(await strict.retryAfter('same-key'), 10);
    assert.equal(await lenient.retryAfter('same-key'), undefined);
  });
});
