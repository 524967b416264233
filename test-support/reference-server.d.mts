// Types of reference-server.mjs (for TypeScript tests that import it without allowJs).

export interface ReferenceServerOptions {
  /** Extra environment variables for the server, e.g. `{ WEERBAAR_FOLLOW_UP_MAX_FAILURES_PER_CLIENT: '3' }`. */
  env?: Record<string, string>;
  /** Use this data directory instead of a fresh temporary one (it is then not removed by `stop`). */
  dataDir?: string;
  /** Run `token create` first and return the handler token (default true). */
  handlerToken?: boolean;
  /** Run `keys generate` first and return the private JWK (default false). */
  encryption?: boolean;
  /** CORS origins to allow (`WEERBAAR_ALLOWED_ORIGINS`). */
  allowedOrigins?: string[];
  /** The `weerbaar-server` script to run (default: this repository's build). */
  cli?: string;
  /**
   * Run as another instance on the SAME database and data directory (installation secret, keys) as this
   * server: several instances behave as one. Reuses its handler token and private key; stop() leaves the
   * shared data alone.
   */
  shareWith?: ReferenceServer;
}

export interface ReferenceServer {
  /** `http://127.0.0.1:PORT`; changes after `restart()`. */
  origin: string;
  /** `origin + '/v1'`. */
  apiUrl: string;
  dataDir: string;
  /** The PostgreSQL database (`WEERBAAR_DATABASE_URL`) when the tests run on PostgreSQL. */
  databaseUrl?: string;
  /** The environment the server runs with: pass it to the server's CLI (`token create`, `migrate`). */
  env: Record<string, string>;
  handlerToken?: string;
  privateKeyJwk?: JsonWebKey;
  /** Everything the server and CLI printed (stdout and stderr), for log-secrecy tests. */
  output(): string;
  /** SIGTERM, wait for the exit, remove a temporary data directory and drop its database. */
  stop(): Promise<void>;
  /** Send a signal (default SIGKILL) and wait; keeps the data directory. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Start again on the same data directory (the port may change). */
  restart(): Promise<void>;
}

/** `postgres` when WEERBAAR_TEST_POSTGRES_URL is set (every server then gets its own PostgreSQL database), else `sqlite`. */
export const testDatabase: 'sqlite' | 'postgres';

/** A fresh, empty database on the test cluster (needs WEERBAAR_TEST_POSTGRES_URL): its URL and how to drop it. */
export function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }>;

/** Starts the built reference server (`packages/server/dist/cli.js serve`) on 127.0.0.1:0 in a fresh temp data dir. */
export function startReferenceServer(options?: ReferenceServerOptions): Promise<ReferenceServer>;
