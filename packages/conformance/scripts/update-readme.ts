// Regenerates the check table in README.md from the check registry.
import { readFile, writeFile } from 'node:fs/promises';
import { withCheckTable } from './check-table.js';

const readme = new URL('../README.md', import.meta.url);
await writeFile(readme, withCheckTable(await readFile(readme, 'utf8')));
