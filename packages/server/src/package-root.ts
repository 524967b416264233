// The package's own directory, found from wherever this module ended up (src/ under tsx, dist/
// or a dist/chunks/ file after the build), for the files it ships beside the code (seed/).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@weerbaar/server') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the @weerbaar/server package directory');
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot();
