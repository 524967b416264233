import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from './helpers/server.js';

const siteDir = fileURLToPath(new URL('../../../examples/municipal-site/', import.meta.url));

/** A GET with the path sent exactly as written (fetch would normalise `..` away). */
function rawGet(origin: string, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the demo site', () => {
  let t: TestServer;
  let elementsDir: string;

  before(async () => {
    elementsDir = await mkdtemp(join(tmpdir(), 'weerbaar-elements-'));
    await writeFile(join(elementsDir, 'weerbaar.js'), 'export {};\n');
    t = await startTestServer({ handlerToken: false, env: { WEERBAAR_SITE_DIR: siteDir, WEERBAAR_ELEMENTS_DIR: elementsDir } });
  });
  after(async () => {
    await t.server.stop();
    await rm(elementsDir, { recursive: true, force: true });
  });

  it('serves the Dutch page at / and the English one at /en/, under a strict CSP', async () => {
    for (const [path, lang] of [['/', 'nl'], ['/en/', 'en']] as const) {
      const response = await rawGet(t.server.origin, path);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
      const csp = String(response.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'/);
      assert.match(csp, /style-src 'self'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.equal(response.headers['set-cookie'], undefined);
      assert.match(response.body, new RegExp(`<html lang="${lang}">`));
    }
  });

  it('contains no inline script or style, and mounts every element with the bundle from /elements/', async () => {
    for (const path of ['/', '/en/', '/privacy.html', '/en/privacy.html']) {
      const { body } = await rawGet(t.server.origin, path);
      assert.doesNotMatch(body, /<script(?![^>]*\bsrc=)[^>]*>/, `${path}: inline script`);
      assert.doesNotMatch(body, /<style|\sstyle=|\son[a-z]+=/i, `${path}: inline style or handler`);
      assert.doesNotMatch(body, /<form/i, `${path}: no imitation form`);
    }
    const { body } = await rawGet(t.server.origin, '/');
    assert.match(body, /<script type="module" async src="\/elements\/weerbaar.js"><\/script>/);
    // The dilemma cards are a build of their own, so that the four elements' bundle stays as it is.
    assert.match(body, /<script type="module" async src="\/elements\/dilemma-cards.js"><\/script>/);
    for (const element of ['weerbaar-norm-banner', 'weerbaar-support-directory', 'weerbaar-signal-checklist', 'weerbaar-report-button', 'weerbaar-dilemma-cards']) {
      assert.match(body, new RegExp(`<${element} api="/v1"[^>]*>`));
    }
    // The checklist's advice links to the dilemma section on the same page, in both languages.
    for (const path of ['/', '/en/']) {
      const page = (await rawGet(t.server.origin, path)).body;
      assert.match(page, /<weerbaar-signal-checklist [^>]*dilemmas-href="#dilemmas"/, path);
      assert.match(page, /<section id="dilemmas"/, path);
    }
  });

  it('serves the stylesheet and the elements bundle with their types', async () => {
    const css = await rawGet(t.server.origin, '/styles/site.css');
    assert.equal(css.status, 200);
    assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
    const bundle = await rawGet(t.server.origin, '/elements/weerbaar.js');
    assert.equal(bundle.status, 200);
    assert.equal(bundle.headers['content-type'], 'text/javascript; charset=utf-8');
  });

  it('answers path traversal, dot files, unknown types and directories without an index with 404', async () => {
    const attempts = [
      '/../package.json',
      '/../../packages/server/package.json',
      '/%2e%2e/%2e%2e/package.json',
      '/styles/..%2f..%2fREADME.md',
      '/styles/%2e%2e/%2e%2e/%2e%2e/LICENSE',
      '/..%5c..%5cpackage.json',
      '/README.md',
      '/styles/',
      '/.data/weerbaar.sqlite',
      '/%00index.html',
      '/elements/../index.html',
      '/elements/%2e%2e/%2e%2e/server/package.json',
    ];
    for (const path of attempts) {
      const response = await rawGet(t.server.origin, path);
      assert.ok(response.status === 404 || response.status === 400, `${path} answered ${response.status}`);
      assert.equal(JSON.parse(response.body).status, response.status, `${path} answered something else than a problem`);
    }
  });

  it('keeps the API under /v1 working next to the site', async () => {
    const discovery = await t.api.call('getDiscovery');
    assert.equal(discovery.status, 200);
    assert.match(discovery.body.links.privacyStatement, /\/privacy\.html$/);
    const privacy = await rawGet(t.server.origin, '/privacy.html');
    assert.equal(privacy.status, 200);
  });
});
