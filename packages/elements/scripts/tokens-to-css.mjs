// Turns a DTCG design-token file (the format of the elements' tokens.json) into CSS custom
// properties, so a municipality can theme the elements with a token file alone:
//
//   node packages/elements/scripts/tokens-to-css.mjs --selector ':root' my-theme.tokens.json > my-theme.css
//
// Token paths become property names (`weerbaar.norm-banner.background-color` →
// `--weerbaar-norm-banner-background-color`); aliases (`{weerbaar.info.accent-color}`) become `var()`.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

const aliasPattern = /^\{([^{}]+)\}$/;
const safeValue = /^[^;{}<>]*$/;

/**
 * @param {unknown} tokens a parsed DTCG token file
 * @param {string} selector the CSS selector the properties are declared on
 * @returns {string}
 */
export function tokensToCss(tokens, selector = ':root') {
  /** @type {string[]} */
  const declarations = [];
  const visit = (node, path) => {
    if (typeof node !== 'object' || node === null) return;
    if ('$value' in node) {
      const value = String(node.$value);
      const alias = aliasPattern.exec(value);
      const css = alias ? `var(--${alias[1].replaceAll('.', '-')})` : value;
      // A token file is data from outside: refuse anything that could close the rule.
      if (!safeValue.test(css)) throw new Error(`Unsafe value for ${path.join('.')}: ${value}`);
      declarations.push(`  --${path.join('-')}: ${css};`);
      return;
    }
    for (const [key, child] of Object.entries(node)) if (!key.startsWith('$')) visit(child, [...path, key]);
  };
  visit(tokens, []);
  return `${selector} {\n${declarations.join('\n')}\n}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ options: { selector: { type: 'string', default: ':root' } }, allowPositionals: true });
  const parts = await Promise.all(positionals.map(async (file) => tokensToCss(JSON.parse(await readFile(file, 'utf8')), values.selector)));
  process.stdout.write(`/* Generated from ${positionals.join(', ')} by packages/elements/scripts/tokens-to-css.mjs. */\n${parts.join('\n')}`);
}
