import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { checkTable, withCheckTable } from '../scripts/check-table.js';
import { checkRegistry, PROFILES } from '../src/index.js';

describe('the check registry', () => {
  const checks = checkRegistry();

  it('gives every check a unique, stable requirement ID', () => {
    const ids = checks.map((check) => check.id);
    assert.deepEqual(ids.filter((id, index) => ids.indexOf(id) !== index), []);
    for (const id of ids) assert.match(id, /^WRA-[A-Z]+-\d{2}$/);
  });

  it('names for every check what must hold, where the contract requires it, and a severity', () => {
    for (const check of checks) {
      assert.ok(check.title.endsWith('.'), `${check.id} has a sentence as its title`);
      assert.ok(check.requirement.length > 0, `${check.id} names its requirement`);
      assert.ok(check.severity === 'MUST' || check.severity === 'SHOULD');
      for (const rule of check.adr ?? []) assert.match(rule, /^\/core\/[a-z0-9/-]+$/, `${check.id}: ${rule} is an NLGov ADR rule id`);
    }
  });

  it('has checks in every profile', () => {
    for (const profile of PROFILES) assert.ok(checks.some((check) => check.profile === profile.id), `${profile.id} has checks`);
  });
});

describe('the README', () => {
  it('lists exactly the checks of the registry (run `npm run readme -w @weerbaar/conformance` after changing a check)', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    assert.equal(withCheckTable(readme), readme);
    assert.ok(readme.includes(checkTable()));
  });
});
