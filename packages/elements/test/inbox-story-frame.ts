// A frame for the console's state stories: renders one of <weerbaar-case-inbox>'s view templates
// with the element's own styles, texts and language, so a signed-in state can be shown from sample
// data without a backend. Stories only: never in the build.
import { LitElement, html, type PropertyDeclarations, type TemplateResult } from 'lit';
import { defineElement } from '../src/base/define-element.js';
import { LocaleController } from '../src/base/locale-controller.js';
import { cardListStyles } from '../src/base/card-list.styles.js';
import { sharedStyles } from '../src/base/shared.styles.js';
import { caseInboxStrings, type CaseInboxStringKey } from '../src/case-inbox/case-inbox.strings.js';
import { caseInboxStyles } from '../src/case-inbox/case-inbox.styles.js';
import type { InboxContext } from '../src/case-inbox/inbox-context.js';

/** What a story shows: a view of the console, rendered from the frame's context (the frame is the views' host). */
export type InboxStoryView = (context: InboxContext, frame: InboxStoryFrame) => TemplateResult;

export class InboxStoryFrame extends LitElement {
  static override styles = [sharedStyles, cardListStyles, caseInboxStyles];
  static override properties: PropertyDeclarations = { view: { attribute: false } };
  declare view: InboxStoryView | undefined;
  // Read by the console's controllers (ConsoleHost): a frame has no backend.
  readonly api = undefined;
  readonly idleTimeout = undefined;
  readonly authenticator = undefined;
  readonly oidcRedirectUri = undefined;
  readonly strings = undefined;

  readonly #lang = new LocaleController<CaseInboxStringKey>(this, () => caseInboxStrings);

  get #context(): InboxContext {
    const lang = this.#lang;
    return {
      text: (key, values) => lang.text(key, values),
      // As the console's own headings at its default level 1.
      heading: (depth, content, part = depth === 0 ? 'heading' : 'subheading') =>
        html`<div role="heading" aria-level=${Math.min(6, 1 + depth)} part=${part} class="heading heading-${Math.min(depth, 2)}" tabindex="-1">${content}</div>`,
      locale: lang.locale,
      headingLevel: 1,
    };
  }

  override render(): TemplateResult {
    return html`<div class="console" part="base" lang=${this.#lang.locale}>${this.view?.(this.#context, this)}</div>`;
  }
}

defineElement('weerbaar-inbox-story-frame', InboxStoryFrame);

declare global {
  interface HTMLElementTagNameMap {
    'weerbaar-inbox-story-frame': InboxStoryFrame;
  }
}

/** A frame showing `view`. */
export const inboxStoryFrame = (view: InboxStoryView): TemplateResult => html`<weerbaar-inbox-story-frame .view=${view}></weerbaar-inbox-story-frame>`;
