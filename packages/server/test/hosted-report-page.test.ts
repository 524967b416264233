import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright';
import { elementsDir, itIsNeitherServedNorAdvertised } from './helpers/hosted-pages.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const EXPECTED_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'";
const PAGES = [
  { path: '/melden', lang: 'nl', title: 'Een misstand melden — Gemeente &lt;Voorbeeld&gt; &amp; Co', chooseReport: 'Melden bij de organisatie' },
  { path: '/en/report', lang: 'en', title: 'Report misconduct — Gemeente &lt;Voorbeeld&gt; &amp; Co', chooseReport: 'Report to the organisation' },
] as const;

async function discoveredPage(t: TestServer): Promise<unknown> {
  const discovery = await t.api.call('getDiscovery');
  assert.equal(discovery.status, 200);
  return discovery.body.capabilities.hostedReportPage;
}

describe('the hosted report page, with the elements bundle present', () => {
  let t: TestServer;

  before(async () => {
    assert.ok(existsSync(join(elementsDir, 'report-button.js')), 'build the elements first (npm run build -w @weerbaar/elements)');
    t = await startTestServer({
      handlerToken: false,
      env: { WEERBAAR_ELEMENTS_DIR: elementsDir, WEERBAAR_PUBLIC_URL: 'https://meld.voorbeeldstad.nl', WEERBAAR_ORGANISATION_NAME: 'Gemeente <Voorbeeld> & Co' },
    });
  });
  after(() => t.server.stop());

  it('is advertised in discovery at the public URL plus /melden', async () => {
    assert.deepEqual(await discoveredPage(t), { url: 'https://meld.voorbeeldstad.nl/melden' });
  });

  it('answers in Dutch and English with the strict CSP, no referrer, no caching and no cookies', async () => {
    for (const page of PAGES) {
      const response = await fetch(`${t.server.origin}${page.path}`);
      assert.equal(response.status, 200, page.path);
      assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(response.headers.get('content-security-policy'), EXPECTED_CSP);
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.equal(response.headers.get('content-language'), page.lang);
      assert.equal(response.headers.get('set-cookie'), null);
      const body = await response.text();
      assert.match(body, new RegExp(`<html lang="${page.lang}">`));
      assert.ok(body.includes(`<title>${page.title}</title>`), `${page.path}: the organisation, escaped, in the title`);
    }
  });

  it('names contact details without JavaScript: the support directory\'s phone numbers and websites', async () => {
    for (const page of PAGES) {
      const body = await (await fetch(`${t.server.origin}${page.path}`)).text();
      const noScript = body.slice(body.indexOf(page.lang === 'nl' ? 'id="zonder-javascript"' : 'id="without-javascript"'));
      for (const phone of ['0703738314', '08007000', '0881331000', '09008844']) assert.ok(noScript.includes(`href="tel:${phone}"`), `${page.path}: no ${phone}`);
      assert.ok(noScript.includes('href="https://www.raadsleden.nl/"'), `${page.path}: no website`);
    }
  });

  it('has no inline script, style or handler, and loads the report button from /elements/', async () => {
    for (const page of PAGES) {
      const body = await (await fetch(`${t.server.origin}${page.path}`)).text();
      const scripts = [...body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      assert.deepEqual(scripts.map(([, attributes]) => attributes!.trim()), ['type="module" src="/elements/report-button.js"'], page.path);
      assert.ok(scripts.every(([, , content]) => content === ''), `${page.path}: a script with a src and a body`);
      assert.doesNotMatch(body, /<style|\sstyle=|\son[a-z]+=/i, `${page.path}: inline style or handler`);
      assert.match(body, /<weerbaar-report-button api="\/v1" isolation="inline"><a href="#[a-z-]+">[^<]+<\/a><\/weerbaar-report-button>/);
      assert.match(body, /<a href="tel:112">112<\/a>/);
      const stylesheets = [...body.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map(([, href]) => href!);
      for (const href of stylesheets) {
        const css = await fetch(`${t.server.origin}${href}`);
        assert.equal(css.status, 200, href);
        assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
      }
      assert.equal(stylesheets.length, 1);
    }
  });

  it('runs in Chromium: the button is defined, nothing breaks the CSP and nothing is fetched from elsewhere', async () => {
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium' });
      const page = await browser.newPage();
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      // Browser-side code as strings: this package's type-check knows Node, not the DOM.
      await page.addInitScript({
        content: "window.cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));",
      });
      for (const { path, chooseReport } of PAGES) {
        await page.goto(`${t.server.origin}${path}`);
        await page.waitForFunction("customElements.get('weerbaar-report-button') !== undefined");
        await page.locator('weerbaar-report-button').getByRole('button').click();
        // Choosing to report loads the form from the page's own backend at the relative `/v1`.
        const reportForm = page.waitForResponse((response) => new URL(response.url()).pathname === '/v1/report-form');
        await page.getByRole('dialog').getByRole('button', { name: chooseReport }).click();
        assert.equal((await reportForm).status(), 200, path);
        assert.deepEqual(await page.evaluate('window.cspViolations'), [], path);
      }
      const elsewhere = requested.filter((url) => new URL(url).origin !== t.server.origin);
      assert.deepEqual(elsewhere, []);
    } finally {
      await browser?.close();
    }
  });
});

describe('the hosted report page, when it cannot or may not be served', () => {
  itIsNeitherServedNorAdvertised(PAGES.map(({ path }) => path), discoveredPage, ['when switched off', { WEERBAAR_SERVE_HOSTED_REPORT_PAGE: 'false' }]);

  it('advertises an explicitly configured page instead of its own', async () => {
    const t = await startTestServer({
      handlerToken: false,
      env: { WEERBAAR_ELEMENTS_DIR: elementsDir, WEERBAAR_HOSTED_REPORT_PAGE_URL: 'https://meldpunt.voorbeeldstad.nl/melden' },
    });
    try {
      assert.deepEqual(await discoveredPage(t), { url: 'https://meldpunt.voorbeeldstad.nl/melden' });
      assert.equal((await fetch(`${t.server.origin}/melden`)).status, 200);
    } finally {
      await t.server.stop();
    }
  });
});

describe('the default privacy statement', () => {
  it('answers at the discovery link without a site of its own, in Dutch and English, with the organisation named', async () => {
    const t = await startTestServer({ handlerToken: false, env: { WEERBAAR_ORGANISATION_NAME: 'Gemeente <Voorbeeld> & Co' } });
    try {
      const discovery = await t.api.call('getDiscovery');
      const advertised = new URL(discovery.body.links.privacyStatement).pathname;
      for (const [path, lang] of [[advertised, 'nl'], ['/en/privacy.html', 'en']] as const) {
        const response = await fetch(`${t.server.origin}${path}`);
        assert.equal(response.status, 200, path);
        assert.equal(response.headers.get('content-security-policy'), EXPECTED_CSP);
        const body = await response.text();
        assert.match(body, new RegExp(`<html lang="${lang}">`));
        assert.match(body, /Gemeente &lt;Voorbeeld&gt; &amp; Co/);
        assert.doesNotMatch(body, /<script|<style|\sstyle=/);
      }
      assert.equal((await fetch(`${t.server.origin}/hosted/report-page.css`)).status, 200);
    } finally {
      await t.server.stop();
    }
  });
});
