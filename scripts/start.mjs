// `npm start`: builds what the demo needs, then serves the reference server with its embedded
// SQLite database (./.data, reused by the next start) and the example municipal site at
// http://127.0.0.1:8080 (PORT, HOST and every WEERBAAR_* variable override; see packages/server).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.on('close', (code) => resolve(code === 0));
  });
}

if (!(await run('npm', ['run', 'build', '--silent']))) {
  // A package still under construction must not keep the demo from starting: the server needs
  // only the contract and itself; the page says so when an element is missing.
  console.warn('\nBuilding every package failed; building only what the server needs (spec, server).\n');
  const ok = (await run('npm', ['run', 'build', '--silent', '-w', '@weerbaar/spec'])) && (await run('npm', ['run', 'build', '--silent', '-w', '@weerbaar/server']));
  if (!ok) {
    console.error('The server could not be built; see the errors above.');
    process.exit(1);
  }
}

const server = spawn(process.execPath, [join('packages', 'server', 'dist', 'cli.js'), 'serve'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    WEERBAAR_SITE_DIR: process.env.WEERBAAR_SITE_DIR ?? join(root, 'examples', 'municipal-site'),
    // Without a mail server the notices to handlers land on the demo site's /postvak page.
    WEERBAAR_DEMO_OUTBOX: process.env.WEERBAAR_DEMO_OUTBOX ?? 'true',
    WEERBAAR_NOTIFY_RECIPIENTS: process.env.WEERBAAR_NOTIFY_RECIPIENTS ?? 'integriteit@voorbeeldstad.example',
  },
});
// Ctrl+C reaches the server through the terminal's process group; a SIGTERM sent to this script
// is passed on, so that the server can close its database cleanly.
process.on('SIGTERM', () => server.kill('SIGTERM'));
process.on('SIGINT', () => {});
server.on('close', (code) => process.exit(code ?? 0));
