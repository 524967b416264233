import { html, type TemplateResult } from 'lit';
import { longDate } from '../base/locale.js';
import { format } from '../base/strings.js';
import { dilemmaPageStrings, type DilemmaStringKey } from './dilemmas.strings.js';
import type { InboxContext } from './inbox-context.js';

/** What the dilemmas page renders from: the console's context and the page's own texts. */
export interface DilemmaContext {
  inbox: InboxContext;
  t(key: DilemmaStringKey, values?: Record<string, string | number>): string;
  /** A heading `depth` levels below the console's, with an id to move focus to. */
  heading(depth: number, id: string, content: unknown): TemplateResult;
}

/** The page's context; `overrides` are the console's `strings`, which may hold these keys too. */
export function dilemmaContext(inbox: InboxContext, overrides: Partial<Record<string, string>> | undefined): DilemmaContext {
  return {
    inbox,
    t: (key, values) => {
      const template = overrides?.[key] ?? dilemmaPageStrings[inbox.locale][key];
      return values ? format(template, values) : template;
    },
    heading: (depth, id, content) => {
      const level = Math.min(6, Math.max(1, Math.trunc(inbox.headingLevel || 1) + depth));
      return html`<div role="heading" aria-level=${level} id=${id} class="heading heading-${Math.min(depth, 2)}" tabindex="-1">${content}</div>`;
    },
  };
}

/** A day in words in the Netherlands' time zone; a malformed date from the backend as it came. */
export function inWords(context: DilemmaContext, iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : longDate(context.inbox.locale, date, 'Europe/Amsterdam');
}
