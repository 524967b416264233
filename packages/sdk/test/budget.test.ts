// The weight budgets of the core client and the light content client, each measured on its own
// production build (rollup with the shared factory, dependencies bundled, terser) and gzip level 9:
// bytes are deterministic, so this is no timing test.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rollup, type OutputChunk, type RollupOptions } from 'rollup';

// 6.25 kB as bundle-size tools count it (size-limit, bundlephobia): 6.25 × 1024 bytes. It was 6 kB
// until the errors learnt to say what they mean (`kind`, `retryable`) and a report is sealed again
// after a key rotation: 177 B more, after moving the capability check into the follow-up chunk.
// PRODUCT.md's goal is 5 kB, which needs a lighter transport than ky (issue 19).
const CORE_BUDGET_BYTES = 6.25 * 1024;
// What the content elements load before anyone presses anything: 1.5 kB.
const CONTENT_BUDGET_BYTES = 1.5 * 1024;

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const gzipped = (code: string) => gzipSync(code, { level: 9 }).length;

let outDir: string;
const builds: Record<'core' | 'content', OutputChunk[]> = { core: [], content: [] };
before(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'weerbaar-sdk-bundle-'));
  // The factory's paths (src/, tsconfig) are relative to the package, as when `rollup -c` runs there.
  const cwd = process.cwd();
  process.chdir(packageDir);
  try {
    const { browserBundle } = (await import(join(packageDir, 'rollup.config.mjs'))) as { browserBundle: (dir: string, input: Record<string, string>) => RollupOptions };
    for (const [name, input] of [
      ['core', { index: 'src/index.ts' }],
      ['content', { content: 'src/content.ts' }],
    ] as const) {
      const config = browserBundle(join(outDir, name), input);
      const bundle = await rollup(config);
      const { output } = await bundle.write(config.output as object);
      await bundle.close();
      builds[name] = output.filter((file): file is OutputChunk => file.type === 'chunk');
    }
  } finally {
    process.chdir(cwd);
  }
});
after(async () => {
  await rm(outDir, { recursive: true, force: true });
});

const entryOf = (chunks: OutputChunk[]) => chunks.find((chunk) => chunk.isEntry)!;

/** The entry and everything it imports statically: what a page downloads before it can call the SDK. */
function staticClosure(chunks: OutputChunk[]): OutputChunk[] {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const closure = new Set([entryOf(chunks)]);
  for (const chunk of closure) for (const name of chunk.imports) closure.add(byName.get(name)!);
  return [...closure];
}

const closureBytes = (chunks: OutputChunk[]) => staticClosure(chunks).reduce((sum, chunk) => sum + gzipped(chunk.code), 0);

describe('the weight of the SDK', () => {
  it(`keeps the core entry with ky within ${CORE_BUDGET_BYTES} bytes min+gzip`, () => {
    const bytes = closureBytes(builds.core);
    assert.ok(entryOf(builds.core).code.includes('credentials:"omit"'), 'the measured bundle is not the client');
    assert.ok(bytes <= CORE_BUDGET_BYTES, `the core entry weighs ${bytes} bytes min+gzip, over the budget of ${CORE_BUDGET_BYTES}`);
  });

  it(`keeps the content entry within ${CONTENT_BUDGET_BYTES} bytes min+gzip, without ky and with nothing to load later`, () => {
    const chunks = builds.content;
    const code = chunks.map((chunk) => chunk.code).join('\n');
    const bytes = closureBytes(chunks);
    assert.ok(/credentials:"omit"/.test(code) && code.includes('If-None-Match'), 'the measured bundle is not the content client');
    assert.deepEqual(
      chunks.flatMap((chunk) => chunk.moduleIds).filter((id) => id.includes('node_modules')),
      [],
      'the content entry bundles a dependency (ky?)',
    );
    assert.deepEqual(chunks.filter((chunk) => !chunk.isEntry).map((chunk) => chunk.fileName), [], 'the content entry has lazy chunks');
    assert.ok(bytes <= CONTENT_BUDGET_BYTES, `the content entry weighs ${bytes} bytes min+gzip, over the budget of ${CONTENT_BUDGET_BYTES}`);
  });

  it('loads @hpke/core only in the encryption chunk, on demand', () => {
    const core = staticClosure(builds.core);
    const encryption = builds.core.filter((chunk) => chunk.moduleIds.some((id) => id.includes('@hpke')));
    assert.ok(encryption.length > 0, 'no chunk contains @hpke/core');
    assert.ok(encryption.every((chunk) => !core.includes(chunk)), 'the core entry imports the encryption code statically');
    assert.ok(entryOf(builds.core).dynamicImports.some((name) => encryption.some((chunk) => chunk.fileName === name)));
  });

  it('keeps the files of the production builds as the README reports them', async () => {
    // Prints the figures recorded in the README (node --test shows them with the test's output).
    const chunks = [...builds.core, ...builds.content];
    console.log(chunks.map((chunk) => `${chunk.fileName}: ${chunk.code.length} B min, ${gzipped(chunk.code)} B min+gzip`).join('\n'));
    const readme = await readFile(join(packageDir, 'README.md'), 'utf8');
    for (const entry of [entryOf(builds.core), entryOf(builds.content)]) {
      const row = `\`${entry.fileName}\``;
      const recorded = readme.split('\n').find((line) => line.startsWith('|') && line.includes(row));
      const [, min, gzip] = /\| (\d+) B \| (\d+) B \|/.exec(recorded ?? '') ?? [];
      // The minified size is exact. The gzip size moves by a few bytes whenever a lazy chunk's
      // content hash (named in the entry) changes, so the README may trail it by up to 0.5 %.
      const gzipOk = gzip !== undefined && Math.abs(Number(gzip) - gzipped(entry.code)) <= gzipped(entry.code) * 0.005;
      assert.ok(Number(min) === entry.code.length && gzipOk, `README.md does not record ${row} as ${entry.code.length} B min, ${gzipped(entry.code)} B min+gzip (within 0.5 %)`);
    }
  });
});
