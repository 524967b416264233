// Chooses the storage from the configuration: PostgreSQL when `databaseUrl` is set (attachment
// bytes in the database too, so instances share no disk), else SQLite and files in the data
// directory. The installation secret comes from its file in either case (never the database).
import { join } from 'node:path';
import { AttachmentFiles } from './attachments/attachment-files.js';
import type { AttachmentStorage } from './attachments/attachment-storage.js';
import { DatabaseAttachments } from './attachments/database-attachments.js';
import type { ServerConfig } from '../config.js';
import { InstallationSecret, SECRET_FILE } from '../security/installation-secret.js';
import type { AuditLog } from './audit-log.js';
import { PeopleStore } from './people-store.js';
import { PostgresAuditLog } from './postgres-audit-log.js';
import { PostgresRetentionStore } from './postgres-retention-store.js';
import type { RetentionStore } from './retention-store.js';
import { PostgresStore } from './postgres-store.js';
import { SqliteAuditLog } from './sqlite-audit-log.js';
import { SqliteRetentionStore } from './sqlite-retention-store.js';
import { postgresDriver, sqliteDriver } from './sql-driver.js';
import { SqliteStore } from './sqlite-store.js';
import { postgresStatisticsSource, sqliteStatisticsSource, type StatisticsSource } from './statistics-source.js';
import type { Store } from './store.js';

export interface Storage {
  engine: 'sqlite' | 'postgres';
  store: Store;
  /** Accounts, sign-in, groups, routing and access per case, on the same database. */
  people: PeopleStore;
  files: AttachmentStorage;
  audit: AuditLog;
  retention: RetentionStore;
  statistics: StatisticsSource;
  /** The migrations applied on opening (empty when the database was up to date). */
  appliedMigrations: number[];
}

export function installationSecretPath(config: ServerConfig): string {
  return config.installationSecretFile ?? join(config.dataDir, SECRET_FILE);
}

/** The installation secret; created on first use only with SQLite (one machine). */
export function loadInstallationSecret(config: ServerConfig): InstallationSecret {
  return InstallationSecret.open(installationSecretPath(config), { create: !config.databaseUrl });
}

/** `serving`: for the server process itself (not a CLI command beside it). */
export async function openStorage(config: ServerConfig, { serving = false }: { serving?: boolean } = {}): Promise<Storage> {
  if (config.databaseUrl) {
    const store = await PostgresStore.open(config.databaseUrl);
    return { engine: 'postgres', store, people: new PeopleStore(postgresDriver(store.pool)), files: new DatabaseAttachments(store.pool), audit: new PostgresAuditLog(store.pool), retention: new PostgresRetentionStore(store.pool), statistics: postgresStatisticsSource(store.pool), appliedMigrations: store.appliedMigrations };
  }
  const store = await SqliteStore.open(config.dataDir, { releaseEarlierClaims: serving });
  return { engine: 'sqlite', store, people: new PeopleStore(sqliteDriver(store.db)), files: new AttachmentFiles(config.dataDir), audit: new SqliteAuditLog(store.db), retention: new SqliteRetentionStore(store.db), statistics: sqliteStatisticsSource(store.db), appliedMigrations: store.appliedMigrations };
}
