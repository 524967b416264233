import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { API_VERSION, fieldLimits, openapiDocument } from '../src/index.js';
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

  it('export the field limits the document states, for every schema property that states one', () => {
    const byName: Record<string, Record<string, Record<string, number>> | number> = fieldLimits;
    const keywords = ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'minimum', 'maximum'];
    let checked = 0;
    for (const [name, schema] of Object.entries(openapiDocument.components.schemas as Record<string, { properties?: Record<string, Record<string, unknown>> }>)) {
      for (const [property, propertySchema] of Object.entries(schema.properties ?? {})) {
        for (const keyword of keywords.filter((candidate) => typeof propertySchema[candidate] === 'number')) {
          const limits = byName[name];
          assert.equal(typeof limits === 'object' ? limits[property]?.[keyword] : undefined, propertySchema[keyword], `${name}.${property}.${keyword}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 100, `${checked} limits`);
    assert.equal(fieldLimits.ContactDetails.email.maxLength, 254);
    assert.equal(fieldLimits.getSupportContactsQuery.q.maxLength, 100);
    assert.equal(fieldLimits.defaultTextAnswerMaxLength, 1000);
  });
});
