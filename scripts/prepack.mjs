// Runs as `prepack` of every package (its working directory), before `npm pack` or `npm publish`:
// copies in the repository's LICENSE (npm ships the one at a package's root; the text lives once,
// at the repository's root), and gives the server the elements' CDN bundle that its hosted report
// page serves, so that the server installed from npm has the page without the elements beside it.
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const packageDir = process.cwd();
const { name } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));

cpSync(join(root, 'LICENSE'), join(packageDir, 'LICENSE'));

if (name === '@weerbaar/server') {
  const bundle = join(root, 'packages', 'elements', 'dist', 'cdn');
  if (!existsSync(join(bundle, 'report-button.js'))) {
    console.error(`${bundle} is not built: run \`npm run build\` before packing the server.`);
    process.exit(1);
  }
  const target = join(packageDir, 'elements');
  rmSync(target, { recursive: true, force: true });
  cpSync(bundle, target, { recursive: true });
}
