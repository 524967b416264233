import { html, type TemplateResult } from 'lit';
import type { CaseInboxStringKey } from './case-inbox.strings.js';
import type { InboxContext } from './inbox-context.js';
import { categories, roles, statuses, type InboxList } from './inbox-list.js';
import type { InboxFilters } from './inbox-order.js';

/** The filter form: status, category and role with a count per choice, overdue only, assigned to me. */
export function filtersView(context: InboxContext, list: InboxList): TemplateResult {
  const { text } = context;
  const { counts, filters } = list;
  const option = (label: string, count: number | undefined) => (count === undefined ? label : text('withCount', { label, count }));
  const select = <K extends 'status' | 'category' | 'role'>(
    name: K,
    values: readonly NonNullable<InboxFilters[K]>[],
    countsOf: Record<string, number> | undefined,
    all: CaseInboxStringKey,
  ) => html`<div class="field">
    <label for="filter-${name}">${text(name)}</label>
    <select id="filter-${name}" @change=${(event: Event) => list.setFilter(name, values.find((value) => value === (event.target as HTMLSelectElement).value))}>
      <option value="" ?selected=${!filters[name]}>${option(text(all), counts?.total)}</option>
      ${values.map(
        (value) => html`<option value=${value} ?selected=${filters[name] === value}>${option(text(`${name}-${value}` as CaseInboxStringKey), countsOf?.[value])}</option>`,
      )}
    </select>
  </div>`;
  const checkbox = (name: 'assignedToMe' | 'overdue', label: CaseInboxStringKey, count: number | undefined) => html`<div class="field checkbox">
    <input id="filter-${name}" type="checkbox" .checked=${Boolean(filters[name])} @change=${(event: Event) => list.setFilter(name, (event.target as HTMLInputElement).checked)} />
    <label for="filter-${name}">${option(text(label), count)}</label>
  </div>`;
  return html`<form class="row" part="filters" role="search" aria-label=${text('filtersLabel')} @submit=${(event: Event) => event.preventDefault()}>
    ${select('status', statuses, counts?.byStatus, 'statusAll')} ${select('category', categories, counts?.byCategory, 'categoryAll')}
    ${select('role', roles, counts?.byRole, 'roleAll')} ${checkbox('overdue', 'overdueOnly', counts?.overdue)}
    ${checkbox('assignedToMe', 'assignedToMe', counts?.assignedToMe)}
  </form>`;
}
