// Small servers in their own processes (like the reference server), so that the load generator
// and the server never share an event loop.
import { spawn } from 'node:child_process';

const LISTENING = /listening on (http:\/\/\S+)/;

/** Runs `program` (a JavaScript source text) with node; resolves once it prints `listening on URL`. */
export async function startProgram(program, env = {}) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', program], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const origin = await new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = LISTENING.exec(seen);
      if (match) resolve(match[1]);
    });
    exited.then((code) => reject(new Error(`the program exited with ${code} before listening`)));
  });
  return {
    origin,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
