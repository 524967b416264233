// Types of postgres.mjs (for TypeScript tests that import it without allowJs).

/** The bin directory of the newest PostgreSQL from the OS packages (`/usr/lib/postgresql/<v>/bin`), or undefined. */
export function findPostgresBinaries(): string | undefined;

/** Starts a throwaway cluster on 127.0.0.1 (random port, fsync off); `url` is its admin URL. */
export function startPostgres(): Promise<{ url: string; port: number; dir: string; stop(): Promise<void> }>;
