/**
 * Turns a parsed DTCG design-token file (the format of the elements' tokens.json) into CSS custom
 * properties declared on `selector` (default `:root`). Throws on a value that could close the rule.
 */
export declare function tokensToCss(tokens: unknown, selector?: string): string;
