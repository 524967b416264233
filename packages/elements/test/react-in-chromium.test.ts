// The React wrappers (`@weerbaar/elements/react` and the console's `/react/inbox`, from dist/) in a React 19 page, rendered with
// react-dom/client in real Chromium: props reach the elements as properties, the elements'
// events reach the `on…` props, and a rendered wrapper has no axe violations.
//
// A node test, not a *.browser.test.ts: React ships CommonJS only, which the browser test runner
// serves unbundled; Vite (already used for Storybook) bundles the page in test/react-page/ first.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright';
import { build } from 'vite';
import { packageDir } from './built-files.js';
import type { scenarios } from './react-page/app.js';
import { originOf, serveStatic } from './static-server.js';

type Scenarios = typeof scenarios;

describe('the React wrappers in a React 19 page (Chromium)', () => {
  let outputDir: string;
  let server: Server;
  let browser: Browser;

  before(async () => {
    outputDir = await mkdtemp(join(tmpdir(), 'weerbaar-react-'));
    await build({
      configFile: false,
      root: join(packageDir, 'test', 'react-page'),
      logLevel: 'error',
      build: { outDir: outputDir, emptyOutDir: true, minify: false },
    });
    server = await serveStatic(outputDir);
    browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium' });
  });

  after(async () => {
    await browser?.close();
    server?.close();
    await rm(outputDir, { recursive: true, force: true });
  });

  /** Opens the page in a fresh context (fresh storage) and runs one scenario in it. */
  async function inPage<K extends keyof Scenarios>(scenario: K, then?: (page: Page) => Promise<void>): Promise<Awaited<ReturnType<Scenarios[K]>>> {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await page.goto(`${originOf(server)}/index.html`);
      await page.waitForFunction(() => 'weerbaarReact' in window);
      const result = await page.evaluate<unknown, K>((name) => window.weerbaarReact[name](), scenario);
      await then?.(page);
      assert.deepEqual(pageErrors, []);
      return result as Awaited<ReturnType<Scenarios[K]>>;
    } finally {
      await page.close();
    }
  }

  describe('<NormBanner>', () => {
    it('passes content, normId and dismissible as properties, and hands the dismissal to onWeerbaarNormDismiss', async () => {
      const { received, event } = await inPage('normBanner');
      assert.deepEqual(received, { normId: 'melden-helpt', content: true, heading: 'Intimidation is not normal' });
      assert.deepEqual(event, { id: 'melden-helpt', version: 2 });
    });

    it('renders without axe violations (shadow DOM included)', async () => {
      const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
      let violations: string[] = [];
      await inPage('normBannerShown', async (page) => {
        await page.addScriptTag({ path: axeSource });
        violations = await page.evaluate(async () => {
          const { violations } = await (window as unknown as { axe: { run: (context: Element) => Promise<{ violations: { id: string }[] }> } }).axe.run(
            document.querySelector('weerbaar-norm-banner')!,
          );
          return violations.map((violation) => violation.id);
        });
      });
      assert.deepEqual(violations, []);
    });
  });

  describe('<SignalChecklist>', () => {
    it('passes reportHref as a property and hands the report request to onWeerbaarReportRequest, which can cancel it', async () => {
      const { received, event } = await inPage('signalChecklist');
      // A property, not an attribute: @lit/react sets what the element class declares.
      assert.deepEqual(received, { reportHref: 'https://meld.voorbeeldstad.example/melden', reportHrefAttribute: null });
      // Only ids, and only with consent (not given here).
      assert.deepEqual(event, { signals: [], cancelled: true });
    });
  });

  describe('<SupportDirectory>', () => {
    it('passes content and reporterRole as properties: the role filter starts at the given role', async () => {
      const { received } = await inPage('supportDirectory');
      assert.deepEqual(received, { reporterRole: 'administrator', roleFilter: 'administrator' });
    });
  });

  describe('<ReportButton>', () => {
    it('passes mode as a property and hands the opened dialog to onWeerbaarReportDialogOpen', async () => {
      const { received, event } = await inPage('reportButton');
      assert.deepEqual(received, { mode: 'follow-up', label: 'Follow your report' });
      assert.deepEqual(event, { mode: 'follow-up' });
    });
  });

  describe('the console (`@weerbaar/elements/react/inbox`)', () => {
    it('<CaseInbox> passes headingLevel and strings as properties: its heading shows them', async () => {
      const { received, shown } = await inPage('caseInbox');
      assert.deepEqual(received, { headingLevel: 2, strings: true, stringsAttribute: null });
      assert.deepEqual(shown, { level: '2', text: 'Handle reports here' });
    });

    it('<CaseView> passes caseId and headingLevel as properties and hands "back" to onWeerbaarCaseViewClose', async () => {
      const { received, event } = await inPage('caseView');
      assert.deepEqual(received, { caseId: 'case-1', headingLevel: 3, heading: '3' });
      assert.deepEqual(event, {});
    });
  });
});
