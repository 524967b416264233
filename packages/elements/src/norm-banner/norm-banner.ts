import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { NormCollection } from '@weerbaar/sdk';
import { emit } from '../base/events.js';
import type { SupportedLocale } from '../base/locale.js';
import { safeHref } from '../base/safe-url.js';
import { matchesShape, type Shape } from '../base/shape.js';
import type { WeerbaarContentClient } from '../base/content-client.js';
import { sharedStyles } from '../base/shared.styles.js';
import { WeerbaarElement } from '../base/weerbaar-element.js';
import { normBannerStrings, type NormBannerStringKey } from './norm-banner.strings.js';
import { normBannerStyles } from './norm-banner.styles.js';

type Norm = NormCollection['items'][number];
type NormLink = Norm['links'][number];
export type NormBannerVariant = Norm['variant'];

const storagePrefix = 'weerbaar:norm-dismissed:';

// What the banner reads from a NormCollection (see shape.ts).
const normCollectionShape: Shape = { items: [{ id: 's', version: 'n', variant: 's', title: 's', statement: 's', links: [{ rel: 's', label: 's', 'href?': 's' }] }] };

/**
 * The organisation's norm: undue influence on officials and representatives is not normal, and
 * reporting helps.
 *
 * Content comes from the backend (`api`, the first norm or the one named by `norm-id`), from
 * inline JSON (a `NormCollection` in a `<script type="application/json">` child or the `content`
 * property), or from slotted light DOM, which is on the page before any script runs.
 *
 * @tagname weerbaar-norm-banner
 * @summary States the organisation's norm, with links to report and to support.
 *
 * @slot heading - The norm's heading, when the content is slotted (e.g. an `<h2>`).
 * @slot - The norm statement, when the content is slotted.
 * @slot links - Links (e.g. to report and to support), when the content is slotted.
 *
 * @csspart banner - The banner's box.
 * @csspart placeholder - The reserved space shown while content loads.
 * @csspart heading - The norm's title (backend or inline JSON content).
 * @csspart badge - The "urgent" label of an urgent notice.
 * @csspart statement - The norm statement (backend or inline JSON content).
 * @csspart links - The list of links.
 * @csspart link - Each link or link-like button.
 * @csspart hide-button - The button that hides a dismissible norm.
 *
 * @cssproperty --weerbaar-norm-banner-background-color - Background of an informational norm.
 * @cssproperty --weerbaar-norm-banner-accent-color - Accent border of an informational norm.
 * @cssproperty --weerbaar-norm-banner-urgent-background-color - Background of an urgent notice.
 * @cssproperty --weerbaar-norm-banner-urgent-accent-color - Accent border and label of an urgent notice.
 * @cssproperty --weerbaar-norm-banner-color - Text colour.
 * @cssproperty --weerbaar-norm-banner-accent-width - Width of the accent border at the start side.
 * @cssproperty --weerbaar-norm-banner-padding-block - Padding above and below.
 * @cssproperty --weerbaar-norm-banner-padding-inline - Padding at the start and end.
 * @cssproperty --weerbaar-norm-banner-min-block-size - Space reserved before content arrives (no layout shift).
 *
 * @fires weerbaar-norm-dismiss - The person hid the norm; detail `{ id, version }`.
 * @fires weerbaar-report-request - A `report` link was activated; cancel it to handle the report yourself. Detail `{ signals: [] }`.
 * @fires weerbaar-support-request - A `support` link was activated; cancel it to handle it yourself.
 */
export class NormBanner extends WeerbaarElement<NormBannerStringKey, NormCollection> {
  static override styles = [sharedStyles, normBannerStyles];
  static override properties: PropertyDeclarations = {
    ...WeerbaarElement.properties,
    variant: { type: String, reflect: true },
    normId: { type: String, attribute: 'norm-id' },
    normVersion: { type: Number, attribute: 'norm-version' },
    dismissible: { type: Boolean, reflect: true },
    dismissed: { state: true, attribute: false },
  };

  /** `info` (the standing norm) or `urgent` (a notice that cannot be hidden), for slotted content. */
  declare variant: NormBannerVariant;
  /** The norm's id: selects a norm from backend or JSON content; identifies slotted content for dismissal. */
  declare normId: string | undefined;
  /** The version of slotted content; a new version shows again after a dismissal. */
  declare normVersion: number;
  /** Whether an informational norm may be hidden. Urgent notices never can. */
  declare dismissible: boolean;
  declare private dismissed: string | undefined;

  protected readonly stringTables = normBannerStrings;

  constructor() {
    super();
    this.variant = 'info';
    this.normVersion = 1;
    this.dismissible = false;
  }

  protected fetchContent(client: WeerbaarContentClient, lang: SupportedLocale): Promise<NormCollection> {
    return client.getNorms({ lang });
  }

  protected isContent(value: unknown): value is NormCollection {
    return matchesShape(value, normCollectionShape);
  }

  /**
   * The norm shown: the one named by `norm-id`, else the most important one the person has not
   * hidden (items come most important first); `undefined` norm means the slotted content.
   */
  #selectedNorm(): { norm?: Norm; show: boolean } {
    const { status, content } = this.contentState;
    if (status !== 'ready') return { show: false };
    if (!content) return { show: true };
    const norm = this.normId ? content.items.find((item) => item.id === this.normId) : content.items.find((item) => !this.#isHidden(item.id, item.version, item.variant));
    return { norm, show: norm !== undefined };
  }

  // Urgent notices can never be hidden: a warning that stays away after one click could leave
  // someone unaware of a current danger.
  #canHide(id: string | undefined, variant: NormBannerVariant): id is string {
    return this.dismissible && variant !== 'urgent' && id !== undefined;
  }

  #isHidden(id: string | undefined, version: number, variant: NormBannerVariant): boolean {
    return this.#canHide(id, variant) && this.#isDismissed(id, version);
  }

  override render(): TemplateResult | typeof nothing {
    const { status } = this.contentState;
    if (status === 'loading') return html`<div class="placeholder" part="placeholder" aria-hidden="true"></div>`;
    if (status === 'error') return this.#hasSlottedContent() ? this.#renderBanner(undefined) : nothing;
    const { norm, show } = this.#selectedNorm();
    return show ? this.#renderBanner(norm) : nothing;
  }

  #hasSlottedContent(): boolean {
    return this.querySelector(':scope > :not(script)') !== null;
  }

  #renderBanner(norm: Norm | undefined): TemplateResult | typeof nothing {
    const id = norm?.id ?? this.normId;
    const version = norm?.version ?? this.normVersion;
    const variant = norm?.variant ?? this.variant;
    const canHide = this.#canHide(id, variant);
    if (this.#isHidden(id, version, variant)) return nothing;
    const title = norm?.title ?? this.querySelector('[slot="heading"]')?.textContent?.trim() ?? '';
    return html`
      <div class="banner ${variant === 'urgent' ? 'urgent' : ''}" part="banner" lang=${this.locale}>
        <div class="body">
          ${variant === 'urgent' ? html`<span class="badge" part="badge">${this.text('urgent')}</span>` : nothing}
          ${norm
            ? html`${this.heading(0, norm.title)}
                <p part="statement">${norm.statement}</p>
                ${this.#renderLinks(norm.links)}`
            : html`<slot name="heading"></slot><slot></slot><slot name="links"></slot>`}
        </div>
        ${canHide
          ? html`<button
              type="button"
              class="secondary"
              part="hide-button"
              aria-label=${this.text('hideLabel', { title })}
              @click=${() => this.#dismiss(id, version)}
            >
              ${this.text('hide')}
            </button>`
          : nothing}
      </div>
    `;
  }

  #renderLinks(links: NormLink[]): TemplateResult | typeof nothing {
    const rendered = links.map((link) => this.#renderLink(link)).filter((item) => item !== nothing);
    return rendered.length ? html`<ul class="links" part="links">${rendered.map((item) => html`<li>${item}</li>`)}</ul>` : nothing;
  }

  #renderLink(link: NormLink): TemplateResult | typeof nothing {
    const href = safeHref(link.href);
    const request = link.rel === 'report' || link.rel === 'support' ? link.rel : undefined;
    // A report or support link first asks the page (the report button, the support directory):
    // when something there handles it, the link is not followed.
    const onActivate = (event: Event) => {
      if (!request) return;
      const handledElsewhere = request === 'report' ? !emit(this, 'weerbaar-report-request', { signals: [] }) : !emit(this, 'weerbaar-support-request', {});
      if (handledElsewhere || !href) event.preventDefault();
    };
    if (href) return html`<a href=${href} part="link" @click=${onActivate}>${link.label}</a>`;
    if (request) return html`<button type="button" class="secondary" part="link" @click=${onActivate}>${link.label}</button>`;
    return nothing;
  }

  #storageKey(id: string, version: number): string {
    return `${storagePrefix}${id}:${version}`;
  }

  // localStorage holds only "this person hid norm X version N" — no report content, nothing about
  // the person — and no cookie is set. Storage that is blocked or full just means the norm shows again.
  #isDismissed(id: string, version: number): boolean {
    const key = this.#storageKey(id, version);
    if (this.dismissed === key) return true;
    try {
      return localStorage.getItem(key) === '1';
    } catch {
      return false;
    }
  }

  #dismiss(id: string, version: number): void {
    const key = this.#storageKey(id, version);
    try {
      localStorage.setItem(key, '1');
    } catch {
      // Remembered for this page view only.
    }
    this.dismissed = key;
    emit(this, 'weerbaar-norm-dismiss', { id, version });
  }
}
