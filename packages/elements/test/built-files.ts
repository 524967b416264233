// Reading the production build (dist/) the way a browser would load it, for the node tests.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const packageDir = fileURLToPath(new URL('..', import.meta.url));
export const cdnDir = fileURLToPath(new URL('../dist/cdn/', import.meta.url));

export interface CdnManifest {
  entry: string;
  files: Record<string, { integrity: string; bytes: number; imports: string[]; dynamicImports: string[] }>;
}

export function readCdnManifest(): CdnManifest {
  const path = `${cdnDir}manifest.json`;
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build -w @weerbaar/elements\` first.`);
  return JSON.parse(readFileSync(path, 'utf8')) as CdnManifest;
}

/** The entry and every chunk it imports statically: what a page loads before any interaction. */
export function firstLoadFiles(manifest: CdnManifest, entry = manifest.entry): string[] {
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const imported of manifest.files[file]?.imports ?? []) visit(imported);
  };
  visit(entry);
  return [...files];
}

/** min+gzip bytes: the built (minified) file gzipped at level 9, which is deterministic. */
export function gzipBytes(file: string): number {
  return gzipSync(readFileSync(`${cdnDir}${file}`), { level: 9 }).length;
}

/** A chunk's name without rollup's content hash (`chunks/report-dialog-CB8YreRr.js` → `chunks/report-dialog`). */
export function chunkName(file: string): string {
  return file.replace(/-[\w-]{8}\.js$/, '');
}
