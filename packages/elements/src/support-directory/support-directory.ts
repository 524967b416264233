import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { ReporterRole, SupportContact, SupportDirectory as SupportDirectoryContent, SupportUrgency } from '@weerbaar/sdk';
import * as fieldLimits from '@weerbaar/sdk/field-limits';
import type { SupportedLocale } from '../base/locale.js';
import { mailtoHref, safeHref, telHref } from '../base/safe-url.js';
import type { WeerbaarContentClient } from '../base/content-client.js';
import { matchesShape, type Shape } from '../base/shape.js';
import { sharedStyles } from '../base/shared.styles.js';
import { cardListStyles } from '../base/card-list.styles.js';
import { WeerbaarElement } from '../base/weerbaar-element.js';
import { filterContacts, type ContactFilters } from './filter-contacts.js';
import { supportDirectoryStrings, type SupportDirectoryStringKey } from './support-directory.strings.js';
import { supportDirectoryStyles } from './support-directory.styles.js';

const roles: ReporterRole[] = ['civil-servant', 'administrator', 'council-member', 'other'];
// Emergency entries are always shown, so they are not a filter choice.
const urgencies: SupportUrgency[] = ['urgent', 'routine'];

// What the directory reads from a SupportDirectory (see shape.ts).
const directoryShape: Shape = {
  items: [
    {
      organisation: 's',
      'name?': 's',
      description: 's',
      'keywords?': ['s'],
      audience: ['s'],
      urgency: 's',
      availability: { always: 'b', 'hours?': 's' },
      'phone?': { number: 's', 'display?': 's' },
      'email?': 's',
      'url?': 's',
      'region?': 's',
      source: { url: 's', 'title?': 's' },
      verifiedOn: 's',
    },
  ],
};

/**
 * How many contacts each list shows before "show more". A directory is a handful of
 * organisations; a backend that sends thousands (broken or hostile) must not bury the filters
 * and the emergency number under an endless list that keyboard users have to tab through.
 */
export const contactsPerPage = 20;

/**
 * Who helps, now, for my role: the support directory, filterable by role, urgency and 24/7
 * availability and searchable by text. The emergency number is always on top, also while
 * loading, when nothing matches and when the directory cannot be loaded.
 *
 * Links are rendered only for `https:`, `tel:` and `mailto:` URLs; anything else from a backend
 * (for example `javascript:`) is shown as inert text.
 *
 * @tagname weerbaar-support-directory
 * @summary Who helps, now, for my role; 112 always on top.
 *
 * @csspart heading - The element's heading.
 * @csspart filters - The filter form.
 * @csspart emergency - The emergency box.
 * @csspart contact - Each contact.
 * @csspart contact-heading - Each contact's heading.
 * @csspart badge - Each contact's urgency label.
 * @csspart details - Each contact's details list.
 * @csspart status - The result count (a live region).
 * @csspart show-more-button - The button that shows the next contacts when there are more than fit one page (20).
 *
 * @cssproperty --weerbaar-support-directory-background-color - Background of each contact.
 * @cssproperty --weerbaar-support-directory-border-color - Border of each contact.
 * @cssproperty --weerbaar-support-directory-emergency-background-color - Background of the emergency box.
 * @cssproperty --weerbaar-support-directory-emergency-accent-color - Accent of the emergency box and emergency labels.
 * @cssproperty --weerbaar-support-directory-meta-color - Colour of the source and verification line.
 */
export class SupportDirectory extends WeerbaarElement<SupportDirectoryStringKey, SupportDirectoryContent> {
  static override styles = [sharedStyles, cardListStyles, supportDirectoryStyles];
  static override properties: PropertyDeclarations = {
    ...WeerbaarElement.properties,
    reporterRole: { type: String, attribute: 'reporter-role' },
    filters: { state: true, attribute: false },
    shown: { state: true, attribute: false },
  };

  /** The initial role filter (`civil-servant`, `administrator`, `council-member`, `other`); not `role`, which is ARIA's. */
  declare reporterRole: ReporterRole | undefined;
  declare private filters: ContactFilters;
  /** How many contacts each list shows now; back to one page when a filter changes. */
  declare private shown: number;

  protected readonly stringTables = supportDirectoryStrings;

  constructor() {
    super();
    this.filters = {};
    this.shown = contactsPerPage;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('reporterRole')) this.filters = { ...this.filters, role: roles.find((role) => role === this.reporterRole) };
  }

  protected fetchContent(client: WeerbaarContentClient, lang: SupportedLocale): Promise<SupportDirectoryContent> {
    // The whole directory once per language; filters apply in the browser (see filterContacts).
    return client.getSupportContacts({ lang });
  }

  protected isContent(value: unknown): value is SupportDirectoryContent {
    return matchesShape(value, directoryShape);
  }

  #setFilter<K extends keyof ContactFilters>(name: K, value: ContactFilters[K]): void {
    this.filters = { ...this.filters, [name]: value };
    this.shown = contactsPerPage;
  }

  override render(): TemplateResult {
    const { status, content } = this.contentState;
    const { emergency, others } = filterContacts(content?.items ?? [], this.filters);
    return html`<div class="directory" part="base" lang=${this.locale}>
      ${this.heading(0, this.text('title'))}
      ${this.#renderEmergency(emergency)} ${this.#renderFilters()}
      <section aria-labelledby="results-heading">
        ${this.heading(1, this.text('resultsHeading'), 'results-heading')}
        <p role="status" part="status" class="status">${this.#statusText(status, others.length)}</p>
        ${others.length ? html`<ul class="cards">${others.slice(0, this.shown).map((contact) => html`<li>${this.#renderContact(contact, 2)}</li>`)}</ul>` : nothing}
        ${this.#renderShowMore(Math.max(emergency.length, others.length))}
      </section>
    </div>`;
  }

  #renderShowMore(longest: number): TemplateResult | typeof nothing {
    if (longest <= this.shown) return nothing;
    return html`<p>
      <button type="button" class="secondary" part="show-more-button" @click=${() => (this.shown += contactsPerPage)}>
        ${this.text('showMore', { shown: this.shown, count: longest })}
      </button>
    </p>`;
  }

  #statusText(status: string, count: number): string {
    if (status === 'loading') return this.text('loading');
    if (status === 'error') return this.text('error');
    if (count === 0) return this.text('empty');
    return count === 1 ? this.text('resultCountOne') : this.text('resultCount', { count });
  }

  #renderEmergency(emergency: SupportContact[]): TemplateResult {
    return html`<section class="emergency" part="emergency" aria-labelledby="emergency-heading">
      ${this.heading(1, this.text('emergencyHeading'), 'emergency-heading')}
      ${emergency.length
        ? html`<ul class="cards">${emergency.slice(0, this.shown).map((contact) => html`<li>${this.#renderContact(contact, 2)}</li>`)}</ul>`
        : html`<p>${this.text('emergencyDescription')}</p>
            <p><a class="call" href="tel:112">${this.text('emergencyOrganisation')}</a></p>`}
    </section>`;
  }

  #renderFilters(): TemplateResult {
    const { role, urgency, available247, q } = this.filters;
    return html`<form class="row" part="filters" role="search" aria-label=${this.text('filtersLabel')} @submit=${(event: Event) => event.preventDefault()}>
      <div class="field">
        <label for="role">${this.text('role')}</label>
        <select id="role" @change=${(event: Event) => this.#setFilter('role', roles.find((item) => item === (event.target as HTMLSelectElement).value))}>
          <option value="" ?selected=${!role}>${this.text('roleAll')}</option>
          ${roles.map((item) => html`<option value=${item} ?selected=${role === item}>${this.text(`role-${item}`)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="urgency">${this.text('urgency')}</label>
        <select id="urgency" @change=${(event: Event) => this.#setFilter('urgency', urgencies.find((item) => item === (event.target as HTMLSelectElement).value))}>
          <option value="" ?selected=${!urgency}>${this.text('urgencyAll')}</option>
          ${urgencies.map((item) => html`<option value=${item} ?selected=${urgency === item}>${this.text(`urgency-${item}`)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="q">${this.text('search')}</label>
        <p id="q-hint" class="hint">${this.text('searchHint')}</p>
        <input id="q" type="search" maxlength=${fieldLimits.getSupportContactsQuery.q.maxLength} autocomplete="off" aria-describedby="q-hint" .value=${q ?? ''} @input=${(event: Event) => this.#setFilter('q', (event.target as HTMLInputElement).value)} />
      </div>
      <div class="field checkbox">
        <input id="available247" type="checkbox" .checked=${!!available247} @change=${(event: Event) => this.#setFilter('available247', (event.target as HTMLInputElement).checked)} />
        <label for="available247">${this.text('available247')}</label>
      </div>
    </form>`;
  }

  #renderContact(contact: SupportContact, depth: number): TemplateResult {
    const phone = contact.phone ? telHref(contact.phone.number) : undefined;
    const email = contact.email ? mailtoHref(contact.email) : undefined;
    const website = safeHref(contact.url);
    const source = safeHref(contact.source.url);
    return html`<article class="card urgency-${contact.urgency}" part="contact">
      ${this.heading(depth, contact.name ? `${contact.organisation}: ${contact.name}` : contact.organisation)}
      <p><span class="badge" part="badge">${this.text(`urgency-${contact.urgency}`)}</span></p>
      ${contact.description ? html`<p>${contact.description}</p>` : nothing}
      <dl part="details">
        ${contact.phone
          ? this.#detail('phone', phone ? html`<a href=${phone}>${contact.phone.display || contact.phone.number}</a>` : contact.phone.display)
          : nothing}
        ${contact.email ? this.#detail('email', email ? html`<a href=${email}>${contact.email}</a>` : contact.email) : nothing}
        ${contact.url ? this.#detail('website', website ? html`<a href=${website}>${new URL(website).host}</a>` : contact.url) : nothing}
        ${contact.availability.always || contact.availability.hours ? this.#detail('hours', contact.availability.always ? this.text('always') : contact.availability.hours) : nothing}
        ${contact.region ? this.#detail('region', contact.region) : nothing}
        ${this.#detail('audience', contact.audience.map((role) => this.text(`role-${role}`)).join(', '))}
      </dl>
      <p class="meta">
        ${this.text('source')}:
        ${source ? html`<a href=${source}>${contact.source.title ?? new URL(source).host}</a>` : (contact.source.title ?? contact.source.url)}.
        ${this.text('verifiedOn', { date: this.#formatDate(contact.verifiedOn) })}
      </p>
    </article>`;
  }

  #detail(label: SupportDirectoryStringKey, value: unknown): TemplateResult {
    return html`<div class="detail"><dt>${this.text(label)}</dt><dd>${value}</dd></div>`;
  }

  // A day in words ("28 november 2026") with the month names of the texts, not Intl.DateTimeFormat:
  // the page's first date format loads the browser's date data, 30–60 ms inside this render (the
  // host-page trace of issue 19). A value that is no date is shown as it came.
  #formatDate(date: string): string {
    const [, year, month, day] = /^(\d{4})-(\d\d)-(\d\d)$/.exec(date) ?? [];
    const monthName = this.text('months').split(' ')[Number(month) - 1];
    return monthName ? `${Number(day)} ${monthName} ${year}` : date;
  }
}
