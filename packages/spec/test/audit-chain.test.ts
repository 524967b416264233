// The contract's worked examples are exact: the audit chain's hashes (RFC 8785 canonical JSON,
// SHA-256, linked by previousHash) and the webhook's Standard Webhooks signature recompute from
// the fixtures, and the values quoted in the contract's text are the fixtures' values. This is a
// check of the document, written from its text alone; the SDK and the kit verify independently.
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { fixtures, openapiDocument, type Schema } from '../src/index.js';

type Entry = Schema<'AuditEntry'>;
const ZERO_HASH = '0'.repeat(64);

/** RFC 8785 for the values an audit entry holds (strings, integers, booleans, objects, arrays). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    // Keys sorted by UTF-16 code units, which is what the default sort compares.
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new Error('audit entries hold integers only');
  return JSON.stringify(value);
}

function entryHash(entry: Entry): string {
  const { hash: _hash, ...rest } = entry;
  return createHash('sha256').update(canonical(rest), 'utf8').digest('hex');
}

/** The contract's verification steps 1–5; returns what is wrong, empty when the chain holds. */
function verify(entries: Entry[], head: { entryCount: number; headHash: string }, known?: { entryCount: number; headHash: string }): string[] {
  const problems: string[] = [];
  if (head.entryCount !== entries.length) problems.push('entryCount differs from the entries');
  entries.forEach((entry, index) => {
    if (entry.seq !== index + 1) problems.push(`entry ${index} has seq ${entry.seq}`);
    const expectedPrevious = index === 0 ? ZERO_HASH : entries[index - 1]!.hash;
    if (entry.previousHash !== expectedPrevious) problems.push(`seq ${entry.seq}: previousHash does not link`);
    if (entryHash(entry) !== entry.hash) problems.push(`seq ${entry.seq}: hash does not recompute`);
  });
  if (entries.at(-1)?.hash !== head.headHash) problems.push('headHash is not the last hash');
  if (known) {
    if (entries.length < known.entryCount) problems.push('fewer entries than a known head: the tail was cut');
    else if (entries[known.entryCount - 1]?.hash !== known.headHash) problems.push('the known head is not in the chain');
  }
  return problems;
}

function fixtureBody<T>(name: string): T {
  const fixture = fixtures.find((f) => f.name === name);
  assert.ok(fixture, `fixture ${name}`);
  return structuredClone(fixture.body) as T;
}

const description = openapiDocument.info.description as string;

describe('the audit chain worked example', () => {
  const audit = fixtureBody<Schema<'AuditExport'>>('getCaseAudit/valid/worked-example');

  it('recomputes: every hash, every link, the count and the head', () => {
    assert.equal(audit.entries[0]!.previousHash, ZERO_HASH);
    assert.deepEqual(verify(audit.entries, audit), []);
  });

  it('is the one the contract quotes, canonical form and hash', () => {
    const [first, second] = audit.entries;
    const { hash: firstHash, ...firstWithoutHash } = first!;
    const { hash: secondHash, ...secondWithoutHash } = second!;
    assert.ok(description.includes(`\`${canonical(firstWithoutHash)}\``), 'the first entry canonically');
    assert.ok(description.includes(`\`${JSON.stringify(firstWithoutHash)}\``), 'the first entry as exported');
    assert.ok(description.includes(`\`${canonical(secondWithoutHash)}\``), 'the second entry canonically');
    assert.ok(description.includes(firstHash) && description.includes(secondHash), 'both hashes');
    assert.match(canonical(secondWithoutHash), /Ö\. Çelik/, 'non-ASCII stays unescaped');
  });

  it('detects a changed entry, a removed entry, a reordering and a cut tail', () => {
    const changed = structuredClone(audit.entries);
    changed[2]!.details = { messageId: 'm_0000000000' };
    assert.ok(verify(changed, audit).some((p) => p.includes('seq 3: hash')));

    const removed = audit.entries.filter((entry) => entry.seq !== 3);
    assert.notDeepEqual(verify(removed, { entryCount: removed.length, headHash: removed.at(-1)!.hash }), []);

    const swapped = [audit.entries[0]!, audit.entries[2]!, audit.entries[1]!, ...audit.entries.slice(3)];
    assert.notDeepEqual(verify(swapped, audit), []);

    // A tail cut cleanly still links, so only a head kept earlier reveals it.
    const cut = audit.entries.slice(0, 3);
    const cutHead = { entryCount: 3, headHash: cut.at(-1)!.hash };
    assert.deepEqual(verify(cut, cutHead), []);
    assert.deepEqual(verify(cut, cutHead, { entryCount: audit.entryCount, headHash: audit.headHash }), ['fewer entries than a known head: the tail was cut']);
  });

  it('names the sign-in of each session as it is in the global audit list', () => {
    const global = fixtureBody<Schema<'AuditEntryPage'>>('listAuditEntries/valid/global-chain');
    assert.deepEqual(verify(global.items, global), []);
    for (const session of audit.sessions) {
      const signIn = global.items.find((entry) => entry.seq === session.signInSeq);
      assert.equal(signIn?.action, 'signed-in');
      assert.equal(signIn?.hash, session.signInHash);
      assert.equal(signIn?.sessionId, session.sessionId);
    }
    const sessionIds = new Set(audit.sessions.map((session) => session.sessionId));
    for (const entry of audit.entries) if (entry.sessionId) assert.ok(sessionIds.has(entry.sessionId), `seq ${entry.seq}: its session is listed`);
  });
});

describe('the webhook signature example', () => {
  const fixture = fixtures.find((f) => f.name === 'receiveCaseEvent/valid/received')!;
  const webhook = (openapiDocument.webhooks as Record<string, { post: { description: string } }>).caseEvent!.post.description;
  const secret = /`(whsec_[A-Za-z0-9+/=]+)`/.exec(webhook)?.[1];

  function sign(headers: Record<string, string>, body: string): string {
    const key = Buffer.from(secret!.slice('whsec_'.length), 'base64');
    return `v1,${createHmac('sha256', key).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest('base64')}`;
  }

  it('verifies with the secret the contract names, over the body without whitespace', () => {
    assert.ok(secret, 'the webhook description names the example secret');
    const headers = fixture.headers!;
    assert.equal(sign(headers, JSON.stringify(fixture.body)), headers['webhook-signature']);
    assert.ok(webhook.includes(headers['webhook-signature']!), 'the contract quotes the signature');
    assert.equal(headers['webhook-id'], (fixture.body as { id: string }).id, 'webhook-id is the event id');
  });

  it('fails for a changed body or timestamp', () => {
    const headers = fixture.headers!;
    const changed = { ...(fixture.body as object), time: '2026-11-28T09:30:02Z' };
    assert.notEqual(sign(headers, JSON.stringify(changed)), headers['webhook-signature']);
    assert.notEqual(sign({ ...headers, 'webhook-timestamp': '1795858202' }, JSON.stringify(fixture.body)), headers['webhook-signature']);
  });
});
