// Passkeys and sign-in (migration 7): the sign-in ceremonies, passkeys and their signature
// counters, sessions and the organisation's key wrapped per passkey. The base of PeopleStore
// (people-store.ts), written once in shared SQL over a SqlDriver, so SQLite and PostgreSQL run the
// same statements; every read-then-write that must hold across instances is one statement or one batch.
import { BatchConflictError, type AuditAppend, type SqlDriver, type SqlStatement } from './sql-driver.js';

export interface StoredPasskey {
  id: string;
  accountId: string;
  name: string;
  publicKey: Buffer;
  signCount: number;
  transports: string[];
  createdAt: string;
  lastUsedAt?: string;
  hasWrappedKey: boolean;
}

export type CeremonyKind = 'sign-in' | 'enrolment' | 'oidc';

export interface Ceremony {
  id: string;
  kind: CeremonyKind;
  challenge: string;
  accountId?: string;
  invitationHash?: Buffer;
  data?: Record<string, string>;
  expiresAt: string;
}

export interface NewSignInSession {
  id: string;
  tokenHash: Buffer;
  accountId: string;
  method: 'passkey' | 'oidc';
  passkeyId?: string;
  startedAt: string;
  expiresAt: string;
  idleExpiresAt: string;
}

export interface StoredSignInSession {
  id: string;
  accountId: string;
  method: 'passkey' | 'oidc';
  passkeyId?: string;
  startedAt: string;
  expiresAt: string;
}

export interface StoredWrappedKey {
  passkeyId: string;
  keyId: string;
  algorithm: string;
  wrappedKey: string;
  storedAt: string;
}

export interface PasskeyRow {
  id: string;
  account_id: string;
  name: string;
  public_key: Buffer;
  sign_count: number;
  transports: string | null;
  created_at: string;
  last_used_at: string | null;
  has_wrapped_key: number;
}

interface CeremonyRow {
  id: string;
  kind: CeremonyKind;
  challenge: string;
  account_id: string | null;
  invitation_hash: Buffer | null;
  data_json: string | null;
  expires_at: string;
}

interface SessionRow {
  id: string;
  account_id: string;
  method: 'passkey' | 'oidc';
  passkey_id: string | null;
  started_at: string;
  expires_at: string;
}

export const PASSKEY_COLUMNS = `p.id, p.account_id, p.name, p.public_key, p.sign_count, p.transports, p.created_at, p.last_used_at,
  CASE WHEN EXISTS (SELECT 1 FROM wrapped_keys w WHERE w.passkey_id = p.id) THEN 1 ELSE 0 END AS has_wrapped_key`;

export function toPasskey(row: PasskeyRow): StoredPasskey {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    publicKey: Buffer.from(row.public_key),
    signCount: Number(row.sign_count),
    transports: row.transports ? row.transports.split(',') : [],
    createdAt: row.created_at,
    ...(row.last_used_at ? { lastUsedAt: row.last_used_at } : {}),
    hasWrappedKey: Number(row.has_wrapped_key) === 1,
  };
}

function toSession(row: SessionRow): StoredSignInSession {
  return {
    id: row.id,
    accountId: row.account_id,
    method: row.method,
    ...(row.passkey_id ? { passkeyId: row.passkey_id } : {}),
    startedAt: row.started_at,
    expiresAt: row.expires_at,
  };
}

export class CredentialStore {
  constructor(protected readonly db: SqlDriver) {}

  async createCeremony(ceremony: Ceremony): Promise<void> {
    await this.db.run(
      'INSERT INTO sign_in_ceremonies (id, kind, challenge, account_id, invitation_hash, data_json, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [
        ceremony.id,
        ceremony.kind,
        ceremony.challenge,
        ceremony.accountId ?? null,
        ceremony.invitationHash ?? null,
        ceremony.data ? JSON.stringify(ceremony.data) : null,
        ceremony.expiresAt,
      ],
    );
  }

  /** Takes a ceremony out, so it can be used only once whatever happens next; undefined when unknown or expired. */
  async takeCeremony(id: string, kind: CeremonyKind, now: string): Promise<Ceremony | undefined> {
    const row = (await this.db.all<CeremonyRow>('DELETE FROM sign_in_ceremonies WHERE id = ? AND kind = ? RETURNING *', [id, kind]))[0];
    if (!row || row.expires_at <= now) return undefined;
    return {
      id: row.id,
      kind: row.kind,
      challenge: row.challenge,
      ...(row.account_id ? { accountId: row.account_id } : {}),
      ...(row.invitation_hash ? { invitationHash: Buffer.from(row.invitation_hash) } : {}),
      ...(row.data_json ? { data: JSON.parse(row.data_json) as Record<string, string> } : {}),
      expiresAt: row.expires_at,
    };
  }

  async findPasskey(passkeyId: string): Promise<StoredPasskey | undefined> {
    const row = (await this.db.all<PasskeyRow>(`SELECT ${PASSKEY_COLUMNS} FROM passkeys p WHERE p.id = ?`, [passkeyId]))[0];
    return row ? toPasskey(row) : undefined;
  }

  private sessionInsert(session: NewSignInSession): SqlStatement {
    return {
      sql: `INSERT INTO sign_in_sessions (id, token_hash, account_id, method, passkey_id, started_at, expires_at, idle_expires_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      params: [
        session.id,
        session.tokenHash,
        session.accountId,
        session.method,
        session.passkeyId ?? null,
        session.startedAt,
        session.expiresAt,
        session.idleExpiresAt,
      ],
    };
  }

  private signedInStatement(accountId: string, at: string): SqlStatement {
    // Only an active account signs in: a suspension between the check and this batch rolls it back.
    return { sql: 'UPDATE accounts SET last_sign_in_at = ? WHERE id = ? AND active = 1', params: [at, accountId], expectChanges: 1 };
  }

  /**
   * Registers the passkey, uses up the invitation and starts the session, all or nothing: false when
   * the invitation was used or expired in the meantime (nothing stored).
   */
  async enrol(
    passkey: Omit<StoredPasskey, 'hasWrappedKey' | 'lastUsedAt'>,
    invitationHash: Buffer,
    session: NewSignInSession,
  ): Promise<boolean> {
    return this.conflictAsFalse([
      {
        sql: 'UPDATE invitations SET used_at = ? WHERE code_hash = ? AND account_id = ? AND used_at IS NULL AND expires_at > ?',
        params: [session.startedAt, invitationHash, passkey.accountId, session.startedAt],
        expectChanges: 1,
      },
      {
        sql: `INSERT INTO passkeys (id, account_id, name, public_key, sign_count, transports, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        params: [
          passkey.id,
          passkey.accountId,
          passkey.name,
          passkey.publicKey,
          passkey.signCount,
          passkey.transports.join(',') || null,
          passkey.createdAt,
          session.startedAt,
        ],
      },
      this.sessionInsert(session),
      this.signedInStatement(passkey.accountId, session.startedAt),
    ]);
  }

  /**
   * Records a passkey sign-in: the new signature counter (only ever forward, so a cloned
   * authenticator's replay loses the race) and the session. False when the passkey or account went
   * away meanwhile.
   */
  async signInWithPasskey(passkeyId: string, previousCount: number, newCount: number, session: NewSignInSession): Promise<boolean> {
    return this.conflictAsFalse([
      {
        sql: 'UPDATE passkeys SET sign_count = ?, last_used_at = ? WHERE id = ? AND account_id = ? AND sign_count = ?',
        params: [newCount, session.startedAt, passkeyId, session.accountId, previousCount],
        expectChanges: 1,
      },
      this.sessionInsert(session),
      this.signedInStatement(session.accountId, session.startedAt),
    ]);
  }

  async signInWithOidc(session: NewSignInSession): Promise<boolean> {
    return this.conflictAsFalse([this.sessionInsert(session), this.signedInStatement(session.accountId, session.startedAt)]);
  }

  /**
   * The session of an access token when it may still be used at `now`, counted as activity: its idle
   * deadline moves to `idleExpiresAt`. One statement, so that an expired or ended session is never revived.
   */
  async useSession(tokenHash: Buffer, now: string, idleExpiresAt: string): Promise<StoredSignInSession | undefined> {
    const row = (
      await this.db.all<SessionRow>(
        `UPDATE sign_in_sessions SET idle_expires_at = ?
         WHERE token_hash = ? AND ended_at IS NULL AND expires_at > ? AND idle_expires_at > ?
         RETURNING id, account_id, method, passkey_id, started_at, expires_at`,
        [idleExpiresAt, tokenHash, now, now],
      )
    )[0];
    return row ? toSession(row) : undefined;
  }

  protected endSessionsStatement(condition: string, params: unknown[], at: string): SqlStatement {
    return { sql: `UPDATE sign_in_sessions SET ended_at = ? WHERE ended_at IS NULL AND ${condition}`, params: [at, ...params] };
  }

  /** Sign-in sessions by id, with who signed in (for the sessions an audit export names). */
  async sessionsByIds(ids: string[]): Promise<(StoredSignInSession & { displayName: string; endedAt?: string })[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.all<SessionRow & { display_name: string; ended_at: string | null }>(
      `SELECT s.id, s.account_id, s.method, s.passkey_id, s.started_at, s.expires_at, s.ended_at, a.display_name
       FROM sign_in_sessions s JOIN accounts a ON a.id = s.account_id WHERE s.id IN (${ids.map(() => '?').join(', ')}) ORDER BY s.started_at, s.id`,
      ids,
    );
    return rows.map((row) => ({ ...toSession(row), displayName: row.display_name, ...(row.ended_at ? { endedAt: row.ended_at } : {}) }));
  }

  async wrappedKey(accountId: string, passkeyId: string): Promise<StoredWrappedKey | undefined> {
    const row = (
      await this.db.all<{ passkey_id: string; key_id: string; algorithm: string; wrapped_key: string; stored_at: string }>(
        'SELECT passkey_id, key_id, algorithm, wrapped_key, stored_at FROM wrapped_keys WHERE account_id = ? AND passkey_id = ?',
        [accountId, passkeyId],
      )
    )[0];
    return row && { passkeyId: row.passkey_id, keyId: row.key_id, algorithm: row.algorithm, wrappedKey: row.wrapped_key, storedAt: row.stored_at };
  }

  /** Stores or replaces the wrapped key of one of the account's own passkeys; false when the passkey is not theirs. */
  async storeWrappedKey(accountId: string, key: StoredWrappedKey): Promise<boolean> {
    const changed = await this.db.run(
      `INSERT INTO wrapped_keys (passkey_id, account_id, key_id, algorithm, wrapped_key, stored_at)
       SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM passkeys WHERE id = ? AND account_id = ?)
       ON CONFLICT (passkey_id) DO UPDATE SET key_id = excluded.key_id, algorithm = excluded.algorithm,
         wrapped_key = excluded.wrapped_key, stored_at = excluded.stored_at`,
      [key.passkeyId, accountId, key.keyId, key.algorithm, key.wrappedKey, key.storedAt, key.passkeyId, accountId],
    );
    return changed > 0;
  }

  async deleteWrappedKey(accountId: string, passkeyId: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM wrapped_keys WHERE account_id = ? AND passkey_id = ?', [accountId, passkeyId])) > 0;
  }

  async endSession(sessionId: string, at: string): Promise<void> {
    await this.db.batch([this.endSessionsStatement('id = ?', [sessionId], at)]);
  }

  /** Removes a passkey of the account with its wrapped key and ends the sessions it signed in; false when there is no such passkey. */
  async revokePasskey(accountId: string, passkeyId: string, at: string): Promise<boolean> {
    return this.conflictAsFalse([
      this.endSessionsStatement('passkey_id = ? AND account_id = ?', [passkeyId, accountId], at),
      { sql: 'DELETE FROM wrapped_keys WHERE passkey_id = ? AND account_id = ?', params: [passkeyId, accountId] },
      { sql: 'DELETE FROM passkeys WHERE id = ? AND account_id = ?', params: [passkeyId, accountId], expectChanges: 1 },
    ]);
  }

  /** Removes expired ceremonies. Sessions stay: audit entries name them. */
  async purgeExpired(now: string): Promise<void> {
    await this.db.run('DELETE FROM sign_in_ceremonies WHERE expires_at <= ?', [now]);
  }

  /** Runs the batch (and its audit entries); false (nothing stored) when one of its `expectChanges` was not met. */
  protected async conflictAsFalse(statements: SqlStatement[], audit?: AuditAppend): Promise<boolean> {
    try {
      await this.db.batch(statements, audit);
      return true;
    } catch (error) {
      if (error instanceof BatchConflictError) return false;
      throw error;
    }
  }
}
