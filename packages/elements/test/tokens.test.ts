import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tokensToCss } from '../scripts/tokens-to-css.mjs';
import { packageDir } from './built-files.js';

const elements = ['norm-banner', 'signal-checklist', 'support-directory', 'report-button', 'case-inbox', 'case-view'];
// The report button's dialog loads lazily from its own folder, but its properties are the button's.
const styleFiles = (element: string) => [`src/${element}/${element}.styles.ts`, ...(element === 'report-button' ? ['src/report-dialog/report-dialog.styles.ts'] : [])];
const read = (path: string) => readFileSync(join(packageDir, path), 'utf8');
const convert = tokensToCss as (tokens: unknown, selector?: string) => string;

/** The custom properties a token file defines, as CSS names. */
function tokenProperties(path: string): Set<string> {
  return new Set([...convert(JSON.parse(read(path))).matchAll(/(--weerbaar-[a-z0-9-]+):/g)].map((match) => match[1]!));
}

function propertiesUsedIn(source: string): Set<string> {
  return new Set([...source.matchAll(/var\((--weerbaar-[a-z0-9-]+)/g)].map((match) => match[1]!));
}

describe('design tokens', () => {
  for (const element of elements) {
    it(`${element}/tokens.json lists exactly the element's own custom properties, and the docs name them all`, () => {
      const used = [...new Set(styleFiles(element).flatMap((file) => [...propertiesUsedIn(read(file))]))].filter((name) => name.startsWith(`--weerbaar-${element}-`));
      const documented = [...read(`src/${element}/${element}.ts`).matchAll(/@cssproperty (--weerbaar-[a-z0-9-]+)/g)].map((match) => match[1]!);
      const tokens = [...tokenProperties(`src/${element}/tokens.json`)];
      assert.deepEqual(tokens.sort(), used.sort());
      assert.deepEqual(documented.sort(), used.sort());
    });
  }

  it('base/tokens.json lists every shared --weerbaar-* property the elements use', () => {
    const used = new Set<string>();
    for (const file of ['src/base/host.styles.ts', 'src/base/shared.styles.ts', ...elements.flatMap(styleFiles)]) {
      for (const name of propertiesUsedIn(read(file))) if (!elements.some((el) => name.startsWith(`--weerbaar-${el}-`))) used.add(name);
    }
    assert.deepEqual([...tokenProperties('src/base/tokens.json')].sort(), [...used].sort());
  });

  it('every alias in the token files points at a token that exists', () => {
    const all = new Set(['base', ...elements].flatMap((name) => [...tokenProperties(`src/${name}/tokens.json`)]));
    for (const name of ['base', ...elements]) {
      for (const match of read(`src/${name}/tokens.json`).matchAll(/"\{([a-z0-9.-]+)\}"/g)) assert.ok(all.has(`--${match[1]!.replaceAll('.', '-')}`), match[1]);
    }
  });
});

describe('a theme from a token file alone', () => {
  it('turns tokens and aliases into custom properties on the given selector', () => {
    const css = convert({ weerbaar: { info: { 'accent-color': { $type: 'color', $value: '#123456' } }, 'norm-banner': { 'accent-color': { $value: '{weerbaar.info.accent-color}' } } } }, '.x');
    assert.equal(css, '.x {\n  --weerbaar-info-accent-color: #123456;\n  --weerbaar-norm-banner-accent-color: var(--weerbaar-info-accent-color);\n}\n');
  });

  it('refuses a value that would break out of the rule', () => {
    assert.throws(() => convert({ weerbaar: { 'text-color': { $value: 'red; } body { display: none' } } }));
  });

  it('examples/themed-site/themes/voorbeeldstad.css is generated from its token file and up to date', () => {
    const site = join(packageDir, '..', '..', 'examples', 'themed-site', 'themes');
    const css = readFileSync(join(site, 'voorbeeldstad.css'), 'utf8');
    const expected = convert(JSON.parse(readFileSync(join(site, 'voorbeeldstad.tokens.json'), 'utf8')), '.theme-voorbeeldstad');
    assert.equal(css.slice(css.indexOf('\n') + 1), expected);
  });
});
