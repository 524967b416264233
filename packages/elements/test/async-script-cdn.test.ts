// The CDN bundle loaded with `<script type="module" async>`, as the README recommends (issue 19: the
// module's evaluation then is a task of its own, not part of the parser's last task, where the browser
// lays the page out). An async script may run while the page is still being parsed, before the
// elements' tags are: the elements near the top must still be defined as soon as the page is parsed,
// not only once everything has loaded and the browser is idle.
//
// A node test in real Chromium against the built files (dist/cdn): the page is sent in two parts, the
// second only once the bundle has started to run (the page tells the server), so the script runs while
// the document is loading; an image at the end of the page takes 5 s, so "after load" comes late
// enough to tell the two apart.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright';
import { cdnDir } from './built-files.js';
import { sampleNorms } from './sample-content.js';
import { originOf } from './static-server.js';

const HEAD = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Weerbaar</title><script type="module" async src="/cdn/weerbaar.js"></script></head>
<body><main>`;
const BODY = `<weerbaar-norm-banner><script type="application/json">${JSON.stringify(sampleNorms.nl).replaceAll('</', '<\\/')}</script></weerbaar-norm-banner>
<p>Einde van de pagina.</p><img src="/slow.svg" alt="">
</main></body></html>`;
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>';

describe('the CDN bundle in an async module script', () => {
  let server: Server;
  let browser: Browser;

  before(async () => {
    let sendBody = () => {};
    server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path === '/') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.write(HEAD);
        // The rest once the bundle runs (or after 10 s, so that a failing test ends).
        const timer = setTimeout(() => sendBody(), 10_000);
        sendBody = () => {
          clearTimeout(timer);
          if (!response.writableEnded) response.end(BODY);
        };
      } else if (path === '/ran') {
        sendBody();
        response.writeHead(204).end();
      } else if (path === '/slow.svg') {
        setTimeout(() => response.writeHead(200, { 'content-type': 'image/svg+xml' }).end(SVG), 5000);
      } else if (path.startsWith('/cdn/') && !path.includes('..')) {
        readFile(join(cdnDir, path.slice('/cdn/'.length))).then(
          (body) => response.writeHead(200, { 'content-type': 'text/javascript' }).end(body),
          () => response.writeHead(404).end(),
        );
      } else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium' });
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  it('runs while the page is parsed, and defines the element at the top once it is parsed, before the page has loaded', async () => {
    const page = await browser.newPage();
    try {
      // Recorded in the page before its own scripts: the document's state when the bundle ran (it makes
      // its IntersectionObserver as it runs; then the server sends the rest), and when the banner was defined.
      await page.addInitScript(() => {
        const seen: Record<string, string> = {};
        (window as unknown as { seen: Record<string, string> }).seen = seen;
        const Observer = window.IntersectionObserver;
        window.IntersectionObserver = class extends Observer {
          constructor(...args: ConstructorParameters<typeof IntersectionObserver>) {
            super(...args);
            if (seen.scriptRan) return;
            seen.scriptRan = document.readyState;
            void fetch('/ran');
          }
        };
        void customElements.whenDefined('weerbaar-norm-banner').then(() => (seen.defined = document.readyState));
      });
      await page.goto(originOf(server), { waitUntil: 'commit' });
      await page.waitForFunction(() => (window as unknown as { seen: { defined?: string } }).seen.defined, null, { timeout: 10_000 });
      const seen = await page.evaluate(() => (window as unknown as { seen: Record<string, string> }).seen);
      assert.equal(seen.scriptRan, 'loading', 'the bundle ran while the page was still being parsed');
      assert.equal(seen.defined, 'interactive', 'the banner was defined after the page was parsed and before it had loaded');
      const banner = page.locator('weerbaar-norm-banner');
      await page.waitForFunction(() => document.querySelector('weerbaar-norm-banner')?.shadowRoot?.textContent?.includes(' '));
      assert.match((await banner.evaluate((element) => element.shadowRoot!.textContent)) ?? '', /\S/);
    } finally {
      await page.close();
    }
  });
});
