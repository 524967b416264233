// The weight budget of the core client, measured on the production build (rollup with the shared
// factory, ky bundled, terser) and gzip level 9: bytes are deterministic, so this is no timing test.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rollup, type OutputChunk, type RollupOptions } from 'rollup';

// 6 kB as bundle-size tools count it (size-limit, bundlephobia): 6 × 1024 bytes.
const CORE_BUDGET_BYTES = 6 * 1024;

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const gzipped = (code: string) => gzipSync(code, { level: 9 }).length;

let outDir: string;
let chunks: OutputChunk[];
before(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'weerbaar-sdk-bundle-'));
  // The factory's paths (src/, tsconfig) are relative to the package, as when `rollup -c` runs there.
  const cwd = process.cwd();
  process.chdir(packageDir);
  try {
    const { browserBundle } = (await import(join(packageDir, 'rollup.config.mjs'))) as { browserBundle: (dir: string) => RollupOptions };
    const config = browserBundle(outDir);
    const bundle = await rollup(config);
    const { output } = await bundle.write(config.output as object);
    await bundle.close();
    chunks = output.filter((file): file is OutputChunk => file.type === 'chunk');
  } finally {
    process.chdir(cwd);
  }
});
after(async () => {
  await rm(outDir, { recursive: true, force: true });
});

/** The entry and everything it imports statically: what a page downloads before it can call the SDK. */
function staticClosure(entry: OutputChunk): OutputChunk[] {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const closure = new Set([entry]);
  for (const chunk of closure) for (const name of chunk.imports) closure.add(byName.get(name)!);
  return [...closure];
}

describe('the weight of the SDK', () => {
  it(`keeps the core entry with ky within ${CORE_BUDGET_BYTES} bytes min+gzip`, async () => {
    const entry = chunks.find((chunk) => chunk.isEntry)!;
    const bytes = staticClosure(entry).reduce((sum, chunk) => sum + gzipped(chunk.code), 0);
    assert.ok(entry.code.includes('credentials:"omit"'), 'the measured bundle is not the client');
    assert.ok(bytes <= CORE_BUDGET_BYTES, `the core entry weighs ${bytes} bytes min+gzip, over the budget of ${CORE_BUDGET_BYTES}`);
  });

  it('loads @hpke/core only in the encryption chunk, on demand', async () => {
    const entry = chunks.find((chunk) => chunk.isEntry)!;
    const core = staticClosure(entry);
    const encryption = chunks.filter((chunk) => chunk.moduleIds.some((id) => id.includes('@hpke')));
    assert.ok(encryption.length > 0, 'no chunk contains @hpke/core');
    assert.ok(encryption.every((chunk) => !core.includes(chunk)), 'the core entry imports the encryption code statically');
    assert.ok(entry.dynamicImports.some((name) => encryption.some((chunk) => chunk.fileName === name)));
  });

  it('keeps the files of the production build as the README reports them', async () => {
    // Prints the figures recorded in the README (node --test shows them with the test's output).
    const sizes = chunks.map((chunk) => `${chunk.fileName}: ${chunk.code.length} B min, ${gzipped(chunk.code)} B min+gzip`);
    console.log(sizes.join('\n'));
    const readme = await readFile(join(packageDir, 'README.md'), 'utf8');
    const entry = chunks.find((chunk) => chunk.isEntry)!;
    assert.ok(readme.includes(`${gzipped(entry.code)} B`), `README.md does not record the core entry's ${gzipped(entry.code)} B`);
  });
});
