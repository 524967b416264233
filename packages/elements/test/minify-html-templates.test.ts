// The build-time compaction of `html` templates (scripts/minify-html-templates.mjs): which runs of
// whitespace go, which stay because a reader would see them, and that nothing else changes.
import assert from 'node:assert/strict';
import { SourceMap } from 'node:module';
import { describe, it } from 'node:test';
import { compactedSources, minifyHtmlTemplates, minifyHtmlTemplatesWithMap } from '../scripts/minify-html-templates.mjs';

describe('minifyHtmlTemplates', () => {
  it('drops line-break runs between tags, at the ends of a literal, next to expressions and between attributes', () => {
    const source = 'const view = html `\n  <div class="a">\n    ${title}\n    ${body}\n    <button\n      type="button"\n      @click=${go}\n    >\n      ${label}\n    </button>\n  </div>\n`;';
    assert.equal(minifyHtmlTemplates(source), 'const view = html `<div class="a">${title}${body}<button type="button" @click=${go}>${label}</button></div>`;');
  });

  it('keeps the spaces a reader sees: a single space, and line breaks inside text', () => {
    const source = 'html`<p>\n  <strong>${a}</strong> ${b}\n  ${c}:\n  ${d}.\n</p>`';
    assert.equal(minifyHtmlTemplates(source), 'html`<p><strong>${a}</strong> ${b}${c}:\n  ${d}.\n</p>`');
  });

  it('compacts nested html templates and leaves other literals, strings, comments and regular expressions as written', () => {
    const source = "const x = `\n  <p>\n`; const y = '\\n <b>`'; // html`\n const z = /`/; html`<ul>\n  ${items.map((item) => html`<li>\n    ${item}\n  </li>`)}\n</ul>`";
    assert.equal(minifyHtmlTemplates(source), "const x = `\n  <p>\n`; const y = '\\n <b>`'; // html`\n const z = /`/; html`<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>`");
  });

  it('keeps a quoted attribute value as written', () => {
    assert.equal(minifyHtmlTemplates('html`<p title="a\n  b">\n  <b>x</b>\n</p>`'), 'html`<p title="a\n  b"><b>x</b></p>`');
  });

  it('applies to the public elements written for it, not to their tests or stories, nor to other elements', () => {
    assert.ok(compactedSources.test('/w/packages/elements/src/signal-checklist/signal-checklist.ts'));
    assert.ok(compactedSources.test('/w/packages/elements/src/norm-banner/norm-banner.ts'));
    assert.ok(!compactedSources.test('/w/packages/elements/src/norm-banner/norm-banner.test.ts'));
    assert.ok(!compactedSources.test('/w/packages/elements/src/support-directory/support-directory.stories.ts'));
    assert.ok(!compactedSources.test('/w/packages/elements/src/case-inbox/list-view.ts'));
  });

  it('rewrites the same whitespace in place, so that a source map keeps each character on its own source line', () => {
    const source = 'const view = html`\n  <ul>\n\t\t<li>\n    ${item}\n  </li>\n</ul>`;\nconst after = 1;';
    const result = minifyHtmlTemplatesWithMap(source);
    assert.ok(result);
    assert.equal(result.code, minifyHtmlTemplates(source));
    // `after` is on line 7 (index 6) of the source; in the output it is on line 2 (index 1).
    const column = result.code.split('\n')[1]!.indexOf('after');
    const entry = new SourceMap({ ...result.map, file: 'view.js', sourceRoot: '', sourcesContent: [] }).findEntry(1, column);
    assert.deepEqual(entry, { ...entry, originalLine: 6, originalColumn: 6 });
    assert.equal(minifyHtmlTemplatesWithMap('const a = `\n  <p>\n`;'), undefined, 'no html template, no result');
    assert.throws(() => minifyHtmlTemplatesWithMap(source, result.code.replace('item', 'iten')), /changed more than whitespace/);
  });
});
