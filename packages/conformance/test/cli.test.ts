import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ConformanceReport } from '../src/types.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { sharedReferenceServer, type ReferenceServer } from './support.js';
import { xmlProblems } from './well-formed-xml.js';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A port on which nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the weerbaar-conformance command', () => {
  let directory: string;
  let server: ReferenceServer;
  let stopServer: () => Promise<void>;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'weerbaar-conformance-cli-'));
    // One server for the whole suite: the command runs only the core profile (no receipt guessing).
    ({ server, stop: stopServer } = await sharedReferenceServer());
  });

  after(async () => {
    await stopServer();
    await rm(directory, { recursive: true, force: true });
  });

  it('exits 0 and writes a JSON report when the backend conforms', async () => {
    const output = join(directory, 'report.json');
    const run = await runCli(['--base-url', server.apiUrl, '--profile', 'core', '--format', 'json', '--output', output], { WEERBAAR_HANDLER_TOKEN: server.handlerToken! });
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(await readFile(output, 'utf8')) as ConformanceReport;
    assert.equal(report.conforms, true);
    assert.equal(report.target.baseUrl, server.apiUrl);
    assert.match(report.spec.sha256, /^[0-9a-f]{64}$/);
    assert.match(run.stderr, /^conforms: \d+ passed, 0 failed/);
  });

  describe('against a backend that sets a cookie', () => {
    let proxy: FaultProxy;
    before(async () => {
      proxy = await startFaultProxy(server.origin, 'set-cookie');
    });
    after(() => proxy.close());

    it('exits 1 and prints a text report naming the failed check', async () => {
      const run = await runCli(['--base-url', proxy.apiUrl, '--profile', 'core']);
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stdout, /FAIL\s+WRA-SEC-01 \(MUST\)/);
      assert.match(run.stdout, /RESULT: does NOT conform/);
    });

    it('writes well-formed JUnit XML with the failure in it', async () => {
      const run = await runCli(['--base-url', proxy.apiUrl, '--profile', 'core', '--format', 'junit']);
      assert.equal(run.code, 1, run.stderr);
      assert.deepEqual(xmlProblems(run.stdout), []);
      assert.match(run.stdout, /<testcase classname="core\.security" name="WRA-SEC-01 [^"]*"><failure /);
    });

    it('writes a self-contained HTML report with the summary, without scripts or external resources', async () => {
      const output = join(directory, 'report.html');
      const run = await runCli(['--base-url', proxy.apiUrl, '--profile', 'core', '--format', 'html', '--output', output]);
      assert.equal(run.code, 1, run.stderr);
      const html = await readFile(output, 'utf8');
      assert.match(html, /<p class="verdict failed" id="summary">Does not conform/);
      assert.match(html, /id="WRA-SEC-01"><td class="outcome failed">failed/);
      assert.doesNotMatch(html, /<script|\sstyle="|\son[a-z]+="/i);
      assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//i);
      assert.equal(html.match(/<style>/g)?.length, 1);
    });

    it('exits 0 when the failure is listed as expected, and reports it as such', async () => {
      const list = join(directory, 'expected.yaml');
      await writeFile(list, '# known issues\n- id: WRA-SEC-01\n  reason: "the load balancer adds a cookie; ticket OPS-12"\n- id: WRA-SEC-02\n  reason: already fixed\n');
      const run = await runCli(['--base-url', proxy.apiUrl, '--profile', 'core', '--format', 'json', '--expected-failures', list]);
      const report = JSON.parse(run.stdout) as ConformanceReport;
      assert.equal(run.code, 0, report.results.filter((result) => result.outcome === 'failed').map((result) => `${result.id}: ${result.reason}`).join('\n'));
      const cookie = report.results.find((result) => result.id === 'WRA-SEC-01');
      assert.equal(cookie?.outcome, 'expected-failure');
      assert.deepEqual(cookie?.expectedFailure, { reason: 'the load balancer adds a cookie; ticket OPS-12', nowPasses: false });
      const fixed = report.results.find((result) => result.id === 'WRA-SEC-02');
      assert.equal(fixed?.outcome, 'passed');
      assert.deepEqual(fixed?.expectedFailure, { reason: 'already fixed', nowPasses: true });
      assert.equal(report.summary.unexpectedPass, 1);
    });
  });

  it('exits 3 when nothing answers at the base URL', async () => {
    const run = await runCli(['--base-url', `http://127.0.0.1:${await closedPort()}/v1`]);
    assert.equal(run.code, 3);
    assert.match(run.stderr, /could not be reached/);
  });

  describe('exits 2 on a usage error', () => {
    const cases: [string, string[], RegExp][] = [
      ['without --base-url', [], /--base-url is required/],
      ['with an unknown option', ['--base-url', 'http://127.0.0.1:1/v1', '--verbose'], /Unknown option '--verbose'/],
      ['with an unknown profile', ['--base-url', 'http://127.0.0.1:1/v1', '--profile', 'core,billing'], /unknown profile billing/],
      ['with an unknown format', ['--base-url', 'http://127.0.0.1:1/v1', '--format', 'pdf'], /--format must be one of/],
      ['with a base URL that is not http(s)', ['--base-url', 'ftp://example.nl/v1'], /must be an http\(s\) URL/],
    ];
    for (const [name, args, message] of cases) {
      it(name, async () => {
        const run = await runCli(args);
        assert.equal(run.code, 2);
        assert.match(run.stderr, message);
        assert.match(run.stderr, /Usage: weerbaar-conformance/);
      });
    }

    it('with an expected-failures file that names no reason', async () => {
      const list = join(directory, 'no-reason.json');
      await writeFile(list, JSON.stringify([{ id: 'WRA-SEC-01' }]));
      const run = await runCli(['--base-url', server.apiUrl, '--expected-failures', list]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /entry 1 \(WRA-SEC-01\): give a reason/);
    });
  });
});
