// The bundled seed content is parsed and checked at build time (dist/seed/*.json) so that a start
// skips the YAML parser and the contract's validators; a seed file edited after the build must be
// read as edited, and checked. These tests pin both halves of that choice.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { builtSeedFile, parseContentFile, SEED_FILES, seedFile, upToDateBuiltCopy } from '../src/content/content-file.js';

describe('a seed file and its built copy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weerbaar-content-file-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const edited = join(dir, 'content.yaml');
  const built = join(dir, 'content.json');
  const at = (path: string, iso: string) => utimesSync(path, new Date(iso), new Date(iso));

  it('takes the built copy when the build wrote it after the last edit (or in the same instant)', () => {
    writeFileSync(edited, 'a: 1\n');
    writeFileSync(built, '{"a":1}');
    at(edited, '2026-01-01T09:00:00Z');
    at(built, '2026-01-01T10:00:00Z');
    assert.equal(upToDateBuiltCopy(edited, built), built);
    at(built, '2026-01-01T09:00:00Z');
    assert.equal(upToDateBuiltCopy(edited, built), built);
  });

  it('reads the seed file itself when it was edited after the build, or when there is no built copy', () => {
    at(edited, '2026-01-01T11:00:00Z');
    at(built, '2026-01-01T10:00:00Z');
    assert.equal(upToDateBuiltCopy(edited, built), undefined);
    assert.equal(upToDateBuiltCopy(edited, join(dir, 'never-built.json')), undefined);
  });

  for (const name of SEED_FILES) {
    it(`the build's ${name}.json holds exactly what ${name}.yaml says`, () => {
      assert.deepEqual(JSON.parse(readFileSync(builtSeedFile(name), 'utf8')), parseContentFile(seedFile(name)));
    });
  }
});
