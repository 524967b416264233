// What the report form allows in plain content beyond the contract's schemas (contract 1.1,
// submitReport): answers only to the form's questions for the report's category, choice answers
// only from the question's options, a text answer within the question's length, every required
// question answered, and checked signals only from the signal checklist. Each wrong place gets a
// field error at its pointer. Ids and options are the same in every language, so the default
// language's documents are the rules.
import type { Schema } from '@weerbaar/spec';
import type { ContentCatalogue } from '../content/catalogue.js';
import { fieldError, type FieldError, type Language } from '../http/problems.js';

type Question = Schema<'FormQuestion'>;
type Content = Schema<'ReportContent'>;
type Category = Schema<'ReportCategory'>;

/** A text answer's length when the question names none (contract: FormQuestion.maxLength). */
const DEFAULT_ANSWER_LENGTH = 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface FormRules {
  questions: Question[];
  signalIds: ReadonlySet<string>;
}

export function formRules(content: ContentCatalogue): FormRules {
  const locale = content.locales.default;
  const form = JSON.parse(content.document('report-form', locale).json) as Schema<'ReportForm'>;
  const checklist = JSON.parse(content.document('signal-checklist', locale).json) as Schema<'SignalChecklist'>;
  return {
    questions: form.questions,
    signalIds: new Set(checklist.themes.flatMap((theme) => theme.signals.map((signal) => signal.id))),
  };
}

function asksFor(question: Question, category: Category): boolean {
  return !question.categories || question.categories.includes(category);
}

function answerErrors(question: Question, answer: string | string[], pointer: string, language: Language): FieldError[] {
  const choice = question.type === 'single-choice' || question.type === 'multiple-choice';
  if (Array.isArray(answer) !== (question.type === 'multiple-choice')) return [fieldError(pointer, 'type', {}, language)];
  if (choice) {
    const options = new Set((question.options ?? []).map((option) => option.id));
    const given = Array.isArray(answer) ? answer : [answer];
    return given.flatMap((value, index) =>
      options.has(value) ? [] : [fieldError(Array.isArray(answer) ? `${pointer}/${index}` : pointer, 'unknown-option', {}, language)],
    );
  }
  const text = answer as string;
  if (question.type === 'date') return DATE.test(text) && !Number.isNaN(Date.parse(text)) ? [] : [fieldError(pointer, 'format', {}, language)];
  const limit = question.maxLength ?? DEFAULT_ANSWER_LENGTH;
  return text.length > limit ? [fieldError(pointer, 'maxLength', { limit }, language)] : [];
}

/** Field errors of `content`'s answers and checked signals for a report in `category`. */
export function formAnswerErrors(rules: FormRules, category: Category, content: Content, language: Language): FieldError[] {
  const errors: FieldError[] = [];
  const answers = content.answers ?? {};
  const asked = new Map(rules.questions.filter((question) => asksFor(question, category)).map((question) => [question.id, question]));
  for (const [id, answer] of Object.entries(answers)) {
    const pointer = `/content/answers/${id}`;
    const question = asked.get(id);
    if (!question) errors.push(fieldError(pointer, 'unknown-question', {}, language));
    else errors.push(...answerErrors(question, answer, pointer, language));
  }
  for (const question of asked.values()) {
    if (question.required && !Object.hasOwn(answers, question.id)) {
      errors.push(fieldError('/content/answers', 'required', { missingProperty: question.id }, language));
    }
  }
  for (const [index, id] of (content.checkedSignals ?? []).entries()) {
    if (!rules.signalIds.has(id)) errors.push(fieldError(`/content/checkedSignals/${index}`, 'unknown-signal', {}, language));
  }
  return errors;
}
