import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintSteps } from '../scripts/lint.mjs';

describe('npm run lint', () => {
  for (const step of lintSteps) {
    it(`passes: ${step.name}`, async () => {
      const findings = await step.run();
      assert.equal(findings, null, findings ?? undefined);
    });
  }
});
