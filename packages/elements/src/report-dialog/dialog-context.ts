import type { TemplateResult } from 'lit';
import { longDate as dateInWords, type SupportedLocale } from '../base/locale.js';
import type { FieldContext } from './form-controls.js';
import type { ReportDialogStringKey } from './report-dialog.strings.js';
import type { ReportFlow } from './report-flow.js';
import { dutchTimeZone } from './report-draft.js';

/** What every view module of the dialog renders from: the texts, the flow's state and actions. */
export interface DialogContext {
  t(key: ReportDialogStringKey, values?: Record<string, string | number>): string;
  /** A heading at the dialog's level plus `depth`; the step heading (`depth` 0) takes focus on each step. */
  heading(content: unknown, options?: { id?: string; depth?: number }): TemplateResult;
  readonly flow: ReportFlow;
  /** The error messages and "optional" word the form controls need. */
  readonly fields: FieldContext;
  readonly locale: SupportedLocale;
  /** Checklist signal ids the person agreed to take into the report. */
  readonly signals: readonly string[];
  /** The dialog element: events for the page are dispatched on it. */
  readonly host: HTMLElement;
  /** The page's support page, when it gave one. */
  readonly supportHref: string | undefined;
  /** Closes the dialog as its close button does (asking first when something would be lost). */
  requestClose(): void;
  /** Closes the dialog at once; `then` runs once it is closed (and focus went back to the button). */
  close(then?: () => void): void;
}

/**
 * A date (an ISO date-time from the backend) in words, in the dialog's language, on the day it is
 * in the Netherlands, where the organisation that sets the deadlines is.
 */
export function longDate(context: DialogContext, iso: string): string {
  const date = new Date(iso);
  // A backend's malformed date is shown as it came (as text), not thrown at the renderer.
  return Number.isNaN(date.getTime()) ? iso : dateInWords(context.locale, date, dutchTimeZone);
}

/** A moment in words with its time, Dutch time: "1 december 2026 om 14:03", "1 December 2026 at 14:03". */
export function dateAndTime(context: DialogContext, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(context.locale === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: dutchTimeZone }).format(date);
}
