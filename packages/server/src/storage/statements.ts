// The SQL both stores run, written once with `?` parameters: SQLite takes it as it is, the
// PostgreSQL store numbers the parameters ($1, $2, …). Only what differs per engine (types in the
// migrations, locking, transactions) lives in the stores themselves.
import type { CaseFilter } from './store.js';

export const SQL = {
  /**
   * Takes the next case number of a year, atomically: the counter row stays locked until the
   * transaction ends (PostgreSQL: a concurrent submission waits for it), and a rollback gives the
   * number back, so references have no gaps and no duplicates.
   */
  nextCaseNumber: `INSERT INTO case_reference_counters (year, last_number) VALUES (?, 1)
    ON CONFLICT (year) DO UPDATE SET last_number = case_reference_counters.last_number + 1
    RETURNING last_number`,
  insertCase: `INSERT INTO cases (id, reference, receipt_hash, role, category, locale, status, received_at, acknowledge_due_at,
      feedback_due_at, consents_json, content_json, encrypted_content_json, has_contact, channel, concerns_receiver)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  insertEvent: 'INSERT INTO case_events (case_id, at, type, status, outcome, note) VALUES (?, ?, ?, ?, ?, ?)',
  insertMessage: 'INSERT INTO case_messages (id, case_id, sender, kind, sent_at, body, encrypted_body_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
  insertAttachment: `INSERT INTO case_attachments (id, case_id, storage_name, name, media_type, description, size_bytes, sha256, encryption_json, added_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  completeIdempotencyClaim: `UPDATE idempotency_keys SET state = 'done', sealed_response = ?, lease_expires_at = NULL
    WHERE key_hash = ? AND state = 'pending' AND claim_id = ?`,
  findCaseByReceiptHash: 'SELECT id, receipt_hash FROM cases WHERE receipt_hash = ?',
  getCase: 'SELECT * FROM cases WHERE id = ?',
  events: 'SELECT at, type, status, outcome, note FROM case_events WHERE case_id = ? ORDER BY seq',
  messages: 'SELECT id, sender, kind, sent_at, body, encrypted_body_json FROM case_messages WHERE case_id = ? ORDER BY seq',
  attachments: `SELECT id, storage_name, name, media_type, description, size_bytes, sha256, encryption_json, added_at
    FROM case_attachments WHERE case_id = ? ORDER BY seq`,
  /** Reporter messages after the handler last acted, per case row `c`. */
  unread: `(SELECT CAST(COUNT(*) AS INTEGER) FROM case_messages m WHERE m.case_id = c.id AND m.sender = 'reporter'
    AND (c.last_handler_action_at IS NULL OR m.sent_at > c.last_handler_action_at))`,
  findIdempotencyKey: 'SELECT request_hash, state, sealed_response, expires_at, lease_expires_at FROM idempotency_keys WHERE key_hash = ?',
  claimIdempotencyKey: `INSERT INTO idempotency_keys (key_hash, request_hash, state, created_at, expires_at, claim_id, lease_expires_at)
    VALUES (?, ?, 'pending', ?, ?, ?, ?)
    ON CONFLICT (key_hash) DO UPDATE SET request_hash = excluded.request_hash, state = 'pending', sealed_response = NULL,
      created_at = excluded.created_at, expires_at = excluded.expires_at, claim_id = excluded.claim_id,
      lease_expires_at = excluded.lease_expires_at`,
  releaseIdempotencyKey: `DELETE FROM idempotency_keys WHERE key_hash = ? AND state = 'pending' AND claim_id = ?`,
  createSession: 'INSERT INTO follow_up_sessions (token_hash, case_id, expires_at) VALUES (?, ?, ?)',
  findSession: 'SELECT case_id, expires_at FROM follow_up_sessions WHERE token_hash = ? AND expires_at > ?',
  deleteSession: 'DELETE FROM follow_up_sessions WHERE token_hash = ?',
  createHandlerToken: 'INSERT INTO handler_tokens (id, token_hash, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
  findHandlerToken: 'SELECT id, name, created_at, revoked_at, expires_at FROM handler_tokens WHERE token_hash = ?',
  listHandlerTokens: 'SELECT id, name, created_at, revoked_at, expires_at FROM handler_tokens ORDER BY created_at',
  revokeHandlerToken: 'UPDATE handler_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
  /**
   * Takes one hit of a rate-limit bucket's allowance in one statement, so that checking the limit
   * and counting the hit cannot be torn apart by a parallel request (also on another instance): a
   * new window (`resets_at` = the second parameter) when the bucket has none or its window ended at
   * or before now (third to fifth), else one more hit — but only while fewer than the limit (sixth)
   * were counted. Answers no row when the limit was reached.
   */
  takeRateLimit: `INSERT INTO rate_limit_counters (bucket, hits, resets_at) VALUES (?, 1, ?)
    ON CONFLICT (bucket) DO UPDATE SET
      hits = CASE WHEN rate_limit_counters.resets_at <= ? THEN 1 ELSE rate_limit_counters.hits + 1 END,
      resets_at = CASE WHEN rate_limit_counters.resets_at <= ? THEN excluded.resets_at ELSE rate_limit_counters.resets_at END
    WHERE rate_limit_counters.resets_at <= ? OR rate_limit_counters.hits < ?
    RETURNING hits, resets_at`,
  /** Gives one hit back to the window it was taken from (bucket, resets_at); a later window is left alone. */
  returnRateLimit: 'UPDATE rate_limit_counters SET hits = hits - 1 WHERE bucket = ? AND resets_at = ? AND hits > 0',
  rateLimitWindow: 'SELECT hits, resets_at FROM rate_limit_counters WHERE bucket = ? AND resets_at > ?',
  purgeSessions: 'DELETE FROM follow_up_sessions WHERE expires_at <= ?',
  purgeIdempotencyKeys: `DELETE FROM idempotency_keys WHERE (state = 'done' AND expires_at <= ?) OR (state = 'pending' AND lease_expires_at <= ?)`,
  purgeRateLimits: 'DELETE FROM rate_limit_counters WHERE resets_at <= ?',
} as const;

/** `UPDATE cases SET …` for the given columns (each `= ?`, the case id last). */
export function updateCaseSql(columns: string[], clearOutcome: boolean): string | undefined {
  const sets = columns.map((column) => `${column} = ?`);
  if (clearOutcome) sets.push('outcome = NULL');
  return sets.length ? `UPDATE cases SET ${sets.join(', ')} WHERE id = ?` : undefined;
}

/** What the case list reads of a case `c`: no report content, only whether it is encrypted and has contact details. */
const LISTED_COLUMNS = `c.id, c.reference, c.role, c.category, c.status, c.outcome, c.received_at, c.acknowledge_due_at,
  c.acknowledged_at, c.feedback_due_at, c.feedback_given_at, c.has_contact, c.substatus, c.channel, c.locale, c.group_id, c.concerns_receiver,
  CASE WHEN c.encrypted_content_json IS NULL THEN 0 ELSE 1 END AS encrypted`;

/** A case's open tasks past due at the first parameter, per case row `c` (on migration 12's index by case). */
const OVERDUE_TASKS = `(SELECT CAST(COUNT(*) AS INTEGER) FROM case_tasks t WHERE t.case_id = c.id AND t.status = 'open' AND t.due_at <= ?)`;

/** The parameters of `caseListSql`'s page: the moment tasks count as overdue at, the filter's, then LIMIT and OFFSET. */
export function caseListPageParams(params: readonly unknown[], filter: Pick<CaseFilter, 'now' | 'limit' | 'offset'>): unknown[] {
  return [filter.now, ...params, filter.limit, filter.offset];
}

/**
 * Case list page and total for a `caseListQuery` (the page's parameters: `caseListPageParams`). The page is a deferred join: the references of the page are found on an index
 * (skipping OFFSET entries of the index, not OFFSET rows), then only those rows are read. CROSS JOIN
 * keeps SQLite from scanning the whole table as the outer loop (PostgreSQL plans it as a plain join).
 */
export function caseListSql(where: string, orderBy: string): { count: string; page: string } {
  return {
    count: `SELECT CAST(COUNT(*) AS INTEGER) AS total FROM cases c ${where}`,
    page: `SELECT ${LISTED_COLUMNS}, ${SQL.unread} AS unread, ${OVERDUE_TASKS} AS overdue_tasks
      FROM (SELECT c.reference FROM cases c ${where} ${orderBy} LIMIT ? OFFSET ?) page
      CROSS JOIN cases c WHERE c.reference = page.reference
      ${orderBy}`,
  };
}
