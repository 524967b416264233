// The intranet example (examples/intranet-sdk) runs against the reference server, with and without
// encryption, so the README's example cannot rot. It imports the built package, as a user would.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startReferenceServer } from './support/reference-server.js';

const example = fileURLToPath(new URL('../../../examples/intranet-sdk/index.mjs', import.meta.url));
const run = promisify(execFile);

async function runExample(env: Record<string, string>) {
  const { stdout } = await run(process.execPath, [example], { env: { ...process.env, ...env } });
  return stdout;
}

describe('the intranet SDK example', () => {
  it('submits, follows up, and reads the handler’s answer on a plain backend', async () => {
    const server = await startReferenceServer();
    try {
      const output = await runExample({ WEERBAAR_API_URL: server.apiUrl, WEERBAAR_HANDLER_TOKEN: server.handlerToken });
      assert.match(output, /encryption off/);
      assert.match(output, /Handler read case [A-Z0-9-]+: "Een aanvrager/);
      assert.match(output, /Reporter reads \(question\): Kunt u aangeven hoe laat hij belde\?/);
      assert.match(output, /Case status: acknowledged/);
      assert.doesNotMatch(output, /\b[0-9A-Z]{4}(-[0-9A-Z]{4}){3,14}\b/, 'the example printed a receipt');
    } finally {
      await server.stop();
    }
  });

  it('opens the sealed report and reply with the private key on an encrypting backend', async () => {
    const server = await startReferenceServer({ encryption: true });
    const dir = await mkdtemp(join(tmpdir(), 'weerbaar-example-'));
    try {
      const keyFile = join(dir, 'private-key.json');
      await writeFile(keyFile, JSON.stringify(server.privateKeyJwk), { mode: 0o600 });
      const output = await runExample({ WEERBAAR_API_URL: server.apiUrl, WEERBAAR_HANDLER_TOKEN: server.handlerToken, WEERBAAR_PRIVATE_KEY_FILE: keyFile });
      assert.match(output, /encryption on/);
      assert.match(output, /Handler opened case [A-Z0-9-]+: "Een aanvrager.*reply: "Hij heeft vandaag opnieuw gebeld\."/);
      assert.match(output, /Reporter reads \(acknowledgement\)/);
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
