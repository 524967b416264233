// People who sign in, and who may work which case: accounts with roles and groups, passkeys,
// invitations, sign-in ceremonies and sessions, wrapped keys, groups, routing and access per case
// (migration 7). Written once in shared SQL over a SqlDriver, so SQLite and PostgreSQL run the same
// statements; every read-then-write that must hold across instances is one statement or one batch.
import type { Schema } from '@weerbaar/spec';
import { BatchConflictError, type SqlDriver, type SqlStatement } from './sql-driver.js';

/** How callers of createAccount and updateAccount tell that an e-mail address is taken (a unique violation on either engine). */
export { isUniqueViolation } from './sql-driver.js';

export type AccountRole = Schema<'AccountRole'>;
export type ReporterRole = Schema<'ReporterRole'>;
export type CaseAccessKind = 'assignee' | 'grant' | 'exclusion';

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

export interface StoredAccount {
  id: string;
  displayName: string;
  roles: AccountRole[];
  groups: string[];
  active: boolean;
  email?: string;
  oidcSubject?: string;
  createdAt: string;
  lastSignInAt?: string;
  passkeys: StoredPasskey[];
  invitationPending: boolean;
}

export interface NewAccount {
  id: string;
  displayName: string;
  roles: AccountRole[];
  groups: string[];
  email?: string;
  oidcSubject?: string;
  createdAt: string;
}

export interface NewInvitation {
  codeHash: Buffer;
  createdAt: string;
  expiresAt: string;
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

export interface StoredGroup {
  id: string;
  name: string;
  description?: string;
  members: { accountId: string; displayName: string }[];
}

export type StoredRouting = Record<ReporterRole, { groupId: string; alternateGroupId: string }>;

export interface CaseAccessEntry {
  accountId: string;
  displayName: string;
  kind: CaseAccessKind;
}

export interface StoredCaseAccess {
  caseId: string;
  reference: string;
  groupId: string;
  groupName: string;
  entries: CaseAccessEntry[];
}

export interface AccountChange {
  displayName?: string;
  roles?: AccountRole[];
  groups?: string[];
  active?: boolean;
  email?: string;
  oidcSubject?: string;
}

interface AccountRow {
  id: string;
  display_name: string;
  roles: string;
  active: number;
  email: string | null;
  oidc_subject: string | null;
  created_at: string;
  last_sign_in_at: string | null;
}

interface PasskeyRow {
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

/**
 * The SQL condition (on a case row aliased `c`) under which the person `?` (passed three times, see
 * accessibleCaseParams) may work the case: in its group, assigned or granted — and not excluded,
 * which always wins. Lists, counts and single reads all use this one condition.
 */
export const ACCESSIBLE_CASE_CONDITION = accessibleCaseCondition('?');

/** The same condition for the account named by an SQL expression (a placeholder, or a column of an outer query). */
function accessibleCaseCondition(account: string): string {
  return `(NOT EXISTS (SELECT 1 FROM case_access x WHERE x.case_id = c.id AND x.account_id = ${account} AND x.kind = 'exclusion')
    AND (c.group_id IN (SELECT g.group_id FROM account_groups g WHERE g.account_id = ${account})
      OR EXISTS (SELECT 1 FROM case_access a WHERE a.case_id = c.id AND a.account_id = ${account} AND a.kind IN ('assignee', 'grant'))))`;
}

export function accessibleCaseParams(accountId: string): unknown[] {
  return [accountId, accountId, accountId];
}

const PASSKEY_COLUMNS = `p.id, p.account_id, p.name, p.public_key, p.sign_count, p.transports, p.created_at, p.last_used_at,
  CASE WHEN EXISTS (SELECT 1 FROM wrapped_keys w WHERE w.passkey_id = p.id) THEN 1 ELSE 0 END AS has_wrapped_key`;

function toPasskey(row: PasskeyRow): StoredPasskey {
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

const ROLE_ORDER: AccountRole[] = ['handler', 'admin', 'auditor'];
const REPORTER_ROLES: ReporterRole[] = ['civil-servant', 'administrator', 'council-member', 'other'];

function rolesText(roles: AccountRole[]): string {
  return ROLE_ORDER.filter((role) => roles.includes(role)).join(',');
}

export class PeopleStore {
  constructor(private readonly db: SqlDriver) {}

  // ---------------------------------------------------------------- accounts

  /** Creates an account with its groups and, when given, its invitation. Throws a unique violation for a taken email or subject. */
  async createAccount(account: NewAccount, invitation?: NewInvitation): Promise<void> {
    await this.db.batch([
      {
        sql: `INSERT INTO accounts (id, display_name, roles, active, email, oidc_subject, created_at) VALUES (?, ?, ?, 1, ?, ?, ?)`,
        params: [account.id, account.displayName, rolesText(account.roles), account.email ?? null, account.oidcSubject ?? null, account.createdAt],
      },
      ...this.groupInserts(account.id, account.groups),
      ...(invitation ? [this.invitationInsert(account.id, invitation)] : []),
    ]);
  }

  private groupInserts(accountId: string, groups: string[]): SqlStatement[] {
    return groups.map((groupId) => ({ sql: 'INSERT INTO account_groups (account_id, group_id) VALUES (?, ?)', params: [accountId, groupId] }));
  }

  private invitationInsert(accountId: string, invitation: NewInvitation): SqlStatement {
    return {
      sql: 'INSERT INTO invitations (code_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      params: [invitation.codeHash, accountId, invitation.createdAt, invitation.expiresAt],
    };
  }

  async getAccount(accountId: string, now: string): Promise<StoredAccount | undefined> {
    return (await this.accounts(now, accountId))[0];
  }

  /** Every account (or the one with `onlyId`), by display name. */
  async accounts(now: string, onlyId?: string): Promise<StoredAccount[]> {
    const only = (column: string) => (onlyId === undefined ? '' : `WHERE ${column} = ?`);
    const byId = onlyId === undefined ? [] : [onlyId];
    const rows = await this.db.all<AccountRow & { invitation_pending: number }>(
      `SELECT a.*, CASE WHEN EXISTS (SELECT 1 FROM invitations i WHERE i.account_id = a.id AND i.used_at IS NULL AND i.expires_at > ?)
         THEN 1 ELSE 0 END AS invitation_pending
       FROM accounts a ${only('a.id')} ORDER BY a.display_name, a.id`,
      [now, ...byId],
    );
    if (rows.length === 0) return [];
    const groups = await this.db.all<{ account_id: string; group_id: string }>(
      `SELECT account_id, group_id FROM account_groups ${only('account_id')} ORDER BY group_id`,
      byId,
    );
    const passkeys = await this.db.all<PasskeyRow>(`SELECT ${PASSKEY_COLUMNS} FROM passkeys p ${only('p.account_id')} ORDER BY p.created_at, p.id`, byId);
    return rows.map((row) => ({
      id: row.id,
      displayName: row.display_name,
      roles: row.roles.split(',') as AccountRole[],
      groups: groups.filter((g) => g.account_id === row.id).map((g) => g.group_id),
      active: Number(row.active) === 1,
      ...(row.email ? { email: row.email } : {}),
      ...(row.oidc_subject ? { oidcSubject: row.oidc_subject } : {}),
      createdAt: row.created_at,
      ...(row.last_sign_in_at ? { lastSignInAt: row.last_sign_in_at } : {}),
      passkeys: passkeys.filter((p) => p.account_id === row.id).map(toPasskey),
      invitationPending: Number(row.invitation_pending) === 1,
    }));
  }

  /** Applies the change in one transaction; suspending ends the account's sessions at once. */
  async updateAccount(accountId: string, change: AccountChange, at: string): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [];
    const column = (name: string, value: unknown) => {
      sets.push(`${name} = ?`);
      values.push(value);
    };
    if (change.displayName !== undefined) column('display_name', change.displayName);
    if (change.roles !== undefined) column('roles', rolesText(change.roles));
    if (change.active !== undefined) column('active', change.active ? 1 : 0);
    if (change.email !== undefined) column('email', change.email);
    if (change.oidcSubject !== undefined) column('oidc_subject', change.oidcSubject);
    const statements: SqlStatement[] = [];
    if (sets.length) statements.push({ sql: `UPDATE accounts SET ${sets.join(', ')} WHERE id = ?`, params: [...values, accountId], expectChanges: 1 });
    if (change.groups !== undefined) {
      statements.push({ sql: 'DELETE FROM account_groups WHERE account_id = ?', params: [accountId] }, ...this.groupInserts(accountId, change.groups));
    }
    if (change.active === false) statements.push(this.endSessionsStatement('account_id = ?', [accountId], at));
    await this.db.batch(statements);
  }

  /** How many active accounts other than `exceptId` hold the admin role. */
  async otherActiveAdmins(exceptId: string): Promise<number> {
    const rows = await this.db.all<{ n: number }>(
      `SELECT CAST(COUNT(*) AS INTEGER) AS n FROM accounts WHERE id <> ? AND active = 1 AND roles LIKE '%admin%'`,
      [exceptId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** A new invitation for the account; earlier unused ones stop working. */
  async replaceInvitation(accountId: string, invitation: NewInvitation): Promise<void> {
    await this.db.batch([
      { sql: 'DELETE FROM invitations WHERE account_id = ? AND used_at IS NULL', params: [accountId] },
      this.invitationInsert(accountId, invitation),
    ]);
  }

  /** The account an unused, unexpired invitation is for, when that account is active. */
  async invitedAccount(codeHash: Buffer, now: string): Promise<string | undefined> {
    const rows = await this.db.all<{ account_id: string }>(
      `SELECT i.account_id FROM invitations i JOIN accounts a ON a.id = i.account_id
       WHERE i.code_hash = ? AND i.used_at IS NULL AND i.expires_at > ? AND a.active = 1`,
      [codeHash, now],
    );
    return rows[0]?.account_id;
  }

  async accountIdByOidcSubject(subject: string): Promise<string | undefined> {
    return (await this.db.all<{ id: string }>('SELECT id FROM accounts WHERE oidc_subject = ? AND active = 1', [subject]))[0]?.id;
  }

  async accountIdByEmail(email: string): Promise<string | undefined> {
    return (await this.db.all<{ id: string }>('SELECT id FROM accounts WHERE lower(email) = lower(?) AND active = 1', [email]))[0]?.id;
  }

  // ---------------------------------------------------------------- ceremonies and sessions

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

  private async conflictAsFalse(statements: SqlStatement[]): Promise<boolean> {
    try {
      await this.db.batch(statements);
      return true;
    } catch (error) {
      if (error instanceof BatchConflictError) return false;
      throw error;
    }
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

  private endSessionsStatement(condition: string, params: unknown[], at: string): SqlStatement {
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

  // ---------------------------------------------------------------- groups and routing

  async groups(): Promise<StoredGroup[]> {
    const groups = await this.db.all<{ id: string; name: string; description: string | null }>('SELECT id, name, description FROM groups ORDER BY name, id');
    const members = await this.db.all<{ group_id: string; account_id: string; display_name: string }>(
      `SELECT g.group_id, a.id AS account_id, a.display_name FROM account_groups g JOIN accounts a ON a.id = g.account_id
       WHERE a.active = 1 ORDER BY a.display_name, a.id`,
    );
    return groups.map((group) => ({
      id: group.id,
      name: group.name,
      ...(group.description ? { description: group.description } : {}),
      members: members.filter((m) => m.group_id === group.id).map((m) => ({ accountId: m.account_id, displayName: m.display_name })),
    }));
  }

  async groupIds(): Promise<Set<string>> {
    return new Set((await this.db.all<{ id: string }>('SELECT id FROM groups')).map((row) => row.id));
  }

  async saveGroup(id: string, name: string, description: string | undefined): Promise<void> {
    await this.db.run(
      `INSERT INTO groups (id, name, description) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description`,
      [id, name, description ?? null],
    );
  }

  /** Deletes a group no case belongs to and no routing names; false when it is in use. */
  async deleteGroup(id: string): Promise<boolean> {
    return this.conflictAsFalse([
      {
        sql: `DELETE FROM groups WHERE id = ?
          AND NOT EXISTS (SELECT 1 FROM cases WHERE group_id = ?)
          AND NOT EXISTS (SELECT 1 FROM routing WHERE group_id = ? OR alternate_group_id = ?)`,
        params: [id, id, id, id],
        expectChanges: 1,
      },
    ]);
  }

  async routing(): Promise<StoredRouting> {
    const rows = await this.db.all<{ role: ReporterRole; group_id: string; alternate_group_id: string }>('SELECT role, group_id, alternate_group_id FROM routing');
    return Object.fromEntries(
      REPORTER_ROLES.map((role) => {
        const row = rows.find((r) => r.role === role)!;
        return [role, { groupId: row.group_id, alternateGroupId: row.alternate_group_id }];
      }),
    ) as StoredRouting;
  }

  async setRouting(routing: StoredRouting): Promise<void> {
    await this.db.batch(
      REPORTER_ROLES.map((role) => ({
        sql: `INSERT INTO routing (role, group_id, alternate_group_id) VALUES (?, ?, ?)
          ON CONFLICT (role) DO UPDATE SET group_id = excluded.group_id, alternate_group_id = excluded.alternate_group_id`,
        params: [role, routing[role].groupId, routing[role].alternateGroupId],
      })),
    );
  }

  // ---------------------------------------------------------------- access per case

  /** Whether the person may work the case (ACCESSIBLE_CASE_CONDITION); false for an unknown case. */
  async hasCaseAccess(caseId: string, accountId: string): Promise<boolean> {
    const rows = await this.db.all<{ id: string }>(`SELECT c.id FROM cases c WHERE c.id = ? AND ${ACCESSIBLE_CASE_CONDITION}`, [
      caseId,
      ...accessibleCaseParams(accountId),
    ]);
    return rows.length === 1;
  }

  /**
   * The e-mail addresses of the people who may work the case: active, with the handler role, in its
   * group or assigned or granted, and not excluded (hasCaseAccess's rule, for every account at once).
   */
  async caseNoticeRecipients(caseId: string): Promise<string[]> {
    const rows = await this.db.all<{ email: string }>(
      `SELECT p.email FROM accounts p JOIN cases c ON c.id = ?
       WHERE p.active = 1 AND p.email IS NOT NULL AND (',' || p.roles || ',') LIKE '%,handler,%' AND ${accessibleCaseCondition('p.id')}
       ORDER BY p.email`,
      [caseId],
    );
    return rows.map((row) => row.email);
  }

  /** The cases the person is assigned to. */
  async assignedCaseIds(accountId: string): Promise<Set<string>> {
    const rows = await this.db.all<{ case_id: string }>(`SELECT case_id FROM case_access WHERE account_id = ? AND kind = 'assignee'`, [accountId]);
    return new Set(rows.map((row) => row.case_id));
  }

  async caseAccess(caseId: string): Promise<StoredCaseAccess | undefined> {
    const found = (
      await this.db.all<{ id: string; reference: string; group_id: string; group_name: string }>(
        `SELECT c.id, c.reference, c.group_id, g.name AS group_name FROM cases c JOIN groups g ON g.id = c.group_id WHERE c.id = ?`,
        [caseId],
      )
    )[0];
    if (!found) return undefined;
    const entries = await this.db.all<{ account_id: string; display_name: string; kind: CaseAccessKind }>(
      `SELECT x.account_id, a.display_name, x.kind FROM case_access x JOIN accounts a ON a.id = x.account_id
       WHERE x.case_id = ? ORDER BY a.display_name, a.id`,
      [caseId],
    );
    return {
      caseId: found.id,
      reference: found.reference,
      groupId: found.group_id,
      groupName: found.group_name,
      entries: entries.map((e) => ({ accountId: e.account_id, displayName: e.display_name, kind: e.kind })),
    };
  }

  /** Adds an assignment, grant or exclusion (idempotent); an exclusion removes the person's assignment and grant. */
  async addCaseAccess(caseId: string, accountId: string, kind: CaseAccessKind, at: string): Promise<void> {
    await this.db.batch([
      ...(kind === 'exclusion'
        ? [{ sql: `DELETE FROM case_access WHERE case_id = ? AND account_id = ? AND kind IN ('assignee', 'grant')`, params: [caseId, accountId] }]
        : []),
      {
        sql: 'INSERT INTO case_access (case_id, account_id, kind, at) VALUES (?, ?, ?, ?) ON CONFLICT (case_id, account_id, kind) DO NOTHING',
        params: [caseId, accountId, kind, at],
      },
    ]);
  }

  /**
   * Adds an assignment or grant unless the person is excluded from the case, in one statement (an
   * exclusion made at the same moment is never undone by it); false when excluded.
   */
  async addCaseAccessUnlessExcluded(caseId: string, accountId: string, kind: 'assignee' | 'grant', at: string): Promise<boolean> {
    await this.db.run(
      `INSERT INTO case_access (case_id, account_id, kind, at)
       SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM case_access WHERE case_id = ? AND account_id = ? AND kind = 'exclusion')
       ON CONFLICT (case_id, account_id, kind) DO NOTHING`,
      [caseId, accountId, kind, at, caseId, accountId],
    );
    return !(await this.isExcluded(caseId, accountId));
  }

  async isExcluded(caseId: string, accountId: string): Promise<boolean> {
    const rows = await this.db.all<{ kind: string }>(`SELECT kind FROM case_access WHERE case_id = ? AND account_id = ? AND kind = 'exclusion'`, [caseId, accountId]);
    return rows.length > 0;
  }

  async removeCaseAccess(caseId: string, accountId: string, kind: CaseAccessKind): Promise<void> {
    await this.db.run('DELETE FROM case_access WHERE case_id = ? AND account_id = ? AND kind = ?', [caseId, accountId, kind]);
  }

  async transferCase(caseId: string, groupId: string): Promise<void> {
    await this.db.run('UPDATE cases SET group_id = ? WHERE id = ?', [groupId, caseId]);
  }

  /** Removes expired ceremonies. Sessions stay: audit entries name them. */
  async purgeExpired(now: string): Promise<void> {
    await this.db.run('DELETE FROM sign_in_ceremonies WHERE expires_at <= ?', [now]);
  }
}
