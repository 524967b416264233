// The facts scripts/build-plan.mjs decides on, read from the file system: the workspaces and what
// they are built from (their package.json), each one's newest input and its built files' times.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Files at the root that every package's build reads. */
export const SHARED_INPUTS = ['package-lock.json', 'rollup.config.mjs', 'tsconfig.base.json', 'scripts/clean-dist.mjs'];
/** Files at the root that one package's build reads (its rollup config imports them). */
export const OWN_ROOT_INPUTS = { '@weerbaar/elements': ['scripts/precompress.mjs'] };
/** Never read by a build: built files, installed packages, tests, documentation. */
const SKIPPED_DIRECTORIES = new Set(['dist', 'node_modules', 'test', 'docs', 'coverage', 'tmp']);
/**
 * Not read by a build: written by one or by a pack (the spec's generated sources come from its
 * openapi.yaml), or read by the server when it runs (its pages). The server's seed content is read
 * by its build (checked and written as dist/seed/*.json), so an edited seed file rebuilds it.
 */
const NOT_BUILT_FROM = new Set(['packages/spec/src/generated', 'packages/server/elements', 'packages/server/hosted']);
const SKIPPED_FILES = /(\.(test|stories)\.[cm]?[jt]s|\.md|^LICENSE)$/;

function* filesUnder(root, dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name) && !NOT_BUILT_FROM.has(relative(root, path))) yield* filesUnder(root, path);
    } else if (entry.isFile() && !SKIPPED_FILES.test(entry.name)) {
      yield path;
    }
  }
}

function* everyFile(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) yield join(entry.parentPath, entry.name);
}

/** The files under dist/ that package.json promises (exports and bin, without patterns). */
function promisedOutputs(manifest) {
  const targets = [];
  const collect = (value) => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(manifest.exports);
  collect(manifest.bin);
  return targets.map((target) => target.replace(/^\.\//, '')).filter((target) => target.startsWith('dist/') && !target.includes('*'));
}

/**
 * The root's workspaces in their listed (build) order, each with the workspaces its package.json
 * depends on.
 * @returns {{ name: string, dir: string, manifest: any, dependsOn: string[] }[]}
 */
export function readWorkspaces(root) {
  const dirs = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;
  const workspaces = dirs.map((dir) => ({ dir: join(root, dir), manifest: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) }));
  const names = new Set(workspaces.map(({ manifest }) => manifest.name));
  return workspaces.map(({ dir, manifest }) => ({
    name: manifest.name,
    dir,
    manifest,
    dependsOn: Object.keys({ ...manifest.dependencies, ...manifest.devDependencies, ...manifest.peerDependencies }).filter((name) => names.has(name)),
  }));
}

/** @returns {Record<string, import('./build-plan.mjs').BuildFacts>} */
export function readBuildFacts(root, workspaces = readWorkspaces(root)) {
  const atRoot = (files) => files.map((file) => join(root, file)).filter((file) => existsSync(file));
  const facts = {};
  for (const { name, dir, manifest } of workspaces) {
    let newestInput;
    for (const file of [...atRoot(SHARED_INPUTS), ...atRoot(OWN_ROOT_INPUTS[name] ?? []), ...filesUnder(root, dir)]) {
      const { mtimeMs } = statSync(file);
      if (!newestInput || mtimeMs > newestInput.mtimeMs) newestInput = { file: relative(root, file), mtimeMs };
    }
    const dist = join(dir, 'dist');
    let outputs;
    if (existsSync(dist) && promisedOutputs(manifest).every((file) => existsSync(join(dir, file)))) {
      const times = [...everyFile(dist)].map((file) => statSync(file).mtimeMs);
      if (times.length) outputs = { oldestMs: Math.min(...times), newestMs: Math.max(...times) };
    }
    facts[name] = { newestInput, outputs };
  }
  return facts;
}
