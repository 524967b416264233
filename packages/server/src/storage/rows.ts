// Database rows → stored values, shared by the SQLite and PostgreSQL stores: both use the same
// column names and the same text encodings (RFC 3339 timestamps, JSON text).
import type { HandlerToken } from './store.js';

/** Drops SQL NULLs so optional fields are absent rather than null. */
export function withoutNulls<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;
}

export const HANDLER_TOKEN_COLUMNS = 'id, name, created_at, revoked_at, expires_at';

export interface HandlerTokenRow {
  id: string;
  name: string;
  created_at: string;
  revoked_at: string | null;
  expires_at: string | null;
}

export function toHandlerToken(row: HandlerTokenRow): HandlerToken {
  return withoutNulls({
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    revokedAt: row.revoked_at ?? undefined,
    expiresAt: row.expires_at ?? undefined,
  });
}
