// The audit chains in storage, on the engine of this test run: the global list pages by seq and a
// page verifies on its own; the case heads page by cursor in the order the cases arrived, deleted
// cases included. (The operations over these answer auditors only; audit-trail.test.ts covers the
// case trail through the API.)
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyAuditTrail } from '@weerbaar/sdk/handler';
import { createTestDatabase, testDatabase } from '../../../test-support/reference-server.mjs';
import { ZERO_HASH } from '../src/domain/audit-chain.js';
import type { AuditLog } from '../src/storage/audit-log.js';
import { PostgresAuditLog } from '../src/storage/postgres-audit-log.js';
import { PostgresStore } from '../src/storage/postgres-store.js';
import { SqliteAuditLog } from '../src/storage/sqlite-audit-log.js';
import { SqliteStore } from '../src/storage/sqlite-store.js';
import type { Store } from '../src/storage/store.js';

describe(`the audit chains in storage (${testDatabase})`, () => {
  let store: Store;
  let audit: AuditLog;
  let cleanUp: () => Promise<void>;

  before(async () => {
    if (testDatabase === 'postgres') {
      const database = await createTestDatabase();
      const postgres = await PostgresStore.open(database.url, { maxConnections: 4 });
      [store, audit] = [postgres, new PostgresAuditLog(postgres.pool)];
      cleanUp = async () => {
        await postgres.close();
        await database.drop();
      };
    } else {
      const dataDir = await mkdtemp(join(tmpdir(), 'weerbaar-audit-'));
      const sqlite = await SqliteStore.open(dataDir);
      [store, audit] = [sqlite, new SqliteAuditLog(sqlite.db)];
      cleanUp = async () => {
        await sqlite.close();
        await rm(dataDir, { recursive: true, force: true });
      };
    }
  });
  after(() => cleanUp());

  async function storeCase(id: string, receivedAt: string): Promise<void> {
    await store.createReport({
      case: { id, role: 'other', category: 'other', status: 'received', receivedAt, acknowledgeDueAt: receivedAt, feedbackDueAt: receivedAt, consents: [], content: { description: 'Synthetisch.' } },
      receiptHash: Buffer.from(id.padEnd(32, '0')),
    });
  }

  it('starts the global list empty, with the zero head', async () => {
    assert.deepEqual(await audit.globalEntries(1, 10), { items: [], entryCount: 0, headHash: ZERO_HASH });
  });

  it('pages the global list by seq; each page links to the one before it and the whole verifies', async () => {
    for (let n = 0; n < 5; n++) await audit.append('(global)', [{ at: new Date(Date.UTC(2026, 10, 28, 9, n)).toISOString(), actor: { kind: 'system' }, action: 'routing-changed', details: { version: n } }]);
    const first = await audit.globalEntries(1, 2);
    const second = await audit.globalEntries(3, 2);
    const rest = await audit.globalEntries(5, 2);
    assert.deepEqual([first.items.map((e) => e.seq), second.items.map((e) => e.seq), rest.items.map((e) => e.seq)], [[1, 2], [3, 4], [5]]);
    assert.equal(second.items[0]!.previousHash, first.items[1]!.hash);
    const all = [...first.items, ...second.items, ...rest.items];
    assert.deepEqual(await verifyAuditTrail({ entries: all, entryCount: rest.entryCount, headHash: rest.headHash }), { valid: true, problems: [] });
  });

  it('lists case heads in the order the cases arrived, page after page', async () => {
    await storeCase('c_headsThird0001', '2026-03-01T10:00:00.000Z');
    await storeCase('c_headsFirst0001', '2026-01-01T10:00:00.000Z');
    await storeCase('c_headsSecond001', '2026-02-01T10:00:00.000Z');
    await audit.append('c_headsFirst0001', [{ at: '2026-04-01T10:00:00.000Z', actor: { kind: 'handler-token', name: 'test' }, action: 'read' }]);
    const firstPage = await audit.caseHeads(undefined, 2);
    const next = await audit.caseHeads({ openedAt: firstPage[1]!.openedAt, caseId: firstPage[1]!.caseId }, 2);
    assert.deepEqual([...firstPage, ...next].map((head) => [head.caseId, head.entryCount]), [
      ['c_headsFirst0001', 2],
      ['c_headsSecond001', 1],
      ['c_headsThird0001', 1],
    ]);
    const trail = (await audit.caseTrail('c_headsFirst0001'))!;
    assert.equal(firstPage[0]!.headHash, trail.entries.at(-1)!.hash);
    assert.equal(await audit.caseTrail('(global)'), undefined, 'the global list is no case');
  });

  it('writes nothing for a case that does not exist', async () => {
    assert.equal(await audit.append('c_doesNotExist01', [{ at: '2026-04-01T10:00:00.000Z', actor: { kind: 'system' }, action: 'read' }]), undefined);
    assert.equal(await audit.caseTrail('c_doesNotExist01'), undefined);
  });
});
