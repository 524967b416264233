// Human labels for the codes of a case, in the case's language, from the organisation's own texts:
// the report form (role, category, questions and their options), the signal checklist and the
// case-work file (status, substatus, outcome, channel). Questions and signals are labelled only
// when the content is readable: sealed content is labelled by the console after opening it.
import type { Schema } from '@weerbaar/spec';
import type { ContentCatalogue } from '../content/catalogue.js';
import type { CaseWorkCatalogue } from '../content/case-work-catalogue.js';
import type { StoredCase } from '../storage/store.js';

type CaseLabels = Schema<'CaseLabels'>;
type ReportForm = Schema<'ReportForm'>;
type SignalChecklist = Schema<'SignalChecklist'>;

/** What labelling needs of a case: its codes, and its content when the backend can read it. */
export type LabelledCase = Pick<StoredCase, 'role' | 'category' | 'status' | 'outcome' | 'substatus' | 'channel' | 'locale' | 'content'>;

function labelOf(items: readonly { id: string; label: string }[], id: string): string | undefined {
  return items.find((item) => item.id === id)?.label;
}

export class CaseLabeller {
  private readonly forms = new Map<string, ReportForm>();
  private readonly signals = new Map<string, Map<string, string>>();

  constructor(
    private readonly content: ContentCatalogue,
    private readonly caseWork: CaseWorkCatalogue,
  ) {}

  /** The case's language when this installation has it, else the default. */
  private localeOf(stored: LabelledCase): string {
    const { available, default: fallback } = this.content.locales;
    if (stored.locale && available.includes(stored.locale)) return stored.locale;
    const primary = stored.locale?.split('-')[0];
    return available.find((locale) => locale === primary) ?? fallback;
  }

  private form(locale: string): ReportForm {
    let form = this.forms.get(locale);
    if (!form) this.forms.set(locale, (form = JSON.parse(this.content.document('report-form', locale).json) as ReportForm));
    return form;
  }

  private signalLabels(locale: string): Map<string, string> {
    let labels = this.signals.get(locale);
    if (!labels) {
      const checklist = JSON.parse(this.content.document('signal-checklist', locale).json) as SignalChecklist;
      labels = new Map(checklist.themes.flatMap((theme) => theme.signals.map((signal) => [signal.id, signal.label] as const)));
      this.signals.set(locale, labels);
    }
    return labels;
  }

  /** The labels of a case; `withContent` adds questions and signals when the content is readable. */
  labels(stored: LabelledCase, { withContent }: { withContent: boolean }): CaseLabels {
    const locale = this.localeOf(stored);
    const form = this.form(locale);
    const options = this.caseWork.caseOptions(locale);
    const status = options.statuses.find((candidate) => candidate.id === stored.status)!;
    const substatus = stored.substatus ? labelOf(status.substatuses, stored.substatus) : undefined;
    const outcome = stored.outcome ? labelOf(options.outcomes, stored.outcome) : undefined;
    const channel = labelOf(options.channels, stored.channel ?? 'online');
    const labels: CaseLabels = {
      locale,
      role: labelOf(form.roles, stored.role) ?? stored.role,
      category: labelOf(form.categories, stored.category) ?? stored.category,
      status: status.label,
      ...(substatus ? { substatus } : {}),
      ...(outcome ? { outcome } : {}),
      ...(channel ? { channel } : {}),
    };
    if (withContent && stored.content) {
      const questions = this.questionLabels(form, stored.content.answers ?? {});
      if (Object.keys(questions).length) labels.questions = questions;
      const known = this.signalLabels(locale);
      const signals = Object.fromEntries((stored.content.checkedSignals ?? []).flatMap((id) => (known.has(id) ? [[id, known.get(id)!]] : [])));
      if (Object.keys(signals).length) labels.signals = signals;
    }
    return labels;
  }

  /** Each answered question in words: choice answers by their options' labels, text as written. */
  private questionLabels(form: ReportForm, answers: Record<string, string | string[]>): NonNullable<CaseLabels['questions']> {
    const labelled: NonNullable<CaseLabels['questions']> = {};
    for (const [id, answer] of Object.entries(answers)) {
      const question = form.questions.find((candidate) => candidate.id === id);
      if (!question) continue;
      const given = Array.isArray(answer) ? answer : [answer];
      const words = question.options ? given.map((option) => labelOf(question.options!, option) ?? option) : given;
      labelled[id] = { question: question.label, answer: words };
    }
    return labelled;
  }
}
