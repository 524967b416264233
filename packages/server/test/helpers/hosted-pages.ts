// The pages the server hosts from the elements' CDN build (the report page, the console): what
// both must do when they cannot or may not be served.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, it } from 'node:test';
import { startTestServer, type TestServer } from './server.js';

/** The real CDN build of the elements (`npm test` builds it before the tests run). */
export const elementsDir = fileURLToPath(new URL('../../../elements/dist/cdn/', import.meta.url));

/**
 * Registers, in the enclosing `describe`, one test per situation in which a hosted page must answer
 * 404 on every path and be absent from discovery: without the elements bundle, and the page's own
 * other situation (its switch off, or nothing to sign in with), given as environment variables.
 */
export function itIsNeitherServedNorAdvertised(
  paths: readonly string[],
  advertised: (t: TestServer) => Promise<unknown>,
  [otherSituation, otherEnv]: readonly [string, Record<string, string>],
): void {
  let emptyDir: string;
  before(async () => {
    emptyDir = await mkdtemp(join(tmpdir(), 'weerbaar-no-elements-'));
  });
  after(() => rm(emptyDir, { recursive: true, force: true }));

  // Environments as functions: the empty directory exists only once `before` has run.
  const situations = [
    ['without the elements bundle', () => ({ WEERBAAR_ELEMENTS_DIR: emptyDir })],
    [otherSituation, () => ({ WEERBAAR_ELEMENTS_DIR: elementsDir, ...otherEnv })],
  ] as const;
  for (const [situation, env] of situations) {
    it(`is neither served nor advertised ${situation}`, async () => {
      const t = await startTestServer({ handlerToken: false, env: env() });
      try {
        assert.equal(await advertised(t), undefined);
        for (const path of paths) assert.equal((await fetch(`${t.server.origin}${path}`)).status, 404, path);
      } finally {
        await t.server.stop();
      }
    });
  }
}
