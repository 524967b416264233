// The kit's own name and version, for the report. Read from package.json wherever the code
// runs from (src/ under tsx, dist/ or dist/chunks/ when built).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NAME = '@weerbaar/conformance';

export function kitVersion(): { name: string; version: string } {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    const candidate = join(directory, 'package.json');
    if (existsSync(candidate)) {
      const manifest = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === NAME) return { name: NAME, version: manifest.version ?? '0.0.0' };
    }
    directory = dirname(directory);
  }
  return { name: NAME, version: 'unknown' };
}
