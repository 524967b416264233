import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { API_VERSION, openapiDocument } from '../src/index.js';
import { specRoot } from '../scripts/lint-contract.mjs';

describe('generated files', () => {
  it('are up to date with openapi.yaml and fixtures/ (types, document, fixtures)', async () => {
    const run = promisify(execFile);
    await assert.doesNotReject(
      run(process.execPath, [join(specRoot, 'scripts', 'generate.mjs'), '--check']),
      'run: npm run generate -w @weerbaar/spec',
    );
  });

  it('hold the same document as openapi.yaml', async () => {
    const yaml = parse(await readFile(join(specRoot, 'openapi.yaml'), 'utf8'));
    assert.deepEqual(openapiDocument, yaml);
  });

  it('export the contract version of info.version', () => {
    assert.equal(API_VERSION, openapiDocument.info.version);
    assert.match(API_VERSION, /^1\.\d+\.\d+$/);
  });

  it('match the CHANGELOG: the current version has an entry', async () => {
    const changelog = await readFile(join(specRoot, 'CHANGELOG.md'), 'utf8');
    assert.match(changelog, new RegExp(`^## ${API_VERSION.replace(/\./g, '\\.')}\\b`, 'm'));
  });
});
