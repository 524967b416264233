// `npm start` builds only what changed since the last build, and everything built from it
// (scripts/build-plan.mjs decides, scripts/build-facts.mjs reads the files). Checked on a copy of
// the repository's package manifests with files whose times the test sets.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readBuildFacts, readWorkspaces, SHARED_INPUTS } from '../scripts/build-facts.mjs';
import { dependantsOf, planBuilds } from '../scripts/build-plan.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const SPEC = '@weerbaar/spec';
const SDK = '@weerbaar/sdk';
const SERVER = '@weerbaar/server';
const ELEMENTS = '@weerbaar/elements';
const CONFORMANCE = '@weerbaar/conformance';

const BUILT_AT = new Date('2026-01-01T10:00:00Z');
const EDITED_BEFORE = new Date('2026-01-01T09:00:00Z');
const EDITED_AFTER = new Date('2026-01-01T11:00:00Z');

function write(path, text, time) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  utimesSync(path, time, time);
}

describe('npm start builds what changed and what is built from it', () => {
  const workspaces = readWorkspaces(root);
  let copy;
  let copied;

  /** The plan for the copy, as names. */
  const planned = () => planBuilds(copied, readBuildFacts(copy, copied)).map(({ name }) => name);
  const source = (name) => join(copied.find((workspace) => workspace.name === name).dir, 'src', 'index.ts');

  before(() => {
    // The root and workspace manifests as they are; every other input and every promised output made up.
    copy = mkdtempSync(join(tmpdir(), 'weerbaar-build-plan-'));
    write(join(copy, 'package.json'), readFileSync(join(root, 'package.json'), 'utf8'), EDITED_BEFORE);
    for (const file of [...SHARED_INPUTS, 'scripts/precompress.mjs']) write(join(copy, file), '// input\n', EDITED_BEFORE);
    for (const { dir, manifest } of workspaces) {
      const target = join(copy, dir.slice(root.length));
      write(join(target, 'package.json'), JSON.stringify(manifest), EDITED_BEFORE);
      write(join(target, 'rollup.config.mjs'), '// config\n', EDITED_BEFORE);
      write(join(target, 'src', 'index.ts'), 'export {};\n', EDITED_BEFORE);
      const promised = [manifest.exports, manifest.bin].flatMap(function targets(value) {
        return typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(targets) : [];
      });
      for (const file of promised.filter((path) => /^(\.\/)?dist\//.test(path) && !path.includes('*'))) write(join(target, file), '// built\n', BUILT_AT);
    }
    copied = readWorkspaces(copy);
  });
  after(() => rmSync(copy, { recursive: true, force: true }));

  it('knows the workspaces in build order with what each is built from', () => {
    assert.deepEqual(
      workspaces.map(({ name, dependsOn }) => [name, dependsOn]),
      [[SPEC, []], [SDK, [SPEC]], [SERVER, [SPEC]], [ELEMENTS, [SDK]], [CONFORMANCE, [SPEC]]],
    );
  });

  it('builds nothing when nothing changed since the last build', () => {
    assert.deepEqual(planned(), []);
  });

  it('builds nothing for a changed test, README or document', () => {
    const spec = copied.find(({ name }) => name === SPEC).dir;
    write(join(spec, 'test', 'contract.test.ts'), 'it();\n', EDITED_AFTER);
    write(join(spec, 'README.md'), '# spec\n', EDITED_AFTER);
    write(join(spec, 'src', 'contract.test.ts'), 'it();\n', EDITED_AFTER);
    assert.deepEqual(planned(), []);
  });

  it('builds the spec and everything built from it when a spec source changed, in build order', () => {
    utimesSync(source(SPEC), EDITED_AFTER, EDITED_AFTER);
    const plan = planBuilds(copied, readBuildFacts(copy, copied));
    assert.deepEqual(plan.map(({ name }) => name), [SPEC, SDK, SERVER, ELEMENTS, CONFORMANCE]);
    assert.match(plan[0].reason, /packages\/spec\/src\/index\.ts changed/);
    utimesSync(source(SPEC), EDITED_BEFORE, EDITED_BEFORE);
    assert.deepEqual(planned(), []);
  });

  it('builds only the elements when an element changed, and sdk and elements when the SDK did', () => {
    utimesSync(source(ELEMENTS), EDITED_AFTER, EDITED_AFTER);
    assert.deepEqual(planned(), [ELEMENTS]);
    utimesSync(source(ELEMENTS), EDITED_BEFORE, EDITED_BEFORE);
    utimesSync(source(SDK), EDITED_AFTER, EDITED_AFTER);
    assert.deepEqual(planned(), [SDK, ELEMENTS]);
    utimesSync(source(SDK), EDITED_BEFORE, EDITED_BEFORE);
  });

  it('builds everything when the lockfile or the shared rollup config changed, and the elements for their own root script', () => {
    for (const file of ['package-lock.json', 'rollup.config.mjs']) {
      utimesSync(join(copy, file), EDITED_AFTER, EDITED_AFTER);
      assert.deepEqual(planned(), [SPEC, SDK, SERVER, ELEMENTS, CONFORMANCE], file);
      utimesSync(join(copy, file), EDITED_BEFORE, EDITED_BEFORE);
    }
    utimesSync(join(copy, 'scripts', 'precompress.mjs'), EDITED_AFTER, EDITED_AFTER);
    assert.deepEqual(planned(), [ELEMENTS]);
    utimesSync(join(copy, 'scripts', 'precompress.mjs'), EDITED_BEFORE, EDITED_BEFORE);
  });

  it('builds a package whose build did not finish (a promised file missing) and what is built from it', () => {
    const inbox = join(copied.find(({ name }) => name === ELEMENTS).dir, 'dist', 'cdn', 'inbox.js');
    rmSync(inbox);
    assert.deepEqual(planned(), [ELEMENTS]);
    write(inbox, '// built\n', BUILT_AT);
    const specEntry = join(copied.find(({ name }) => name === SPEC).dir, 'dist', 'index.js');
    rmSync(specEntry);
    assert.deepEqual(planned(), [SPEC, SDK, SERVER, ELEMENTS, CONFORMANCE]);
    write(specEntry, '// built\n', BUILT_AT);
    assert.deepEqual(planned(), []);
  });

  it('builds a package again when a package it is built from was built after it', () => {
    const facts = readBuildFacts(copy, copied);
    facts[SDK].outputs = { oldestMs: EDITED_AFTER.getTime(), newestMs: EDITED_AFTER.getTime() };
    assert.deepEqual(planBuilds(copied, facts).map(({ name }) => name), [ELEMENTS]);
  });

  it('after a failed build, skips the packages built from it', () => {
    assert.deepEqual([...dependantsOf(workspaces, SDK)], [SDK, ELEMENTS]);
    assert.deepEqual([...dependantsOf(workspaces, SPEC)], [SPEC, SDK, SERVER, ELEMENTS, CONFORMANCE]);
  });
});
