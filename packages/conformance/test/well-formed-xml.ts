// A small well-formedness check for the JUnit output (no XML parser is a dependency here):
// every tag closes in order, attributes are quoted, entities are known.

export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|#39|apos);)/g;
  let match: RegExpExecArray | null;
  while ((match = token.exec(body))) {
    if (match[0] === '<') problems.push(`a stray "<" at ${match.index}`);
    else if (match[0].startsWith('&')) problems.push(`an unknown entity at ${match.index}`);
    else if (match[1] === '/') {
      const expected = open.pop();
      if (expected !== match[2]) problems.push(`</${match[2]}> closes <${expected ?? '(nothing)'}>`);
    } else if (match[4] !== '/') open.push(match[2]!);
  }
  if (open.length > 0) problems.push(`unclosed: ${open.join(', ')}`);
  return problems;
}
