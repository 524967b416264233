// Finds type assertions (`value as Type`, `<Type>value`) in TypeScript source, `as const` aside. The
// server's routes read parameters and bodies typed from the contract (defineOperation), so a cast
// there would hide a mismatch with the contract: `npm run lint` keeps routes/ free of them.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * The type assertions in one source text, as `line:column text`.
 * @param {string} fileName
 * @param {string} text
 * @returns {string[]}
 */
export function castsIn(fileName, text) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  /** @type {string[]} */
  const found = [];
  /** @param {ts.Node} node */
  const visit = (node) => {
    const isAs = ts.isAsExpression(node) && !(ts.isTypeReferenceNode(node.type) && node.type.typeName.getText(source) === 'const');
    if (isAs || ts.isTypeAssertionExpression(node)) {
      const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${line + 1}:${character + 1} ${node.getText(source).replace(/\s+/g, ' ').slice(0, 100)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Every type assertion in the `.ts` files under `dir`, as `path:line:column text` relative to `root`.
 * @param {string} root
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
export async function castsUnder(root, dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const path = join(entry.parentPath ?? entry.path, entry.name);
    for (const cast of castsIn(path, await readFile(path, 'utf8'))) found.push(`${relative(root, path)}:${cast}`);
  }
  return found.sort();
}
