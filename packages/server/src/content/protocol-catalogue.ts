// The organisation's protocols after a report (contract 1.2, `caseManagement.protocols`) from one
// editable YAML or JSON file, checked at start-up like the content file: against the contract's
// schemas in every language, the same steps (ids, groups, offsets, visibility) in every language,
// at most one protocol per category and role, and the report form's question that says who was
// affected — so a typo stops the server instead of giving a case the wrong tasks.
import type { Schema } from '@weerbaar/spec';
import type { SpecValidator } from '@weerbaar/spec/validation';
import type { Locales } from '../http/language.js';
import type { ContentCatalogue } from './catalogue.js';
import { ContentError, readContentFile, seedFile, type SchemaCheck } from './content-file.js';

/** The bundled default protocols (Dutch and English, draft for review), next to `dist/`. */
export const DEFAULT_PROTOCOLS_FILE = seedFile('protocols');

type Protocol = Schema<'Protocol'>;
type AffectedRole = Schema<'AffectedRole'>;

interface ProtocolsFile {
  /** The report form's question that says who was threatened, and the role each of its options stands for. */
  affectedPeople?: { question: string; options: Record<string, AffectedRole> };
  protocols: Record<string, Protocol[]>;
}

const AFFECTED_ROLES: ReadonlySet<string> = new Set<AffectedRole>(['self', 'partner', 'children', 'other-relatives', 'colleagues', 'others']);

/** What must be the same in every language: everything of a step but its texts. */
function stepShape(protocols: Protocol[]): string {
  return JSON.stringify(
    protocols.map((protocol) => [
      protocol.id,
      protocol.status,
      protocol.categories,
      protocol.roles,
      protocol.checkIns ?? null,
      protocol.steps.map((step) => [step.id, step.ownerGroupId, step.due, step.visibleToReporter, step.onlyWhenFamilyAffected ?? false]),
    ]),
  );
}

export class ProtocolCatalogue {
  private readonly byLocale = new Map<string, Schema<'ProtocolCollection'>>();

  private constructor(
    private readonly file: ProtocolsFile,
    schemaCheck: SchemaCheck,
    readonly locales: Locales,
    content: ContentCatalogue,
    source: string,
  ) {
    const problems: string[] = [];
    let reference: string | undefined;
    for (const locale of locales.available) {
      const collection = { locale, items: file.protocols?.[locale] };
      const issues = schemaCheck('ProtocolCollection', collection);
      for (const issue of issues) problems.push(`protocols/${locale}${issue.pointer}: ${issue.message}`);
      if (issues.length) continue;
      reference ??= stepShape(collection.items!);
      if (stepShape(collection.items!) !== reference) problems.push(`protocols/${locale}: every language must have the same protocols and steps (ids, groups, offsets, visibility)`);
      this.byLocale.set(locale, collection as Schema<'ProtocolCollection'>);
    }
    const seen = new Set<string>();
    for (const protocol of file.protocols?.[locales.default] ?? []) {
      for (const category of protocol.categories) {
        for (const role of protocol.roles) {
          if (seen.has(`${category}/${role}`)) problems.push(`protocols: more than one protocol for ${category} reported by ${role}`);
          seen.add(`${category}/${role}`);
        }
      }
    }
    problems.push(...affectedPeopleProblems(file.affectedPeople, content));
    if (problems.length) {
      throw new ContentError(`The protocols file ${source} does not match the contract:\n  ${problems.slice(0, 50).join('\n  ')}`);
    }
  }

  /** Reads the file; `content` is the content catalogue whose report form says who was affected. */
  static load(path: string, validator: SpecValidator, content: ContentCatalogue): ProtocolCatalogue {
    const { value, schemaCheck } = readContentFile(path, 'protocols file', validator);
    return new ProtocolCatalogue(value as ProtocolsFile, schemaCheck, content.locales, content, path);
  }

  collection(locale: string): Schema<'ProtocolCollection'> {
    return this.byLocale.get(locale) ?? this.byLocale.get(this.locales.default)!;
  }

  /** The protocol for a report of `category` by `role`, in every language (the same steps in each), if there is one. */
  protocolFor(category: Schema<'ReportCategory'>, role: Schema<'ReporterRole'>): Map<string, Protocol> | undefined {
    const index = this.collection(this.locales.default).items.findIndex((protocol) => protocol.categories.includes(category) && protocol.roles.includes(role));
    if (index < 0) return undefined;
    return new Map(this.locales.available.map((locale) => [locale, this.collection(locale).items[index]!]));
  }

  /** Who the report's answers say was affected, by role (never a name); undefined when the answers do not say. */
  affectedPeople(content: Schema<'ReportContent'> | undefined): AffectedRole[] | undefined {
    const mapping = this.file.affectedPeople;
    const answer = mapping ? content?.answers?.[mapping.question] : undefined;
    if (!mapping || answer === undefined) return undefined;
    const roles = (Array.isArray(answer) ? answer : [answer]).map((option) => mapping.options[option]).filter((role): role is AffectedRole => role !== undefined);
    return [...new Set(roles)];
  }
}

/** The mapping must name a choice question of the report form and only its options, each as a known role. */
function affectedPeopleProblems(mapping: ProtocolsFile['affectedPeople'], content: ContentCatalogue): string[] {
  if (!mapping) return [];
  const question = content.reportForm().questions.find((candidate) => candidate.id === mapping.question);
  if (!question?.options) return [`affectedPeople/question: the report form has no choice question "${mapping.question}"`];
  const options = new Set(question.options.map((option) => option.id));
  return Object.entries(mapping.options ?? {}).flatMap(([option, role]) => [
    ...(options.has(option) ? [] : [`affectedPeople/options/${option}: not an option of "${mapping.question}"`]),
    ...(AFFECTED_ROLES.has(role) ? [] : [`affectedPeople/options/${option}: "${role}" is not a role of AffectedRole`]),
  ]);
}
