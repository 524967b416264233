import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { lintContract, repoRulesetPath, specRoot } from '../scripts/lint-contract.mjs';

// That the contract itself lints clean under both rulesets is checked by `npm run lint`
// (test/lint.test.mjs at the repository root).
describe('the repository ruleset', () => {
  it('fires every one of its own rules on a document that breaks them all', async () => {
    const ruleset = parse(await readFile(repoRulesetPath, 'utf8')) as { rules: Record<string, unknown> };
    const ownRules = Object.keys(ruleset.rules).filter((name) => /^(adr|weerbaar)-/.test(name));
    assert.ok(ownRules.length >= 30, `expected the full ruleset, found ${ownRules.length} rules`);
    const findings = await lintContract(join(specRoot, 'test', 'broken-openapi.yaml'), repoRulesetPath);
    const fired = new Set(findings.map((finding) => finding.code));
    const silent = ownRules.filter((rule) => !fired.has(rule));
    assert.deepEqual(silent, [], `rules that never fired: ${silent.join(', ')}`);
  });
});
