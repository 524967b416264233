// The independent contract mock: Stoplight Prism serving `openapi.yaml` itself. Prism validates every
// request against the contract (an invalid one gets 422 with an `sl-violations` header) and answers
// with the contract's own examples, so passing here proves the SDK against the contract, not our server.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const prism = `${root}node_modules/.bin/prism`;
const contract = `${root}packages/spec/openapi.yaml`;

export interface ContractMock {
  /** The API base (Prism serves the paths without the `/v1` of the servers entry). */
  apiUrl: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export async function startContractMock(): Promise<ContractMock> {
  const port = await freePort();
  const child = spawn(prism, ['mock', contract, '-p', String(port), '-h', '127.0.0.1', '--errors'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`Prism exited before listening:\n${output}`));
    });
  });
  return {
    apiUrl: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/**
 * A `fetch` that asks Prism for a particular documented answer of the requests to `path`
 * (`Prefer: code=…, example=…`), for the error paths; other requests go through unchanged.
 */
export function preferring(path: string, code: number, example?: string): typeof fetch {
  return (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).pathname.endsWith(path)) {
      request.headers.set('Prefer', example ? `code=${code}, example=${example}` : `code=${code}`);
    }
    return fetch(request);
  };
}
