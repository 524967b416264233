// Crypto in Chromium: the SDK's own sealing code (packages/sdk/src/seal.ts, HPKE through @hpke/core,
// bundled by the repository's rollup factory exactly like the SDK's lazy encryption chunk) sealing a
// 1 kB report and a 10 MB attachment to a P-256 public key, against plain WebCrypto AES-256-GCM of the
// same bytes in the same page (a fresh key imported per operation), and the same after one copy of
// the bytes into a fresh buffer (what sealAttachment must do), interleaved; medians and ratios.
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { createConfig } from '../rollup.config.mjs';
import { launchChromium } from './lib/chromium.mjs';
import { formatRatio, median, ratio } from './lib/stats.mjs';
import { renderTable } from './lib/table.mjs';

const sdkDir = fileURLToPath(new URL('../packages/sdk/', import.meta.url));

async function bundleSealing(outDir) {
  const config = createConfig({
    input: { seal: join(sdkDir, 'src/seal.ts') },
    outDir,
    bundleDependencies: true,
    minify: true,
    declarations: false,
    tsconfig: join(sdkDir, 'tsconfig.build.json'),
  });
  // @hpke/core's compiled ESM trips rollup's style warnings (as in the SDK's own browser build).
  const bundle = await rollup({ ...config, onwarn() {} });
  await bundle.write(config.output);
  await bundle.close();
}

/** Serves the bundle and an empty page from 127.0.0.1 (a secure context, so WebCrypto is there). */
async function serve(dir) {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url, 'http://localhost').pathname;
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>crypto bench</title>');
      return;
    }
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir) || !file.endsWith('.js')) return void response.writeHead(404).end();
    try {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(await readFile(file));
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

// Runs in the page: returns the milliseconds of every run, per case and method.
async function measureInPage({ cases }) {
  const { sealReportContent, sealAttachment } = await import('/seal.js');
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const key = { keyId: 'bench', suite: 'DHKEM-P256-HKDF-SHA256/HKDF-SHA256/AES-256-GCM', publicKey: { kty, crv, x, y } };
  const aesGcm = async (bytes) => {
    const aesKey = await crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(32)), 'AES-GCM', false, ['encrypt']);
    return crypto.subtle.encrypt({ name: 'AES-GCM', iv: crypto.getRandomValues(new Uint8Array(12)) }, aesKey, bytes);
  };
  const results = {};
  for (const { name, bytes: size, runs, batch } of cases) {
    const bytes = new Uint8Array(size);
    for (let offset = 0; offset < size; offset += 65536) crypto.getRandomValues(bytes.subarray(offset, Math.min(size, offset + 65536)));
    const description = 'x'.repeat(size - 20);
    const report = { description };
    const plaintext = new TextEncoder().encode(JSON.stringify(report));
    const file = new Blob([bytes]);
    const descriptor = { name: 'bench.bin', mediaType: 'application/octet-stream' };
    // The attachment three ways: bytes in hand; a File read, then sealed from its bytes (the SDK's
    // path before issue 19, round 2); a File sealed as it is (read straight into the plaintext).
    // The baseline for a File reads it too: plain AES-GCM of what the file holds.
    const read = async () => new Uint8Array(await file.arrayBuffer());
    const hpke = {
      report: () => sealReportContent(key, report),
      attachment: () => sealAttachment(key, descriptor, bytes),
      'attachment-file-read': async () => sealAttachment(key, descriptor, await read()),
      'attachment-file': () => sealAttachment(key, descriptor, file),
    }[name];
    const source = { report: async () => plaintext, attachment: async () => bytes, 'attachment-file-read': read, 'attachment-file': read }[name];
    const baseline = async () => aesGcm(await source());
    // What sealAttachment cannot avoid with bytes in hand: the descriptor line in front of the
    // file's bytes means one copy into a fresh buffer; this tells how much of the gap that copy is.
    const withCopy = async () => {
      const from = await source();
      const copy = new Uint8Array(from.length + 64);
      copy.set(from, 64);
      return aesGcm(copy);
    };
    results[name] = { hpke: [], aesGcm: [], aesGcmCopy: [] };
    for (let run = -1; run < runs; run++) {
      for (const [method, operation] of [['hpke', hpke], ['aesGcm', baseline], ['aesGcmCopy', withCopy]]) {
        // Small operations run in batches: the page's clock is coarsened to 0.1 ms.
        const started = performance.now();
        for (let i = 0; i < batch; i++) await operation();
        // The first round warms up both paths and is not counted.
        if (run >= 0) results[name][method].push((performance.now() - started) / batch);
      }
    }
  }
  return results;
}

const CASES = [
  { name: 'report', label: '1 kB report (sealReportContent)', bytes: 1024, runs: 15, batch: 50 },
  { name: 'attachment', label: '10 MB attachment, bytes in hand (sealAttachment)', bytes: 10 * 1024 * 1024, runs: 7, batch: 1 },
  { name: 'attachment-file-read', label: '10 MB File, read then sealed (the SDK before)', bytes: 10 * 1024 * 1024, runs: 7, batch: 1 },
  { name: 'attachment-file', label: '10 MB File sealed as it is (the SDK now)', bytes: 10 * 1024 * 1024, runs: 7, batch: 1 },
];

export async function runCrypto() {
  const dir = await mkdtemp(join(tmpdir(), 'weerbaar-bench-crypto-'));
  try {
    await bundleSealing(dir);
    const server = await serve(dir);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(server.origin);
      const runs = await page.evaluate(measureInPage, { cases: CASES.map(({ name, bytes, runs: count, batch }) => ({ name, bytes, runs: count, batch })) });
      return CASES.map(({ name, label, bytes, runs: count, batch }) => ({
        name,
        label,
        bytes,
        runs: count,
        batch,
        hpkeMs: median(runs[name].hpke),
        aesGcmMs: median(runs[name].aesGcm),
        aesGcmCopyMs: median(runs[name].aesGcmCopy),
        raw: runs[name],
      }));
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function cryptoTable(results) {
  return renderTable(
    'Crypto in Chromium: SDK sealing (HPKE P-256 + HKDF-SHA256 + AES-256-GCM) vs plain WebCrypto AES-256-GCM, median ms per operation',
    ['what', 'runs × batch', 'AES-256-GCM ms', 'AES-GCM + one copy ms', 'SDK HPKE ms', 'HPKE/AES-GCM', 'HPKE/(AES-GCM + copy)'],
    results.map(({ label, runs, batch, aesGcmMs, aesGcmCopyMs, hpkeMs }) => [
      label,
      `${runs} × ${batch}`,
      aesGcmMs.toFixed(3),
      aesGcmCopyMs.toFixed(3),
      hpkeMs.toFixed(3),
      formatRatio(ratio(hpkeMs, aesGcmMs)),
      formatRatio(ratio(hpkeMs, aesGcmCopyMs)),
    ]),
  );
}
