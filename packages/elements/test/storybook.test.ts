// `npm run storybook:build` builds offline, and the built Storybook really defines the elements
// (a bundler that drops side-effect imports or leaves decorators untransformed builds "fine" and
// renders empty tags). Takes about 35 s on this machine.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright';
import { packageDir } from './built-files.js';
import { originOf, serveStatic } from './static-server.js';

const run = promisify(execFile);
const repoRoot = join(packageDir, '..', '..');

describe('the Storybook build', () => {
  let outputDir: string;
  let server: Server;
  let browser: Browser;

  before(async () => {
    outputDir = await mkdtemp(join(tmpdir(), 'weerbaar-storybook-'));
    const storybook = join(repoRoot, 'node_modules', 'storybook', 'dist', 'bin', 'dispatcher.js');
    await run(process.execPath, [storybook, 'build', '--disable-telemetry', '--quiet', '--output-dir', outputDir], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
    server = await serveStatic(outputDir);
    browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium' });
  });

  after(async () => {
    await browser?.close();
    server?.close();
    await rm(outputDir, { recursive: true, force: true });
  });

  for (const [story, tag, text] of [
    ['elements-norm-banner--information-english', 'weerbaar-norm-banner', 'Intimidation is not normal'],
    ['elements-signal-checklist--serious-signals', 'weerbaar-signal-checklist', 'Maak een melding'],
    ['elements-support-directory--empty-english', 'weerbaar-support-directory', 'Call 112'],
    ['elements-report-button--button-english', 'weerbaar-report-button', 'Report misconduct'],
  ] as const) {
    it(`renders the story ${story} with a defined <${tag}>`, async () => {
      const page = await browser.newPage();
      let rendered: string;
      try {
        await page.goto(`${originOf(server)}/iframe.html?id=${story}&viewMode=story`);
        await page.waitForFunction(
          ({ tag, text }) => !!customElements.get(tag) && (document.querySelector(tag)?.shadowRoot?.textContent ?? '').includes(text),
          { tag, text },
          { timeout: 20_000 },
        ).catch(() => undefined);
        rendered = await page.evaluate((tag) => `${!!customElements.get(tag)} ${document.querySelector(tag)?.shadowRoot?.textContent ?? ''}`, tag);
      } finally {
        await page.close();
      }
      assert.match(rendered, new RegExp(`^true .*${text}`, 's'));
    });
  }

  // The console's states render its view templates from sample data (no backend): each one shows
  // its state, and axe finds nothing in it (what the a11y addon checks in Storybook itself).
  const axeSource = join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js');
  for (const [story, text] of [
    ['signed-out', 'Inloggen met Voorbeeldstad Inloggen'],
    ['signed-out-english', 'Sign in with a passkey'],
    ['locked', 'omdat u 15 minuten niets deed'],
    ['locked-english', 'you did nothing for 15 minutes'],
    ['enrol', 'Naam van dit apparaat'],
    ['enrol-english', 'Name of this device'],
    ['backend-unreachable', 'niet bereikbaar'],
    ['backend-unreachable-english', 'cannot be reached'],
    ['list', 'nog 1 dag'],
    ['list-english', '1 day left'],
    ['empty-list', 'Er zijn geen meldingen die bij deze filters passen.'],
    ['empty-list-english', 'No reports match these filters.'],
    ['list-error', 'De meldingen konden niet worden geladen.'],
    ['list-error-english', 'The reports could not be loaded.'],
    ['statistics', 'minder dan 5'],
    ['statistics-english', 'fewer than 5'],
    ['accounts', 'A. El Amrani is uitgenodigd'],
    ['accounts-english', 'A. El Amrani is invited'],
    ['oral-report', 'Mondelinge melding vastleggen'],
    ['oral-report-english', 'Record an oral report'],
  ] as const) {
    it(`renders the console state console-case-inbox-states--${story} without axe violations`, async () => {
      const page = await browser.newPage();
      let rendered: string;
      let violations: string[];
      try {
        await page.goto(`${originOf(server)}/iframe.html?id=console-case-inbox-states--${story}&viewMode=story`);
        // The text of the frame and of every shadow root under it (the oral report's form is a case view inside).
        const deepText = `(() => {
          const textOf = (node) => [...node.childNodes].map((child) => (child.nodeType === Node.TEXT_NODE ? child.textContent : \`\${child.shadowRoot ? textOf(child.shadowRoot) : ''} \${textOf(child)}\`)).join(' ');
          return textOf(document.querySelector('#storybook-root') ?? document.body).replace(/\\s+/g, ' ');
        })()`;
        await page.waitForFunction(`${deepText}.includes(${JSON.stringify(text)})`, undefined, { timeout: 20_000 }).catch(() => undefined);
        rendered = await page.evaluate<string>(deepText);
        await page.addScriptTag({ path: axeSource });
        violations = await page.evaluate(async () => {
          type Axe = { run(context: string): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
          // The a11y addon runs its own axe on the story as it renders: wait for that run to end (one run at a time).
          for (let attempt = 0; ; attempt++) {
            try {
              const result = await (window as unknown as { axe: Axe }).axe.run('#storybook-root');
              return result.violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`);
            } catch (error) {
              if (attempt >= 100 || !String(error).includes('already running')) throw error;
              await new Promise((resolve) => setTimeout(resolve, 100));
            }
          }
        });
      } finally {
        await page.close();
      }
      assert.ok(rendered.includes(text), `${story} shows "${text}"; it shows: ${rendered.slice(0, 400)}`);
      assert.deepEqual(violations, []);
    });
  }

  it('lists every story of every element in its index', async () => {
    const index = JSON.parse(await readFile(join(outputDir, 'index.json'), 'utf8')) as { entries: Record<string, { type: string; title: string }> };
    const stories = Object.values(index.entries).filter((entry) => entry.type === 'story');
    for (const title of ['Elements/Norm banner', 'Elements/Signal checklist', 'Elements/Support directory', 'Elements/Report button', 'Elements/Dilemma cards']) {
      assert.ok(stories.filter((entry) => entry.title === title).length >= 8, title);
    }
    assert.equal(stories.filter((entry) => entry.title === 'Console/Case inbox states').length, 20);
  });
});
