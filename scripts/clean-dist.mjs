// Empties the package's dist/ (its working directory) before a build: rollup only adds files, and a
// chunk left from an earlier build, under an old hash, would otherwise be packed and published.
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
