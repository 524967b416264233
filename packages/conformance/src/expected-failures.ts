// The expected-failures file: check IDs a vendor knows fail, each with a reason, so that a
// backend can adopt the kit gradually. JSON (`[{"id": "...", "reason": "..."}]`) or the same
// list in YAML:
//
//   - id: WRA-SEC-05
//     reason: Referrer-Policy is added by the proxy in production
import type { ExpectedFailure } from './types.js';

export class ExpectedFailuresError extends Error {
  override name = 'ExpectedFailuresError';
}

function unquote(value: string): string {
  const trimmed = value.trim();
  if (trimmed.startsWith('"')) return JSON.parse(trimmed) as string;
  if (trimmed.startsWith("'") && trimmed.endsWith("'")) return trimmed.slice(1, -1).replace(/''/g, "'");
  return trimmed;
}

/** The small YAML subset of the documented format: a list of maps with `id` and `reason`. */
function parseYamlList(text: string): unknown[] {
  const items: Record<string, string>[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.replace(/\s+#.*$/, '');
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const match = /^(\s*-\s+|\s+)([A-Za-z]+):\s*(.*)$/.exec(line);
    if (!match) throw new ExpectedFailuresError(`line ${index + 1}: expected "- id: …" or "  reason: …"`);
    const [, lead, key, value] = match;
    if (lead!.includes('-')) items.push({});
    const current = items.at(-1);
    if (!current) throw new ExpectedFailuresError(`line ${index + 1}: a field before the first "- id:"`);
    current[key!] = unquote(value!);
  }
  return items;
}

export function parseExpectedFailures(text: string): ExpectedFailure[] {
  const trimmed = text.trim();
  let parsed: unknown;
  try {
    parsed = trimmed.startsWith('[') || trimmed.startsWith('{') ? JSON.parse(trimmed) : parseYamlList(text);
  } catch (error) {
    if (error instanceof ExpectedFailuresError) throw error;
    throw new ExpectedFailuresError(`not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new ExpectedFailuresError('the file must be a list of { id, reason }');
  return parsed.map((entry, index) => {
    const { id, reason } = (entry ?? {}) as { id?: unknown; reason?: unknown };
    if (typeof id !== 'string' || !/^WRA-[A-Z]+-\d{2}$/.test(id)) throw new ExpectedFailuresError(`entry ${index + 1}: "id" must be a check ID such as WRA-SEC-05`);
    if (typeof reason !== 'string' || reason.trim() === '') throw new ExpectedFailuresError(`entry ${index + 1} (${id}): give a reason`);
    return { id, reason };
  });
}
