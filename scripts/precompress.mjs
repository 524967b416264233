// Brotli and gzip copies of built files (`name.br`, `name.gz` next to `name`), made once at build
// time at the highest levels, so that a server sends them as they are instead of compressing per
// request (the reference server: packages/server/src/http/static-asset.ts, which checks that each
// copy still decodes to its original before it uses it).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Writes the compressed copies of `files` (paths relative to `dir`); returns how many it wrote. */
export function precompress(dir, files) {
  let written = 0;
  for (const file of files) {
    const bytes = readFileSync(join(dir, file));
    const copies = [
      ['.br', brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })],
      ['.gz', gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION })],
    ];
    for (const [suffix, body] of copies) {
      // A copy no smaller than the original would not be sent: leave it out.
      if (body.length >= bytes.length) continue;
      writeFileSync(join(dir, file + suffix), body);
      written += 1;
    }
  }
  return written;
}

/** A rollup plugin: the compressed copies of every JavaScript file it wrote, and of `also` (e.g. a manifest another plugin wrote). */
export function precompressedOutput({ also = [] } = {}) {
  return {
    name: 'weerbaar-precompress',
    // Sequential: after the other plugins' writeBundle hooks (which run in parallel) have written `also`.
    writeBundle: {
      sequential: true,
      handler(options, bundle) {
        precompress(options.dir, [...Object.keys(bundle).filter((file) => file.endsWith('.js')), ...also]);
      },
    },
  };
}
