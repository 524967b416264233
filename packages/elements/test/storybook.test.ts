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

  it('lists every story of every element in its index', async () => {
    const index = JSON.parse(await readFile(join(outputDir, 'index.json'), 'utf8')) as { entries: Record<string, { type: string; title: string }> };
    const stories = Object.values(index.entries).filter((entry) => entry.type === 'story');
    for (const title of ['Elements/Norm banner', 'Elements/Signal checklist', 'Elements/Support directory', 'Elements/Report button']) {
      assert.ok(stories.filter((entry) => entry.title === title).length >= 8, title);
    }
  });
});
