// Accounts of the people who sign in (migration 7): roles, groups, e-mail address or OpenID
// subject, and the one-time invitations that enrol a first passkey. Part of PeopleStore
// (people-store.ts), over the passkeys and sessions of credential-store.ts.
import type { Schema } from '@weerbaar/spec';
import type { SqlStatement } from './sql-driver.js';
import { CredentialStore, PASSKEY_COLUMNS, toPasskey, type PasskeyRow, type StoredPasskey } from './credential-store.js';

export type AccountRole = Schema<'AccountRole'>;

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

const ROLE_ORDER: AccountRole[] = ['handler', 'admin', 'auditor'];

function rolesText(roles: AccountRole[]): string {
  return ROLE_ORDER.filter((role) => roles.includes(role)).join(',');
}

export class AccountStore extends CredentialStore {
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
}
