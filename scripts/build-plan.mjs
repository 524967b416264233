// Which workspaces `npm start` must build, decided from facts alone (no file system here; the facts
// come from scripts/build-facts.mjs): a package whose outputs are missing or older than one of its
// inputs, and every package that depends on one that is rebuilt or was built after it.

/**
 * @typedef {object} Workspace
 * @property {string} name e.g. `@weerbaar/sdk`
 * @property {string[]} dependsOn the names of the workspaces it is built from
 *
 * @typedef {object} BuildFacts
 * @property {{ file: string, mtimeMs: number } | undefined} newestInput its newest source, config or lock file
 * @property {{ oldestMs: number, newestMs: number } | undefined} outputs its built files' modification times; undefined when a built entry point is missing
 */

/**
 * @param {Workspace[]} workspaces in build order (every package after those it depends on)
 * @param {Record<string, BuildFacts>} facts by workspace name
 * @returns {{ name: string, reason: string }[]} what to build, in build order, and why
 */
export function planBuilds(workspaces, facts) {
  /** @type {{ name: string, reason: string }[]} */
  const plan = [];
  const rebuilt = new Set();
  for (const { name, dependsOn } of workspaces) {
    const { newestInput, outputs } = facts[name] ?? {};
    let reason;
    if (!outputs) {
      reason = 'not built';
    } else if (newestInput && newestInput.mtimeMs > outputs.oldestMs) {
      reason = `${newestInput.file} changed`;
    } else {
      const rebuiltDependency = dependsOn.find((dependency) => rebuilt.has(dependency));
      // Built by itself after this package was (`npm run build -w …`): this one still has the old one in it.
      const newerDependency = dependsOn.find((dependency) => (facts[dependency]?.outputs?.newestMs ?? 0) > outputs.oldestMs);
      if (rebuiltDependency) reason = `${rebuiltDependency} is rebuilt`;
      else if (newerDependency) reason = `${newerDependency} was built after it`;
    }
    if (reason) {
      rebuilt.add(name);
      plan.push({ name, reason });
    }
  }
  return plan;
}

/**
 * The workspaces that cannot be built when `failed` failed: it and everything built from it.
 * @param {Workspace[]} workspaces in build order
 * @param {string} failed
 */
export function dependantsOf(workspaces, failed) {
  const out = new Set([failed]);
  for (const { name, dependsOn } of workspaces) if (dependsOn.some((dependency) => out.has(dependency))) out.add(name);
  return out;
}
