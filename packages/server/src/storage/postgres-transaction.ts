// Running shared SQL on PostgreSQL: `?` parameters numbered `$1, $2, …`, and a transaction on one
// pooled connection that rolls back on any error.
import type pg from 'pg';
import type { PoolClient } from 'pg';

export type Queryable = Pick<PoolClient, 'query'>;

/** `?` parameters → `$1, $2, …` (the shared SQL has no other question marks). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Runs shared SQL; the rows and how many rows it changed. */
export async function runSql<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<{ rows: T[]; rowCount: number }> {
  const result = await db.query(numbered(sql), params);
  return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
}

export async function inTransaction<T>(pool: pg.Pool, work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
