// The organisation's texts for working cases (statuses with substatuses, outcomes, channels, and
// message templates), per language, from one editable YAML or JSON file checked against the
// contract at start-up — like the content file, a typo stops the server instead of reaching a
// handler.
import type { Schema } from '@weerbaar/spec';
import type { SpecValidator } from '@weerbaar/spec/validation';
import type { Locales } from '../http/language.js';
import { ContentError, readContentFile, seedFile, type SchemaCheck } from './content-file.js';

/** The bundled default texts (Dutch and English), next to `dist/`. */
export const DEFAULT_CASE_WORK_FILE = seedFile('case-work');

type CaseOptions = Schema<'CaseOptions'>;
type MessageTemplates = Schema<'MessageTemplates'>;
type CaseStatus = Schema<'CaseStatus'>;

interface CaseWorkFile {
  caseOptions: Record<string, Omit<CaseOptions, 'locale'>>;
  messageTemplates: Record<string, MessageTemplates['items']>;
}

const STATUS_ORDER: readonly CaseStatus[] = ['received', 'acknowledged', 'investigating', 'closed'];

/** The substatus ids of each status, as one comparable string (they must be the same in every language). */
function substatusIds(options: Omit<CaseOptions, 'locale'>): string {
  return JSON.stringify(options.statuses.map((status) => status.substatuses.map((substatus) => substatus.id).sort()));
}

export class CaseWorkCatalogue {
  private readonly options = new Map<string, CaseOptions>();
  private readonly templates = new Map<string, MessageTemplates>();
  private readonly substatuses = new Map<CaseStatus, Set<string>>();

  private constructor(
    file: CaseWorkFile,
    schemaCheck: SchemaCheck,
    readonly locales: Locales,
    source: string,
  ) {
    const problems: string[] = [];
    const check = (name: Parameters<SpecValidator['schema']>[0], value: unknown, where: string): boolean => {
      const issues = schemaCheck(name, value);
      for (const issue of issues) problems.push(`${where}${issue.pointer}: ${issue.message}`);
      return issues.length === 0;
    };
    let reference: string | undefined;
    for (const locale of locales.available) {
      const options = { locale, ...file.caseOptions?.[locale] } as CaseOptions;
      if (check('CaseOptions', options, `caseOptions/${locale}`)) {
        if (options.statuses.some((status, index) => status.id !== STATUS_ORDER[index])) {
          problems.push(`caseOptions/${locale}/statuses: list the statuses in the order ${STATUS_ORDER.join(', ')}`);
        }
        reference ??= substatusIds(options);
        if (substatusIds(options) !== reference) problems.push(`caseOptions/${locale}: every language must have the same substatus ids`);
        this.options.set(locale, options);
      }
      const templates = { locale, items: file.messageTemplates?.[locale] };
      if (check('MessageTemplates', templates, `messageTemplates/${locale}`)) this.templates.set(locale, templates as MessageTemplates);
    }
    if (problems.length) {
      throw new ContentError(`The case-work file ${source} does not match the contract:\n  ${problems.slice(0, 50).join('\n  ')}`);
    }
    for (const status of this.options.get(locales.default)!.statuses) {
      this.substatuses.set(status.id, new Set(status.substatuses.map((substatus) => substatus.id)));
    }
  }

  /** Reads the file; `locales` are the content file's languages, each of which it must have. */
  static load(path: string, validator: SpecValidator, locales: Locales): CaseWorkCatalogue {
    const { value, schemaCheck } = readContentFile(path, 'case-work file', validator);
    return new CaseWorkCatalogue(value as CaseWorkFile, schemaCheck, locales, path);
  }

  caseOptions(locale: string): CaseOptions {
    return this.options.get(locale) ?? this.options.get(this.locales.default)!;
  }

  messageTemplates(locale: string): MessageTemplates {
    return this.templates.get(locale) ?? this.templates.get(this.locales.default)!;
  }

  /** Whether `substatus` is in the organisation's list for `status`. */
  allowsSubstatus(status: CaseStatus, substatus: string): boolean {
    return this.substatuses.get(status)?.has(substatus) ?? false;
  }
}
