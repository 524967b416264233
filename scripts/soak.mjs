// `npm run soak` (not part of `npm test`): SIGKILLs of the reference server during bursts of
// reports and attachment uploads, first on SQLite (one instance), then on PostgreSQL with several
// instances on one database (a throwaway cluster, test-support/postgres.mjs). Each engine stops at
// WEERBAAR_SOAK_KILLS kills (default 60) or after WEERBAAR_SOAK_SECONDS (default 900); see
// packages/server/test/soak/soak-engine.ts. Prints kills, answered, retried, lost and duplicates.
// Needs the built server (`npm run build`).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findPostgresBinaries, startPostgres } from '../test-support/postgres.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const engine = 'packages/server/test/soak/soak-engine.ts';
const REQUIRED_KILLS = 100;

if (!existsSync(`${root}packages/server/dist/cli.js`)) {
  console.error('Build first: npm run build');
  process.exit(1);
}

/** Runs the soak on one engine; resolves to its figures (or undefined when it failed before printing them). */
function soak(env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', engine], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => {
      const line = /^SOAK (.*)$/m.exec(output)?.[1];
      resolve({ code, figures: line ? JSON.parse(line) : undefined });
    });
  });
}

const { WEERBAAR_TEST_POSTGRES_URL: _ignored, ...sqliteEnv } = process.env;
const runs = [await soak(sqliteEnv)];
if (findPostgresBinaries()) {
  const cluster = await startPostgres();
  try {
    runs.push(await soak({ ...process.env, WEERBAAR_TEST_POSTGRES_URL: cluster.url }));
  } finally {
    await cluster.stop();
  }
} else {
  console.error('PostgreSQL is not installed (apt-get install postgresql): its soak is missing.');
  runs.push({ code: 1, figures: undefined });
}

console.log('\nengine      instances  kills  reports sent/answered/retried/lost/duplicates  attachments sent/answered/retried/lost/duplicates  seconds');
for (const { figures } of runs.filter((run) => run.figures)) {
  const row = (part) => [part.sent, part.answered, part.retried, part.lost, part.duplicates].join('/');
  console.log(
    `${figures.engine.padEnd(11)} ${String(figures.instances).padStart(9)}  ${String(figures.kills).padStart(5)}  ${row(figures.reports).padStart(45)}  ${row(figures.attachments).padStart(49)}  ${String(figures.seconds).padStart(7)}`,
  );
}
const kills = runs.reduce((sum, run) => sum + (run.figures?.kills ?? 0), 0);
const failed = runs.filter((run) => run.code !== 0).length + (kills < REQUIRED_KILLS ? 1 : 0);
console.log(`${kills} kills in all${kills < REQUIRED_KILLS ? `: fewer than ${REQUIRED_KILLS} (raise WEERBAAR_SOAK_KILLS or WEERBAAR_SOAK_SECONDS)` : ''}`);
console.log(`\n${runs.length + 1 - failed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
