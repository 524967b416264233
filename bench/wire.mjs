// Bytes on the wire for the demo page (examples/municipal-site) as the reference server sends it
// (issue 19, goal 2): Chromium loads the page once and waits until the elements have rendered, which
// gives every request the page makes before anyone touches it; each of those is then asked for again
// over node:http without Accept-Encoding, with `gzip` and with `br`, and the response bodies are
// counted as sent. Bytes are exact, so one load is enough.
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { startReferenceServer } from '../test-support/reference-server.mjs';
import { launchChromium } from './lib/chromium.mjs';
import { formatRatio, ratio } from './lib/stats.mjs';
import { renderTable } from './lib/table.mjs';

const siteDir = fileURLToPath(new URL('../examples/municipal-site/', import.meta.url));
const ELEMENTS = ['weerbaar-norm-banner', 'weerbaar-support-directory', 'weerbaar-signal-checklist', 'weerbaar-report-button'];
/** Rollup's content-hashed chunk names: issue 19 wants them `Cache-Control: immutable`. */
const HASHED_CHUNK = /\/chunks\/[^/]+-[A-Za-z0-9_-]{8}\.js$/;
const CODINGS = { identity: undefined, gzip: 'gzip', brotli: 'br' };
const KINDS = [
  ['HTML', /^text\/html/],
  ['CSS', /^text\/css/],
  ['JavaScript', /javascript/],
  ['API answers (JSON)', /json/],
  ['images', /^image\//],
];

/** The same-origin GETs Chromium makes for the page before any interaction, in order. */
async function requestsOfThePage(url) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const seen = [];
    page.on('request', (sent) => {
      if (sent.method() === 'GET' && new URL(sent.url()).origin === new URL(url).origin) seen.push({ url: sent.url(), headers: sent.headers() });
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.waitForFunction((tags) => tags.every((tag) => document.querySelector(tag)?.shadowRoot?.childElementCount > 0), ELEMENTS);
    await page.waitForLoadState('networkidle');
    return seen;
  } finally {
    await browser.close();
  }
}

/** The body of a GET as sent (node:http does not decode), with its type and coding. */
function bodyOf(url, headers) {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      let bytes = 0;
      response.on('data', (chunk) => (bytes += chunk.length));
      response.on('end', () =>
        resolve({
          status: response.statusCode,
          type: String(response.headers['content-type'] ?? ''),
          coding: response.headers['content-encoding'] ?? 'identity',
          cacheControl: response.headers['cache-control'],
          vary: response.headers.vary,
          bytes,
        }));
    })
      .on('error', reject)
      .end();
  });
}

export async function runWire() {
  const server = await startReferenceServer({ handlerToken: false, env: { WEERBAAR_SITE_DIR: siteDir, WEERBAAR_LOG_LEVEL: 'warn' } });
  try {
    const requests = await requestsOfThePage(`${server.origin}/`);
    const files = [];
    for (const { url, headers } of requests) {
      const path = new URL(url).pathname;
      const file = { path, hashedChunk: HASHED_CHUNK.test(path) };
      // The page's own request headers (the language the elements ask for), apart from the coding.
      const asked = Object.fromEntries(Object.entries(headers).filter(([name]) => /^accept(-language)?$/i.test(name)));
      for (const [name, coding] of Object.entries(CODINGS)) {
        const answer = await bodyOf(url, coding ? { ...asked, 'accept-encoding': coding } : asked);
        if (answer.status !== 200) throw new Error(`${file.path} answered ${answer.status}`);
        file.type = answer.type;
        // Goal 2's headers, as a browser asking for brotli gets them.
        if (name === 'brotli') Object.assign(file, { cacheControl: answer.cacheControl, vary: answer.vary });
        file[name] = { bytes: answer.bytes, coding: answer.coding };
      }
      files.push(file);
    }
    return { files };
  } finally {
    await server.stop();
  }
}

export function wireTable({ files }) {
  const kindOf = (type) => KINDS.find(([, pattern]) => pattern.test(type))?.[0] ?? 'other';
  const sum = (list, coding) => list.reduce((total, file) => total + file[coding].bytes, 0);
  const row = (label, list) => {
    const [identity, gzip, brotli] = ['identity', 'gzip', 'brotli'].map((coding) => sum(list, coding));
    return [label, list.length, identity, gzip, brotli, formatRatio(ratio(gzip, identity)), formatRatio(ratio(brotli, identity))];
  };
  const kinds = [...KINDS.map(([kind]) => kind), 'other'];
  const rows = kinds.map((kind) => [kind, files.filter((file) => kindOf(file.type) === kind)]).filter(([, list]) => list.length).map(([kind, list]) => row(kind, list));
  // Goal 2: every static file (all but the API's answers) goes out compressed when asked.
  const statics = files.filter((file) => !file.path.startsWith('/v1/'));
  const compressed = statics.filter((file) => file.gzip.coding === 'gzip' && file.brotli.coding === 'br').length;
  return renderTable(
    'Bytes on the wire: the demo page and every request it makes before any interaction, response bodies by Accept-Encoding',
    ['what', 'requests', 'identity', 'gzip', 'brotli', 'gzip/identity', 'brotli/identity'],
    [...rows, row('all', files), [`static files sent compressed (goal 2): ${compressed === statics.length ? 'met' : 'not met'}`, `${compressed}/${statics.length}`, '', '', '', '', '']],
  );
}
