// Static files over real HTTP in each content coding: brotli and gzip as built next to the files,
// identity without Accept-Encoding, HEAD, 304 per coding, and the caching header by file.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from './helpers/server.js';

// The real CDN build of the elements (`npm test` builds it before the tests run) and the demo site.
const builtElements = fileURLToPath(new URL('../../elements/dist/cdn/', import.meta.url));
const siteDir = fileURLToPath(new URL('../../../examples/municipal-site/', import.meta.url));
const hostedDir = fileURLToPath(new URL('../hosted/', import.meta.url));

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request without any decoding on our side: node:http hands over the bytes as sent. */
function raw(origin: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const CODINGS = [
  { acceptEncoding: 'br', coding: 'br', decode: brotliDecompressSync },
  { acceptEncoding: 'gzip', coding: 'gzip', decode: gunzipSync },
  { acceptEncoding: 'gzip, deflate, br', coding: 'br', decode: brotliDecompressSync },
] as const;

function decoded(response: RawResponse): Buffer {
  const coding = response.headers['content-encoding'];
  if (coding === 'br') return brotliDecompressSync(response.body);
  if (coding === 'gzip') return gunzipSync(response.body);
  assert.equal(coding, undefined, 'an unexpected content coding');
  return response.body;
}

function varies(response: RawResponse): boolean {
  return String(response.headers.vary ?? '').split(',').some((token) => token.trim().toLowerCase() === 'accept-encoding');
}

describe('static files, compressed as built', () => {
  let t: TestServer;
  let elementsDir: string;
  let hashedChunk: string;

  before(async () => {
    assert.ok(existsSync(join(builtElements, 'weerbaar.js.br')), 'build the elements first (npm run build -w @weerbaar/elements)');
    // A copy, so the test can plant a stale compressed file without touching the build.
    elementsDir = await mkdtemp(join(tmpdir(), 'weerbaar-elements-'));
    await cp(builtElements, elementsDir, { recursive: true });
    hashedChunk = `chunks/${(await readdir(join(elementsDir, 'chunks'))).find((name) => name.endsWith('.js'))!}`;
    t = await startTestServer({ handlerToken: false, env: { WEERBAAR_SITE_DIR: siteDir, WEERBAAR_ELEMENTS_DIR: elementsDir } });
  });
  after(async () => {
    await t?.server.stop();
    await rm(elementsDir, { recursive: true, force: true });
  });

  const files = (): { path: string; file: string }[] => [
    { path: '/elements/weerbaar.js', file: join(elementsDir, 'weerbaar.js') },
    { path: '/elements/manifest.json', file: join(elementsDir, 'manifest.json') },
    { path: `/elements/${hashedChunk}`, file: join(elementsDir, hashedChunk) },
    { path: `/elements/${hashedChunk}.map`, file: join(elementsDir, `${hashedChunk}.map`) },
    { path: '/', file: join(siteDir, 'index.html') },
    { path: '/styles/site.css', file: join(siteDir, 'styles', 'site.css') },
    { path: '/hosted/report-page.css', file: join(hostedDir, 'report-page.css') },
  ];

  it('sends each coding the client accepts, and each decodes to the very bytes of the file', async () => {
    for (const { path, file } of files()) {
      const original = readFileSync(file);
      const etags = new Set<string>();
      for (const { acceptEncoding, coding, decode } of CODINGS) {
        const response = await raw(t.server.origin, path, { 'accept-encoding': acceptEncoding });
        assert.equal(response.status, 200, path);
        assert.equal(response.headers['content-encoding'], coding, `${path} with ${acceptEncoding}`);
        assert.ok(varies(response), `${path}: Vary names Accept-Encoding`);
        assert.ok(response.body.length < original.length, `${path} in ${coding} is smaller`);
        assert.ok(decode(response.body).equals(original), `${path} in ${coding} decodes to the file`);
        etags.add(String(response.headers.etag));
      }
      const identity = await raw(t.server.origin, path);
      etags.add(String(identity.headers.etag));
      assert.equal(etags.size, 3, `${path}: an ETag for each coding (br, gzip, identity)`);
    }
  });

  it('sends the bytes as they are without Accept-Encoding, or when the client refuses the others', async () => {
    const refusals: Record<string, string>[] = [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }, { 'accept-encoding': '*;q=0' }];
    for (const headers of refusals) {
      for (const { path, file } of files()) {
        const response = await raw(t.server.origin, path, headers);
        assert.equal(response.status, 200, path);
        assert.equal(response.headers['content-encoding'], undefined, `${path} with ${JSON.stringify(headers)}`);
        assert.ok(varies(response), `${path}: Vary names Accept-Encoding on the identity answer too`);
        assert.ok(response.body.equals(readFileSync(file)), path);
      }
    }
  });

  it('follows the weights of Accept-Encoding', async () => {
    const path = '/elements/weerbaar.js';
    for (const [acceptEncoding, coding] of [
      ['gzip;q=1, br;q=0.5', 'gzip'],
      ['br;q=0, *', 'gzip'],
      ['*', 'br'],
      ['deflate', undefined],
    ] as const) {
      const response = await raw(t.server.origin, path, { 'accept-encoding': acceptEncoding });
      assert.equal(response.headers['content-encoding'], coding, acceptEncoding);
      assert.ok(decoded(response).equals(readFileSync(join(elementsDir, 'weerbaar.js'))), acceptEncoding);
    }
  });

  it('sends what the build compressed, not a compression of its own', async () => {
    for (const [acceptEncoding, suffix] of [['br', '.br'], ['gzip', '.gz']] as const) {
      const response = await raw(t.server.origin, '/elements/weerbaar.js', { 'accept-encoding': acceptEncoding });
      assert.ok(response.body.equals(readFileSync(join(elementsDir, `weerbaar.js${suffix}`))), acceptEncoding);
    }
  });

  it('never sends a compressed copy that no longer decodes to its file: it compresses the file itself', async () => {
    await writeFile(join(elementsDir, 'report-button.js.br'), brotliCompressSync(Buffer.from('export const stale = true;\n')));
    const response = await raw(t.server.origin, '/elements/report-button.js', { 'accept-encoding': 'br' });
    assert.equal(response.headers['content-encoding'], 'br');
    assert.ok(brotliDecompressSync(response.body).equals(readFileSync(join(elementsDir, 'report-button.js'))));
  });

  it('sends a file changed on disk as it is now, under new ETags', async () => {
    const file = join(elementsDir, 'changing.js');
    await writeFile(file, `export const version = 'one';\n${'// padding that compresses well\n'.repeat(20)}`);
    const first = await raw(t.server.origin, '/elements/changing.js', { 'accept-encoding': 'br' });
    await writeFile(file, `export const version = 'second';\n${'// other padding, compressing as well\n'.repeat(30)}`);
    const second = await raw(t.server.origin, '/elements/changing.js', { 'accept-encoding': 'br' });
    assert.ok(decoded(second).equals(readFileSync(file)));
    assert.notEqual(second.headers.etag, first.headers.etag);
    const revalidated = await raw(t.server.origin, '/elements/changing.js', { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) });
    assert.equal(revalidated.status, 200, 'the old ETag no longer matches');
  });

  it('keeps the SRI hashes of the manifest true in every coding', async () => {
    const manifest = JSON.parse(readFileSync(join(elementsDir, 'manifest.json'), 'utf8')) as { files: Record<string, { integrity: string }> };
    for (const name of ['weerbaar.js', hashedChunk]) {
      for (const acceptEncoding of ['br', 'gzip', '']) {
        const response = await raw(t.server.origin, `/elements/${name}`, acceptEncoding ? { 'accept-encoding': acceptEncoding } : {});
        assert.equal(`sha384-${createHash('sha384').update(decoded(response)).digest('base64')}`, manifest.files[name]!.integrity, `${name} ${acceptEncoding}`);
      }
    }
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    for (const { path } of files()) {
      for (const acceptEncoding of ['br', 'gzip', '']) {
        const headers: Record<string, string> = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
        const get = await raw(t.server.origin, path, headers);
        const head = await raw(t.server.origin, path, headers, 'HEAD');
        assert.equal(head.status, 200, path);
        assert.equal(head.body.length, 0, path);
        for (const header of ['content-encoding', 'etag', 'vary', 'content-type', 'cache-control']) {
          assert.equal(head.headers[header], get.headers[header], `${path} ${acceptEncoding}: ${header}`);
        }
        assert.equal(Number(head.headers['content-length']), get.body.length, `${path} ${acceptEncoding}: Content-Length of the coding sent`);
      }
    }
  });

  it('answers 304 to the ETag of the coding asked for, and 200 to another coding\'s ETag', async () => {
    for (const { path } of files()) {
      const codings = ['br', 'gzip', ''];
      const etags = new Map<string, string>();
      for (const acceptEncoding of codings) {
        const headers: Record<string, string> = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
        etags.set(acceptEncoding, String((await raw(t.server.origin, path, headers)).headers.etag));
      }
      for (const asked of codings) {
        for (const held of codings) {
          const headers: Record<string, string> = { 'if-none-match': etags.get(held)!, ...(asked ? { 'accept-encoding': asked } : {}) };
          const response = await raw(t.server.origin, path, headers);
          if (asked === held) {
            assert.equal(response.status, 304, `${path}: ${asked || 'identity'} revalidated`);
            assert.equal(response.body.length, 0);
            assert.equal(response.headers.etag, etags.get(asked));
            assert.ok(varies(response), `${path}: Vary on the 304`);
          } else {
            assert.equal(response.status, 200, `${path}: ${asked || 'identity'} asked, ${held || 'identity'} held`);
            assert.equal(response.headers.etag, etags.get(asked));
          }
        }
      }
    }
  });

  it('lets only content-hashed chunks be cached for good; the entry files, maps and pages revalidate', async () => {
    const chunk = await raw(t.server.origin, `/elements/${hashedChunk}`, { 'accept-encoding': 'br' });
    assert.equal(chunk.headers['cache-control'], 'public, max-age=31536000, immutable');
    for (const path of ['/elements/weerbaar.js', '/elements/report-button.js', '/elements/manifest.json', `/elements/${hashedChunk}.map`, '/', '/styles/site.css', '/hosted/report-page.css']) {
      const response = await raw(t.server.origin, path, { 'accept-encoding': 'br' });
      assert.equal(response.status, 200, path);
      assert.doesNotMatch(String(response.headers['cache-control']), /immutable|max-age=[1-9]/, path);
    }
  });

  it('compresses the hosted pages filled in at start', async () => {
    for (const path of ['/melden', '/en/report', '/privacy.html', '/en/privacy.html']) {
      const identity = await raw(t.server.origin, path);
      assert.equal(identity.status, 200, path);
      for (const { acceptEncoding, coding } of CODINGS) {
        const response = await raw(t.server.origin, path, { 'accept-encoding': acceptEncoding });
        assert.equal(response.headers['content-encoding'], coding, path);
        assert.ok(decoded(response).equals(identity.body), path);
      }
    }
  });
});

describe('public API content, compressed once', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ handlerToken: false });
  });
  after(async () => {
    await t?.server.stop();
  });

  const lasting = ['/v1/norms', '/v1/report-form', '/v1/signal-checklist', '/v1/support-contacts', '/v1/discovery', '/v1/openapi.json', '/v1/openapi.yaml'];

  it('sends every whole document in the coding asked for, decoding to the identity bytes, each coding with its own ETag', async () => {
    for (const path of lasting) {
      const identity = await raw(t.server.origin, path);
      assert.equal(identity.status, 200, path);
      assert.equal(identity.headers['content-encoding'], undefined, `${path}: identity without Accept-Encoding`);
      const identityEtag = String(identity.headers.etag);
      for (const { acceptEncoding, coding } of CODINGS) {
        const response = await raw(t.server.origin, path, { 'Accept-Encoding': acceptEncoding });
        assert.equal(response.status, 200, path);
        assert.equal(response.headers['content-encoding'], coding, `${path} asked ${acceptEncoding}`);
        assert.ok(response.body.length < identity.body.length, `${path}: ${coding} is smaller`);
        assert.ok(decoded(response).equals(identity.body), `${path}: ${coding} decodes to the identity bytes`);
        assert.equal(response.headers.etag, `${identityEtag.slice(0, -1)}-${coding}"`, `${path}: the ETag names the coding`);
        assert.ok(varies(response), `${path}: Vary names Accept-Encoding`);
        assert.equal(response.headers['content-type'], identity.headers['content-type'], path);
        const revalidated = await raw(t.server.origin, path, { 'Accept-Encoding': acceptEncoding, 'If-None-Match': String(response.headers.etag) });
        assert.equal(revalidated.status, 304, `${path}: 304 for the coding's own ETag`);
        const otherCoding = await raw(t.server.origin, path, { 'Accept-Encoding': acceptEncoding, 'If-None-Match': identityEtag });
        assert.equal(otherCoding.status, 200, `${path}: another coding's ETag does not validate this one`);
      }
    }
  });

  it('keeps the language headers on compressed content', async () => {
    const response = await raw(t.server.origin, '/v1/norms', { 'Accept-Encoding': 'br', 'Accept-Language': 'en' });
    assert.equal(response.headers['content-language'], 'en');
    assert.match(String(response.headers.vary), /Accept-Language/);
    assert.match(String(response.headers.vary), /Accept-Encoding/);
    assert.equal(JSON.parse(decoded(response).toString('utf8')).locale, 'en');
  });

  it('sends a filtered selection as it is: made for one request, it is not worth compressing', async () => {
    const response = await raw(t.server.origin, '/v1/support-contacts?role=council-member', { 'Accept-Encoding': 'br, gzip' });
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-encoding'], undefined);
    assert.ok(Array.isArray(JSON.parse(response.body.toString('utf8')).items));
  });
});
