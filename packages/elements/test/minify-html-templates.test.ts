// The build-time compaction of `html` templates (scripts/minify-html-templates.mjs): which runs of
// whitespace go, which stay because a reader would see them, and that nothing else changes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compactedSources, minifyHtmlTemplates } from '../scripts/minify-html-templates.mjs';

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
});
