// How the four public elements load their languages, in the CDN build as shipped (dist/cdn) and in
// real Chromium: the first load holds the Dutch tables only; a page in English loads the English
// tables of all four in ONE chunk through a dynamic import, and no element shows a Dutch text
// before it; a live change of `lang` goes both ways; an English table that cannot load (offline)
// leaves the elements in Dutch, working and accessible.
//
// A node test, not a *.browser.test.ts: the browser test runner serves the sources, one module per
// file; the question here is what the built files hold and which of them a page requests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright';
import normBannerEnglish from '../src/norm-banner/norm-banner.strings.en.js';
import { normBannerStrings } from '../src/norm-banner/norm-banner.strings.js';
import reportButtonEnglish from '../src/report-button/report-button.strings.en.js';
import { reportButtonStrings } from '../src/report-button/report-button.strings.js';
import signalChecklistEnglish from '../src/signal-checklist/signal-checklist.strings.en.js';
import { signalChecklistStrings } from '../src/signal-checklist/signal-checklist.strings.js';
import supportDirectoryEnglish from '../src/support-directory/support-directory.strings.en.js';
import { supportDirectoryStrings } from '../src/support-directory/support-directory.strings.js';
import { cdnDir, firstLoadFiles, readCdnManifest } from './built-files.js';
import { sampleChecklist, sampleNorms, sampleSupport } from './sample-content.js';
import { originOf, serveStatic } from './static-server.js';

const english = { 'norm-banner': normBannerEnglish, 'report-button': reportButtonEnglish, 'signal-checklist': signalChecklistEnglish, 'support-directory': supportDirectoryEnglish };
const dutch = [normBannerStrings.nl, reportButtonStrings.nl, signalChecklistStrings.nl, supportDirectoryStrings.nl];

/** Texts of one language's tables that the other language's tables never use (no placeholders: they are shown as written). */
const shows = (state: string, texts: string[]) => texts.some((text) => state.split('\n').includes(text));
function onlyIn(tables: Record<string, string>[], others: Record<string, string>[]): string[] {
  const elsewhere = new Set(others.flatMap((table) => Object.values(table)));
  return [...new Set(tables.flatMap((table) => Object.values(table)))].filter((text) => !text.includes('{') && !elsewhere.has(text));
}
const englishOnly = onlyIn(Object.values(english), dutch);
const dutchOnly = onlyIn(dutch, Object.values(english));

// A JSON child is data, not script; `</` must not close the element early.
const json = (value: unknown) => `<script type="application/json">${JSON.stringify(value).replaceAll('</', '<\\/')}</script>`;

function page(lang: 'nl' | 'en'): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Weerbaar</title><script type="module" src="/cdn/weerbaar.js"></script></head>
<body><main>
<weerbaar-norm-banner dismissible>${json(sampleNorms[lang])}</weerbaar-norm-banner>
<weerbaar-signal-checklist>${json(sampleChecklist[lang])}</weerbaar-signal-checklist>
<weerbaar-support-directory>${json(sampleSupport[lang])}</weerbaar-support-directory>
<weerbaar-report-button isolation="inline"></weerbaar-report-button>
</main></body></html>`;
}

// Run in the page before any of its scripts: records each shadow root's state after every change
// (its tag, then every text node and `aria-label`, one a line) in `window.seen`. A string: the page
// gets it as written, without the helpers a TypeScript compiler may add to functions.
const recordShadowStates = `
  const seen = (window.seen = []);
  const state = (tag, root) => {
    const texts = [tag];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node instanceof Element ? node.getAttribute('aria-label') : node.textContent;
      if (text && text.trim()) texts.push(text.replace(/\\s+/g, ' ').trim());
    }
    return texts.join('\\n');
  };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    new MutationObserver(() => seen.push(state(this.localName, root))).observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
    return root;
  };
`;

const englishChunk = /\/chunks\/strings-en-[\w-]+\.js$/;

describe('the languages of the four public elements (CDN build)', () => {
  const manifest = readCdnManifest();
  /** The English chunk an entry imports (each CDN entry is a build of its own, with its own chunk). */
  const chunkOf = (entry: string) => [...new Set(firstLoadFiles(manifest, entry).flatMap((file) => manifest.files[file]!.dynamicImports))].find((file) => englishChunk.test(`/${file}`));

  it('keeps every English table out of the first load: one chunk holds all four, reached only through a dynamic import', () => {
    assert.ok(englishOnly.length > 20, `only ${englishOnly.length} English-only texts to look for`);
    // weerbaar.js: the four tables in one chunk; report-button.js alone: the button's.
    const tablesOf = { 'weerbaar.js': Object.entries(english), 'report-button.js': [['report-button', english['report-button']] as const] };
    for (const [entry, tables] of Object.entries(tablesOf)) {
      const chunk = chunkOf(entry);
      assert.ok(chunk, `${entry} imports no chunks/strings-en-*.js`);
      const chunkText = readFileSync(`${cdnDir}${chunk}`, 'utf8');
      for (const [element, table] of tables) assert.ok(Object.values(table).some((text) => chunkText.includes(text)), `${element}'s English table is not in ${chunk}`);
      const firstLoad = firstLoadFiles(manifest, entry);
      assert.ok(!firstLoad.includes(chunk), `${entry} imports ${chunk} statically`);
      for (const file of firstLoad) {
        const text = readFileSync(`${cdnDir}${file}`, 'utf8');
        // Long enough not to occur in code by chance.
        assert.deepEqual(englishOnly.filter((english) => english.length >= 8 && text.includes(english)), [], `English texts in ${file} (first load of ${entry})`);
      }
    }
  });

  let directory: string;
  let server: Server;
  let browser: Browser;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'weerbaar-languages-'));
    await symlink(cdnDir, join(directory, 'cdn'));
    await writeFile(join(directory, 'nl.html'), page('nl'));
    await writeFile(join(directory, 'en.html'), page('en'));
    server = await serveStatic(directory);
    browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium' });
  });

  after(async () => {
    await browser?.close();
    server?.close();
    await rm(directory, { recursive: true, force: true });
  });

  interface Visit {
    page: Page;
    /** Every state of every shadow root (its tag, then its texts one a line), from its first change on. */
    seen: () => Promise<string[]>;
    /** Requests for the English chunk. */
    englishRequests: string[];
    errors: string[];
  }

  /** Opens a page, recording each shadow root's texts after every change (a MutationObserver on each root the elements attach). */
  async function visit(lang: 'nl' | 'en', { offline = false } = {}): Promise<Visit> {
    const page = await browser.newPage();
    const englishRequests: string[] = [];
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => {
      if (englishChunk.test(new URL(request.url()).pathname)) englishRequests.push(request.url());
    });
    if (offline) await page.route(englishChunk, (route) => route.fulfill({ status: 404, body: '' }));
    await page.addInitScript(recordShadowStates);
    await page.goto(`${originOf(server)}/${lang}.html`);
    await settled(page);
    return { page, englishRequests, errors, seen: () => page.evaluate(() => (window as unknown as { seen: string[] }).seen) };
  }

  /** Waits until all four elements are defined and rendered (`updateComplete`). */
  async function settled(page: Page): Promise<void> {
    await page.waitForFunction(() => ['weerbaar-norm-banner', 'weerbaar-signal-checklist', 'weerbaar-support-directory', 'weerbaar-report-button'].every((tag) => customElements.get(tag)));
    await page.evaluate(() => Promise.all([...document.querySelectorAll('main > *')].map((element) => (element as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete)));
  }

  const buttonLabel = (page: Page) => page.evaluate(() => document.querySelector('weerbaar-report-button')!.shadowRoot!.querySelector('[part="button"]')!.textContent!.trim());

  async function axeViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    return page.evaluate(async () => {
      const { axe } = window as unknown as { axe: { run: (context: Element) => Promise<{ violations: { id: string }[] }> } };
      return (await axe.run(document.querySelector('main')!)).violations.map((violation) => violation.id);
    });
  }

  it('renders a page in English in English from the first render on, loading the English tables once, accessibly', async () => {
    const { page, seen, englishRequests, errors } = await visit('en');
    try {
      assert.equal(await buttonLabel(page), reportButtonEnglish.report);
      const states = await seen();
      for (const tag of ['weerbaar-norm-banner', 'weerbaar-signal-checklist', 'weerbaar-support-directory', 'weerbaar-report-button']) {
        assert.ok(states.some((state) => state.startsWith(`${tag}\n`) && shows(state, englishOnly)), `${tag} never showed an English text`);
      }
      assert.deepEqual(dutchOnly.filter((text) => states.some((state) => shows(state, [text]))), [], 'a Dutch text appeared on the English page');
      assert.equal(englishRequests.length, 1, englishRequests.join(', '));
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  it('loads no English on a page in Dutch, and follows a live change to English and back', async () => {
    const { page, seen, englishRequests, errors } = await visit('nl');
    try {
      assert.equal(await buttonLabel(page), reportButtonStrings.nl.report);
      assert.deepEqual(englishRequests, []);
      const before = (await seen()).length;
      await page.evaluate(() => document.documentElement.setAttribute('lang', 'en'));
      await page.waitForFunction((label) => document.querySelector('weerbaar-report-button')!.shadowRoot!.textContent!.includes(label), reportButtonEnglish.report);
      await settled(page);
      // Until the English tables were there, the elements kept their Dutch: never blank, never half of each.
      const buttonStates = (await seen()).slice(before).filter((state) => state.startsWith('weerbaar-report-button\n'));
      assert.ok(buttonStates.length > 0);
      assert.ok(
        buttonStates.every((state) => shows(state, [reportButtonEnglish.report]) !== shows(state, [reportButtonStrings.nl.report])),
        buttonStates.join('\n'),
      );
      assert.equal(englishRequests.length, 1);
      await page.evaluate(() => document.documentElement.setAttribute('lang', 'nl'));
      await page.waitForFunction((label) => document.querySelector('weerbaar-report-button')!.shadowRoot!.textContent!.includes(label), reportButtonStrings.nl.report);
      assert.equal(englishRequests.length, 1);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  it('keeps a page in English working in Dutch when the English tables cannot load (offline), accessibly and without errors', async () => {
    const { page, englishRequests, errors } = await visit('en', { offline: true });
    try {
      // A dynamic import that failed may be fetched again when the next element asks for it (Chromium
      // does; the CDN build defines the elements one task apart): at least one try, at most one each.
      assert.ok(englishRequests.length >= 1 && englishRequests.length <= 4, englishRequests.join(', '));
      assert.equal(await buttonLabel(page), reportButtonStrings.nl.report);
      const hide = await page.evaluate(() => document.querySelector('weerbaar-norm-banner')!.shadowRoot!.querySelector('[part="hide-button"]')?.textContent?.trim());
      assert.equal(hide, normBannerStrings.nl.hide);
      // The texts are Dutch, so their `lang` says so (a screen reader pronounces them as Dutch).
      const langs = await page.evaluate(() => [...document.querySelectorAll('main > *')].map((element) => element.shadowRoot!.querySelector('[lang]')?.getAttribute('lang') ?? 'none'));
      assert.deepEqual(langs, ['nl', 'nl', 'nl', 'none']);
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
});
