import { html, nothing, type TemplateResult } from 'lit';
import type { CaseSummary } from '@weerbaar/sdk';
import { longDate } from '../base/locale.js';
import { caseInboxStrings, type CaseInboxStringKey } from './case-inbox.strings.js';
import { filtersView } from './filters-view.js';
import type { InboxContext } from './inbox-context.js';
import type { InboxList } from './inbox-list.js';
import { legalClock } from './legal-clock.js';

/** The filters and the list of cases with their clocks, its status line and "show more". */
export function listView(context: InboxContext, list: InboxList, open: (summary: CaseSummary) => void): TemplateResult {
  const { text } = context;
  return html`${filtersView(context, list)}
    <section aria-labelledby="list-heading">
      <div role="heading" aria-level=${Math.min(6, Math.trunc(context.headingLevel || 1) + 1)} part="subheading" class="heading heading-1" id="list-heading" tabindex="-1">${text('listHeading')}</div>
      <p role="status" part="status" class="status">${statusText(context, list)}</p>
      ${overdueTasksView(context, list)}
      ${list.status === 'error' ? html`<p><button type="button" class="secondary" part="retry-button" @click=${() => list.loadMore()}>${text('retry')}</button></p>` : nothing}
      ${list.items.length ? html`<ul class="cards" role="list">${list.items.map((item, index) => caseItemView(context, item, index, open))}</ul>` : nothing}
      ${list.hasMore && list.status === 'ready'
        ? html`<p><button type="button" class="secondary" part="show-more-button" @click=${() => list.loadMore()}>${text('showMore')}</button></p>`
        : nothing}
    </section>`;
}

function statusText({ text }: InboxContext, list: InboxList): string {
  if (list.status === 'loading') return text('loading');
  if (list.status === 'error') return text('loadError');
  if (list.items.length === 0) return text('empty');
  const shown = list.items.length === 1 ? text('shownCountOne') : text('shownCount', { count: list.items.length });
  return list.hasMore ? `${shown}; ${text('moreAvailable')}` : shown;
}

/** The open tasks past their due time on the cases this person may see (the safety net's protocols), in words. */
function overdueTasksView({ text }: InboxContext, list: InboxList): TemplateResult | typeof nothing {
  const count = list.counts?.overdueTasks ?? 0;
  if (count <= 0) return nothing;
  return html`<p class="clock overdue" part="overdue-tasks"><strong class="left">${count === 1 ? text('overdueTasksOne') : text('overdueTasks', { count })}</strong></p>`;
}

/** A case's next legal duty and the days left for it ("nog 1 dag", "te laat"). */
function clockView(context: InboxContext, item: CaseSummary): TemplateResult {
  const { text } = context;
  const clock = legalClock(item.deadlines, new Date());
  if (!clock) return html`<p class="clock" part="clock">${text('noOpenDeadline')}</p>`;
  const left = clock.overdue
    ? text('overdue')
    : clock.daysLeft <= 0
      ? text('dueToday')
      : clock.daysLeft === 1
        ? text('daysLeftOne')
        : text('daysLeft', { count: clock.daysLeft });
  const urgency = clock.overdue ? 'overdue' : clock.daysLeft <= 2 ? 'due-soon' : 'open';
  return html`<p class="clock ${urgency}" part="clock">
    ${text(`deadline-${clock.kind}`)}: <strong class="left">${left}</strong>
    <span class="due">(${text('dueOn', { date: longDate(context.locale, clock.dueAt) })})</span>
  </p>`;
}

/** A status, category or role in words; a value the console has no words for shows as it came. */
export function label({ text }: InboxContext, kind: 'status' | 'category' | 'role', value: string): string {
  const key = `${kind}-${value}` as CaseInboxStringKey;
  return key in caseInboxStrings.nl ? text(key) : value;
}

function caseItemView(context: InboxContext, item: CaseSummary, index: number, open: (summary: CaseSummary) => void): TemplateResult {
  const { text } = context;
  const received = new Date(item.receivedAt);
  const unread = item.unreadMessages ?? 0;
  const lateTasks = item.overdueTasks ?? 0;
  return html`<li class="card" part="case">
    ${context.heading(2, html`<button type="button" class="link" part="case-link" data-index=${index} @click=${() => open(item)}>${item.reference}</button>`, 'case-heading')}
    ${clockView(context, item)}
    <dl class="facts">
      <div><dt>${text('category')}</dt><dd>${label(context, 'category', item.category)}</dd></div>
      <div><dt>${text('role')}</dt><dd>${label(context, 'role', item.role)}</dd></div>
      <div><dt>${text('received')}</dt><dd>${Number.isNaN(received.getTime()) ? item.receivedAt : longDate(context.locale, received)}</dd></div>
      <div><dt>${text('status')}</dt><dd>${label(context, 'status', item.status)}</dd></div>
    </dl>
    ${item.encrypted || unread || item.assignedToMe || lateTasks
      ? html`<p class="badges">
          ${lateTasks ? html`<span class="badge overdue" part="case-overdue-tasks">${lateTasks === 1 ? text('caseOverdueTasksOne') : text('caseOverdueTasks', { count: lateTasks })}</span>` : nothing}
          ${item.encrypted ? html`<span class="badge">${text('encrypted')}</span>` : nothing}
          ${unread ? html`<span class="badge">${unread === 1 ? text('unreadMessagesOne') : text('unreadMessages', { count: unread })}</span>` : nothing}
          ${item.assignedToMe ? html`<span class="badge">${text('assignedToYou')}</span>` : nothing}
        </p>`
      : nothing}
  </li>`;
}

/** What the list knows of a case, for when the case view could not be loaded. */
export function caseSummaryView(context: InboxContext, item: CaseSummary): TemplateResult {
  const { text } = context;
  return html`<li class="card">
    ${clockView(context, item)}
    <dl class="facts">
      <div><dt>${text('category')}</dt><dd>${label(context, 'category', item.category)}</dd></div>
      <div><dt>${text('role')}</dt><dd>${label(context, 'role', item.role)}</dd></div>
      <div><dt>${text('status')}</dt><dd>${label(context, 'status', item.status)}</dd></div>
    </dl>
  </li>`;
}
