// `npm run lint`: TypeScript strict type-check of every package, no casts in the server's routes, and
// the contract lint.
// The same steps run as tests in `npm test` (test/lint.test.mjs).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { formatFindings, lintContract, publishedNlgovRulesetPath } from '../packages/spec/scripts/lint-contract.mjs';
import { castsUnder } from './find-casts.mjs';

const run = promisify(execFile);
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const packages = ['spec', 'sdk', 'server', 'elements', 'conformance'];

/** @typedef {{ name: string, run: () => Promise<string | null> }} LintStep  run resolves to null when clean, or the findings */

/** @type {LintStep[]} */
export const lintSteps = [
  ...packages
    .filter((name) => existsSync(join(repoRoot, 'packages', name, 'tsconfig.json')))
    .map((name) => ({
      name: `type-check @weerbaar/${name} (strict)`,
      run: async () => {
        try {
          await run(process.execPath, [tsc, '--noEmit', '-p', join(repoRoot, 'packages', name, 'tsconfig.json')], {
            maxBuffer: 16 * 1024 * 1024,
          });
          return null;
        } catch (error) {
          return `${error.stdout ?? ''}${error.stderr ?? ''}` || String(error);
        }
      },
    })),
  {
    name: 'no type assertions (casts) in packages/server/src/routes/: routes read the contract\'s types from defineOperation',
    run: async () => {
      const casts = await castsUnder(repoRoot, join(repoRoot, 'packages', 'server', 'src', 'routes'));
      return casts.length ? `${casts.length} cast(s):\n${casts.join('\n')}` : null;
    },
  },
  {
    name: 'lint the contract with the repository ruleset (NLGov design rules + Weerbaar rules)',
    run: async () => {
      const findings = await lintContract();
      return findings.length ? formatFindings(findings) : null;
    },
  },
  ...(existsSync(publishedNlgovRulesetPath)
    ? [
        {
          name: 'lint the contract with the published NLGov ruleset',
          run: async () => {
            const findings = await lintContract(undefined, publishedNlgovRulesetPath);
            return findings.length ? formatFindings(findings) : null;
          },
        },
      ]
    : []),
];

if (import.meta.url === `file://${process.argv[1]}`) {
  let failed = 0;
  for (const step of lintSteps) {
    const findings = await step.run();
    console.log(`${findings ? '✗' : '✓'} ${step.name}`);
    if (findings) {
      failed++;
      console.log(findings);
    }
  }
  process.exitCode = failed ? 1 : 0;
}
