// Rows of the case-work tables (migration 9) ↔ stored values, and the SQL both stores run for them,
// written once with `?` parameters like statements.ts.
import { ACCESSIBLE_CASE_CONDITION, accessibleCaseParams } from './people-store.js';
import type { StoredMinutes, StoredNote } from './store.js';
import { withoutNulls } from './rows.js';

export const CASE_WORK_SQL = {
  insertNote: 'INSERT INTO case_notes (id, case_id, author_json, created_at, body, encrypted_body_json) VALUES (?, ?, ?, ?, ?, ?)',
  notes: 'SELECT id, author_json, created_at, body, encrypted_body_json FROM case_notes WHERE case_id = ? ORDER BY seq',
  minutes: 'SELECT version, created_at, author_json, status, body, answer_json FROM case_minutes WHERE case_id = ? ORDER BY version',
  latestMinutesVersion: 'SELECT CAST(COALESCE(MAX(version), 0) AS INTEGER) AS latest FROM case_minutes WHERE case_id = ?',
  /** The draft a new version replaces before the reporter answered it. */
  supersedeDraft: `UPDATE case_minutes SET status = 'superseded' WHERE case_id = ? AND version = ? AND status = 'draft'`,
  insertMinutes: 'INSERT INTO case_minutes (case_id, version, created_at, author_json, status, body, answer_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
  /** Answers a version only while it is the latest and still a draft (one statement: atomic on any number of instances). */
  answerMinutes: `UPDATE case_minutes SET status = ?, answer_json = ?
    WHERE case_id = ? AND version = ? AND status = 'draft'
      AND version = (SELECT MAX(latest.version) FROM case_minutes latest WHERE latest.case_id = ?)`,
  /** Cases per combination of codes; `toCaseCounts` sums them per code. */
  countByCodes: 'SELECT status, category, role, CAST(COUNT(*) AS INTEGER) AS cases FROM cases GROUP BY status, category, role',
  /** The same condition as the list's overdue filter (migration 6's column). */
  countOverdue: 'SELECT CAST(COUNT(*) AS INTEGER) AS overdue FROM cases c WHERE c.open_deadline_at < ?',
} as const;

export interface NoteRow {
  id: string;
  author_json: string;
  created_at: string;
  body: string | null;
  encrypted_body_json: string | null;
}

export function noteValues(caseId: string, note: StoredNote): unknown[] {
  return [note.noteId, caseId, JSON.stringify(note.author), note.createdAt, note.body ?? null, note.encryptedBody ? JSON.stringify(note.encryptedBody) : null];
}

export function toNote(row: NoteRow): StoredNote {
  return withoutNulls({
    noteId: row.id,
    author: JSON.parse(row.author_json) as StoredNote['author'],
    createdAt: row.created_at,
    body: row.body ?? undefined,
    encryptedBody: row.encrypted_body_json ? (JSON.parse(row.encrypted_body_json) as StoredNote['encryptedBody']) : undefined,
  });
}

export interface MinutesRow {
  version: number;
  created_at: string;
  author_json: string;
  status: StoredMinutes['status'];
  body: string;
  answer_json: string | null;
}

export function minutesValues(caseId: string, minutes: StoredMinutes): unknown[] {
  return [caseId, minutes.version, minutes.createdAt, JSON.stringify(minutes.author), minutes.status, minutes.body, minutes.answer ? JSON.stringify(minutes.answer) : null];
}

export function toMinutes(row: MinutesRow): StoredMinutes {
  return withoutNulls({
    version: Number(row.version),
    createdAt: row.created_at,
    author: JSON.parse(row.author_json) as StoredMinutes['author'],
    status: row.status,
    body: row.body,
    answer: row.answer_json ? (JSON.parse(row.answer_json) as StoredMinutes['answer']) : undefined,
  });
}

/** The count queries of countCases, limited to the cases a person may work when `visibleTo` is given (excluded cases never counted). */
export function caseCountQueries(visibleTo?: string): { byCodes: string; overdue: string; params: unknown[] } {
  const scope = visibleTo ? ACCESSIBLE_CASE_CONDITION : '1 = 1';
  return {
    byCodes: `SELECT c.status, c.category, c.role, CAST(COUNT(*) AS INTEGER) AS cases FROM cases c WHERE ${scope} GROUP BY c.status, c.category, c.role`,
    overdue: `SELECT CAST(COUNT(*) AS INTEGER) AS overdue FROM cases c WHERE c.open_deadline_at < ? AND ${scope}`,
    params: visibleTo ? accessibleCaseParams(visibleTo) : [],
  };
}
