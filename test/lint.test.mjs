import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { castsIn } from '../scripts/find-casts.mjs';
import { lintSteps } from '../scripts/lint.mjs';

describe('npm run lint', () => {
  for (const step of lintSteps) {
    it(`passes: ${step.name}`, async () => {
      const findings = await step.run();
      assert.equal(findings, null, findings ?? undefined);
    });
  }
});

describe('the cast finder behind the routes rule', () => {
  it('finds `as` and angle-bracket assertions and leaves `as const` and non-null alone', () => {
    const text = "const a = b as string;\nconst c = <number>d;\nconst e = ['x'] as const;\nconst f = g!;\nconst h = (i as unknown) as Date;\n";
    assert.deepEqual(castsIn('sample.ts', text), ['1:11 b as string', '2:11 <number>d', '5:11 (i as unknown) as Date', '5:12 i as unknown']);
  });
});
