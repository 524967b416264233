// Simulated time for aftercare check-ins in tests of the SDK and the elements: as if a check-in's
// day had come, by moving its opening time into the past in a running reference server's database
// (SQLite or PostgreSQL), as the server's own check-in tests do. Never waited for.
import { join } from 'node:path';

const DAY = 86_400_000;

/**
 * Opens the check-in `checkInId` of the server's database (its day came yesterday; it stays due later).
 * @param {{ dataDir: string, databaseUrl?: string }} server
 * @param {string} checkInId
 */
export async function openCheckIn(server, checkInId) {
  const opensAt = new Date(Date.now() - DAY).toISOString();
  if (server.databaseUrl) {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    try {
      await client.query('UPDATE case_check_ins SET opens_at = $1 WHERE id = $2', [opensAt, checkInId]);
    } finally {
      await client.end();
    }
    return;
  }
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(join(server.dataDir, 'weerbaar.sqlite'), { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('UPDATE case_check_ins SET opens_at = ? WHERE id = ?').run(opensAt, checkInId);
  } finally {
    db.close();
  }
}
