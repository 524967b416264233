import type { PlainReportSubmission, ReportCategory, ReportContent, ReporterRole, ReportForm } from '@weerbaar/sdk';
import * as fieldLimits from '@weerbaar/sdk/field-limits';

type FormQuestion = ReportForm['questions'][number];
type Answer = string | string[];

/**
 * What the person has filled in so far. It lives only in the dialog's memory: never in storage,
 * never in a URL, and it is gone when the dialog closes.
 */
export interface ReportDraft {
  role: ReporterRole | '';
  category: ReportCategory | '';
  description: string;
  /** How the person describes when it happened. */
  when: 'date' | 'period' | 'unknown';
  occurredOn: string;
  occurredPeriod: string;
  location: string;
  involvedParties: string;
  answers: Record<string, Answer>;
  /** `undefined` until the person chose between anonymous and contactable. */
  contactable: boolean | undefined;
  name: string;
  email: string;
  phone: string;
  preferredChannel: 'email' | 'phone';
  consents: string[];
  /** Whether the checklist signals handed over by the page go with the report. */
  includeSignals: boolean;
}

export function emptyDraft(): ReportDraft {
  return {
    role: '',
    category: '',
    description: '',
    when: 'unknown',
    occurredOn: '',
    occurredPeriod: '',
    location: '',
    involvedParties: '',
    answers: {},
    contactable: undefined,
    name: '',
    email: '',
    phone: '',
    preferredChannel: 'email',
    consents: [],
    includeSignals: true,
  };
}

/** Whether closing now would throw away something the person typed or chose. */
export function hasUnsentContent(draft: ReportDraft): boolean {
  const empty = emptyDraft();
  return (Object.keys(empty) as (keyof ReportDraft)[]).some((key) => JSON.stringify(draft[key]) !== JSON.stringify(empty[key]));
}

/** The steps of the form, in order. `questions` is left out when the category has no extra questions. */
export type FormPage = 'about' | 'what' | 'questions' | 'contact' | 'send';

export function questionsFor(form: ReportForm, category: ReportDraft['category']): FormQuestion[] {
  return form.questions.filter((question) => !question.categories || (category !== '' && question.categories.includes(category)));
}

export function formPages(form: ReportForm, draft: ReportDraft): FormPage[] {
  const pages: FormPage[] = ['about', 'what'];
  if (questionsFor(form, draft.category).length > 0) pages.push('questions');
  pages.push('contact', 'send');
  return pages;
}

/** A field that needs attention: `field` identifies the control, `problem` the message to show. */
export interface FieldProblem {
  field: string;
  problem: 'required' | 'tooLong' | 'invalidDate' | 'futureDate' | 'invalidEmail' | 'invalidPhone' | 'missingChannel';
  /** The question or consent concerned, for messages that name it. */
  subject?: string;
}

/** Where the organisation is: its days (today, deadlines) are Dutch days. */
export const dutchTimeZone = 'Europe/Amsterdam';

/**
 * Today's date (`YYYY-MM-DD`) in the Netherlands. Not UTC's, which is still yesterday between
 * midnight and 01:00 (02:00 in summer) Dutch time, so that today's date was refused as a future date.
 */
export function dutchToday(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en', { timeZone: dutchTimeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((found) => found.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^\+?[0-9 ()-]{6,20}$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  if (!datePattern.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/**
 * The problems on one step, in the order the fields appear, so the error summary lists them the
 * way the person meets them. `today` is `YYYY-MM-DD` (something that happened cannot be in the future).
 */
export function validatePage(page: FormPage, draft: ReportDraft, form: ReportForm, { maxTextLength, today }: { maxTextLength: number; today: string }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, problem: FieldProblem['problem'], subject?: string) => problems.push({ field, problem, ...(subject ? { subject } : {}) });
  switch (page) {
    case 'about':
      if (!draft.role) add('role', 'required');
      if (!draft.category) add('category', 'required');
      break;
    case 'what':
      if (!draft.description.trim()) add('description', 'required');
      else if (draft.description.length > maxTextLength) add('description', 'tooLong');
      if (draft.when === 'date') {
        if (!isRealDate(draft.occurredOn)) add('occurredOn', 'invalidDate');
        else if (draft.occurredOn > today) add('occurredOn', 'futureDate');
      }
      if (draft.when === 'period' && !draft.occurredPeriod.trim()) add('occurredPeriod', 'required');
      if (draft.occurredPeriod.length > fieldLimits.ReportContent.occurredPeriod.maxLength) add('occurredPeriod', 'tooLong');
      if (draft.location.length > fieldLimits.ReportContent.location.maxLength) add('location', 'tooLong');
      if (draft.involvedParties.length > fieldLimits.ReportContent.involvedParties.maxLength) add('involvedParties', 'tooLong');
      break;
    case 'questions':
      for (const question of questionsFor(form, draft.category)) {
        const answer = draft.answers[question.id];
        const field = `q-${question.id}`;
        const empty = answer === undefined || (Array.isArray(answer) ? answer.length === 0 : !answer.trim());
        if (question.required && empty) add(field, 'required', question.label);
        else if (typeof answer === 'string' && answer.length > (question.maxLength ?? fieldLimits.defaultTextAnswerMaxLength) && question.type !== 'date') add(field, 'tooLong', question.label);
        else if (question.type === 'date' && typeof answer === 'string' && answer && !isRealDate(answer)) add(field, 'invalidDate', question.label);
      }
      break;
    case 'contact':
      if (draft.contactable === undefined) add('contactable', 'required');
      if (draft.contactable) {
        if (draft.email && !emailPattern.test(draft.email)) add('email', 'invalidEmail');
        if (draft.phone && !phonePattern.test(draft.phone)) add('phone', 'invalidPhone');
        if (draft.preferredChannel === 'email' && !draft.email) add('email', 'missingChannel');
        if (draft.preferredChannel === 'phone' && !draft.phone) add('phone', 'missingChannel');
      }
      break;
    case 'send':
      for (const consent of form.consents) {
        if (consent.required && !draft.consents.includes(consent.id)) add(`consent-${consent.id}`, 'required', consent.text);
      }
      break;
  }
  return problems;
}

/** The report as the contract wants it: only what was filled in, only the questions that apply. */
export function toSubmission(draft: ReportDraft, form: ReportForm, { locale, signals }: { locale: string; signals: readonly string[] }): PlainReportSubmission {
  if (!draft.role || !draft.category) throw new Error('The report has no role or category yet.');
  const content: ReportContent = { description: draft.description.trim() };
  if (draft.when === 'date' && draft.occurredOn) content.occurredOn = draft.occurredOn;
  if (draft.when === 'period' && draft.occurredPeriod.trim()) content.occurredPeriod = draft.occurredPeriod.trim();
  if (draft.location.trim()) content.location = draft.location.trim();
  if (draft.involvedParties.trim()) content.involvedParties = draft.involvedParties.trim();
  const answers: Record<string, Answer> = {};
  for (const question of questionsFor(form, draft.category)) {
    const answer = draft.answers[question.id];
    if (Array.isArray(answer) ? answer.length > 0 : answer?.trim()) answers[question.id] = Array.isArray(answer) ? answer : answer!.trim();
  }
  if (Object.keys(answers).length > 0) content.answers = answers;
  if (draft.includeSignals && signals.length > 0) content.checkedSignals = [...new Set(signals)];
  if (draft.contactable) {
    const name = draft.name.trim() ? { name: draft.name.trim() } : {};
    content.contact =
      draft.preferredChannel === 'email'
        ? { ...name, preferredChannel: 'email', email: draft.email.trim(), ...(draft.phone.trim() ? { phone: draft.phone.trim() } : {}) }
        : { ...name, preferredChannel: 'phone', phone: draft.phone.trim(), ...(draft.email.trim() ? { email: draft.email.trim() } : {}) };
  }
  const knownConsents = new Set(form.consents.map((consent) => consent.id));
  return {
    role: draft.role,
    category: draft.category,
    locale,
    consents: draft.consents.filter((id) => knownConsents.has(id)),
    content,
  };
}
