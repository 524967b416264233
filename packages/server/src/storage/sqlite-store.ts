// The embedded default store: one SQLite file in the data directory. WAL with synchronous=FULL
// makes every committed transaction durable before the call returns, so a report whose 201 was
// sent survives the process being killed the next instant.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { migrate } from './migrations.js';
import { HANDLER_TOKEN_COLUMNS, toHandlerToken, withoutNulls, type HandlerTokenRow } from './rows.js';
import { IdempotencyClaimLostError } from './store.js';
import type {
  CaseChange,
  CaseFilter,
  CaseListEntry,
  HandlerToken,
  IdempotencyClaimRequest,
  IdempotencyRecord,
  NewReport,
  Store,
  StoredAttachment,
  StoredCase,
  StoredEvent,
  StoredMessage,
} from './store.js';

export const DATABASE_FILE = 'weerbaar.sqlite';

interface CaseRow {
  id: string;
  reference: string;
  role: StoredCase['role'];
  category: StoredCase['category'];
  locale: string | null;
  status: StoredCase['status'];
  outcome: StoredCase['outcome'] | null;
  received_at: string;
  acknowledge_due_at: string;
  acknowledged_at: string | null;
  feedback_due_at: string;
  feedback_given_at: string | null;
  consents_json: string;
  content_json: string | null;
  encrypted_content_json: string | null;
  last_handler_action_at: string | null;
}

function toCase(row: CaseRow): StoredCase {
  return withoutNulls({
    id: row.id,
    reference: row.reference,
    role: row.role,
    category: row.category,
    locale: row.locale ?? undefined,
    status: row.status,
    outcome: row.outcome ?? undefined,
    receivedAt: row.received_at,
    acknowledgeDueAt: row.acknowledge_due_at,
    acknowledgedAt: row.acknowledged_at ?? undefined,
    feedbackDueAt: row.feedback_due_at,
    feedbackGivenAt: row.feedback_given_at ?? undefined,
    consents: JSON.parse(row.consents_json) as string[],
    content: row.content_json ? (JSON.parse(row.content_json) as StoredCase['content']) : undefined,
    encryptedContent: row.encrypted_content_json ? (JSON.parse(row.encrypted_content_json) as StoredCase['encryptedContent']) : undefined,
    lastHandlerActionAt: row.last_handler_action_at ?? undefined,
  });
}

const UNREAD = `(SELECT COUNT(*) FROM case_messages m WHERE m.case_id = c.id AND m.sender = 'reporter'
  AND (c.last_handler_action_at IS NULL OR m.sent_at > c.last_handler_action_at))`;

export class SqliteStore implements Store {
  readonly db: Database;
  /** The migrations this opening applied (empty when the database was up to date). */
  readonly appliedMigrations: number[];

  /** Opens (and creates) the database in `dataDir` and applies pending migrations. */
  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.db = new BetterSqlite3(join(dataDir, DATABASE_FILE));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.appliedMigrations = migrate(this.db);
    // A key still pending after a restart belongs to a request that never completed.
    this.db.prepare(`DELETE FROM idempotency_keys WHERE state = 'pending'`).run();
  }

  async createReport(report: NewReport): Promise<StoredCase> {
    const c = report.case;
    return this.db.transaction(() => {
      const year = c.receivedAt.slice(0, 4);
      const { count } = this.db.prepare(`SELECT COUNT(*) AS count FROM cases WHERE reference LIKE ?`).get(`WB-${year}-%`) as { count: number };
      const reference = `WB-${year}-${String(count + 1).padStart(4, '0')}`;
      this.db
        .prepare(
          `INSERT INTO cases (id, reference, receipt_hash, role, category, locale, status, received_at, acknowledge_due_at,
             feedback_due_at, consents_json, content_json, encrypted_content_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          c.id,
          reference,
          report.receiptHash,
          c.role,
          c.category,
          c.locale ?? null,
          c.status,
          c.receivedAt,
          c.acknowledgeDueAt,
          c.feedbackDueAt,
          JSON.stringify(c.consents),
          c.content ? JSON.stringify(c.content) : null,
          c.encryptedContent ? JSON.stringify(c.encryptedContent) : null,
        );
      this.insertEvents(c.id, [{ at: c.receivedAt, type: 'received', status: 'received' }]);
      if (report.idempotency) {
        const { changes } = this.db
          .prepare(`UPDATE idempotency_keys SET state = 'done', sealed_response = ?, lease_expires_at = NULL
                    WHERE key_hash = ? AND state = 'pending' AND claim_id = ?`)
          .run(report.idempotency.sealedResponse, report.idempotency.keyHash, report.idempotency.claimId);
        // Throwing inside the transaction rolls the case back: the request that took the key over stores it.
        if (changes !== 1) throw new IdempotencyClaimLostError();
      }
      return { ...c, reference };
    })();
  }

  async findCaseIdByReceiptHash(receiptHash: Buffer): Promise<{ caseId: string; receiptHash: Buffer } | undefined> {
    const row = this.db.prepare('SELECT id, receipt_hash FROM cases WHERE receipt_hash = ?').get(receiptHash) as
      | { id: string; receipt_hash: Buffer }
      | undefined;
    return row ? { caseId: row.id, receiptHash: row.receipt_hash } : undefined;
  }

  async getCase(caseId: string): Promise<StoredCase | undefined> {
    const row = this.db.prepare('SELECT * FROM cases WHERE id = ?').get(caseId) as CaseRow | undefined;
    return row ? toCase(row) : undefined;
  }

  async listCases(filter: CaseFilter): Promise<{ items: CaseListEntry[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) {
      where.push('c.status = ?');
      params.push(filter.status);
    }
    if (filter.category) {
      where.push('c.category = ?');
      params.push(filter.category);
    }
    if (filter.overdueAt) {
      where.push(`((c.acknowledged_at IS NULL AND c.acknowledge_due_at < ?) OR (c.feedback_given_at IS NULL AND c.feedback_due_at < ?))`);
      params.push(filter.overdueAt, filter.overdueAt);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const column = { receivedAt: 'received_at', acknowledgeDueAt: 'acknowledge_due_at', feedbackDueAt: 'feedback_due_at' }[filter.sort];
    const direction = filter.descending ? 'DESC' : 'ASC';
    const { total } = this.db.prepare(`SELECT COUNT(*) AS total FROM cases c ${clause}`).get(...params) as { total: number };
    const rows = this.db
      .prepare(`SELECT c.*, ${UNREAD} AS unread FROM cases c ${clause} ORDER BY c.${column} ${direction}, c.reference ${direction} LIMIT ? OFFSET ?`)
      .all(...params, filter.limit, filter.offset) as (CaseRow & { unread: number })[];
    return { items: rows.map((row) => ({ case: toCase(row), unreadMessages: row.unread })), total };
  }

  async changeCase(caseId: string, change: CaseChange): Promise<void> {
    const columns: Record<string, string> = {
      status: 'status',
      outcome: 'outcome',
      acknowledgedAt: 'acknowledged_at',
      feedbackDueAt: 'feedback_due_at',
      feedbackGivenAt: 'feedback_given_at',
      lastHandlerActionAt: 'last_handler_action_at',
    };
    this.db.transaction(() => {
      const assignments = Object.entries(change.set ?? {}).filter(([, value]) => value !== undefined);
      const sets = assignments.map(([key]) => `${columns[key]} = ?`);
      if (change.clearOutcome) sets.push('outcome = NULL');
      if (sets.length) {
        this.db.prepare(`UPDATE cases SET ${sets.join(', ')} WHERE id = ?`).run(...assignments.map(([, value]) => value), caseId);
      }
      this.insertEvents(caseId, change.events ?? []);
      const insertMessage = this.db.prepare(
        'INSERT INTO case_messages (id, case_id, sender, kind, sent_at, body, encrypted_body_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      for (const m of change.messages ?? []) {
        insertMessage.run(m.id, caseId, m.from, m.kind, m.sentAt, m.body ?? null, m.encryptedBody ? JSON.stringify(m.encryptedBody) : null);
      }
      const insertAttachment = this.db.prepare(
        `INSERT INTO case_attachments (id, case_id, storage_name, name, media_type, description, size_bytes, sha256, encryption_json, added_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const a of change.attachments ?? []) {
        insertAttachment.run(
          a.id,
          caseId,
          a.storageName,
          a.name ?? null,
          a.mediaType ?? null,
          a.description ?? null,
          a.sizeBytes,
          a.sha256,
          a.encryption ? JSON.stringify(a.encryption) : null,
          a.addedAt,
        );
      }
    })();
  }

  private insertEvents(caseId: string, events: StoredEvent[]): void {
    const insert = this.db.prepare('INSERT INTO case_events (case_id, at, type, status, outcome, note) VALUES (?, ?, ?, ?, ?, ?)');
    for (const e of events) insert.run(caseId, e.at, e.type, e.status ?? null, e.outcome ?? null, e.note ?? null);
  }

  async events(caseId: string): Promise<StoredEvent[]> {
    const rows = this.db.prepare('SELECT at, type, status, outcome, note FROM case_events WHERE case_id = ? ORDER BY seq').all(caseId);
    return (rows as StoredEvent[]).map(withoutNulls);
  }

  async messages(caseId: string): Promise<StoredMessage[]> {
    const rows = this.db
      .prepare('SELECT id, sender, kind, sent_at, body, encrypted_body_json FROM case_messages WHERE case_id = ? ORDER BY seq')
      .all(caseId) as { id: string; sender: StoredMessage['from']; kind: StoredMessage['kind']; sent_at: string; body: string | null; encrypted_body_json: string | null }[];
    return rows.map((row) =>
      withoutNulls({
        id: row.id,
        from: row.sender,
        kind: row.kind,
        sentAt: row.sent_at,
        body: row.body ?? undefined,
        encryptedBody: row.encrypted_body_json ? (JSON.parse(row.encrypted_body_json) as StoredMessage['encryptedBody']) : undefined,
      }),
    );
  }

  async attachments(caseId: string): Promise<StoredAttachment[]> {
    const rows = this.db.prepare('SELECT * FROM case_attachments WHERE case_id = ? ORDER BY seq').all(caseId) as {
      id: string;
      storage_name: string;
      name: string | null;
      media_type: string | null;
      description: string | null;
      size_bytes: number;
      sha256: string;
      encryption_json: string | null;
      added_at: string;
    }[];
    return rows.map((row) =>
      withoutNulls({
        id: row.id,
        storageName: row.storage_name,
        name: row.name ?? undefined,
        mediaType: row.media_type ?? undefined,
        description: row.description ?? undefined,
        sizeBytes: row.size_bytes,
        sha256: row.sha256,
        encryption: row.encryption_json ? (JSON.parse(row.encryption_json) as StoredAttachment['encryption']) : undefined,
        addedAt: row.added_at,
      }),
    );
  }

  async unreadMessages(caseId: string): Promise<number> {
    const row = this.db.prepare(`SELECT ${UNREAD} AS unread FROM cases c WHERE c.id = ?`).get(caseId) as { unread: number } | undefined;
    return row?.unread ?? 0;
  }

  async claimIdempotencyKey(claim: IdempotencyClaimRequest): Promise<IdempotencyRecord | undefined> {
    return this.db.transaction(() => {
      const row = this.db
        .prepare('SELECT request_hash, state, sealed_response, expires_at, lease_expires_at FROM idempotency_keys WHERE key_hash = ?')
        .get(claim.keyHash) as
        | { request_hash: string; state: 'pending' | 'done'; sealed_response: Buffer | null; expires_at: string; lease_expires_at: string | null }
        | undefined;
      if (row && row.expires_at > claim.now) {
        if (row.state === 'done') return { state: 'done' as const, requestHash: row.request_hash, sealedResponse: row.sealed_response! };
        // A pending claim whose lease ran out belongs to a request that died: take the key over.
        if (row.lease_expires_at === null || row.lease_expires_at > claim.now) return { state: 'pending' as const, requestHash: row.request_hash };
      }
      this.db
        .prepare(
          `INSERT INTO idempotency_keys (key_hash, request_hash, state, created_at, expires_at, claim_id, lease_expires_at)
           VALUES (?, ?, 'pending', ?, ?, ?, ?)
           ON CONFLICT (key_hash) DO UPDATE SET request_hash = excluded.request_hash, state = 'pending', sealed_response = NULL,
             created_at = excluded.created_at, expires_at = excluded.expires_at, claim_id = excluded.claim_id,
             lease_expires_at = excluded.lease_expires_at`,
        )
        .run(claim.keyHash, claim.requestHash, claim.now, claim.expiresAt, claim.claimId, claim.leaseExpiresAt);
      return undefined;
    })();
  }

  async releaseIdempotencyKey(keyHash: Buffer, claimId: string): Promise<void> {
    this.db.prepare(`DELETE FROM idempotency_keys WHERE key_hash = ? AND state = 'pending' AND claim_id = ?`).run(keyHash, claimId);
  }

  async createSession(tokenHash: Buffer, caseId: string, expiresAt: string): Promise<void> {
    this.db.prepare('INSERT INTO follow_up_sessions (token_hash, case_id, expires_at) VALUES (?, ?, ?)').run(tokenHash, caseId, expiresAt);
  }

  async findSession(tokenHash: Buffer, now: string): Promise<{ caseId: string; expiresAt: string } | undefined> {
    const row = this.db.prepare('SELECT case_id, expires_at FROM follow_up_sessions WHERE token_hash = ? AND expires_at > ?').get(tokenHash, now) as
      | { case_id: string; expires_at: string }
      | undefined;
    return row ? { caseId: row.case_id, expiresAt: row.expires_at } : undefined;
  }

  async deleteSession(tokenHash: Buffer): Promise<void> {
    this.db.prepare('DELETE FROM follow_up_sessions WHERE token_hash = ?').run(tokenHash);
  }

  async createHandlerToken(token: HandlerToken, tokenHash: Buffer): Promise<void> {
    this.db
      .prepare('INSERT INTO handler_tokens (id, token_hash, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(token.id, tokenHash, token.name, token.createdAt, token.expiresAt ?? null);
  }

  async findHandlerToken(tokenHash: Buffer): Promise<HandlerToken | undefined> {
    const row = this.db.prepare(`SELECT ${HANDLER_TOKEN_COLUMNS} FROM handler_tokens WHERE token_hash = ?`).get(tokenHash) as HandlerTokenRow | undefined;
    return row ? toHandlerToken(row) : undefined;
  }

  async listHandlerTokens(): Promise<HandlerToken[]> {
    const rows = this.db.prepare(`SELECT ${HANDLER_TOKEN_COLUMNS} FROM handler_tokens ORDER BY created_at`).all() as HandlerTokenRow[];
    return rows.map(toHandlerToken);
  }

  async revokeHandlerToken(id: string, at: string): Promise<boolean> {
    return this.db.prepare('UPDATE handler_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes > 0;
  }

  async purgeExpired(now: string): Promise<void> {
    this.db.prepare('DELETE FROM follow_up_sessions WHERE expires_at <= ?').run(now);
    this.db
      .prepare(`DELETE FROM idempotency_keys WHERE (state = 'done' AND expires_at <= ?) OR (state = 'pending' AND lease_expires_at <= ?)`)
      .run(now, now);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
