import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright';
import { HOSTED_PAGE_CSP } from '../src/routes/hosted-report-page.js';
import { inviteWithCli, localOrigin, writeDatabase } from './helpers/people.js';
import { elementsDir, itIsNeitherServedNorAdvertised } from './helpers/hosted-pages.js';
import { startTestServer, submitReport, type TestServer } from './helpers/server.js';

const PAGES = [
  { path: '/behandelen', lang: 'nl', title: 'Meldingen behandelen — Gemeente &lt;Voorbeeld&gt; &amp; Co' },
  { path: '/en/handle', lang: 'en', title: 'Handle reports — Gemeente &lt;Voorbeeld&gt; &amp; Co' },
] as const;

async function advertisedConsole(t: TestServer): Promise<unknown> {
  const discovery = await t.api.call('getDiscovery');
  assert.equal(discovery.status, 200);
  return discovery.body.capabilities.caseManagement?.console;
}

describe('the hosted console, with the elements bundle present', () => {
  let t: TestServer;

  before(async () => {
    assert.ok(existsSync(join(elementsDir, 'inbox.js')), 'build the elements first (npm run build -w @weerbaar/elements)');
    t = await startTestServer({
      handlerToken: false,
      env: { WEERBAAR_ELEMENTS_DIR: elementsDir, WEERBAAR_PUBLIC_URL: 'https://meld.voorbeeldstad.nl', WEERBAAR_ORGANISATION_NAME: 'Gemeente <Voorbeeld> & Co' },
    });
  });
  after(() => t.server.stop());

  it('is advertised in discovery at the public URL plus /behandelen', async () => {
    assert.deepEqual(await advertisedConsole(t), { url: 'https://meld.voorbeeldstad.nl/behandelen' });
  });

  it('answers in Dutch and English with the report page\'s strict CSP, no referrer, no caching and no cookies', async () => {
    for (const page of PAGES) {
      const response = await fetch(`${t.server.origin}${page.path}`);
      assert.equal(response.status, 200, page.path);
      assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(response.headers.get('content-security-policy'), HOSTED_PAGE_CSP);
      assert.match(HOSTED_PAGE_CSP, /require-trusted-types-for 'script'/);
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.equal(response.headers.get('content-language'), page.lang);
      assert.equal(response.headers.get('set-cookie'), null);
      const body = await response.text();
      assert.match(body, new RegExp(`<html lang="${page.lang}">`));
      assert.ok(body.includes(`<title>${page.title}</title>`), `${page.path}: the organisation, escaped, in the title`);
    }
  });

  it('has no inline script, style or handler, and loads the console from /elements/', async () => {
    for (const page of PAGES) {
      const body = await (await fetch(`${t.server.origin}${page.path}`)).text();
      const scripts = [...body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      assert.deepEqual(scripts.map(([, attributes]) => attributes!.trim()), ['type="module" src="/elements/inbox.js"'], page.path);
      assert.ok(scripts.every(([, , content]) => content === ''), `${page.path}: a script with a src and a body`);
      assert.doesNotMatch(body, /<style|\sstyle=|\son[a-z]+=/i, `${page.path}: inline style or handler`);
      // The English page asks the OpenID provider to send people back to it (the Dutch one is the default).
      const redirect = page.lang === 'en' ? ' oidc-redirect-uri="/en/handle"' : '';
      assert.ok(body.includes(`<weerbaar-case-inbox api="/v1"${redirect}>`), `${page.path}: the console element`);
      assert.equal((await fetch(`${t.server.origin}/elements/inbox.js`)).status, 200);
    }
  });
});

describe('the hosted console, when it cannot be served', () => {
  itIsNeitherServedNorAdvertised(
    PAGES.map(({ path }) => path),
    advertisedConsole,
    ['without any way to sign in (no passkeys, no OpenID provider)', { WEERBAAR_PASSKEYS: 'false' }],
  );

  it('advertises an explicitly configured console instead of its own', async () => {
    const t = await startTestServer({ handlerToken: false, env: { WEERBAAR_ELEMENTS_DIR: elementsDir, WEERBAAR_CONSOLE_URL: 'https://intranet.voorbeeldstad.nl/meldingen' } });
    try {
      assert.deepEqual(await advertisedConsole(t), { url: 'https://intranet.voorbeeldstad.nl/meldingen' });
      assert.equal((await fetch(`${t.server.origin}/behandelen`)).status, 200);
    } finally {
      await t.server.stop();
    }
  });
});

describe('the hosted console in Chromium, as a new person would use it', () => {
  let t: TestServer;
  let browser: Browser;

  before(async () => {
    t = await startTestServer({ env: { WEERBAAR_ELEMENTS_DIR: elementsDir } });
    browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium' });
  });
  after(async () => {
    await browser?.close();
    await t.server.stop();
  });

  /** A report of a civil servant (the integrity officers' group) whose acknowledgement falls due at `dueAt`. */
  async function reportDueAt(dueAt: Date): Promise<string> {
    await submitReport(t.api);
    const listed = await t.api.call('listCases', { token: t.server.handlerToken!, query: { pageSize: '1' } });
    const reference = listed.body.items[0].reference as string;
    await writeDatabase(t.server, `UPDATE cases SET acknowledge_due_at = '${dueAt.toISOString()}' WHERE reference = '${reference}'`);
    return reference;
  }

  for (const { path, lang } of PAGES) {
    it(`enrols from the invitation address, signs in and shows the overdue case first, then "1 day left" (${lang})`, async () => {
      const day = 86_400_000;
      const overdue = await reportDueAt(new Date(Date.now() - day));
      const oneDayLeft = await reportDueAt(new Date(Date.now() + day));
      const invitation = await inviteWithCli(t.server, `Nieuwe behandelaar ${lang}`, ['handler']);
      const address = lang === 'nl' ? invitation.url : invitation.url.replace('/behandelen#', `${path}#`);

      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        const requested: string[] = [];
        page.on('request', (request) => requested.push(request.url()));
        // Browser-side code as strings: this package's type-check knows Node, not the DOM.
        await page.addInitScript({
          content: "window.cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));",
        });
        const cdp = await context.newCDPSession(page);
        await cdp.send('WebAuthn.enable');
        await cdp.send('WebAuthn.addVirtualAuthenticator', {
          options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
        });
        await page.goto(address);
        const inbox = page.locator('weerbaar-case-inbox');
        await inbox.getByRole('button', { name: lang === 'nl' ? 'Passkey maken' : 'Create passkey' }).click();
        await inbox.getByText(lang === 'nl' ? `Ingelogd als Nieuwe behandelaar ${lang}` : `Signed in as Nieuwe behandelaar ${lang}`).waitFor();
        assert.equal(new URL(page.url()).hash, '', 'the invitation code left the address bar');
        assert.ok(!page.url().includes(invitation.code));

        const cases = inbox.locator('[part="case"]');
        await cases.first().waitFor();
        const texts = (await cases.allTextContents()).map((text) => text.replace(/\s+/g, ' '));
        const position = (reference: string) => texts.findIndex((text) => text.includes(reference));
        assert.ok(position(overdue) >= 0 && position(oneDayLeft) > position(overdue), `overdue first: ${texts.join(' | ')}`);
        assert.match(texts[position(overdue)]!, lang === 'nl' ? /Ontvangst bevestigen: te laat/ : /Acknowledge receipt: overdue/);
        assert.match(texts[position(oneDayLeft)]!, lang === 'nl' ? /Ontvangst bevestigen: nog 1 dag/ : /Acknowledge receipt: 1 day left/);

        assert.deepEqual(await page.evaluate('window.cspViolations'), [], 'no CSP or Trusted Types violation');
        assert.deepEqual(await page.evaluate('[localStorage.length, sessionStorage.length, document.cookie]'), [0, 0, '']);
        assert.deepEqual(requested.filter((url) => new URL(url).origin !== localOrigin(t.server)), [], 'nothing requested elsewhere');
      } finally {
        await context.close();
      }
    });
  }
});
