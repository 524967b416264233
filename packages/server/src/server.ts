// Assembles a running server from its configuration: storage, secrets, content, the app.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SpecValidator } from '@weerbaar/spec/validation';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from './config.js';
import { ContentCatalogue, DEFAULT_CONTENT_FILE } from './content/catalogue.js';
import { CaseWorkCatalogue, DEFAULT_CASE_WORK_FILE } from './content/case-work-catalogue.js';
import { DEFAULT_PROTOCOLS_FILE, ProtocolCatalogue } from './content/protocol-catalogue.js';
import { DEFAULT_DILEMMA_CARDS_FILE, DilemmaCardCatalogue } from './content/dilemma-card-catalogue.js';
import { DilemmaStore } from './storage/dilemma-store.js';
import { sqlRunnerFor } from './storage/sql-runner.js';
import { createRateLimits, type ServerContext } from './context.js';
import { CaseLabeller } from './domain/case-labels.js';
import { readPublicKey } from './domain/encryption-key.js';
import { buildApp, type AppOptions } from './http/app.js';
import { RequestValidation } from './http/request-validation.js';
import { PACKAGE_ROOT } from './package-root.js';
import { loadInstallationSecret, openStorage } from './storage/open-storage.js';
import type { Store } from './storage/store.js';
import { startJobs } from './jobs/start-jobs.js';

export interface RunningServer {
  app: FastifyInstance;
  /** e.g. `http://127.0.0.1:8080` */
  url: string;
  store: Store;
  close(): Promise<void>;
}

const PURGE_INTERVAL_MS = 60_000;

/**
 * The elements' CDN bundle: the one built beside this package (in the repository, or
 * `@weerbaar/elements` installed next to it), else the copy packed into this package (`elements/`,
 * scripts/prepack.mjs).
 */
function defaultElementsDir(): string | undefined {
  const beside = join(PACKAGE_ROOT, '..', 'elements', 'dist', 'cdn');
  const packed = join(PACKAGE_ROOT, 'elements');
  return [beside, packed].find((dir) => existsSync(join(dir, 'report-button.js'))) ?? (existsSync(join(PACKAGE_ROOT, '..', 'elements')) ? beside : undefined);
}

export async function startServer(config: ServerConfig, options: AppOptions = {}): Promise<RunningServer> {
  const spec = new SpecValidator();
  const content = ContentCatalogue.load(config.contentFile ?? DEFAULT_CONTENT_FILE, spec);
  const caseWork = CaseWorkCatalogue.load(config.caseWorkFile ?? DEFAULT_CASE_WORK_FILE, spec, content.locales);
  const protocols = ProtocolCatalogue.load(config.protocolsFile ?? DEFAULT_PROTOCOLS_FILE, spec, content);
  const dilemmaCards = DilemmaCardCatalogue.load(config.dilemmas.cardsFile ?? DEFAULT_DILEMMA_CARDS_FILE, spec, content.locales);
  const secret = loadInstallationSecret(config);
  const { store, people, files, audit, retention, statistics } = await openStorage(config, { serving: true });
  let publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const context: ServerContext = {
    config: { ...config, elementsDir: config.elementsDir ?? defaultElementsDir() },
    store,
    people,
    files,
    audit,
    retention,
    statistics,
    dilemmas: new DilemmaStore(sqlRunnerFor(store)),
    secret,
    content,
    caseWork,
    protocols,
    dilemmaCards,
    labels: new CaseLabeller(content, caseWork),
    spec,
    validation: new RequestValidation(spec),
    encryptionKey: readPublicKey(config.dataDir),
    limits: createRateLimits(config, store),
    now: () => new Date().toISOString(),
    publicUrl: () => publicUrl,
  };
  let app: FastifyInstance;
  try {
    app = await buildApp(context, options);
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await store.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  publicUrl = config.publicUrl ?? `http://localhost:${port}`;
  // Every instance purges; the deletes are idempotent. A failed purge (database briefly away) is retried next time.
  const purge = setInterval(() => {
    store.purgeExpired(context.now()).catch(() => undefined);
    people.purgeExpired(context.now()).catch(() => undefined);
  }, PURGE_INTERVAL_MS);
  purge.unref();
  const jobs = startJobs(context, app.log);
  return {
    app,
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    store,
    async close() {
      clearInterval(purge);
      await jobs.stop();
      await app.close();
      await store.close();
    },
  };
}
