// Build-time compaction of Lit `html\`...\`` templates, so the sources stay readable (one tag a line)
// while the shipped bytes carry no indentation. Used by the elements' rollup config (after TypeScript,
// before terser) and by the browser tests' dev server (after esbuild), so the tests see what ships.

import MagicString from 'magic-string';

/**
 * Whitespace runs that contain a line break, where dropping them cannot change what a reader sees:
 * between a tag's `>` and the next `<`, at the start and end of a literal, between `>` and `${`,
 * between `}` and `<`, and between two expressions (`}` and `${`: in the compacted sources every
 * such pair renders blocks or nothing). Inside a tag (between attributes) a run becomes one space,
 * or nothing before its `>`. A run inside text (`</strong> ${text}`, `word\n  word`) stays; so
 * does a single space without a line break, which is how a visible space is written in our templates.
 */
function compactStatic(text, { first, last }, tag) {
  let out = compactInsideTags(text, tag);
  out = out.replace(/>[ \t]*\n\s*</g, '><');
  if (first) out = out.replace(/^[ \t]*\n\s*/, '');
  if (last) out = out.replace(/\s*\n[ \t]*$/, '');
  if (!first && !last && /^\s*\n\s*$/.test(out)) return '';
  if (!last) out = out.replace(/>[ \t]*\n\s*$/, '>');
  if (!first) out = out.replace(/^[ \t]*\n\s*</, '<');
  return out;
}

/**
 * Line-break runs between a tag's attributes: one space, or none before `>`. `tag` carries whether
 * the text so far ends inside a tag (and inside which quote) from one static part to the next, as
 * an attribute's value may be an expression.
 */
function compactInsideTags(text, tag) {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (!tag.open) {
      if (char === '<' && /[a-zA-Z/]/.test(text[i + 1] ?? '')) tag.open = true;
      out += char;
      i += 1;
    } else if (tag.quote) {
      if (char === tag.quote) tag.quote = undefined;
      out += char;
      i += 1;
    } else if (char === '"' || char === "'") {
      tag.quote = char;
      out += char;
      i += 1;
    } else if (/\s/.test(char)) {
      const run = /^\s+/.exec(text.slice(i))[0];
      i += run.length;
      out += !run.includes('\n') ? run : text[i] === '>' ? '' : ' ';
    } else {
      if (char === '>') tag.open = false;
      out += char;
      i += 1;
    }
  }
  return out;
}

/**
 * The sources whose templates are compacted: the public elements whose markup sits in block, grid and
 * flex containers only. The console, the report dialog and the dilemma cards still put inline
 * siblings on separate lines (`<strong>…</strong>` then `<span>(…)</span>`, buttons side by side
 * without a gap), where the line break is a visible space; they stay as written.
 */
export const compactedSources = /\/src\/(signal-checklist|norm-banner|support-directory)\/[\w-]+(?<!\.test|\.stories)\.ts$/;

/**
 * Reads JavaScript from `start` up to (not including) the `}` that closes a `${` (or to the end when
 * `closing` is false), rewriting every `html\`` literal it meets. Strings, comments and other template
 * literals (and regular-expression literals, told apart from a division by what precedes them) are
 * copied as they are.
 */
function scanCode(code, start, closing) {
  let out = '';
  let depth = 0;
  let i = start;
  while (i < code.length) {
    const char = code[i];
    if (char === '}' && closing && depth === 0) return { out, end: i };
    if (char === '{') depth += 1;
    else if (char === '}') depth -= 1;
    if (char === '"' || char === "'") {
      const end = stringEnd(code, i, char);
      out += code.slice(i, end);
      i = end;
      continue;
    }
    if (char === '/' && (code[i + 1] === '/' || code[i + 1] === '*')) {
      const end = code[i + 1] === '/' ? code.indexOf('\n', i) : code.indexOf('*/', i + 2) + 2;
      const stop = end <= 0 ? code.length : end;
      out += code.slice(i, stop);
      i = stop;
      continue;
    }
    if (char === '/' && regexMayStart(out)) {
      const end = regexEnd(code, i);
      out += code.slice(i, end);
      i = end;
      continue;
    }
    if (char === '`') {
      // TypeScript writes `html \`` (with a space), esbuild `html\``.
      const tagged = /(?:^|[^\w$.])html\s*$/.test(code.slice(Math.max(0, i - 12), i));
      const template = scanTemplate(code, i + 1, tagged);
      out += `\`${template.out}\``;
      i = template.end + 1;
      continue;
    }
    out += char;
    i += 1;
  }
  if (closing) throw new Error('minify-html-templates: unclosed ${ in a template literal');
  return { out, end: i };
}

/** A `/` starts a regular expression after an operator, an opening bracket or a keyword, not after a value. */
function regexMayStart(before) {
  const trimmed = before.slice(-16).trimEnd();
  return trimmed === '' || /[(,=:[!&|?{};+\-*%<>~^]$/.test(trimmed) || /\b(return|typeof|case|do|else|in|of|void|yield|await)$/.test(trimmed);
}

function regexEnd(code, start) {
  let i = start + 1;
  let inClass = false;
  while (i < code.length && code[i] !== '\n') {
    const char = code[i];
    if (char === '\\') i += 1;
    else if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    else if (char === '/' && !inClass) return i + 1;
    i += 1;
  }
  throw new Error('minify-html-templates: unclosed regular expression');
}

function stringEnd(code, start, quote) {
  let i = start + 1;
  while (i < code.length && code[i] !== quote) i += code[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** Reads a template literal's body from `start` (after the backtick) to its closing backtick. */
function scanTemplate(code, start, compact) {
  let out = '';
  let chunk = '';
  let first = true;
  const tag = { open: false, quote: undefined };
  let i = start;
  while (i < code.length) {
    const char = code[i];
    if (char === '\\') {
      chunk += code.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (char === '`') {
      out += compact ? compactStatic(chunk, { first, last: true }, tag) : chunk;
      return { out, end: i };
    }
    if (char === '$' && code[i + 1] === '{') {
      out += compact ? compactStatic(chunk, { first, last: false }, tag) : chunk;
      chunk = '';
      first = false;
      const expression = scanCode(code, i + 2, true);
      out += `\${${expression.out}}`;
      i = expression.end + 1;
      continue;
    }
    chunk += char;
    i += 1;
  }
  throw new Error('minify-html-templates: unclosed template literal');
}

/**
 * Applies to `edits` (a MagicString over `original`) the whitespace changes that turned `original`
 * into `minified`, which must differ from it in whitespace only (as `minifyHtmlTemplates` guarantees):
 * each run of whitespace between the same two characters is removed or rewritten in place, so a
 * source map generated from `edits` still places every remaining character at its own source line.
 */
function applyWhitespaceEdits(edits, original, minified) {
  const isSpace = (char) => /\s/.test(char);
  let i = 0;
  let j = 0;
  while (i < original.length || j < minified.length) {
    const runStart = i;
    while (i < original.length && isSpace(original[i])) i += 1;
    const minifiedRunStart = j;
    while (j < minified.length && isSpace(minified[j])) j += 1;
    const kept = minified.slice(minifiedRunStart, j);
    if (original.slice(runStart, i) !== kept) {
      if (kept === '') edits.remove(runStart, i);
      else edits.overwrite(runStart, i, kept);
    }
    if (i === original.length && j === minified.length) break;
    if (original[i] !== minified[j]) throw new Error('minify-html-templates: changed more than whitespace');
    i += 1;
    j += 1;
  }
  return edits;
}

/**
 * `minifyHtmlTemplates(code)` with a source map from `code` to it (for a rollup transform, which
 * chains it to TypeScript's), or undefined when no template changed. `minified` is for the tests: the
 * whitespace edits the map describes must give exactly that text, or this throws.
 */
export function minifyHtmlTemplatesWithMap(code, minified = minifyHtmlTemplates(code)) {
  if (minified === code) return undefined;
  const edits = applyWhitespaceEdits(new MagicString(code), code, minified);
  return { code: edits.toString(), map: edits.generateMap({ hires: true }) };
}

/** `code` with the line-break whitespace of every `html\`` literal dropped where it is invisible. */
export function minifyHtmlTemplates(code) {
  if (!/\bhtml\s*`/.test(code)) return code;
  const { out } = scanCode(code, 0, false);
  // Only whitespace may go: anything else means the scanner misread the code, and the build stops.
  if (out.replace(/\s/g, '') !== code.replace(/\s/g, '')) throw new Error('minify-html-templates: changed more than whitespace');
  return out;
}
