// Reading an editable content file (YAML or JSON) for a catalogue. The bundled seed files stay YAML,
// the source a municipality edits; the build parses and checks them once (`build-seed.ts`) into
// `dist/seed/*.json`, so a start with the seed content neither parses YAML nor compiles the
// contract's schemas. A municipality's own file is parsed and checked at start-up, as before; only
// then is the YAML parser loaded.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { SchemaName, SpecValidator, ValidationIssue } from '@weerbaar/spec/validation';
import { PACKAGE_ROOT } from '../package-root.js';

/** A content file that cannot be read or does not match the contract: the server does not start. */
export class ContentError extends Error {}

/** The seed files shipped beside `dist/`, by name (`seed/NAME.yaml`). */
export const SEED_FILES = ['content', 'case-work', 'protocols', 'dilemma-cards'] as const;
export type SeedName = (typeof SEED_FILES)[number];

export const seedFile = (name: SeedName): string => join(PACKAGE_ROOT, 'seed', `${name}.yaml`);
/** Where the build writes a seed file parsed and checked (`dist/seed/NAME.json`). */
export const builtSeedFile = (name: SeedName): string => join(PACKAGE_ROOT, 'dist', 'seed', `${name}.json`);

/** The issues of a value against a schema of the contract. */
export type SchemaCheck = (name: SchemaName, value: unknown) => ValidationIssue[];

export interface ContentFileRead {
  value: object;
  /** What checks a catalogue's schemas: none for a seed file the build already checked. */
  schemaCheck: SchemaCheck;
}

const mtime = (path: string): number | undefined => statSync(path, { throwIfNoEntry: false })?.mtimeMs;

/**
 * `built` when it is at least as new as `edited` (the build wrote it after the last edit), else
 * undefined: a seed file edited after the build is read, and checked, as the source it now is.
 */
export function upToDateBuiltCopy(edited: string, built: string): string | undefined {
  const builtAt = mtime(built);
  const editedAt = mtime(edited);
  return builtAt !== undefined && editedAt !== undefined && builtAt >= editedAt ? built : undefined;
}

/** The build's JSON of a bundled seed file, when `path` is one and the JSON is up to date. */
function builtCopyOf(path: string): string | undefined {
  const name = SEED_FILES.find((candidate) => seedFile(candidate) === path);
  return name ? upToDateBuiltCopy(path, builtSeedFile(name)) : undefined;
}

let yamlParser: ((text: string) => unknown) | undefined;

/** Parses YAML with the parser loaded on first use: a start with the built seed content and no YAML config file never loads it. */
export function parseYaml(text: string): unknown {
  // `yaml` ships CommonJS for Node; a synchronous require keeps the catalogues' loading synchronous.
  yamlParser ??= (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse;
  return yamlParser(text);
}

/** Parses a YAML or JSON file (by its extension) without checking it. */
export function parseContentFile(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  return /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
}

/**
 * Reads the file a catalogue is loaded from; `what` names it in errors ("content file"). A bundled
 * seed file comes from the build's checked JSON when that is up to date.
 */
export function readContentFile(path: string, what: string, validator: SpecValidator): ContentFileRead {
  const built = builtCopyOf(path);
  let parsed: unknown;
  try {
    parsed = built ? JSON.parse(readFileSync(built, 'utf8')) : parseContentFile(path);
  } catch (error) {
    throw new ContentError(`Cannot read the ${what} ${path}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null) throw new ContentError(`The ${what} ${path} must contain an object`);
  return { value: parsed, schemaCheck: built ? () => [] : (name, value) => validator.schema(name)(value) };
}
