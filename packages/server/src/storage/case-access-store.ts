// Who may work which case (migration 7): groups, the routing of new cases by the reporter's role,
// and access per case (assignee, grant, exclusion). Part of PeopleStore (people-store.ts). Every
// change of access to a case takes its audit entries along, written in the same transaction.
import type { Schema } from '@weerbaar/spec';
import type { NewAuditEntry } from '../domain/audit-chain.js';
import { AccountStore } from './account-store.js';
import type { AuditAppend } from './sql-driver.js';

export type ReporterRole = Schema<'ReporterRole'>;
export type CaseAccessKind = 'assignee' | 'grant' | 'exclusion';

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

const REPORTER_ROLES: ReporterRole[] = ['civil-servant', 'administrator', 'council-member', 'other'];

/** A change of who has access commits with its entries in the case's audit trail (none: nothing to append). */
function caseAudit(caseId: string, entries: NewAuditEntry[] | undefined): AuditAppend | undefined {
  return entries?.length ? { chainId: caseId, entries } : undefined;
}

export class CaseAccessStore extends AccountStore {
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

  /**
   * The e-mail addresses of the people of `groupId` who may work the case (caseNoticeRecipients'
   * rule, and a member of the group): who is told that a task of that group is overdue.
   */
  async taskNoticeRecipients(caseId: string, groupId: string): Promise<string[]> {
    const rows = await this.db.all<{ email: string }>(
      `SELECT p.email FROM accounts p JOIN cases c ON c.id = ?
       WHERE p.active = 1 AND p.email IS NOT NULL AND (',' || p.roles || ',') LIKE '%,handler,%' AND ${accessibleCaseCondition('p.id')}
         AND EXISTS (SELECT 1 FROM account_groups g WHERE g.account_id = p.id AND g.group_id = ?)
       ORDER BY p.email`,
      [caseId, groupId],
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
  async addCaseAccess(caseId: string, accountId: string, kind: CaseAccessKind, at: string, audit: NewAuditEntry[]): Promise<void> {
    await this.db.batch(
      [
        ...(kind === 'exclusion'
          ? [{ sql: `DELETE FROM case_access WHERE case_id = ? AND account_id = ? AND kind IN ('assignee', 'grant')`, params: [caseId, accountId] }]
          : []),
        {
          sql: 'INSERT INTO case_access (case_id, account_id, kind, at) VALUES (?, ?, ?, ?) ON CONFLICT (case_id, account_id, kind) DO NOTHING',
          params: [caseId, accountId, kind, at],
        },
      ],
      caseAudit(caseId, audit),
    );
  }

  /**
   * Adds an assignment or grant unless the person is excluded from the case (the insert itself
   * checks, so an exclusion made at the same moment is never undone by it); false when excluded,
   * and then nothing is stored, audit entries included.
   */
  async addCaseAccessUnlessExcluded(caseId: string, accountId: string, kind: 'assignee' | 'grant', at: string, audit: NewAuditEntry[]): Promise<boolean> {
    const notExcluded = `NOT EXISTS (SELECT 1 FROM case_access WHERE case_id = ? AND account_id = ? AND kind = 'exclusion')`;
    return this.conflictAsFalse(
      [
        { sql: `SELECT 1 AS allowed WHERE ${notExcluded}`, params: [caseId, accountId], expectChanges: 1 },
        {
          sql: `INSERT INTO case_access (case_id, account_id, kind, at)
            SELECT ?, ?, ?, ? WHERE ${notExcluded}
            ON CONFLICT (case_id, account_id, kind) DO NOTHING`,
          params: [caseId, accountId, kind, at, caseId, accountId],
        },
      ],
      caseAudit(caseId, audit),
    );
  }

  async isExcluded(caseId: string, accountId: string): Promise<boolean> {
    const rows = await this.db.all<{ kind: string }>(`SELECT kind FROM case_access WHERE case_id = ? AND account_id = ? AND kind = 'exclusion'`, [caseId, accountId]);
    return rows.length > 0;
  }

  async removeCaseAccess(caseId: string, accountId: string, kind: CaseAccessKind, audit: NewAuditEntry[]): Promise<void> {
    await this.db.batch([{ sql: 'DELETE FROM case_access WHERE case_id = ? AND account_id = ? AND kind = ?', params: [caseId, accountId, kind] }], caseAudit(caseId, audit));
  }

  async transferCase(caseId: string, groupId: string, audit: NewAuditEntry[]): Promise<void> {
    await this.db.batch([{ sql: 'UPDATE cases SET group_id = ? WHERE id = ?', params: [groupId, caseId] }], caseAudit(caseId, audit));
  }
}
