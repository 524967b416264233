/**
 * @weerbaar/server — the reference backend of the Weerbaar Reporting API v1.
 *
 * Most people run it with the CLI (`weerbaar-server serve`); `startServer` embeds it.
 */
export { startServer, type RunningServer } from './server.js';
export { loadConfig, DEFAULT_CONFIG, ENVIRONMENT, ConfigError, type ServerConfig } from './config.js';
export type { Store } from './storage/store.js';
export { SqliteStore } from './storage/sqlite-store.js';
export { PostgresStore } from './storage/postgres-store.js';
export { openStorage, type Storage } from './storage/open-storage.js';
export { sqlRunnerFor, type SqlRunner, type BatchStatement } from './storage/sql-runner.js';
export { MIGRATIONS, LATEST_SCHEMA_VERSION, migrateSqlite, migratePostgres, type Migration } from './storage/migrations/index.js';
export { deadlinesOnReceipt, feedbackDueAfterAcknowledgement, addCalendarMonths } from './domain/deadlines.js';
export { generateReceipt, normaliseReceipt } from './security/receipts.js';
