// Run by the package's build after rollup (`node dist/build-seed.js`): loads every bundled seed
// file from its YAML with all the checks a start would make (a mistake fails the build with the
// same message), then writes each as JSON to dist/seed/, which the server then loads as it is.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SpecValidator } from '@weerbaar/spec/validation';
import { ContentCatalogue } from './catalogue.js';
import { CaseWorkCatalogue } from './case-work-catalogue.js';
import { builtSeedFile, parseContentFile, SEED_FILES, seedFile } from './content-file.js';
import { DilemmaCardCatalogue } from './dilemma-card-catalogue.js';
import { ProtocolCatalogue } from './protocol-catalogue.js';

/** Checks the seed files as a start does, from their YAML, and writes their JSON. */
export function buildSeed(): void {
  // An earlier build's JSON would be read instead of the YAML: check the YAML itself.
  rmSync(dirname(builtSeedFile('content')), { recursive: true, force: true });
  const spec = new SpecValidator();
  const content = ContentCatalogue.load(seedFile('content'), spec);
  CaseWorkCatalogue.load(seedFile('case-work'), spec, content.locales);
  ProtocolCatalogue.load(seedFile('protocols'), spec, content);
  DilemmaCardCatalogue.load(seedFile('dilemma-cards'), spec, content.locales);
  mkdirSync(dirname(builtSeedFile('content')), { recursive: true });
  for (const name of SEED_FILES) writeFileSync(builtSeedFile(name), JSON.stringify(parseContentFile(seedFile(name))));
}

buildSeed();
