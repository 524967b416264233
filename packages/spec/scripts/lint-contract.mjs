// Lints an OpenAPI document with a Spectral ruleset and returns the findings.
// Used by `npm run lint` and by the contract tests, so both apply the very same check.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
export const specRoot = join(here, '..');
export const contractPath = join(specRoot, 'openapi.yaml');
export const repoRulesetPath = join(specRoot, 'spectral', 'ruleset.yaml');
/** The published NLGov linter, available beside the repository as reference material. */
export const publishedNlgovRulesetPath = join(specRoot, '..', '..', '..', 'shared', 'standards', 'nlgov-adr-ruleset.yaml');

const spectralBin = join(
  dirname(createRequire(import.meta.url).resolve('@stoplight/spectral-cli/package.json')),
  'dist',
  'index.js',
);

/**
 * @param {string} document path of the OpenAPI document
 * @param {string} ruleset path of the Spectral ruleset
 * @returns {Promise<Array<{ code: string, message: string, path: string[], severity: number, range: { start: { line: number } } }>>}
 */
export async function lintContract(document = contractPath, ruleset = repoRulesetPath) {
  const args = [spectralBin, 'lint', document, '--ruleset', ruleset, '--format', 'json', '--quiet', '--fail-severity', 'hint'];
  try {
    const { stdout } = await run(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
    return stdout.trim() ? JSON.parse(stdout) : [];
  } catch (error) {
    // Spectral exits 1 when it found something; its findings are still on stdout.
    const stdout = /** @type {{ stdout?: string }} */ (error).stdout ?? '';
    if (stdout.trim().startsWith('[')) return JSON.parse(stdout);
    throw error;
  }
}

/** One line per finding, as a developer wants to read it. */
export function formatFindings(findings) {
  return findings.map((f) => `  ${f.range.start.line + 1}: ${f.code} — ${f.message} (${f.path.join('.')})`).join('\n');
}
