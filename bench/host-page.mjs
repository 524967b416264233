// Host-page cost: the demo municipal page (examples/municipal-site) served by the reference server
// as `npm start` serves it, against a copy without the four elements (the bench removes the script
// and the element tags, keeping their fallback content, the CSS and every other byte). Loaded in the
// Debian Chromium through Playwright (main-thread time from CDP Performance metrics, long tasks and
// layout shift from PerformanceObserver, JavaScript bytes from resource timing, long tasks of OURS
// from a trace of each load: bench/lib/long-tasks.mjs), then scored by Lighthouse 12.2.3 against a
// Chromium started by chrome-launcher. Runs alternate with/without.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch as launchChrome } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startReferenceServer } from '../test-support/reference-server.mjs';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, launchChromium } from './lib/chromium.mjs';
import { IncompleteTraceError, TRACE_CATEGORIES, attributeLongTasks } from './lib/long-tasks.mjs';
import { formatRatio, formatSpread, interleave, ratio, summarise } from './lib/stats.mjs';
import { renderTable } from './lib/table.mjs';

const siteDir = fileURLToPath(new URL('../examples/municipal-site/', import.meta.url));
const PAGES = ['index.html', 'en/index.html'];

/** The same page without the elements: no module script, no element tags (their children, e.g. the report link, stay). */
export function withoutElements(html) {
  const stripped = html
    .replace(/<script type="module" src="\/elements\/[^"]+"><\/script>\s*/g, '')
    .replace(/<\/?weerbaar-[a-z-]+(\s[^>]*)?>/g, '');
  if (stripped === html || /weerbaar-[a-z-]+[\s>]/.test(stripped.replace(/data-element="weerbaar-[a-z-]+"/g, ''))) {
    throw new Error('the demo page changed shape: the elements could not be removed cleanly');
  }
  return stripped;
}

async function siteWithoutElements() {
  const dir = await mkdtemp(join(tmpdir(), 'weerbaar-bench-site-'));
  await cp(siteDir, dir, { recursive: true });
  for (const page of PAGES) await writeFile(join(dir, page), withoutElements(await readFile(join(dir, page), 'utf8')));
  return dir;
}

// Installed before any page script: collects long tasks, layout shifts and paints as they happen.
const OBSERVERS = () => {
  const seen = { longTasks: [], cls: 0, lcp: 0 };
  Object.defineProperty(window, '__weerbaarBench', { value: seen });
  new PerformanceObserver((list) => list.getEntries().forEach((entry) => seen.longTasks.push(entry.duration))).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => list.getEntries().forEach((entry) => { if (!entry.hadRecentInput) seen.cls += entry.value; })).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => list.getEntries().forEach((entry) => { seen.lcp = entry.startTime; })).observe({ type: 'largest-contentful-paint', buffered: true });
};

/** Ours: every file the reference server serves under /elements/ (the entries, their chunks, the SDK chunks). */
const oursAt = (origin) => (url) => url.startsWith(`${origin}/elements/`);

/** One cold load, loaded again (at most twice) when its trace came back without the page. */
async function loadOnce(browser, url, expectElements) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await tracedLoad(browser, url, expectElements);
    } catch (error) {
      if (!(error instanceof IncompleteTraceError) || attempt === 3) throw error;
      console.warn(`  ${error.message}: loading again`);
    }
  }
}

/** One cold load in a fresh context, traced; waits until the network is idle and the elements have rendered. */
async function tracedLoad(browser, url, expectElements) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let tracing = false;
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.addInitScript(OBSERVERS);
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    tracing = true;
    await page.goto(url, { waitUntil: 'networkidle' });
    if (expectElements) {
      // Rendered = each element has content in its shadow root and its fallback is hidden.
      await page.waitForFunction(() => ['weerbaar-norm-banner', 'weerbaar-support-directory', 'weerbaar-signal-checklist', 'weerbaar-report-button']
        .every((tag) => document.querySelector(tag)?.shadowRoot?.childElementCount > 0));
    }
    // Let late shifts and tasks (content arriving) be observed before reading.
    await page.waitForTimeout(500);
    // Stopped before the page is read below: Playwright's own evaluation is no task of the load.
    tracing = false;
    const { origin } = new URL(url);
    const { traceEvents } = JSON.parse((await browser.stopTracing()).toString('utf8'));
    const longTasks = attributeLongTasks(traceEvents, { isOurs: oursAt(origin), pageOrigin: origin });
    const ourTasks = longTasks.filter((task) => task.ours);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name) => metrics.find((entry) => entry.name === name)?.value ?? 0;
    const observed = await page.evaluate(() => {
      const seen = window.__weerbaarBench;
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      const scripts = performance.getEntriesByType('resource').filter((entry) => entry.initiatorType === 'script' || /\.m?js(\?|$)/.test(entry.name));
      return {
        longTasks: seen.longTasks.length,
        longTaskMs: seen.longTasks.reduce((sum, duration) => sum + duration, 0),
        cls: seen.cls,
        lcp: seen.lcp,
        fcp: paint ? paint.startTime : 0,
        scriptRequests: scripts.length,
        scriptBytes: scripts.reduce((sum, entry) => sum + entry.encodedBodySize, 0),
      };
    });
    return {
      ourLongTasks: ourTasks.length,
      ourLongTaskMs: ourTasks.reduce((sum, task) => sum + task.ms, 0),
      tracedLongTasks: longTasks.length,
      // What each of our long tasks ran (script samples by file, and the trace's events inside it), for the README's "why".
      ourTaskFiles: ourTasks.map((task) => ({
        startMs: Math.round(task.startMs),
        ms: Math.round(task.ms),
        files: Object.fromEntries(Object.entries(task.urls).slice(0, 4).map(([file, samples]) => [file.replace(origin, ''), samples])),
        work: Object.fromEntries(Object.entries(task.work).slice(0, 6)),
        frames: Object.fromEntries(Object.entries(task.frames).slice(0, 8).map(([frame, samples]) => [frame.replace(origin, ''), samples])),
      })),
      scriptMs: metric('ScriptDuration') * 1000,
      taskMs: metric('TaskDuration') * 1000,
      layoutMs: metric('LayoutDuration') * 1000,
      styleMs: metric('RecalcStyleDuration') * 1000,
      ...observed,
    };
  } finally {
    if (tracing) await browser.stopTracing();
    await context.close();
  }
}

async function lighthouseOnce(port, url) {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices'],
  });
  const score = (id) => Math.round((result.lhr.categories[id].score ?? 0) * 100);
  if (result.lhr.runtimeError) throw new Error(`Lighthouse: ${result.lhr.runtimeError.message}`);
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    tbtMs: result.lhr.audits['total-blocking-time'].numericValue,
    cls: result.lhr.audits['cumulative-layout-shift'].numericValue,
  };
}

const collect = (runs, key) => summarise(runs.map((run) => run[key]));

export async function runHostPage({ runs = 5, lighthouseRuns = 5 } = {}) {
  const bareSiteDir = await siteWithoutElements();
  const serverOptions = (dir) => ({ handlerToken: false, env: { WEERBAAR_SITE_DIR: dir, WEERBAAR_LOG_LEVEL: 'warn' } });
  const [withServer, withoutServer] = await Promise.all([startReferenceServer(serverOptions(siteDir)), startReferenceServer(serverOptions(bareSiteDir))]);
  try {
    const urls = { with: `${withServer.origin}/`, without: `${withoutServer.origin}/` };
    const browser = await launchChromium();
    let loads;
    try {
      // One warm-up each (the server's first answers, Chromium's first start), not counted.
      await loadOnce(browser, urls.with, true);
      await loadOnce(browser, urls.without, false);
      loads = await interleave(runs, { with: () => loadOnce(browser, urls.with, true), without: () => loadOnce(browser, urls.without, false) });
    } finally {
      await browser.close();
    }
    const chrome = await launchChrome({ chromePath: CHROMIUM_PATH, chromeFlags: CHROMIUM_FLAGS, logLevel: 'silent' });
    let scores;
    try {
      scores = await interleave(lighthouseRuns, { with: () => lighthouseOnce(chrome.port, urls.with), without: () => lighthouseOnce(chrome.port, urls.without) });
    } finally {
      await chrome.kill();
    }
    const keys = ['ourLongTasks', 'ourLongTaskMs', 'tracedLongTasks', 'scriptMs', 'taskMs', 'layoutMs', 'styleMs', 'longTasks', 'longTaskMs', 'cls', 'fcp', 'lcp', 'scriptRequests', 'scriptBytes'];
    const lighthouseKeys = ['performance', 'accessibility', 'bestPractices', 'tbtMs', 'cls'];
    const summary = (variant, list, names) => Object.fromEntries(names.map((key) => [key, collect(list[variant], key)]));
    return {
      runs,
      lighthouseRuns,
      browser: { with: summary('with', loads, keys), without: summary('without', loads, keys) },
      ourTasks: loads.with.map((load) => load.ourTaskFiles),
      lighthouse: { with: summary('with', scores, lighthouseKeys), without: summary('without', scores, lighthouseKeys) },
    };
  } finally {
    await Promise.all([withServer.stop(), withoutServer.stop()]);
    await rm(bareSiteDir, { recursive: true, force: true });
  }
}

export function hostPageTables(result) {
  const row = (label, key, source, digits = 1) => {
    const withElements = result[source].with[key];
    const without = result[source].without[key];
    return [label, formatSpread(without, digits), formatSpread(withElements, digits), formatRatio(ratio(withElements.median, without.median))];
  };
  const browser = renderTable(
    `Host page in Chromium: the demo page without and with the four elements, median (min–max) of ${result.runs} cold loads`,
    ['measure', 'without', 'with', 'with/without'],
    [
      row('main-thread task time, ms (CDP TaskDuration)', 'taskMs', 'browser'),
      row('script evaluation, ms (CDP ScriptDuration)', 'scriptMs', 'browser'),
      row('layout, ms (CDP LayoutDuration)', 'layoutMs', 'browser'),
      row('style recalculation, ms', 'styleMs', 'browser'),
      row('long tasks of ours (> 50 ms, trace attributed by URL), count', 'ourLongTasks', 'browser', 0),
      row('long tasks of ours, total ms', 'ourLongTaskMs', 'browser'),
      row('long tasks in the trace, count (any cause)', 'tracedLongTasks', 'browser', 0),
      row('long tasks (> 50 ms, PerformanceObserver), count', 'longTasks', 'browser', 0),
      row('long tasks (PerformanceObserver), total ms', 'longTaskMs', 'browser'),
      row('cumulative layout shift', 'cls', 'browser', 3),
      row('first contentful paint, ms', 'fcp', 'browser'),
      row('largest contentful paint, ms', 'lcp', 'browser'),
      row('JavaScript files loaded', 'scriptRequests', 'browser', 0),
      row('JavaScript bytes on the wire', 'scriptBytes', 'browser', 0),
    ],
  );
  const scores = renderTable(
    `Lighthouse 12.2.3 (mobile, simulated throttling), median (min–max) of ${result.lighthouseRuns} runs`,
    ['measure', 'without', 'with', 'with/without'],
    [
      row('performance score', 'performance', 'lighthouse', 0),
      row('accessibility score', 'accessibility', 'lighthouse', 0),
      row('best-practices score', 'bestPractices', 'lighthouse', 0),
      row('total blocking time, ms', 'tbtMs', 'lighthouse', 0),
      row('cumulative layout shift', 'cls', 'lighthouse', 3),
    ],
  );
  return `${browser}\n\n${scores}`;
}
