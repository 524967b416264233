/** The sources whose `html` templates the build compacts (the public elements written for it). */
export declare const compactedSources: RegExp;
/** `code` with the line-break whitespace of every `html` template literal dropped where it is invisible. */
export declare function minifyHtmlTemplates(code: string): string;
/**
 * `minifyHtmlTemplates(code)` with a source map (version 3) from `code` to it, or undefined when no
 * template changed; throws when `minified` (default: what `minifyHtmlTemplates` makes) differs from
 * `code` in more than whitespace.
 */
export declare function minifyHtmlTemplatesWithMap(
  code: string,
  minified?: string,
): { code: string; map: { version: number; sources: string[]; names: string[]; mappings: string } } | undefined;
