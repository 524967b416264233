/** The sources whose `html` templates the build compacts (the public elements written for it). */
export declare const compactedSources: RegExp;
/** `code` with the line-break whitespace of every `html` template literal dropped where it is invisible. */
export declare function minifyHtmlTemplates(code: string): string;
