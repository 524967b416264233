// Hostile attachments (issue 9, "Hostile input"): oversize files with or without a declared length,
// types that are not allowed, content that lies about its type, compressed bodies and archive
// bombs, several files at once — all refused with a problem and nothing stored. And whatever was
// accepted (polyglots that are valid PNG, PDF or text and also HTML, SVG or script) is only ever
// served back as a download a browser will not run.
//
// Already in follow-up.test.ts, not repeated: a PNG declared as PDF (422), text/html (415), a file
// over the limit sent by fetch (413), binary as text/plain, attachments.maxCount per case (422),
// malformed multipart bodies (400), the download's headers for an honest PDF.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { spec } from './helpers/contract-client.js';
import { assertSameDatabase, snapshotDatabase } from './helpers/database-snapshot.js';
import { ACTIVE_CONTENT, BOUNDARY, multipartBody, PNG, type Part } from './helpers/fuzz-arbitraries.js';
import { closeHostileConnections, sendHostile, type HostileAnswer } from './helpers/hostile-http.js';
import { newestCaseId, openSession, startTestServer, submitReport, type TestServer } from './helpers/server.js';

const MAX_BYTES = 4096;
const PDF_HEAD = Buffer.from('%PDF-1.4\n');
const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
/** The start of a ZIP archive (local file header): what a zip bomb looks like to a sniffer. */
const ZIP = Buffer.concat([Buffer.from('504b0304140000000800', 'hex'), gzipSync(Buffer.alloc(1024 * 1024))]);
const EXECUTABLE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

const file = (data: Buffer, type: string, filename = 'bestand'): Part => ({ name: 'file', filename, type, data });

describe('hostile attachments', () => {
  let t: TestServer;
  let token: string;
  let caseId: string;

  function upload(parts: Part[], headers: [string, string][] = [], body = multipartBody(parts)): Promise<HostileAnswer> {
    return sendHostile(t.server.origin, {
      method: 'POST',
      path: '/v1/follow-up/attachments',
      headers: [['Authorization', `Bearer ${token}`], ['Content-Type', `multipart/form-data; boundary=${BOUNDARY}`], ...headers],
      body,
    });
  }

  async function attachmentFiles(): Promise<string[]> {
    const dir = join(t.server.dataDir, 'attachments');
    return existsSync(dir) ? (await readdir(dir)).sort() : [];
  }

  before(async () => {
    t = await startTestServer({
      env: {
        WEERBAAR_ATTACHMENT_MAX_BYTES: String(MAX_BYTES),
        WEERBAAR_ATTACHMENT_MAX_COUNT: '10',
        // An archive type is allowed here, to show that an archive is still never accepted unchecked.
        WEERBAAR_ATTACHMENT_MEDIA_TYPES: 'application/pdf,image/jpeg,image/png,text/plain,application/zip',
      },
    });
    token = await openSession(t.api, await submitReport(t.api));
    caseId = await newestCaseId(t.api, t.server.handlerToken!);
  });
  after(async () => {
    closeHostileConnections();
    await t.server.stop();
  });

  it('refuses every hostile upload with a problem and stores nothing, not even a partial file', async () => {
    const refusals: [string, () => Promise<HostileAnswer>, number][] = [
      ['a 1 MiB file with a declared length', () => upload([file(Buffer.alloc(1024 * 1024, 'a'), 'text/plain')]), 413],
      ['a file over the limit, chunked, with no length declared', () => upload([file(Buffer.alloc(MAX_BYTES * 4, 'a'), 'text/plain')], [['Transfer-Encoding', 'chunked']]), 413],
      ...(['image/svg+xml', 'application/javascript', 'text/javascript', 'application/xhtml+xml', 'application/x-msdownload', 'application/octet-stream', 'image/gif'] as const).map(
        (type): [string, () => Promise<HostileAnswer>, number] => [`a file of type ${type}`, () => upload([file(ACTIVE_CONTENT.svg!, type)]), 415],
      ),
      ...Object.entries(ACTIVE_CONTENT).flatMap(([name, bytes]) =>
        (['image/png', 'application/pdf', 'image/jpeg'] as const).map((type): [string, () => Promise<HostileAnswer>, number] => [`${name} declared as ${type}`, () => upload([file(bytes, type, `x.${type.split('/')[1]}`)]), 422]),
      ),
      ['a Windows executable declared as PDF', () => upload([file(EXECUTABLE, 'application/pdf', 'factuur.pdf')]), 422],
      ['an archive declared as PDF', () => upload([file(ZIP, 'application/pdf')]), 422],
      ['an archive as an allowed archive type the server cannot check', () => upload([file(ZIP, 'application/zip', 'bom.zip')]), 422],
      ['a gzip bomb (1 MiB of zeros in 1 kB) declared as text', () => upload([file(gzipSync(Buffer.alloc(1024 * 1024)), 'text/plain')]), 422],
      ['the multipart body gzip-compressed (a decompression bomb)', () => upload([], [['Content-Encoding', 'gzip']], gzipSync(multipartBody([file(Buffer.alloc(32 * 1024 * 1024, 'a'), 'text/plain')]))), 415],
      ['the multipart body deflate-compressed', () => upload([], [['Content-Encoding', 'deflate']], gzipSync(multipartBody([file(PNG, 'image/png')]))), 415],
      ['two files in one request', () => upload([file(PNG, 'image/png', 'a.png'), file(PNG, 'image/png', 'b.png')]), 413],
      ['three files in one request', () => upload([file(PNG, 'image/png', 'a.png'), file(PNG, 'image/png', 'b.png'), file(PNG, 'image/png', 'c.png')]), 413],
    ];
    const database = await snapshotDatabase(t.server);
    const files = await attachmentFiles();
    for (const [label, send, status] of refusals) {
      const answer = await send();
      assert.equal(answer.status, status, `${label}: ${answer.bytes.toString('utf8').slice(0, 200)}`);
      assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/, label);
      assert.deepEqual(spec.response('addFollowUpAttachment', status, 'application/problem+json')(answer.body), [], label);
    }
    assertSameDatabase(await snapshotDatabase(t.server), database, 'after the refused uploads');
    assert.deepEqual(await attachmentFiles(), files, 'no file kept and no upload left behind');
  });

  it('serves polyglots it accepted (valid PNG, PDF, JPEG or text that are also HTML, SVG or script) only as inert downloads', async () => {
    const polyglots: [string, Part, RegExp][] = [
      ['PNG + HTML named .html', file(Buffer.concat([PNG, ACTIVE_CONTENT.html!]), 'image/png', 'foto.html'), /\.png$/],
      ['PDF + HTML named .pdf', file(Buffer.concat([PDF_HEAD, ACTIVE_CONTENT.html!]), 'application/pdf', 'verslag.pdf'), /^verslag\.pdf$/],
      ['JPEG + script named .js', file(Buffer.concat([JPEG_HEAD, ACTIVE_CONTENT.javascript!]), 'image/jpeg', 'foto.js'), /\.jpg$/],
      ['text that is SVG named .svg', file(ACTIVE_CONTENT.svg!, 'text/plain', 'plaatje.svg'), /\.txt$/],
      ['text that is HTML named .html', file(ACTIVE_CONTENT.html!, 'text/plain', 'index.html'), /\.txt$/],
      ['text that is XHTML named without an extension', file(ACTIVE_CONTENT.xhtml!, 'text/plain', 'bestand'), /^bestand\.txt$/],
    ];
    for (const [label, part, savedName] of polyglots) {
      const stored = await upload([part]);
      assert.equal(stored.status, 201, `${label}: ${stored.bytes.toString('utf8').slice(0, 200)}`);
      const download = await t.api.call('getCaseAttachment', { token: t.server.handlerToken!, path: { caseId, attachmentId: stored.body.id } });
      assert.equal(download.status, 200, label);
      assert.equal(download.headers.get('content-type'), 'application/octet-stream', `${label}: never its own type`);
      const disposition = download.headers.get('content-disposition') ?? '';
      assert.match(disposition, /^attachment;/, `${label}: never inline`);
      const name = /filename="([^"]*)"/.exec(disposition)![1]!;
      assert.match(name, savedName, `${label}: saved as ${name}, not as something a browser opens as a page`);
      assert.equal(download.headers.get('x-content-type-options'), 'nosniff', label);
      assert.match(download.headers.get('content-security-policy') ?? '', /(^|;\s*)sandbox(;|$)/, `${label}: sandboxed if opened anyway`);
      assert.deepEqual(download.bytes, part.data, `${label}: the bytes as uploaded`);
    }
  });

  it('serves uploaded bytes through one operation only, and only to handlers', () => {
    const serving = spec.operations().filter((operation) => {
      const responses = (spec.document.paths[operation.path] as Record<string, { responses: Record<string, unknown> }>)[operation.method]!.responses;
      return Object.values(responses).some((response) => 'application/octet-stream' in ((spec.resolve(response) as { content?: object }).content ?? {}));
    });
    assert.deepEqual(serving.map((operation) => [operation.operationId, operation.security]), [['getCaseAttachment', ['handlerToken', 'accessToken']]]);
  });
});
