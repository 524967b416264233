// The municipality's content (norms, signal checklist, support directory, report form, external
// channels) from one editable YAML or JSON file, in every configured language. The file is checked
// against the contract's schemas at start-up (the bundled seed file once, at build time), so a typo
// stops the server with a clear message instead of reaching a reporter.
import { createHash } from 'node:crypto';
import type { Schema } from '@weerbaar/spec';
import type { SpecValidator } from '@weerbaar/spec/validation';
import type { Locales } from '../http/language.js';
import { ContentError, readContentFile, seedFile, type SchemaCheck } from './content-file.js';

/** The bundled default content (Dutch and English), next to `dist/`. */
export const DEFAULT_CONTENT_FILE = seedFile('content');

type PerLocale<T> = Record<string, T>;

interface ContentFile {
  locales: Locales;
  norms: PerLocale<Schema<'Norm'>[]>;
  signalChecklist: PerLocale<Omit<Schema<'SignalChecklist'>, 'locale'>>;
  supportContacts: PerLocale<Schema<'SupportContact'>[]>;
  reportForm: PerLocale<Omit<Schema<'ReportForm'>, 'locale'>>;
  externalChannels: PerLocale<Schema<'ExternalChannel'>[]>;
}

export { ContentError } from './content-file.js';

/** A serialised document and its strong validator. */
export interface Representation {
  json: string;
  etag: string;
  /** Sent many times (a whole document, not one request's selection): worth compressing once and keeping. */
  lasting?: boolean;
}

export function represent(value: unknown, options: { lasting?: boolean } = {}): Representation {
  const json = JSON.stringify(value);
  return { json, etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`, ...(options.lasting ? { lasting: true } : {}) };
}

export interface SupportFilter {
  role?: Schema<'ReporterRole'>;
  urgency?: Schema<'SupportUrgency'>;
  available247?: boolean;
  /** Only contacts that also support relatives (contract 1.2). */
  forRelatives?: boolean;
  q?: string;
}

/** Lower case without accents, so that `coordinator` finds `coördinator` and `Integriteit` `integriteit`. */
function searchable(text: string, locale: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase(locale);
}

/** Every word of the query occurs in the contact's texts or keywords (the contract's `q`). */
function matchesWords(contact: Schema<'SupportContact'>, words: string[], locale: string): boolean {
  const text = searchable([contact.organisation, contact.name ?? '', contact.description, ...(contact.keywords ?? [])].join(' '), locale);
  return words.every((word) => text.includes(word));
}

const URGENCY_ORDER = { emergency: 0, urgent: 1, routine: 2 } as const;

export class ContentCatalogue {
  readonly locales: Locales;
  private readonly documents = new Map<string, Representation>();

  private constructor(
    private readonly file: ContentFile,
    schemaCheck: SchemaCheck,
    source: string,
  ) {
    this.locales = file.locales;
    const problems: string[] = [];
    const check = (name: Parameters<SpecValidator['schema']>[0], value: unknown, where: string): void => {
      for (const issue of schemaCheck(name, value)) problems.push(`${where}${issue.pointer}: ${issue.message}`);
    };
    check('Locale', file.locales?.default, 'locales/default');
    if (!Array.isArray(file.locales?.available) || !file.locales.available.includes(file.locales.default)) {
      problems.push('locales/available: must list every language, including the default');
    }
    for (const locale of file.locales?.available ?? []) {
      const documents = {
        norms: { schema: 'NormCollection', value: { locale, items: file.norms?.[locale] } },
        'signal-checklist': { schema: 'SignalChecklist', value: { locale, ...file.signalChecklist?.[locale] } },
        'support-contacts': { schema: 'SupportDirectory', value: { locale, items: file.supportContacts?.[locale] } },
        'report-form': { schema: 'ReportForm', value: { locale, ...file.reportForm?.[locale] } },
      } as const;
      for (const [kind, { schema, value }] of Object.entries(documents)) {
        check(schema, value, `${kind}/${locale}`);
        this.documents.set(`${kind}/${locale}`, represent(value, { lasting: true }));
      }
      for (const [index, channel] of (file.externalChannels?.[locale] ?? []).entries()) check('ExternalChannel', channel, `externalChannels/${locale}/${index}`);
    }
    if (problems.length) {
      throw new ContentError(`The content file ${source} does not match the contract:\n  ${problems.slice(0, 50).join('\n  ')}`);
    }
  }

  static load(path: string, validator: SpecValidator): ContentCatalogue {
    const { value, schemaCheck } = readContentFile(path, 'content file', validator);
    return new ContentCatalogue(value as ContentFile, schemaCheck, path);
  }

  /** A whole content document (`norms`, `signal-checklist`, `report-form`) in one language. */
  document(kind: 'norms' | 'signal-checklist' | 'report-form' | 'support-contacts', locale: string): Representation {
    return this.documents.get(`${kind}/${locale}`)!;
  }

  /** The support directory filtered; emergency entries always stay, and come first. */
  supportContacts(locale: string, filter: SupportFilter): Representation {
    if (!filter.role && !filter.urgency && filter.available247 === undefined && filter.forRelatives === undefined && !filter.q) {
      return this.document('support-contacts', locale);
    }
    const words = searchable(filter.q ?? '', locale).split(/\s+/).filter(Boolean);
    const items = (this.file.supportContacts[locale] ?? [])
      .filter(
        (contact) =>
          contact.urgency === 'emergency' ||
          ((!filter.role || contact.audience.includes(filter.role)) &&
            (!filter.urgency || contact.urgency === filter.urgency) &&
            (filter.available247 !== true || contact.availability.always) &&
            (filter.forRelatives !== true || contact.forRelatives === true) &&
            matchesWords(contact, words, locale)),
      )
      .sort((a, b) => URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency]);
    return represent({ locale, items });
  }

  /** The report form in the default language (checked at start-up): its codes and consents are the same in every language. */
  reportForm(): Omit<Schema<'ReportForm'>, 'locale'> {
    return this.file.reportForm[this.locales.default]!;
  }

  /** The support directory's contacts in one language, unfiltered. */
  contacts(locale: string): Schema<'SupportContact'>[] {
    return this.file.supportContacts[locale] ?? [];
  }

  externalChannels(locale: string): Schema<'ExternalChannel'>[] {
    return this.file.externalChannels?.[locale] ?? [];
  }
}
